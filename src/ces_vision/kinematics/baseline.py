"""The standing reference of a clip: hip height, standing frames, heel baselines.

hip_height is (y_standing - y_mid-hip) / leg_length (see `catalog`): about 0 standing,
negative in the squat. The standing frames are the baseline of heel_lift and
heel_toe_angle, so both read 0 when the feet are as they were standing.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from .geometry import Sides, mean_available, norm
from .sagittal import foot_pitch

STANDING_PERCENTILE = 5.0  # of mid-hip image y: the standing height, robust to outliers
LEG_SAMPLE_BAND = 0.05  # leg lengths: frames this near standing measure the leg length


def _median_finite(values: np.ndarray) -> float:
    values = values[np.isfinite(values)]
    return float(np.median(values)) if values.size else float("nan")


def leg_length_per_frame(points: np.ndarray) -> np.ndarray:
    """(T,) hip-knee + knee-ankle 2D length, mean of the sides present."""
    lengths = []
    for side in (0, 1):
        hip, knee, ankle = (points[:, SIDE_PAIRS[p][side]] for p in ("hip", "knee", "ankle"))
        lengths.append(norm(knee - hip) + norm(ankle - knee))
    return mean_available(*lengths)


def hip_height(points: np.ndarray) -> np.ndarray:
    """(T,) mid-hip height above the standing height, in leg lengths (positive up).

    Only valid frames enter the references: y_standing is a low percentile of the
    mid-hip y; the leg length is the median over the frames near that height (the legs
    are straight there, so a front view does not foreshorten them). All NaN when the
    hips or the legs are never seen.
    """
    hip_l, hip_r = SIDE_PAIRS["hip"]
    y = mean_available(points[:, hip_l, 1], points[:, hip_r, 1])
    legs = leg_length_per_frame(points)
    valid_y = y[np.isfinite(y)]
    first_guess = _median_finite(legs)
    if valid_y.size == 0 or not first_guess > 0:
        return np.full(y.shape, np.nan)
    y_standing = float(np.percentile(valid_y, STANDING_PERCENTILE))
    with np.errstate(invalid="ignore"):
        near_standing = (y - y_standing) <= LEG_SAMPLE_BAND * first_guess
    leg_length = _median_finite(legs[near_standing])
    if not leg_length > 0:
        leg_length = first_guess
    return (y_standing - y) / leg_length


def standing_leg_px(points: np.ndarray, standing: np.ndarray) -> float:
    """Median hip-knee-ankle length in pixels over the standing frames (NaN if none)."""
    return _median_finite(leg_length_per_frame(points)[np.asarray(standing, dtype=bool)])


def standing_frames(height: np.ndarray, standing_leg: float) -> np.ndarray:
    """(T,) bool: hip_height is no more than `standing_leg` below standing."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(height) & (height >= -standing_leg)


def standing_median(series: np.ndarray, standing: np.ndarray) -> float:
    """Median of a series over the standing frames, ignoring NaN (NaN if none): the
    reference that rules measured "from standing" subtract."""
    return _median_finite(np.asarray(series, dtype=float)[np.asarray(standing, dtype=bool)])


def heel_lift(points: np.ndarray, standing: np.ndarray) -> Sides:
    """Rise of each heel above its standing baseline, in standing shank lengths."""

    def lift(side: int) -> np.ndarray:
        heel, knee, ankle = (points[:, SIDE_PAIRS[p][side]] for p in ("heel", "knee", "ankle"))
        baseline_y = _median_finite(heel[standing, 1])
        shank = _median_finite(norm(knee[standing] - ankle[standing]))
        return (baseline_y - heel[:, 1]) / shank

    return lift(0), lift(1)


def heel_toe_angle(points: np.ndarray, forward: float, standing: np.ndarray) -> Sides:
    """Foot pitch (side view) relative to its median over the standing frames."""
    left, right = (pitch - _median_finite(pitch[standing]) for pitch in foot_pitch(points, forward))
    return left, right
