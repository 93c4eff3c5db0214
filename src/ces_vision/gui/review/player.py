"""Playback state of one clip: position, play / pause, frame step, slow motion."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

SPEEDS = (0.25, 0.5, 1.0)


class Player(QObject):
    """Moves a frame index through [0, n_frames) in real time times `speed`.

    Everything that shows the position listens to `position_changed`; nothing else
    moves the position, so video, timeline and plots stay in step.
    """

    position_changed = Signal(int)
    playing_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._n = 0
        self._fps = 30.0
        self._speed = 1.0
        self._position = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    @property
    def position(self) -> int:
        return self._position

    @property
    def n_frames(self) -> int:
        return self._n

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        return self._speed

    def load(self, n_frames: int, fps: float) -> None:
        self.pause()
        self._n, self._fps = max(0, n_frames), fps or 30.0
        self._position = -1
        self.seek(0)

    def seek(self, index: int) -> None:
        if self._n == 0:
            return
        index = max(0, min(self._n - 1, int(index)))
        if index != self._position:
            self._position = index
            self.position_changed.emit(index)

    def step(self, delta: int) -> None:
        self.pause()
        self.seek(self._position + delta)

    def set_speed(self, speed: float) -> None:
        self._speed = speed
        self._timer.setInterval(self._interval_ms())

    def play(self) -> None:
        if self._n == 0 or self.playing:
            return
        if self._position >= self._n - 1:
            self.seek(0)
        self._timer.start(self._interval_ms())
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def _interval_ms(self) -> int:
        return max(1, round(1000.0 / (self._fps * self._speed)))

    def _tick(self) -> None:
        if self._position >= self._n - 1:
            self.pause()
        else:
            self.seek(self._position + 1)
