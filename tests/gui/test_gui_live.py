"""Live mode with a fake 30 fps camera: every frame recorded, drops counted, endings clean."""

import errno

import pytest
from gui_fakes import fake_pose_factory, no_camera, recorded_numbers
from squat_pose import squat_sequence

from ces_vision.capture import recorder as recorder_module


class SlowPose:
    """Inference slower than the camera (as on a real 2-core machine): frames get dropped."""

    frames_with_several_people = 0

    def __init__(self, seconds: float = 0.08):
        self.seconds = seconds

    def process(self, frame):
        import time

        from ces_vision.pose.backend import empty_pose

        time.sleep(self.seconds)
        return empty_pose()

    def close(self):
        pass


# A 30 fps camera played in real time (seconds of wall clock each): end to end, not the fast suite.
REALTIME = pytest.mark.e2e


def _consecutive(numbers):
    return all((b - a) % 256 == 1 for a, b in zip(numbers, numbers[1:]))


@pytest.fixture
def squat_analysis():
    return fake_pose_factory(squat_sequence())


@REALTIME
def test_live_records_every_frame_and_counts_drops(make_window, fake_camera, qtbot, squat_analysis):
    camera = fake_camera(n_frames=90)  # 3 s of camera, then the stream ends
    window = make_window(
        live_source_factory=camera, live_backend_factory=SlowPose, analysis_backend_factory=squat_analysis
    )
    window.show_live("front")
    live = window.live
    with qtbot.waitSignal(live.recording_ready, timeout=15000) as ready:
        live.record_button.click()
    result, slot = ready.args
    assert slot == "front"
    numbers = recorded_numbers(result.path)
    assert len(numbers) == result.frames > 30
    assert _consecutive(numbers), "a frame is missing from the recording"
    assert numbers[-1] == 89  # up to the camera's last frame
    assert live.frames_shown > 20
    assert "dropped for pose" in window.live_stats.text() or window.live_stats.text().startswith("Recorded")
    # the recording opens in review mode and is analyzed
    qtbot.waitUntil(lambda: window.state.slots["front"].status in ("done", "failed"), timeout=15000)
    assert window.state.slots["front"].path == result.path
    assert window.tabs.currentWidget() is window.review


@REALTIME
def test_live_drops_for_inference_never_for_recording(make_window, fake_camera, qtbot):
    window = make_window(live_source_factory=fake_camera(), live_backend_factory=lambda: SlowPose(0.1))
    window.show_live("side")
    live = window.live
    live.record_button.click()
    session = window.camera.session
    qtbot.waitUntil(lambda: session.snapshot().captured >= 45, timeout=10000)
    snapshot = session.snapshot()
    assert snapshot.dropped > 10  # inference at ~10 fps against a 30 fps camera
    assert "dropped for pose" in window.live_stats.text()
    with qtbot.waitSignal(live.recording_ready, timeout=10000) as ready:
        live.stop_button.click()
    result = ready.args[0]
    numbers = recorded_numbers(result.path)
    assert len(numbers) == result.frames >= 40
    assert _consecutive(numbers)
    window.analyses.cancel_all()


@REALTIME
def test_camera_disconnect_keeps_a_playable_recording(make_window, fake_camera, qtbot, squat_analysis):
    window = make_window(live_source_factory=fake_camera(disconnect_after=45), analysis_backend_factory=squat_analysis)
    window.show_live("front")
    live = window.live
    with qtbot.waitSignal(live.recording_ready, timeout=10000) as ready:
        live.record_button.click()
    result = ready.args[0]
    numbers = recorded_numbers(result.path)
    assert len(numbers) == result.frames > 0
    assert _consecutive(numbers) and numbers[-1] == 44
    assert "disconnected" in live.message.text()
    assert not window.camera.running
    qtbot.waitUntil(lambda: window.state.slots["front"].status in ("done", "failed"), timeout=15000)


def test_no_camera_gives_a_clear_message(make_window, qtbot):
    window = make_window(live_source_factory=no_camera)
    window.show_live()
    window.live.start_button.click()
    assert "No camera available" in window.live.message.text()
    assert not window.camera.running
    assert window.live.start_button.isEnabled()


@REALTIME
def test_disk_full_keeps_what_was_written(make_window, fake_camera, qtbot, monkeypatch):
    real_encode = recorder_module.Recorder._encode

    def encode_until_full(self, image):
        if self.frames_written >= 60:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_encode(self, image)

    monkeypatch.setattr(recorder_module.Recorder, "_encode", encode_until_full)
    window = make_window(
        live_source_factory=fake_camera(), analysis_backend_factory=fake_pose_factory(squat_sequence())
    )
    window.show_live("front")
    live = window.live
    with qtbot.waitSignal(live.recording_ready, timeout=10000) as ready:
        live.record_button.click()
    result = ready.args[0]
    assert result.error and "disk is full" in result.error
    assert "disk is full" in live.message.text()
    numbers = recorded_numbers(result.path)
    assert 0 < len(numbers) <= 60
    assert _consecutive(numbers)
    window.analyses.cancel_all()
    window.analyses.wait()
