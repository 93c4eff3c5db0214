"""The desktop app's options (each one in --help is in the README, and the other way round) and its last error net."""

import re
import sys
from pathlib import Path

from ces_vision.gui.app import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def test_app_options_in_help_and_readme_agree():
    parser = build_parser()
    helped = set(re.findall(r"--[a-z][a-z-]+", parser.format_help())) - {"--help"}
    line = next(row for row in README.read_text().splitlines() if row.startswith("ces-vision-gui ["))
    documented = set(re.findall(r"--[a-z][a-z-]+", line))
    assert "--fake-camera" in helped, "the fake camera is a user-facing option: documented, not hidden"
    hidden = {a.option_strings[0] for a in parser._actions if a.help == "==SUPPRESS=="}
    assert documented == helped and not documented & hidden
    assert "--fake-camera VIDEO" in README.read_text().split("## Command line")[1].split("##")[0]


def test_an_error_nothing_caught_is_one_plain_dialog_and_a_logged_traceback(
    monkeypatch, message_boxes, user_data_folder
):
    from ces_vision import logs
    from ces_vision.gui.app import install_error_hook

    logs.start_logging()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_error_hook(lambda: None)
    message_boxes.expect(1)
    try:
        raise KeyError("a slot's bug")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    ((title, text),) = message_boxes.shown
    assert "KeyError" in text and "\n" not in text and "Traceback" not in text
    logged = (user_data_folder / logs.LOG_FILE_NAME).read_text()
    assert "unexpected KeyError in ces-vision-gui" in logged and "test_an_error_nothing_caught" in logged
