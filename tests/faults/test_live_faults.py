"""Live capture faults: a camera unplugged or failing mid-recording, and recording under CPU load."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest
from message_box_guard import record_message_boxes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))  # the GUI tests' camera fakes
from gui_fakes import NullPose, camera_images, fake_pose_factory, recorded_numbers  # noqa: E402
from squat_pose import squat_sequence  # noqa: E402

from ces_vision.capture import FakeSource  # noqa: E402
from ces_vision.config import RepSettings  # noqa: E402
from ces_vision.session.live import LiveSession  # noqa: E402

pytestmark = pytest.mark.e2e  # the fake camera plays in real time for seconds per test


class FailingCamera(FakeSource):
    """A camera whose driver raises after `fail_after` frames (a USB read error)."""

    def __init__(self, images, fail_after: int, **options):
        super().__init__(images, **options)
        self._fail_after = fail_after

    def frames(self):
        for frame in super().frames():
            if frame.index >= self._fail_after:
                raise OSError(5, "Input/output error reading the camera")
            yield frame


class BusyPose(NullPose):
    """Pose inference that keeps a core busy for `seconds` per frame, as MediaPipe does."""

    def __init__(self, seconds: float = 0.06):
        self.seconds = seconds

    def process(self, frame):
        end = time.perf_counter() + self.seconds
        while time.perf_counter() < end:
            pass
        return super().process(frame)


def _consecutive(numbers: list[int], cycle: int = 256) -> bool:
    """True when no frame is missing (the camera's images, and so their numbers, repeat every `cycle`)."""
    return all((b - a) % cycle == 1 for a, b in zip(numbers, numbers[1:]))


def _record(session: LiveSession, path: Path, after: int) -> int:
    """Start recording once `after` frames were captured; return the first frame recorded."""
    deadline = time.monotonic() + 20
    while session.snapshot().captured < after:
        assert time.monotonic() < deadline, "the camera delivered no frames"
        time.sleep(0.005)
    session.start_recording(path)
    return session.snapshot().captured


def _wait_ended(session: LiveSession, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not session.snapshot().ended:
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.mark.parametrize("fault", ["unplugged", "driver error"])
def test_camera_lost_mid_recording_keeps_every_frame_captured(tmp_path, fault):
    images = camera_images(width=640, height=480)
    options = dict(fps=30.0, realtime=True, n_frames=10_000)
    source = (
        FakeSource(images, disconnect_after=75, **options)
        if fault == "unplugged"
        else FailingCamera(images, fail_after=75, **options)
    )
    session = LiveSession(source, NullPose(), RepSettings())
    session.start()
    _record(session, tmp_path / "take.mp4", after=15)
    _wait_ended(session)
    snapshot = session.snapshot()
    result = session.close()
    numbers = recorded_numbers(result.path)
    assert result.error is None and len(numbers) == result.frames >= 50
    assert _consecutive(numbers) and numbers[-1] == 74, "every frame up to the loss is in the file"
    if fault == "unplugged":
        assert snapshot.disconnected and snapshot.error is None
    else:
        assert snapshot.error == "The camera stopped delivering frames: [Errno 5] Input/output error reading the camera"


def test_the_app_says_what_happened_and_keeps_the_recording(tmp_path, qtbot, monkeypatch):
    from ces_vision.gui.main_window import MainWindow, StartOptions

    boxes = record_message_boxes(monkeypatch)
    images = camera_images()
    window = MainWindow(
        StartOptions(
            live_source_factory=lambda device: FailingCamera(
                images, fail_after=60, fps=30.0, realtime=True, n_frames=10_000
            ),
            live_backend_factory=NullPose,
            analysis_backend_factory=fake_pose_factory(squat_sequence()),
            recordings_dir=tmp_path / "rec",
            countdown_s=0,
            database_path=tmp_path / "db.sqlite3",
        )
    )
    qtbot.addWidget(window)
    window.show()
    window.show_live("front")
    with qtbot.waitSignal(window.live.recording_ready, timeout=15_000) as ready:
        window.live.record_button.click()
    result = ready.args[0]
    message = window.live.message.text()
    assert "The camera stopped delivering frames" in message and f"kept the {result.frames} frames" in message
    assert len(recorded_numbers(result.path)) == result.frames > 0
    assert window.live.start_button.isEnabled(), "the window stays usable: the camera can be started again"
    window.analyses.cancel_all()
    window.analyses.wait()
    window.close()
    assert boxes == []


def _burn(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_recording_keeps_every_frame_under_load(tmp_path, record_property):
    """720p at 30 fps with pose inference and two processes saturating both cores."""
    images = camera_images(n=64, width=1280, height=720)  # 64 distinct 720p images: 177 MB
    source = FakeSource(images, fps=30.0, realtime=True, n_frames=10_000)
    session = LiveSession(source, BusyPose(), RepSettings())
    context = multiprocessing.get_context("spawn")
    burners = [context.Process(target=_burn, args=(8.0,), daemon=True) for _ in range(2)]
    for burner in burners:
        burner.start()
    try:
        session.start()
        first = _record(session, tmp_path / "take.mp4", after=5)
        dropped_before = session.snapshot().dropped
        started, backlog = time.monotonic(), 0
        while time.monotonic() - started < 4.0:
            backlog = max(backlog, session._recorder._queue.qsize() if session._recorder else 0)
            time.sleep(0.01)
        at_stop = session.snapshot()
        captured, dropped_for_pose = at_stop.captured, at_stop.dropped - dropped_before
        result = session.stop_recording()  # the camera keeps running meanwhile
        session.close()
    finally:
        for burner in burners:
            burner.kill()
    numbers = recorded_numbers(result.path)
    measured = {
        "recorded": result.frames,
        "decoded": len(numbers),
        "pose_drops": dropped_for_pose,
        "max_encoder_backlog": backlog,
        "captured_while_recording": captured - first,
    }
    for key, value in measured.items():
        record_property(key, value)
    print(f"recording under load: {measured}")
    assert result.error is None and len(numbers) == result.frames >= 90
    assert _consecutive(numbers, cycle=64), "a frame is missing from the recording"
    assert abs(result.frames - (captured - first)) <= 2  # only the frames in flight at start and stop differ
    assert dropped_for_pose > 0, "inference slower than the camera drops frames for pose, counted"
