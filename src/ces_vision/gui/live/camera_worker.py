"""Opens a camera (or a fake) and runs a `LiveSession` on it; Qt side of live capture.

Capture, recording and inference run in the session's own threads; this object only
starts and stops them and reports endings. The display reads `session.snapshot()` on
a timer, so nothing here can stall the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...capture import CameraUnavailable, PacedFileSource, VideoSource, VideoUnreadable, WebcamSource
from ...capture.recorder import RecordingError
from ...config import Settings, overlay
from ...pose import ModelError, PoseBackend, video_backend
from ...session.live import LiveSession, RecordingResult

# camera number -> a video source (raises CameraUnavailable)
SourceFactory = Callable[[int], VideoSource]
BackendFactory = Callable[[], PoseBackend]


def default_source_factory(fake_camera: Path | None) -> SourceFactory:
    def open_source(device: int):
        if fake_camera is not None:
            try:
                return PacedFileSource(fake_camera)
            except VideoUnreadable as exc:
                raise CameraUnavailable(f"the fake camera video cannot be played: {exc}") from exc
        return WebcamSource(device)

    return open_source


def default_backend_factory(settings: Settings) -> BackendFactory:
    """MediaPipe with the lite model: live preview needs speed more than the last degree."""
    return lambda: video_backend(overlay(settings, {"pose": {"model": "lite"}}).pose)


class CameraController(QObject):
    """Owns the live session. Errors are reported as plain messages, never raised."""

    message = Signal(str)  # plain words for the coach (no camera, disconnected, disk full)
    recording_finished = Signal(object)  # RecordingResult

    def __init__(
        self,
        settings: Settings,
        source_factory: SourceFactory,
        backend_factory: BackendFactory,
        recordings_dir: Path,
        parent=None,
    ):
        super().__init__(parent)
        self.settings = settings
        self._source_factory = source_factory
        self._backend_factory = backend_factory
        self.recordings_dir = Path(recordings_dir)
        self.session: LiveSession | None = None

    @property
    def running(self) -> bool:
        return self.session is not None

    @property
    def recording(self) -> bool:
        return self.session is not None and self.session.snapshot().recording is not None

    def start(self, device: int) -> bool:
        """Open camera `device` and start the preview; False (and a message) if impossible."""
        if self.session is not None:
            return True
        try:
            source = self._source_factory(device)
        except CameraUnavailable as exc:
            self.message.emit(
                f"No camera available: {exc}. Connect a camera (or close other apps using it) and press Start again."
            )
            return False
        try:
            backend = self._backend_factory()
        except (ModelError, OSError, RuntimeError) as exc:
            source.close()
            self.message.emit(f"The pose model could not be loaded: {exc}")
            return False
        self.session = LiveSession(source, backend, self.settings.reps)
        self.session.start()
        self.message.emit("")
        return True

    def start_recording(self, label: str) -> bool:
        if self.session is None:
            return False
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.recordings_dir / f"{label}-{stamp}.mp4"
        try:
            self.session.start_recording(path)
        except RecordingError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def stop(self) -> RecordingResult | None:
        """Stop the camera; a recording in progress is finished and reported."""
        if self.session is None:
            return None
        session, self.session = self.session, None
        result = session.close()
        if result is not None:
            self._report(result)
        return result

    def check_ended(self) -> bool:
        """Called by the display timer: handles a camera that went away. True if it did."""
        if self.session is None or not self.session.snapshot().ended:
            return False
        snapshot = self.session.snapshot()
        session, self.session = self.session, None
        result = session.close()
        what = snapshot.error or "The camera disconnected."
        if result is not None:
            self.message.emit(f"{what} The recording kept the {result.frames} frames captured.")
            self._report(result)
        else:
            self.message.emit(f"{what} Reconnect it and press Start.")
        return True

    def _report(self, result: RecordingResult) -> None:
        if result.error:
            self.message.emit(result.error)
        if result.frames > 0:
            self.recording_finished.emit(result)
