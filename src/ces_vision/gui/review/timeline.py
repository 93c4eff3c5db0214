"""The clip's timeline: reps as shaded spans, flagged key frames, the playhead; click seeks."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...types import Rep

REP_COLOUR = QColor(90, 160, 90, 110)
BOTTOM_COLOUR = QColor("#3c8d3c")
FLAG_COLOUR = QColor("#e23b3b")
PLAYHEAD_COLOUR = QColor("#ffd400")


class Timeline(QWidget):
    """Frame axis of the clip. Emits `seek_requested(frame)` on click or drag."""

    seek_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._n = 0
        self._reps: tuple[Rep, ...] = ()
        self._flags: list[int] = []
        self._position = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(36)
        self.setToolTip("Reps (green), flagged key frames (red); click to jump")

    def sizeHint(self) -> QSize:
        return QSize(600, 36)

    def set_clip(self, n_frames: int, reps, flagged_frames) -> None:
        self._n, self._reps, self._flags = n_frames, tuple(reps), sorted(flagged_frames)
        self.update()

    def set_position(self, frame: int) -> None:
        self._position = frame
        self.update()

    def _x(self, frame: float) -> float:
        return 6 + (self.width() - 12) * frame / max(1, self._n - 1)

    def _frame_at(self, x: float) -> int:
        return round((x - 6) / max(1.0, self.width() - 12) * max(1, self._n - 1))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(6, 10, self.width() - 12, 16)
        painter.fillRect(bar, QColor("#2b2b2b"))
        painter.setPen(QColor("#ddd"))
        for number, rep in enumerate(self._reps, 1):
            span = QRectF(self._x(rep.start), bar.top(), self._x(rep.end) - self._x(rep.start), bar.height())
            painter.fillRect(span, REP_COLOUR)
            painter.fillRect(QRectF(self._x(rep.bottom) - 1, bar.top(), 2, bar.height()), BOTTOM_COLOUR)
            painter.drawText(span, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FLAG_COLOUR)
        for frame in self._flags:
            x = self._x(frame)
            painter.drawPolygon(QPolygonF([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 9)]))
        if self._n:
            x = self._x(self._position)
            painter.fillRect(QRectF(x - 1.5, 4, 3, self.height() - 8), PLAYHEAD_COLOUR)
        painter.end()

    def mousePressEvent(self, event) -> None:
        if self._n and event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self._frame_at(event.position().x()))

    def mouseMoveEvent(self, event) -> None:
        if self._n and event.buttons() & Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self._frame_at(event.position().x()))
