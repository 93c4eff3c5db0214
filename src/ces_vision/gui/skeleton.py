"""Drawing a pose over a video frame with QPainter, subject's left and right in two colours."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from ..landmarks import LEFT_SIDE_RGB, RIGHT_SIDE_RGB, SKELETON_EDGES

LEFT_COLOUR = QColor(*LEFT_SIDE_RGB)  # subject's left (odd landmarks), as in the reports
RIGHT_COLOUR = QColor(*RIGHT_SIDE_RGB)  # subject's right (even landmarks)
MIDDLE_COLOUR = QColor("#f5f5f5")
FLAG_COLOUR = QColor("#ffd400")  # the ring on a flagged joint: neither side's colour


def side_colour(a: int, b: int) -> QColor:
    """Colour of the edge a-b: left, right, or a cross-body edge."""
    if a % 2 == 1 and b % 2 == 1:
        return LEFT_COLOUR
    if a % 2 == 0 and b % 2 == 0 and a != 0 and b != 0:
        return RIGHT_COLOUR
    return MIDDLE_COLOUR


def rgb_to_qimage(image: np.ndarray) -> QImage:
    """A QImage sharing nothing with `image` ((H, W, 3) uint8 RGB)."""
    image = np.ascontiguousarray(image)
    h, w = image.shape[:2]
    return QImage(image.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def draw_skeleton(painter: QPainter, points: np.ndarray, scale: float, offset: QPointF, width: float = 3.0) -> None:
    """Draw `points` ((33, 2) image pixels, NaN = missing) scaled and shifted into the widget."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def at(i: int) -> QPointF:
        return QPointF(offset.x() + points[i, 0] * scale, offset.y() + points[i, 1] * scale)

    for a, b in SKELETON_EDGES:
        if np.isnan(points[a]).any() or np.isnan(points[b]).any():
            continue
        painter.setPen(QPen(side_colour(a, b), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(at(a), at(b))
    painter.setPen(Qt.PenStyle.NoPen)
    for i in range(11, points.shape[0]):
        if np.isnan(points[i]).any():
            continue
        painter.setBrush(LEFT_COLOUR if i % 2 else RIGHT_COLOUR)
        painter.drawEllipse(at(i), width + 1, width + 1)


def draw_rings(painter: QPainter, points: np.ndarray, rings, scale: float, offset: QPointF, radius: float) -> None:
    """Ring each flagged joint (`rings`: objects with .landmark and .label) and name it once."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    named = set()
    for ring in rings:
        x, y = points[ring.landmark]
        if np.isnan(x) or np.isnan(y):
            continue
        centre = QPointF(offset.x() + x * scale, offset.y() + y * scale)
        painter.setPen(QPen(QColor(0, 0, 0, 160), 6))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(FLAG_COLOUR, 3))
        painter.drawEllipse(centre, radius, radius)
        if ring.label not in named:
            named.add(ring.label)
            at = centre + QPointF(radius + 4, -radius)
            painter.setPen(QColor(0, 0, 0, 200))  # a shadow keeps the name legible on a light floor or wall
            painter.drawText(at + QPointF(1, 1), ring.label)
            painter.setPen(FLAG_COLOUR)
            painter.drawText(at, ring.label)
