"""A widget showing one RGB frame, letterboxed, with a skeleton and caption overlays."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from .skeleton import LEFT_COLOUR, RIGHT_COLOUR, draw_rings, draw_skeleton, rgb_to_qimage


class FrameView(QWidget):
    """Paints the last frame given, its pose (pixels) and text overlays."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image: QImage | None = None
        self._points: np.ndarray | None = None
        self.rings: list = []  # flagged joints to ring (review.flagged_joints.FlaggedJoint)
        self._banner = ""  # top, e.g. framing guidance
        self._big = ""  # centre, e.g. countdown
        self._corner = ""  # top right, e.g. reps
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def set_frame(self, image: np.ndarray | None, points: np.ndarray | None = None, rings=()) -> None:
        self._image = None if image is None else rgb_to_qimage(image)
        self._points = points
        self.rings = list(rings)
        self.update()

    def set_overlays(self, banner: str = "", big: str = "", corner: str = "") -> None:
        if (banner, big, corner) != (self._banner, self._big, self._corner):
            self._banner, self._big, self._corner = banner, big, corner
            self.update()

    def image_rect(self) -> QRectF:
        """Where the frame is drawn inside the widget (aspect ratio kept)."""
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111"))
        if self._image is None:
            painter.setPen(QColor("#888"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No video")
        else:
            target = self.image_rect()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
            if self._points is not None:
                scale = target.width() / self._image.width()
                draw_skeleton(painter, self._points, scale, QPointF(target.x(), target.y()))
                radius = max(10.0, 0.035 * target.height())
                painter.setFont(QFont(self.font().family(), 11, QFont.Weight.Bold))
                draw_rings(painter, self._points, self.rings, scale, QPointF(target.x(), target.y()), radius)
            self._draw_legend(painter, target)
        self._draw_texts(painter)
        painter.end()

    def _draw_legend(self, painter: QPainter, target: QRectF) -> None:
        painter.setFont(QFont(self.font().family(), 9))
        x, y = target.x() + 8, target.bottom() - 10
        for text, colour in (("client's left", LEFT_COLOUR), ("client's right", RIGHT_COLOUR)):
            painter.fillRect(QRectF(x, y - 9, 10, 10), colour)
            painter.setPen(QColor("white"))
            painter.drawText(QPointF(x + 14, y), text)
            x += 100

    def _draw_texts(self, painter: QPainter) -> None:
        if self._banner:
            painter.setFont(QFont(self.font().family(), 14, QFont.Weight.Bold))
            top = self.image_rect().top() if self._image is not None else 0
            box = QRectF(0, top + 8, self.width(), 34)
            painter.fillRect(box.adjusted(20, 0, -20, 0), QColor(180, 40, 40, 200))
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._banner)
        if self._corner:
            painter.setFont(QFont(self.font().family(), 16, QFont.Weight.Bold))
            area = self.image_rect() if self._image is not None else QRectF(self.rect())
            box = QRectF(area.right() - 220, area.bottom() - 44, 210, 34)
            painter.fillRect(box, QColor(0, 0, 0, 160))
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._corner)
            if self._corner.startswith("REC"):
                painter.setBrush(QColor("#e23b3b"))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(box.left() + 16, box.center().y()), 7, 7)
        if self._big:
            painter.setFont(QFont(self.font().family(), 96, QFont.Weight.Bold))
            painter.setPen(QColor(255, 255, 255, 230))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._big)
