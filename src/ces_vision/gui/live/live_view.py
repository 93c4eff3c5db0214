"""Live mode: camera preview with skeleton, framing guidance, countdown, recording, reps.

The preview is refreshed by a timer from the session's latest frame and pose; capture,
recording and inference never wait for it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...session.screen_state import SLOTS
from ..frame_view import FrameView
from .camera_worker import CameraController
from .framing import framing_advice

DISPLAY_INTERVAL_MS = 15  # polled faster than the camera; only new frames are painted


class LivePanel(QWidget):
    """Controls and preview of live capture. Emits `stats(text)` for the status bar."""

    stats = Signal(str)
    recording_ready = Signal(object, str)  # RecordingResult, slot key

    def __init__(self, controller: CameraController, countdown_s: int = 3, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.countdown_s = countdown_s
        self.view = FrameView()
        self._countdown_left = 0
        self._shown_index = -1
        self._shown_times: list[float] = []
        self.frames_shown = 0
        self._slot_recording = ""
        self._build()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(1000)
        self._countdown_timer.timeout.connect(self._count_down)
        controller.message.connect(self._show_message)
        controller.recording_finished.connect(lambda result: self.recording_ready.emit(result, self._slot_recording))

    def _build(self) -> None:
        self.camera_number = QSpinBox()
        self.camera_number.setRange(0, 9)
        self.camera_number.setToolTip("Camera number (0 is the first camera)")
        self.slot = QComboBox()
        for spec in SLOTS:
            self.slot.addItem(spec.label, spec.key)
        self.slot.setToolTip("Which clip of the screen this recording is")
        self.start_button = QPushButton("Start camera")
        self.start_button.clicked.connect(self.start_camera)
        self.record_button = QPushButton("Record")
        self.record_button.setToolTip(f"Record after a {self.countdown_s} s countdown")
        self.record_button.clicked.connect(self.start_countdown)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop recording (the clip opens for review) or stop the camera")
        self.stop_button.clicked.connect(self.stop)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.folder = QLabel(f"Recordings are saved in {self.controller.recordings_dir} (readable by you only).")
        self.folder.setWordWrap(True)
        self.folder.setStyleSheet("color: #555;")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choices, buttons = QHBoxLayout(), QHBoxLayout()  # two rows: the tab stays narrow on a laptop
        choices.addWidget(QLabel("Camera"))
        choices.addWidget(self.camera_number)
        choices.addWidget(QLabel("Clip"))
        choices.addWidget(self.slot)
        choices.addStretch(1)
        for widget in (self.start_button, self.record_button, self.stop_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.folder)
        self._update_buttons()

    @property
    def current_view(self) -> str:
        return next(s.view for s in SLOTS if s.key == self.slot.currentData())

    def select_slot(self, key: str) -> None:
        self.slot.setCurrentIndex(max(0, self.slot.findData(key)))

    def start_camera(self) -> bool:
        ok = self.controller.start(self.camera_number.value())
        if ok:
            self._shown_index, self._shown_times, self.frames_shown = -1, [], 0
            self._timer.start(DISPLAY_INTERVAL_MS)
        self._update_buttons()
        return ok

    def start_countdown(self) -> None:
        if not self.controller.running and not self.start_camera():
            return
        self._countdown_left = self.countdown_s
        if self._countdown_left <= 0:
            self._begin_recording()
        else:
            self._countdown_timer.start()
        self._update_buttons()

    def _count_down(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left <= 0:
            self._countdown_timer.stop()
            self._begin_recording()

    def _begin_recording(self) -> None:
        self._slot_recording = self.slot.currentData()
        self.controller.start_recording(self._slot_recording)
        self._update_buttons()

    def stop(self) -> None:
        """Stop recording and the camera; a recording is handed on for review."""
        self._countdown_timer.stop()
        self._countdown_left = 0
        self._timer.stop()
        self.controller.stop()
        self.view.set_overlays()
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.controller.running
        recording = running and self.controller.recording
        self.start_button.setEnabled(not running)
        self.record_button.setEnabled(not recording and self._countdown_left <= 0)
        self.stop_button.setEnabled(running)
        self.slot.setEnabled(not recording)
        self.camera_number.setEnabled(not running)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)

    def _refresh(self) -> None:
        if self.controller.check_ended():
            self._timer.stop()
            self._update_buttons()
            return
        session = self.controller.session
        if session is None:  # not started: nothing to show
            return
        snap = session.snapshot()
        if snap.error and snap.recording is not None:  # disk full: keep what was written
            self.stop()
            return
        if snap.frame is None or snap.frame.index == self._shown_index:
            return
        self._shown_index = snap.frame.index
        self.frames_shown += 1
        now = time.monotonic()
        self._shown_times = [t for t in self._shown_times if now - t < 1.0] + [now]
        points = None
        if snap.pose is not None and snap.pose_index >= 0:
            h, w = snap.frame.image.shape[:2]
            points = snap.pose.image_xyz[:, :2] * (w, h)
        h, w = snap.frame.image.shape[:2]
        self.view.set_frame(snap.frame.image, points)
        advice = framing_advice(snap.pose, self.current_view, w / h) if snap.pose_index >= 0 else ""
        big = str(self._countdown_left) if self._countdown_left > 0 else ""
        corner = f"REC   reps: {snap.reps}" if snap.recording is not None else f"reps: {snap.reps}"
        self.view.set_overlays(advice, big, corner)
        self.stats.emit(self.stats_text(snap))

    @property
    def preview_fps(self) -> float:
        times = self._shown_times
        return 0.0 if len(times) < 2 else (len(times) - 1) / (times[-1] - times[0])

    def stats_text(self, snap) -> str:
        text = f"Live: preview {self.preview_fps:.1f} fps, captured {snap.captured}, pose on {snap.inferred}, dropped for pose {snap.dropped}"
        if snap.recording is not None:
            text += f", recording {snap.recorded_frames} frames written"
        return text
