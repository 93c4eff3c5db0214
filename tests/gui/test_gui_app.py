"""`ces-vision-gui` entry point: headless fallback without a display."""

from pathlib import Path

from ces_vision.gui import app


def test_display_detection():
    assert not app.has_display({}, "linux")
    assert app.has_display({"DISPLAY": ":0"}, "linux")
    assert app.has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert app.has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert app.has_display({}, "win32")


def test_no_display_runs_the_headless_analysis(monkeypatch, capsys, tmp_path):
    calls = []
    monkeypatch.setattr("ces_vision.cli.main", lambda argv: calls.append(argv) or 0)
    monkeypatch.setattr(app, "has_display", lambda: False)
    monkeypatch.chdir(tmp_path)
    status = app.main(["clips/squat_side.mp4", "--view", "side"])
    assert status == 0
    assert calls == [
        [
            "analyze",
            "clips/squat_side.mp4",
            "--view",
            "side",
            "--json",
            str(Path("out/squat_side.json")),
            "--csv",
            str(Path("out/squat_side.csv")),
        ]
    ]
    assert "out/squat_side.json" in capsys.readouterr().out


def test_no_display_passes_the_exit_status_on(monkeypatch):
    monkeypatch.setattr("ces_vision.cli.main", lambda argv: 3)
    monkeypatch.setattr(app, "has_display", lambda: False)
    assert app.main(["missing.mp4"]) == 3
