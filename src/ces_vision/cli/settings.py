"""`ces-vision settings show | set KEY VALUE`: the user's settings file, e.g. the coach's details.

The file (`storage.default_settings_path`, or --settings) is read by every subcommand when
no --settings is given; the app reads the coach's name and contact from it too.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from ..config import Settings, SettingsError, load_settings, save_settings
from ..storage import default_settings_path
from .common import report_error


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "settings", help="show or change the settings file (e.g. the coach's name and contact)"
    )
    verbs = parser.add_subparsers(dest="verb", required=True)
    show = verbs.add_parser("show", help="print every setting and the file it comes from")
    change = verbs.add_parser("set", help='change one setting, e.g. set coach.name "Dana Reyes"')
    change.add_argument("key", metavar="SECTION.FIELD", help="e.g. coach.name, coach.contact, pose.model")
    change.add_argument("value")
    for verb in (show, change):
        verb.add_argument(
            "--settings",
            type=Path,
            metavar="TOML",
            help="the settings file (default: the user's, beside the client database)",
        )
        verb.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = args.settings or default_settings_path()
    try:
        if args.verb == "set":
            section, name = _field(args.key)
            current = getattr(getattr(Settings(), section), name)
            save_settings(path, {section: {name: _typed(args.value, current, args.key)}})
            print(f"{args.key} set in {path}")
            return 0
        settings = load_settings(path if path.is_file() else None)
    except (SettingsError, OSError) as exc:
        return report_error(exc)
    print(f"# {path}" + ("" if path.is_file() else " (not created yet: defaults)"))
    for section in dataclasses.fields(settings):
        for field in dataclasses.fields(getattr(settings, section.name)):
            print(f"{section.name}.{field.name} = {getattr(getattr(settings, section.name), field.name)!r}")
    return 0


def _field(key: str) -> tuple[str, str]:
    section, _, name = key.partition(".")
    values = Settings()
    if (
        not name
        or not hasattr(values, section)
        or name not in {f.name for f in dataclasses.fields(getattr(values, section))}
    ):
        raise SettingsError(f"unknown setting '{key}' (see `ces-vision settings show`)")
    return section, name


def _typed(text: str, current, key: str):
    """The value as the field's type: a number for a numeric setting, else the text."""
    if isinstance(current, (int, float)) and not isinstance(current, bool):
        try:
            return type(current)(float(text)) if isinstance(current, float) else int(text)
        except ValueError:
            raise SettingsError(f"'{key}' must be a number, not {text!r}") from None
    return text
