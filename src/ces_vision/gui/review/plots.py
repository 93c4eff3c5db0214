"""Angle plots drawn with QPainter (QtCharts is not in PySide6-Essentials).

Each plot shows one metric over the clip, the subject's left and right in the skeleton's
colours, reps shaded and the playhead; clicking a plot seeks the video.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..skeleton import LEFT_COLOUR, RIGHT_COLOUR
from .timeline import PLAYHEAD_COLOUR, REP_COLOUR

# Metrics worth plotting first, per view (names from kinematics.catalog).
PLOTTED = {
    "front": ("knee_fppa", "knee_ankle_gap_ratio", "foot_turn_out"),
    "back": ("heel_lift", "rearfoot_angle", "hip_shift"),
    "side": ("trunk_shin_diff", "knee_flexion", "arm_trunk_angle"),
}
VALUE_COLOUR = QColor("#e6e6e6")
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 44, 8, 18, 6


def _path(xs: np.ndarray, ys: np.ndarray, to_point) -> QPainterPath:
    """A polyline that breaks at NaN (missing data is never bridged)."""
    path = QPainterPath()
    pen_down = False
    for x, y in zip(xs, ys):
        if not np.isfinite(y):
            pen_down = False
            continue
        point = to_point(x, y)
        path.lineTo(point) if pen_down else path.moveTo(point)
        pen_down = True
    return path


class AnglePlot(QWidget):
    """One metric over the clip. Emits `seek_requested(frame)` when clicked."""

    seek_requested = Signal(int)

    def __init__(self, title: str, unit: str, lines: list[tuple[str, np.ndarray, QColor]], reps, parent=None):
        super().__init__(parent)
        self.title, self._unit, self._lines, self._reps = title, unit, lines, tuple(reps)
        self._n = max((len(values) for _, values, _ in lines), default=0)
        finite = np.concatenate([values[np.isfinite(values)] for _, values, _ in lines]) if lines else np.zeros(0)
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        pad = max(1e-6, (high - low) * 0.08)
        self._low, self._high = low - pad, high + pad
        self._position = 0
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Click to show that moment of the video")

    def sizeHint(self) -> QSize:
        return QSize(400, 120)

    def set_position(self, frame: int) -> None:
        self._position = frame
        self.update()

    def _plot_rect(self) -> QRectF:
        return QRectF(
            _MARGIN_LEFT, _MARGIN_TOP,
            self.width() - _MARGIN_LEFT - _MARGIN_RIGHT, self.height() - _MARGIN_TOP - _MARGIN_BOTTOM,
        )

    def _to_point(self, rect: QRectF):
        span_x = max(1, self._n - 1)
        span_y = self._high - self._low

        def point(x: float, y: float) -> QPointF:
            return QPointF(rect.left() + rect.width() * x / span_x, rect.bottom() - rect.height() * (y - self._low) / span_y)

        return point

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#1c1c1c"))
        rect = self._plot_rect()
        to_point = self._to_point(rect)
        for rep in self._reps:
            left, right = to_point(rep.start, self._low), to_point(rep.end, self._low)
            painter.fillRect(QRectF(left.x(), rect.top(), right.x() - left.x(), rect.height()), REP_COLOUR)
        painter.setPen(QColor("#555"))
        painter.drawRect(rect)
        if self._low < 0 < self._high:
            zero = to_point(0, 0).y()
            painter.setPen(QPen(QColor("#666"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), zero), QPointF(rect.right(), zero))
        xs = np.arange(self._n)
        for _, values, colour in self._lines:
            painter.setPen(QPen(colour, 1.8))
            painter.drawPath(_path(xs, values, to_point))
        self._draw_labels(painter, rect)
        x = to_point(self._position, self._low).x()
        painter.setPen(QPen(PLAYHEAD_COLOUR, 2))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.end()

    def _draw_labels(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(QFont(self.font().family(), 8))
        painter.setPen(QColor("#bbb"))
        fmt = "{:.0f}" if self._unit == "deg" else "{:.2f}"
        painter.drawText(QRectF(0, rect.top() - 6, _MARGIN_LEFT - 4, 12), Qt.AlignmentFlag.AlignRight, fmt.format(self._high))
        painter.drawText(QRectF(0, rect.bottom() - 10, _MARGIN_LEFT - 4, 12), Qt.AlignmentFlag.AlignRight, fmt.format(self._low))
        x = rect.left() + 4
        painter.setPen(QColor("#eee"))
        painter.drawText(QPointF(x, 13), f"{self.title} ({self._unit})")
        x += painter.fontMetrics().horizontalAdvance(f"{self.title} ({self._unit})") + 14
        for label, _, colour in self._lines:
            painter.setPen(colour)
            painter.drawText(QPointF(x, 13), label)
            x += painter.fontMetrics().horizontalAdvance(label) + 10

    def mousePressEvent(self, event) -> None:
        rect = self._plot_rect()
        if self._n and event.button() == Qt.MouseButton.LeftButton:
            fraction = (event.position().x() - rect.left()) / max(1.0, rect.width())
            self.seek_requested.emit(round(min(1.0, max(0.0, fraction)) * (self._n - 1)))


class PlotStack(QWidget):
    """The plots of one clip, stacked; forwards seeks and the playhead."""

    seek_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.plots: list[AnglePlot] = []

    def set_kinematics(self, kinematics, view: str) -> None:
        for plot in self.plots:
            plot.deleteLater()
        self.plots = []
        if kinematics is None:
            return
        names = [n for n in PLOTTED.get(view, ()) if n in kinematics.series]
        for name in names:
            plot = AnglePlot(name.replace("_", " "), kinematics.series[name].spec.unit, _lines(kinematics.series[name]), kinematics.reps)
            plot.seek_requested.connect(self.seek_requested)
            self._layout.addWidget(plot)
            self.plots.append(plot)

    def set_position(self, frame: int) -> None:
        for plot in self.plots:
            plot.set_position(frame)


def _lines(series) -> list[tuple[str, np.ndarray, QColor]]:
    if series.spec.bilateral:
        return [("left", np.asarray(series.left, float), LEFT_COLOUR), ("right", np.asarray(series.right, float), RIGHT_COLOUR)]
    return [("", np.asarray(series.value, float), VALUE_COLOUR)]
