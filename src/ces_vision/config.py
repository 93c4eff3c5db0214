"""Settings as frozen dataclasses, with a TOML overlay.

Each component receives only its own section. Defaults live here; a TOML file given by
the user overrides any field by section and name, e.g.::

    [pose]
    visibility_threshold = 0.6
    [reps]
    min_depth_leg = 0.12
    [coach]
    name = "Dana Reyes"
    contact = "dana@example.com, 555-0100"

Module-level defaults are never mutated: `load_settings` returns new objects.
`save_settings` changes some values of a settings file and keeps the rest of it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class PoseSettings:
    model: str = "full"
    visibility_threshold: float = 0.5  # landmarks below this are NaN
    min_detection_confidence: float = 0.5
    min_tracking_confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class SmoothingSettings:
    cutoff_hz: float = 6.0  # Butterworth low-pass; squats live well under 2 Hz
    order: int = 2
    min_run_frames: int = 10  # shorter valid stretches are left unfiltered


@dataclass(frozen=True, slots=True)
class RepSettings:
    min_depth_leg: float = 0.10  # hip must drop this many leg lengths to count as a rep
    min_duration_s: float = 0.6
    standing_leg: float = 0.05  # within this of standing height counts as standing


@dataclass(frozen=True, slots=True)
class CoachSettings:
    """Who the coach is, printed on the clinician summary."""

    name: str = ""
    contact: str = ""  # free text: e-mail, phone, studio address


@dataclass(frozen=True, slots=True)
class Settings:
    pose: PoseSettings = field(default_factory=PoseSettings)
    smoothing: SmoothingSettings = field(default_factory=SmoothingSettings)
    reps: RepSettings = field(default_factory=RepSettings)
    coach: CoachSettings = field(default_factory=CoachSettings)


class SettingsError(ValueError):
    """A settings file names an unknown section or field, or a wrong type."""


def _overlay(obj: Any, values: dict[str, Any], where: str) -> Any:
    changes = {}
    fields = {f.name: f for f in dataclasses.fields(obj)}
    for key, value in values.items():
        if key not in fields:
            raise SettingsError(f"unknown setting '{where}{key}'")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise SettingsError(f"'{where}{key}' must be a table")
            changes[key] = _overlay(current, value, f"{where}{key}.")
        else:
            if isinstance(current, (int, float)) and not isinstance(current, bool):
                value = _number(value, type(current), f"{where}{key}")
            elif isinstance(current, str) and not isinstance(value, str):
                raise SettingsError(f"'{where}{key}' must be text")
            changes[key] = value
    return dataclasses.replace(obj, **changes)


def overlay(obj: Any, values: dict[str, Any]) -> Any:
    """A copy of the frozen dataclass `obj` with `values` (nested dicts) applied."""
    return _overlay(obj, values, "")


def _number(value: Any, kind: type, name: str) -> int | float:
    """`value` as `kind`; TOML's nan and inf, and a fraction where a count is meant, are refused."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise SettingsError(f"'{name}' must be a number")
    if not math.isfinite(value):
        raise SettingsError(f"'{name}' must be a finite number, not {value}")
    if kind is int and value != int(value):
        raise SettingsError(f"'{name}' must be a whole number, not {value}")
    return kind(value)


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """The TOML file at `path`; any problem reading or parsing it is a `SettingsError`."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = "it is not a text file" if isinstance(exc, UnicodeDecodeError) else exc
        raise SettingsError(f"cannot read {what} file {path}: {reason}") from exc


def load_settings(path: str | Path | None = None) -> Settings:
    """Default settings, overlaid with the TOML file at `path` if given."""
    settings = Settings()
    if path is None:
        return settings
    return overlay(settings, read_toml(path, "settings"))


def save_settings(path: str | Path, values: dict[str, dict[str, Any]]) -> Settings:
    """Set `values` ({section: {field: value}}) in the settings file at `path`, keeping its
    other values (comments are not kept); checked before anything is written."""
    path = Path(path)
    current = read_toml(path, "settings") if path.exists() else {}
    for section, fields in values.items():
        current.setdefault(section, {}).update(fields)
    settings = overlay(Settings(), current)  # an unknown key or a wrong type writes nothing
    lines = []
    for section, fields in current.items():
        if not isinstance(fields, dict):
            raise SettingsError(f"'{section}' must be a table")
        lines.append(f"[{section}]")
        # a JSON string or number is a valid TOML value; booleans are spelled alike
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.replace(temporary, path)
    return settings
