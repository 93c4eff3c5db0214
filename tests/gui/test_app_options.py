"""The desktop app's options: each one in --help is in the README, and the other way round."""

import re
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
