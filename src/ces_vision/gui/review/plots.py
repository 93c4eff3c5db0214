"""Angle plots drawn with QPainter (QtCharts is not in PySide6-Essentials).

Each plot shows one metric over the clip, the subject's left and right in the skeleton's
colours, reps shaded, the cut-off where the screen's rule fires and the playhead;
clicking a plot seeks the video.

Everything but the playhead is drawn once into a pixmap (again only on resize or new
data): playback repaints the pixmap and one line, a handful of Qt calls per frame
instead of one per data point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ...kinematics.catalog import metric_label
from ...reports.threshold_lines import finding_threshold
from ..skeleton import LEFT_COLOUR, RIGHT_COLOUR
from .timeline import PLAYHEAD_COLOUR, REP_COLOUR

# Metrics worth plotting when nothing is flagged, per view (names from kinematics.catalog).
PLOTTED = {
    "front": ("knee_fppa", "knee_ankle_gap_ratio", "foot_turn_out"),
    "back": ("heel_lift", "rearfoot_angle", "hip_shift"),
    "side": ("trunk_shin_diff", "knee_flexion", "arm_trunk_angle"),
}
VALUE_COLOUR = QColor("#e6e6e6")
CUT_OFF_COLOUR = QColor("#e23b3b")
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 44, 8, 18, 6


@dataclass(frozen=True, slots=True)
class CutOff:
    """A horizontal line where a rule fires: `y` in the metric's units, on `side`'s series."""

    y: float
    side: str | None  # "left" / "right", or None for the one-value series


def _runs(values: np.ndarray) -> list[slice]:
    """The stretches of consecutive finite values (missing data is never bridged)."""
    finite = np.isfinite(values)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], finite.astype(np.int8), [0]))))
    return [slice(start, stop) for start, stop in zip(edges[::2], edges[1::2])]


class AnglePlot(QWidget):
    """One metric over the clip. Emits `seek_requested(frame)` when clicked."""

    seek_requested = Signal(int)

    def __init__(
        self,
        title: str,
        unit: str,
        lines: list[tuple[str, np.ndarray, QColor]],
        reps,
        cut_offs: tuple[CutOff, ...] = (),
        parent=None,
    ):
        super().__init__(parent)
        self.title, self._unit, self._lines, self._reps = title, unit, lines, tuple(reps)
        self.cut_offs = tuple(cut_offs)
        self._n = max((len(values) for _, values, _ in lines), default=0)
        finite = [values[np.isfinite(values)] for _, values, _ in lines] + [np.array([c.y for c in self.cut_offs])]
        finite = np.concatenate(finite)
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        pad = max(1e-6, (high - low) * 0.08)
        self._low, self._high = low - pad, high + pad
        self._position = 0
        self._static: QPixmap | None = None
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._heading = title + (f" ({unit})" if unit == "deg" else "")  # ratio labels say "share of"
        tip = f"{self._heading}\nClick to show that moment of the video"
        if self.cut_offs:
            tip += "\nDashed lines: where the screen flags it (the cut-off)"
        self.setToolTip(tip)

    def sizeHint(self) -> QSize:
        return QSize(400, 120)

    def set_position(self, frame: int) -> None:
        self._position = frame
        self.update()

    def resizeEvent(self, event) -> None:
        self._static = None
        super().resizeEvent(event)

    def _plot_rect(self) -> QRectF:
        return QRectF(
            _MARGIN_LEFT,
            _MARGIN_TOP,
            self.width() - _MARGIN_LEFT - _MARGIN_RIGHT,
            self.height() - _MARGIN_TOP - _MARGIN_BOTTOM,
        )

    def _x(self, rect: QRectF, frame: float) -> float:
        return rect.left() + rect.width() * frame / max(1, self._n - 1)

    def _y(self, rect: QRectF, value: float) -> float:
        return rect.bottom() - rect.height() * (value - self._low) / (self._high - self._low)

    def paintEvent(self, event) -> None:
        if self._static is None or self._static.size() != self.size():
            self._static = self._draw_static()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static)
        rect = self._plot_rect()
        x = self._x(rect, self._position)
        painter.setPen(QPen(PLAYHEAD_COLOUR, 2))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.end()

    def _draw_static(self) -> QPixmap:
        """Background, reps, zero line, data, cut-offs and labels: everything that does not move."""
        pixmap = QPixmap(self.size())
        pixmap.fill(QColor("#1c1c1c"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._plot_rect()
        for rep in self._reps:
            left, right = self._x(rect, rep.start), self._x(rect, rep.end)
            painter.fillRect(QRectF(left, rect.top(), right - left, rect.height()), REP_COLOUR)
        painter.setPen(QColor("#555"))
        painter.drawRect(rect)
        if self._low < 0 < self._high:
            zero = self._y(rect, 0.0)
            painter.setPen(QPen(QColor("#666"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), zero), QPointF(rect.right(), zero))
        xs = rect.left() + rect.width() * np.arange(self._n) / max(1, self._n - 1)
        for _, values, colour in self._lines:
            ys = rect.bottom() - rect.height() * (values - self._low) / (self._high - self._low)
            painter.setPen(QPen(colour, 1.8))
            for run in _runs(values):
                painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in zip(xs[run], ys[run])]))
        for cut in self.cut_offs:
            colour = {"left": LEFT_COLOUR, "right": RIGHT_COLOUR}.get(cut.side or "", CUT_OFF_COLOUR)
            painter.setPen(QPen(colour, 1.4, Qt.PenStyle.DashLine))
            y = self._y(rect, cut.y)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        self._draw_labels(painter, rect)
        painter.end()
        return pixmap

    def _draw_labels(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(QFont(self.font().family(), 8))
        painter.setPen(QColor("#bbb"))
        fmt = "{:.0f}" if self._unit == "deg" else "{:.2f}"
        painter.drawText(
            QRectF(0, rect.top() - 6, _MARGIN_LEFT - 4, 12), Qt.AlignmentFlag.AlignRight, fmt.format(self._high)
        )
        painter.drawText(
            QRectF(0, rect.bottom() - 10, _MARGIN_LEFT - 4, 12), Qt.AlignmentFlag.AlignRight, fmt.format(self._low)
        )
        # The legend keeps its place at the right; a long title is shortened with "…" before it.
        metrics = painter.fontMetrics()
        labels = [(label, colour) for label, _, colour in self._lines if label]
        if self.cut_offs:
            labels.append(("- - cut-off", CUT_OFF_COLOUR))
        x = rect.right() - 4 - sum(metrics.horizontalAdvance(label) + 10 for label, _ in labels)
        legend_left = x
        for label, colour in labels:
            painter.setPen(colour)
            painter.drawText(QPointF(x, 13), label)
            x += metrics.horizontalAdvance(label) + 10
        room = max(0, int(legend_left - rect.left() - 14))
        painter.setPen(QColor("#eee"))
        painter.drawText(
            QPointF(rect.left() + 4, 13), metrics.elidedText(self._heading, Qt.TextElideMode.ElideRight, room)
        )

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

    def set_kinematics(self, kinematics, view: str, screen=None) -> None:
        """Plot the clip's metrics; with its `screen` (ClipScreen), the cut-off of each judged rule."""
        for plot in self.plots:
            plot.deleteLater()
        self.plots = []
        if kinematics is None:
            return
        for name in _plotted_metrics(kinematics, view, screen):
            cut_offs = _cut_offs(name, kinematics, view, screen)
            # a rule on both sides' combined value (feet turned out standing: their mean) is
            # drawn against that value, as the PDF's chart does
            combined = any(cut.side is None for cut in cut_offs)
            plot = AnglePlot(
                metric_label(name),
                kinematics.series[name].spec.unit,
                _lines(kinematics.series[name], combined),
                kinematics.reps,
                cut_offs,
            )
            plot.seek_requested.connect(self.seek_requested)
            self._layout.addWidget(plot)
            self.plots.append(plot)

    def set_position(self, frame: int) -> None:
        for plot in self.plots:
            plot.set_position(frame)


def _plotted_metrics(kinematics, view: str, screen, most: int = 3) -> list[str]:
    """The metrics of the clip's flagged compensations first, then the view's usual ones."""
    flagged = [line.metric for line in screen.checklist if line.seen] if screen is not None else []
    names = [n for n in dict.fromkeys([*flagged, *PLOTTED.get(view, ())]) if n and n in kinematics.series]
    return names[:most]


def _lines(series, combined: bool = False) -> list[tuple[str, np.ndarray, QColor]]:
    if series.spec.bilateral and not combined:
        return [
            ("left", np.asarray(series.left, float), LEFT_COLOUR),
            ("right", np.asarray(series.right, float), RIGHT_COLOUR),
        ]
    return [("", np.asarray(series.value, float), VALUE_COLOUR)]


def _cut_offs(metric: str, kinematics, view: str, screen) -> tuple[CutOff, ...]:
    """Where the screen's judged rules on `metric` fire, as the PDF charts draw them."""
    if screen is None:
        return ()
    lines: dict[tuple[float, str | None], None] = {}
    for line in screen.checklist:
        if line.metric != metric or line.status not in ("seen", "not_seen"):
            continue
        chart = finding_threshold(line.to_dict(), view, kinematics, line.assessment, line.leg)
        for threshold in chart.lines if chart else ():
            lines[(round(threshold.y, 6), threshold.side)] = None
    return tuple(CutOff(y, side) for y, side in lines)
