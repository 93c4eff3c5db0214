"""The app reads the user's settings file as the CLI does (one settings truth)."""

from ces_vision.config import save_settings
from ces_vision.storage import default_settings_path


def test_the_app_uses_the_pose_and_rep_settings_the_cli_uses(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    save_settings(default_settings_path(), {"pose": {"model": "lite"}, "coach": {"name": "Dana Reyes"}})
    window = make_window()
    assert window.analyses.settings.pose.model == "lite"
    assert window.camera.settings.pose.model == "lite"
    assert window.analyses.settings.coach.name == "Dana Reyes"


def test_a_model_chosen_on_the_command_line_wins_over_the_file(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    save_settings(default_settings_path(), {"pose": {"model": "lite"}})
    assert make_window(model="heavy").analyses.settings.pose.model == "heavy"


def test_an_unreadable_settings_file_is_said_and_the_defaults_used(
    make_window, monkeypatch, tmp_path, message_boxes, qtbot
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("[pose]\nmodel = 3\n")
    message_boxes.expect()
    window = make_window()
    assert window.analyses.settings.pose.model == "full"
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    title, text = message_boxes.shown[0]
    assert "settings file was not used" in text and "Traceback" not in text
