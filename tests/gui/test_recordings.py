"""Live recordings go to the app's data folder, readable by the user only, and the app says where."""

import stat

import pytest
from gui_fakes import fake_pose_factory
from squat_pose import squat_sequence


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_recordings_default_to_the_data_folder_and_the_live_panel_shows_it(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = make_window(recordings_dir=None)
    expected = tmp_path / "data" / "ces-vision" / "recordings"
    assert window.camera.recordings_dir == expected
    assert str(expected) in window.live.folder.text()


@pytest.mark.e2e  # a 30 fps camera played in real time: not the fast suite
def test_a_recording_is_private_and_its_full_path_shown(make_window, fake_camera, qtbot, tmp_path):
    folder = tmp_path / "data" / "recordings"
    window = make_window(
        recordings_dir=folder,
        live_source_factory=fake_camera(n_frames=30),
        analysis_backend_factory=fake_pose_factory(squat_sequence()),
    )
    window.show_live("side")
    with qtbot.waitSignal(window.live.recording_ready, timeout=15000) as ready:
        window.live.record_button.click()
    result, _ = ready.args
    assert result.path.parent == folder and result.frames > 0
    assert _mode(folder) == 0o700 and _mode(result.path) == 0o600
    assert str(result.path) in window.live_stats.text()
    qtbot.waitUntil(lambda: window.state.slots["side"].status in ("done", "failed"), timeout=15000)
