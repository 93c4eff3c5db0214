"""Front and back view quantities (definitions in `catalog`).

Every lateral sign is taken relative to the body, along the right-ankle -> left-ankle
direction, so the same body seen from the front or from the back gives the same values
without mirroring.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from .geometry import Sides, angle_from_up, dot, norm, signed_bend, unit


def _pair(points: np.ndarray, part: str) -> tuple[np.ndarray, np.ndarray]:
    left, right = SIDE_PAIRS[part]
    return points[:, left], points[:, right]


def towards_left(points: np.ndarray) -> np.ndarray:
    """(T, 2) unit vector along right ankle -> left ankle: the subject's left."""
    ankle_l, ankle_r = _pair(points, "ankle")
    return unit(ankle_l - ankle_r)


def knee_fppa(points: np.ndarray, left_dir: np.ndarray) -> Sides:
    hip, knee, ankle = _pair(points, "hip"), _pair(points, "knee"), _pair(points, "ankle")
    return (
        signed_bend(hip[0], knee[0], ankle[0], -left_dir),
        signed_bend(hip[1], knee[1], ankle[1], left_dir),
    )


def rearfoot_angle(points: np.ndarray, left_dir: np.ndarray) -> Sides:
    knee, ankle, heel = _pair(points, "knee"), _pair(points, "ankle"), _pair(points, "heel")
    return (
        signed_bend(knee[0], ankle[0], heel[0], -left_dir),
        signed_bend(knee[1], ankle[1], heel[1], left_dir),
    )


def knee_ankle_gap_ratio(points: np.ndarray) -> np.ndarray:
    knee_l, knee_r = _pair(points, "knee")
    ankle_l, ankle_r = _pair(points, "ankle")
    with np.errstate(invalid="ignore", divide="ignore"):
        return norm(knee_l - knee_r) / norm(ankle_l - ankle_r)


def foot_turn_out(points: np.ndarray, left_dir: np.ndarray) -> Sides:
    heel_l, heel_r = _pair(points, "heel")
    toe_l, toe_r = _pair(points, "foot_index")

    def turn_out(foot: np.ndarray, outward: np.ndarray) -> np.ndarray:
        away = np.sign(dot(foot, outward))
        return np.degrees(np.arctan2(away * np.abs(foot[:, 0]), np.abs(foot[:, 1])))

    return turn_out(toe_l - heel_l, left_dir), turn_out(toe_r - heel_r, -left_dir)


def knee_offset(points: np.ndarray, reference: str) -> Sides:
    """Knee position across the body relative to `reference` ("ankle" or "foot_index")
    of the same leg, in ankle gaps: positive = knee on the midline side, negative =
    outside. Measured along the image horizontal only: the knee sits far above both
    references, so any tilt of the ankle line (one heel up) would otherwise leak height
    into the offset.
    """
    knee_l, knee_r = _pair(points, "knee")
    ref_l, ref_r = _pair(points, reference)
    ankle_l, ankle_r = _pair(points, "ankle")
    across = ankle_l[:, 0] - ankle_r[:, 0]
    left = np.sign(across)  # +1 when the subject's left is image right (front view)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.abs(across)
        return (ref_l[:, 0] - knee_l[:, 0]) * left / gap, (knee_r[:, 0] - ref_r[:, 0]) * left / gap


def pelvis_tilt(points: np.ndarray) -> np.ndarray:
    hip_l, hip_r = _pair(points, "hip")
    across = hip_l - hip_r
    return np.degrees(np.arctan2(-across[:, 1], np.abs(across[:, 0])))


def hip_shift(points: np.ndarray) -> np.ndarray:
    hip_l, hip_r = _pair(points, "hip")
    ankle_l, ankle_r = _pair(points, "ankle")
    stance = ankle_l - ankle_r
    offset = 0.5 * (hip_l + hip_r) - 0.5 * (ankle_l + ankle_r)
    with np.errstate(invalid="ignore", divide="ignore"):
        return dot(offset, stance) / dot(stance, stance)


def arm_elevation(points: np.ndarray) -> Sides:
    shoulder, elbow = _pair(points, "shoulder"), _pair(points, "elbow")
    return angle_from_up(elbow[0] - shoulder[0]), angle_from_up(elbow[1] - shoulder[1])


def frontal_metrics(points: np.ndarray, view: str) -> dict[str, np.ndarray | Sides]:
    """Every front/back quantity of the catalogue except the baseline-referenced ones.

    points: (T, 33, 2) pixels. Bilateral quantities are (left, right) tuples. The toes
    are hidden behind the heels in a back view, so the foot quantities are front-only.
    """
    left_dir = towards_left(points)
    arms = arm_elevation(points)
    foot = {}
    if view == "front":
        foot = {
            "foot_turn_out": foot_turn_out(points, left_dir),
            "knee_ankle_offset": knee_offset(points, "ankle"),
            "knee_toe_offset": knee_offset(points, "foot_index"),
        }
    return {
        **foot,
        "knee_fppa": knee_fppa(points, left_dir),
        "knee_ankle_gap_ratio": knee_ankle_gap_ratio(points),
        "pelvis_tilt": pelvis_tilt(points),
        "hip_shift": hip_shift(points),
        "arm_elevation": arms,
        "arm_symmetry": arms[0] - arms[1],
        "rearfoot_angle": rearfoot_angle(points, left_dir),
    }
