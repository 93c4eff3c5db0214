"""`ces-vision settings` and the [coach] section: the user's settings file, set and read back."""

from __future__ import annotations

import pytest

from ces_vision.cli import main
from ces_vision.cli.common import settings_path
from ces_vision.config import SettingsError, load_settings, save_settings


def test_save_settings_changes_one_section_and_keeps_the_rest(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[pose]\nmodel = "lite"\n[reps]\nmin_depth_leg = 0.12\n', encoding="utf-8")
    save_settings(path, {"coach": {"name": 'Dana "D" Reyes', "contact": "dana@example.com\nStudio 4"}})
    settings = load_settings(path)
    assert settings.coach.name == 'Dana "D" Reyes' and settings.coach.contact == "dana@example.com\nStudio 4"
    assert settings.pose.model == "lite" and settings.reps.min_depth_leg == 0.12
    before = path.read_text(encoding="utf-8")
    for bad in ({"coach": {"name": 3}}, {"coach": {"phone": "x"}}, {"pose": {"model": 1}}):
        with pytest.raises(SettingsError):
            save_settings(path, bad)
    assert path.read_text(encoding="utf-8") == before  # nothing written


def test_the_cli_reads_the_users_settings_file_unless_given_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    args = type("Args", (), {"settings": None})()
    assert settings_path(args) is None  # no file yet: the defaults
    assert main(["settings", "set", "coach.contact", "555-0100"]) == 0
    assert settings_path(args) == tmp_path / "data" / "ces-vision" / "settings.toml"
    assert main(["settings", "show"]) == 0
    assert "coach.contact = '555-0100'" in capsys.readouterr().out
    assert main(["settings", "set", "reps.min_depth_leg", "deep"]) == 2
    assert capsys.readouterr().err.strip() == "ces-vision: 'reps.min_depth_leg' must be a number, not 'deep'"
