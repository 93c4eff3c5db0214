"""Side view quantities (definitions in `catalog`).

`forward` is +1 when the subject faces image x increasing, -1 otherwise (see
`orientation.facing_sign`); it turns image x into the subject's forward direction.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from .geometry import Sides, bend_angle, interior_angle, lean_from_vertical, norm, signed_angle_forward

_SIDE_INDEX = {"left": 0, "right": 1}


def _joints(points: np.ndarray, side: int) -> dict[str, np.ndarray]:
    return {part: points[:, pair[side]] for part, pair in SIDE_PAIRS.items()}


def _both(points: np.ndarray, quantity) -> Sides:
    return quantity(_joints(points, 0)), quantity(_joints(points, 1))


def foot_pitch(points: np.ndarray, forward: float) -> Sides:
    """Angle of the heel -> foot-index line from image horizontal, positive when the
    heel is above the toe. `heel_toe_angle` is this minus its standing value."""

    def pitch(j: dict[str, np.ndarray]) -> np.ndarray:
        foot = j["foot_index"] - j["heel"]
        return np.degrees(np.arctan2(foot[:, 1], forward * foot[:, 0]))

    return _both(points, pitch)


def trunk_length(joints: dict[str, np.ndarray]) -> float:
    """Median 2D shoulder-hip length of one side over the clip (NaN if never seen): the
    body-size unit of that side's head, shoulder and wrist offsets."""
    lengths = norm(joints["shoulder"] - joints["hip"])
    lengths = lengths[np.isfinite(lengths)]
    return float(np.median(lengths)) if lengths.size else float("nan")


def upper_body_offsets(points: np.ndarray, forward: float) -> dict[str, Sides]:
    """Head, shoulder and wrist positions in trunk lengths (push / pull checks, reps)."""

    def per_side(quantity):
        return _both(points, lambda j: quantity(j) / trunk_length(j))

    return {
        "shoulder_ear_distance": per_side(lambda j: norm(j["ear"] - j["shoulder"])),
        "ear_ahead_of_shoulder": per_side(lambda j: forward * (j["ear"][:, 0] - j["shoulder"][:, 0])),
        "wrist_reach": per_side(lambda j: forward * (j["wrist"][:, 0] - j["shoulder"][:, 0])),
    }


def sagittal_metrics(points: np.ndarray, forward: float, near: str) -> dict[str, np.ndarray | Sides]:
    """Every side-view quantity of the catalogue except the baseline-referenced ones.

    points: (T, 33, 2) pixels; near: "left" or "right", the side whose hip, shoulder,
    knee and ankle define the single-valued trunk and shin angles.
    """
    near_joints = _joints(points, _SIDE_INDEX[near])
    trunk = lean_from_vertical(near_joints["shoulder"] - near_joints["hip"], forward)
    shin = lean_from_vertical(near_joints["knee"] - near_joints["ankle"], forward)
    trunk_thigh = _both(points, lambda j: interior_angle(j["shoulder"], j["hip"], j["knee"]))
    return {
        "trunk_angle": trunk,
        "shin_angle": shin,
        "trunk_shin_diff": trunk - shin,
        "knee_flexion": _both(points, lambda j: bend_angle(j["hip"], j["knee"], j["ankle"])),
        "hip_flexion": (180.0 - trunk_thigh[0], 180.0 - trunk_thigh[1]),
        "arm_trunk_angle": _both(
            points,
            lambda j: signed_angle_forward(j["shoulder"] - j["hip"], j["elbow"] - j["shoulder"], forward),
        ),
        "trunk_thigh_angle": trunk_thigh,
        **upper_body_offsets(points, forward),
    }
