"""Cheap report inputs: a synthetic squatting skeleton, its kinematics and its analysis JSON."""

from __future__ import annotations

import numpy as np

from ces_vision.kinematics.catalog import METRICS_BY_NAME
from ces_vision.kinematics.series import Kinematics, MetricSeries
from ces_vision.types import Rep

N_FRAMES = 60
WIDTH, HEIGHT = 320, 240
REPS = (Rep(2, 10, 18), Rep(20, 29, 38), Rep(40, 49, 58))

# Standing front-view skeleton (pixels), subject's left on the image right.
_STANDING = {
    0: (160, 40),
    7: (168, 38),
    8: (152, 38),
    11: (178, 70),
    12: (142, 70),
    13: (184, 50),
    14: (136, 50),
    15: (186, 28),
    16: (134, 28),
    23: (172, 130),
    24: (148, 130),
    25: (174, 170),
    26: (146, 170),
    27: (176, 210),
    28: (144, 210),
    29: (178, 216),
    30: (142, 216),
    31: (184, 222),
    32: (136, 222),
}


def squat_depth(t: np.ndarray) -> np.ndarray:
    depth = np.zeros_like(t, dtype=float)
    for rep in REPS:
        inside = (t >= rep.start) & (t <= rep.end)
        depth[inside] = np.sin(np.pi * (t[inside] - rep.start) / (rep.end - rep.start))
    return depth


def synthetic_pixels() -> np.ndarray:
    t = np.arange(N_FRAMES)
    depth = squat_depth(t)
    pixels = np.full((N_FRAMES, 33, 2), np.nan)
    for index, (x, y) in _STANDING.items():
        pixels[:, index, 0] = x
        pixels[:, index, 1] = y
    upper = [0, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24]
    pixels[:, upper, 1] += 40 * depth[:, None]
    pixels[:, [25, 26], 1] += 15 * depth[:, None]
    pixels[:, 25, 0] -= 10 * depth  # the left knee moves in
    return pixels


def _series(name: str, left=None, right=None, value=None) -> MetricSeries:
    nan = np.full(N_FRAMES, np.nan)
    return MetricSeries(
        METRICS_BY_NAME[name],
        nan if left is None else left,
        nan if right is None else right,
        nan if value is None else value,
    )


def synthetic_kinematics() -> Kinematics:
    depth = squat_depth(np.arange(N_FRAMES))
    fppa_left, fppa_right = 2 + 12 * depth, 1 + 3 * depth
    gap = 1.0 - 0.3 * depth
    turn_left, turn_right = 8 + 10 * depth, 7 + 4 * depth
    series = {
        "knee_fppa": _series("knee_fppa", fppa_left, fppa_right, np.maximum(fppa_left, fppa_right)),
        "knee_ankle_gap_ratio": _series("knee_ankle_gap_ratio", value=gap),
        "foot_turn_out": _series("foot_turn_out", turn_left, turn_right, (turn_left + turn_right) / 2),
        "hip_height": _series("hip_height", value=-0.4 * depth),
    }
    return Kinematics(
        view="front",
        timestamps_s=np.arange(N_FRAMES) / 30.0,
        series=series,
        reps=REPS,
        near_side=None,
        standing=depth < 0.1,
    )


def synthetic_analysis(video_path: str = "clip.mp4") -> dict:
    return {
        "schema_version": 1,
        "source": {
            "path": video_path,
            "fps": 30.0,
            "frame_count": N_FRAMES,
            "width": WIDTH,
            "height": HEIGHT,
            "rotation": 0,
        },
        "view": "front",
        "model": "full",
        "frames_with_pose": N_FRAMES,
        "reps": [{"start": r.start, "bottom": r.bottom, "end": r.end} for r in REPS],
        "metrics": {
            "knee_fppa": {
                "unit": "deg",
                "per_rep": [
                    {"left": 14.0, "right": 4.0, "value": 14.0},
                    {"left": 9.5, "right": 3.5, "value": 9.5},
                    {"left": 13.0, "right": 4.2, "value": 13.0},
                ],
            },
            "knee_ankle_gap_ratio": {
                "unit": "ratio",
                "per_rep": [
                    {"left": None, "right": None, "value": 0.70},
                    {"left": None, "right": None, "value": 0.86},
                    {"left": None, "right": None, "value": 0.72},
                ],
            },
            "foot_turn_out": {
                "unit": "deg",
                "per_rep": [
                    {"left": 18.0, "right": 11.0, "value": 14.5},
                    {"left": 17.0, "right": 10.0, "value": 13.5},
                    {"left": 18.5, "right": 11.0, "value": 14.7},
                ],
            },
        },
        "findings": [
            {
                "compensation": "knees_move_in",
                "side": "left",
                "value": 0.71,
                "threshold": 0.8,
                "unit": "ratio",
                "reps_flagged": 2,
                "reps_total": 3,
                "confidence": 0.86,
            },
            {
                "compensation": "feet_turn_out",
                "side": None,
                "value": 14.6,
                "threshold": 10.0,
                "unit": "deg",
                "reps_flagged": 3,
                "reps_total": 3,
                "confidence": 0.64,
            },
        ],
        "not_assessable": ["knees_move_out"],
        # the engine's per-rep judgement (values signed so that larger is worse)
        "checklist": [
            {
                "compensation": "knees_move_in",
                "view": "front",
                "status": "seen",
                "metric": "knee_ankle_gap_ratio",
                "evidence": [
                    {"rep": 1, "measurable": True, "flagged": True, "value": 0.30, "sides": ["left"]},
                    {"rep": 2, "measurable": True, "flagged": False, "value": 0.14, "sides": []},
                    {"rep": 3, "measurable": True, "flagged": True, "value": 0.28, "sides": ["left"]},
                ],
            },
            {
                "compensation": "feet_turn_out",
                "view": "front",
                "status": "seen",
                "metric": "foot_turn_out",
                "evidence": [
                    {"rep": 1, "measurable": True, "flagged": True, "value": 14.5, "sides": ["left"]},
                    {"rep": 2, "measurable": True, "flagged": True, "value": 13.5, "sides": ["left"]},
                    {"rep": 3, "measurable": True, "flagged": True, "value": 14.7, "sides": ["left"]},
                ],
            },
        ],
        "warnings": [],
        "prescription": {
            "inhibit": [
                {
                    "name": "Foam roll adductors",
                    "targets": ["adductors"],
                    "dosage": "hold tender spots 30 s",
                    "minutes": 2,
                }
            ],
            "lengthen": [
                {
                    "name": "Kneeling adductor stretch",
                    "targets": ["adductors"],
                    "dosage": "30 s x 2 each side",
                    "minutes": 2,
                }
            ],
            "activate": [
                {
                    "name": "Side-lying hip abduction",
                    "targets": ["glute medius"],
                    "dosage": {"sets": 2, "reps": 12},
                    "instructions": "Lift slowly, hold 2 s at the top.",
                }
            ],
            "integrate": [{"name": "Ball wall squat", "targets": ["total body"], "dosage": "1-2 x 12", "minutes": 3}],
        },
    }
