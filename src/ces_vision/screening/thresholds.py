"""Rule thresholds: defaults from `thresholds.toml` (each with its source), coach overlay.

The data file is the single place a default lives; `Thresholds` only declares the keys
and their types so that a typo in either file is an error rather than a silent default.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..config import SettingsError, overlay, read_toml


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number the screening rules use. Units and sources: `thresholds.toml`."""

    # set-level rule and confidence
    min_reps: int
    min_fraction: float
    expected_reps: int
    min_visibility: float
    full_visibility: float
    min_valid_fraction: float
    # rep phases, as fractions of the rep's hip drop
    mid_descent_from: float
    mid_descent_to: float
    bottom_from: float
    # overhead squat
    knee_offset_ratio: float
    knee_gap_close_ratio: float
    knee_fppa_in_deg: float
    foot_turn_out_change_deg: float
    foot_turn_out_abs_deg: float
    trunk_shin_diff_deg: float
    arm_trunk_change_deg: float
    arm_trunk_abs_deg: float
    arms_overhead_max_deg: float
    heel_lift_ratio: float
    hip_shift_ratio: float
    # single-leg squat
    sls_knee_fppa_in_deg: float
    sls_pelvis_tilt_deg: float
    sls_hip_shift_ratio: float
    # pushing and pulling assessments
    press_min_reps: int
    shoulder_ear_shrink_ratio: float
    ear_forward_ratio: float
    trunk_back_deg: float


@dataclass(frozen=True, slots=True)
class ThresholdInfo:
    """Unit and source of one threshold, as written in the data file."""

    unit: str
    source: str


@lru_cache(maxsize=1)
def _data_file() -> dict[str, Any]:
    text = resources.files("ces_vision.screening").joinpath("thresholds.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def threshold_info() -> dict[str, ThresholdInfo]:
    """Unit and source of every default threshold, by key."""
    return {key: ThresholdInfo(str(row["unit"]), str(row["source"])) for key, row in _data_file().items()}


def default_thresholds() -> Thresholds:
    """The defaults of `thresholds.toml`."""
    rows = _data_file()
    declared = {f.name: f for f in dataclasses.fields(Thresholds)}
    if set(rows) != set(declared):
        raise SettingsError(f"thresholds.toml and Thresholds disagree: {sorted(set(rows) ^ set(declared))}")
    values = {}
    for key, field in declared.items():
        value = rows[key]["value"]
        values[key] = int(value) if field.type in ("int", int) else float(value)
    return Thresholds(**values)


def load_thresholds(coach_file: str | Path | None = None, values: dict[str, Any] | None = None) -> Thresholds:
    """Defaults, overlaid with a coach TOML file (flat `key = number`, each in its unit's
    range) and then `values`."""
    thresholds = default_thresholds()
    if coach_file is not None:
        thresholds = overlay(thresholds, read_toml(coach_file, "thresholds"))
        _check_ranges(thresholds)  # a coach's file; `values` come from code (tests switch rules off with 1e6)
    if values:
        thresholds = overlay(thresholds, values)
    return thresholds


def _check_ranges(thresholds: Thresholds) -> None:
    """Refuse values no screen can mean, by unit: a count below 1, a share outside 0-1,
    a non-positive or impossibly large angle or distance ratio."""
    for key, info in threshold_info().items():
        value, unit = getattr(thresholds, key), info.unit
        if unit == "reps":
            ok, allowed = 1 <= value <= 100, "a count from 1 to 100"
        elif unit == "ratio" or unit == "ratio of rep depth":
            ok, allowed = 0 <= value <= 1, "a share from 0 to 1"
        elif unit == "deg":
            ok, allowed = 0 < value < 180, "an angle above 0 and below 180 degrees"
        else:  # a distance ratio: a change or offset in body proportions
            ok, allowed = 0 < value <= 5, "a ratio above 0 and at most 5"
        if not ok:
            raise SettingsError(f"threshold {key} = {value} is out of range: it must be {allowed} ({unit})")
    for low, high in (
        ("min_visibility", "full_visibility"),
        ("mid_descent_from", "mid_descent_to"),
        ("mid_descent_to", "bottom_from"),
    ):
        if getattr(thresholds, low) > getattr(thresholds, high):
            raise SettingsError(f"threshold {low} must not be above {high}")
