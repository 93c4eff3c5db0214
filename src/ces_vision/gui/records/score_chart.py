"""The screen score over a client's screens, drawn with QPainter (0-100, oldest left)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ACCENT, GRID, MUTED, INK = QColor("#1f6feb"), QColor("#e4e7eb"), QColor("#7b8794"), QColor("#1f2933")


class ScoreChart(QWidget):
    """Points joined by a line, the score written above each, dates below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[tuple[date, float]] = []
        self.setMinimumSize(220, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: list[tuple[date, float]]) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        plot = QRectF(34, 22, self.width() - 58, self.height() - 28 - 2 * metrics.height())
        painter.setPen(INK)
        painter.drawText(QRectF(4, 2, self.width() - 8, 18), Qt.AlignmentFlag.AlignLeft, "Screen score over time")
        for score in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * score / 100
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y - 8, plot.left() - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(score),
            )
        if not self.points:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No scored screen yet")
            return
        positions = self._positions(plot)
        path = QPainterPath(positions[0])
        for point in positions[1:]:
            path.lineTo(point)
        painter.setPen(QPen(ACCENT, 2))
        painter.drawPath(path)
        painter.setBrush(ACCENT)
        label_end = float("-inf")  # right edge of the last date written, so labels never overlap
        for (day, score), point in zip(self.points, positions):
            painter.setPen(QPen(ACCENT, 1))
            painter.drawEllipse(point, 4, 4)
            painter.setPen(INK)
            painter.drawText(
                QRectF(point.x() - 30, point.y() - 22, 60, 16), Qt.AlignmentFlag.AlignCenter, f"{score:.0f}"
            )
            label = QRectF(point.x() - 30, plot.bottom() + 4, 60, 2 * metrics.height())
            if label.left() > label_end:
                painter.setPen(MUTED)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, day.strftime("%d %b\n%Y"))
                label_end = label.right()

    def _positions(self, plot: QRectF) -> list[QPointF]:
        """Screens spaced by date (evenly when all fall on one day)."""
        first, last = self.points[0][0], self.points[-1][0]
        span = (last - first).days
        out = []
        for i, (day, score) in enumerate(self.points):
            share = (day - first).days / span if span else (i + 0.5) / len(self.points)
            inner = plot.adjusted(24, 0, -24, 0)
            out.append(QPointF(inner.left() + inner.width() * share, plot.bottom() - plot.height() * score / 100))
        return out
