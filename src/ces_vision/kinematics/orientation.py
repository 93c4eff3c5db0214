"""Which way a side-view subject faces, and which side of the body is near the camera.

Both are decided once per clip from the whole clip, not per frame.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS, Landmark
from ..types import Side

# Landmarks whose presence tells how well a side of the body is seen.
_SIDE_PARTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle", "heel", "foot_index")
_LEFT = [SIDE_PAIRS[p][0] for p in _SIDE_PARTS]
_RIGHT = [SIDE_PAIRS[p][1] for p in _SIDE_PARTS]


def _median_sign(values: np.ndarray) -> float:
    values = values[np.isfinite(values)]
    return float(np.sign(np.median(values))) if values.size else 0.0


def facing_sign(points: np.ndarray) -> float:
    """+1 if the subject faces towards image x increasing ("right"), -1 otherwise.

    From the heel -> foot-index direction over the clip (both feet); failing that, from
    the nose against the mid-ear point; failing both, +1.
    """
    heels = points[:, [Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL], 0]
    toes = points[:, [Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX], 0]
    sign = _median_sign((toes - heels).ravel())
    if sign == 0.0:
        ears = points[:, [Landmark.LEFT_EAR, Landmark.RIGHT_EAR], 0].mean(axis=1)
        sign = _median_sign(points[:, Landmark.NOSE, 0] - ears)
    return sign if sign != 0.0 else 1.0


def _mean_finite(values: np.ndarray) -> float:
    values = values[np.isfinite(values)]
    return float(values.mean()) if values.size else float("nan")


def _prefer(left: float, right: float) -> Side | None:
    """ "left" or "right" for the larger finite score, None on a tie or no data."""
    if np.isfinite(left) and np.isfinite(right) and left != right:
        return "left" if left > right else "right"
    if np.isfinite(left) != np.isfinite(right):
        return "left" if np.isfinite(left) else "right"
    return None


def near_side(points: np.ndarray, visibility: np.ndarray | None = None, facing: float | None = None) -> Side:
    """The side of the body nearer the camera in a side view: "left" or "right".

    Decided, in order, by: the higher mean visibility of the side's landmarks (when
    `visibility` (T, 33) is given); the fewer missing landmarks; the facing direction (in
    an unmirrored image a subject facing image right shows the camera their right side).
    """
    if visibility is not None:
        vis = np.asarray(visibility, dtype=float)
        choice = _prefer(_mean_finite(vis[:, _LEFT]), _mean_finite(vis[:, _RIGHT]))
        if choice:
            return choice
    present = np.isfinite(points[..., 0])
    choice = _prefer(float(present[:, _LEFT].sum()), float(present[:, _RIGHT].sum()))
    if choice:
        return choice
    if facing is None:
        facing = facing_sign(points)
    return "right" if facing > 0 else "left"
