"""Build `Kinematics` values from synthetic per-frame profiles with exactly known values.

A clip is: standing frames, then `n_reps` reps of `HALF` frames down and `HALF` up, each
followed by standing frames. `d` is the depth of a frame, 0 standing .. 1 at the bottom
(hip_height = -DROP * d). A profile is a function (d, rep) -> values, where rep is the
0-based rep of each frame (-1 standing).

Like `compute_kinematics`, a front-view clip always carries `knee_ankle_offset` and
`knee_toe_offset` (neutral: 0 on both sides, unless given; pass None to leave one out),
and a metric the catalogue does not measure in the clip's view is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from ces_vision.kinematics.catalog import METRICS_BY_NAME
from ces_vision.kinematics.series import Kinematics, MetricSeries
from ces_vision.types import Rep

STAND = 6
HALF = 10
DROP = 0.3

Profile = Callable[[np.ndarray, np.ndarray], np.ndarray]


def layout(n_reps: int) -> tuple[np.ndarray, np.ndarray, tuple[Rep, ...]]:
    depth, rep_of, reps = [0.0] * STAND, [-1] * STAND, []
    for r in range(n_reps):
        start = len(depth) - 1
        for k in range(1, HALF + 1):
            depth.append(k / HALF)
            rep_of.append(r)
        bottom = len(depth) - 1
        for k in range(HALF - 1, -1, -1):
            depth.append(k / HALF)
            rep_of.append(r if k else -1)
        end = len(depth) - 1
        reps.append(Rep(start, bottom, end))
        depth.extend([0.0] * (STAND - 1))
        rep_of.extend([-1] * (STAND - 1))
    return np.array(depth), np.array(rep_of), tuple(reps)


def _in_reps(rep: np.ndarray, reps: Iterable[int] | None) -> np.ndarray:
    return rep >= 0 if reps is None else np.isin(rep, list(reps))


def const(value: float) -> Profile:
    return lambda d, rep: np.full(d.shape, float(value))


def ramp(peak: float, base: float = 0.0, reps: Iterable[int] | None = None) -> Profile:
    """base standing, base + peak at the bottom (linear in depth), in the chosen reps."""
    return lambda d, rep: base + np.where(_in_reps(rep, reps), peak * d, 0.0)


def bump(peak: float, base: float = 0.0, reps: Iterable[int] | None = None) -> Profile:
    """base + peak at mid-depth (d = 0.5), back to base at the bottom and standing."""
    return lambda d, rep: base + np.where(_in_reps(rep, reps), peak * 4 * d * (1 - d), 0.0)


def at_bottom(peak: float, base: float = 0.0, reps: Iterable[int] | None = None) -> Profile:
    """base everywhere, base + peak only in the deepest 10% of each rep."""
    return lambda d, rep: base + np.where(_in_reps(rep, reps) & (d >= 0.9), peak, 0.0)


def nan_in_reps(profile: Profile, reps: Iterable[int]) -> Profile:
    """The profile, NaN (not measurable) throughout the chosen reps."""
    return lambda d, rep: np.where(np.isin(rep, list(reps)), np.nan, profile(d, rep))


def make_kin(
    view: str = "front",
    metrics: dict[str, dict[str, Profile] | Profile | None] | None = None,
    n_reps: int = 5,
    near_side: str | None = None,
    standing: bool = True,
) -> Kinematics:
    """A Kinematics with hip_height plus the given metrics.

    metrics: name -> profile (the combined value), or {"left": ..., "right": ..., "value": ...}.
    A bilateral metric's missing side is 0 (neutral); its missing value is the larger side.
    A metric given as None is left out (e.g. a default front-view knee offset).
    """
    d, rep, reps = layout(n_reps)
    series = {"hip_height": MetricSeries(METRICS_BY_NAME["hip_height"], *_nan2(d), -DROP * d)}
    defaults: dict[str, dict[str, Profile] | Profile | None] = {}
    if view == "front":
        for name in ("knee_ankle_offset", "knee_toe_offset"):
            defaults[name] = {"left": const(0.0), "right": const(0.0)}
    for name, spec in {**defaults, **(metrics or {})}.items():
        if spec is None:
            continue
        ms = METRICS_BY_NAME[name]
        if view not in ms.views:
            raise ValueError(f"{name} is not measured in a {view} view ({ms.views})")
        parts = spec if isinstance(spec, dict) else {"value": spec}
        if ms.bilateral:
            left = parts.get("left", const(0.0))(d, rep)
            right = parts.get("right", const(0.0))(d, rep)
            value = parts["value"](d, rep) if "value" in parts else np.fmax(left, right)
        else:
            left, right = _nan2(d)
            value = parts["value"](d, rep)
        series[name] = MetricSeries(ms, left, right, value)
    stand_mask = (d == 0) if standing else np.zeros(d.shape, dtype=bool)
    return Kinematics(view, np.arange(d.size) / 30.0, series, reps if n_reps else (), near_side, stand_mask)


def visibility(kin: Kinematics, level: float = 0.95, low: dict[int, float] | None = None) -> np.ndarray:
    """(T, 33) visibility at `level`, with the landmarks in `low` set to their value."""
    vis = np.full((kin.timestamps_s.size, 33), float(level))
    for landmark, value in (low or {}).items():
        vis[:, landmark] = value
    return vis


def _nan2(d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.full(d.shape, np.nan), np.full(d.shape, np.nan)
