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
# The feet drift when the floor's height (`floor_y`, 5th to 95th percentile) spans more
# than this many leg lengths: the rendered samples (fixed camera) span at most 0.08 (the
# back-view heels rise, whose toes are hidden), the real front and side clips 0.02-0.04
# with a steady phone, 0.19 for the one that tilted, 0.27 for the oblique one. (our choice)
FEET_DRIFT_LEG = 0.12
# ...and when the feet are seen with the hips in at least this share of the frames. (our choice)
ANKLE_REFERENCE_SHARE = 0.8


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


FOOT_LANDMARKS = [i for part in ("ankle", "heel", "foot_index") for i in SIDE_PAIRS[part]]


def floor_y(points: np.ndarray) -> np.ndarray:
    """(T,) image y of the lowest foot point seen (ankles, heels, toes): where the floor
    is. A heel rise leaves the toes on it; one hidden foot point leaves the others."""
    feet = points[:, FOOT_LANDMARKS, 1]
    seen = np.isfinite(feet).any(axis=1)
    return np.where(seen, np.max(np.where(np.isfinite(feet), feet, -np.inf), axis=1), np.nan)


def _feet_drift(points: np.ndarray, legs: np.ndarray, hip_y: np.ndarray) -> bool:
    """True when the feet move up or down the picture (see FEET_DRIFT_LEG) and are seen
    often enough to be the hip height's reference."""
    floor = floor_y(points)
    both = np.isfinite(floor) & np.isfinite(hip_y)
    leg = _median_finite(legs)
    if not both.any() or not leg > 0 or both.sum() < ANKLE_REFERENCE_SHARE * np.isfinite(hip_y).sum():
        return False
    low, high = np.percentile(floor[both], [5.0, 95.0])
    return bool((high - low) / leg > FEET_DRIFT_LEG)


def hip_height(points: np.ndarray) -> np.ndarray:
    """(T,) mid-hip height above the standing height, in leg lengths (positive up).

    The hip's height is measured from the floor (`floor_y`, the lowest foot point) when
    the feet drift up or down the picture (`_feet_drift`), else from the picture's top
    (the feet landmarks' own jitter would add to every frame: on the rendered samples an
    ankle reference doubled the hip-height error). On a real side clip whose feet
    drifted 35 px down the picture between its two reps (the phone tilting), the hip
    read 0.09 leg lengths below standing between them and the two reps merged into one. Only valid frames enter the
    references: y_standing is a low percentile of that height; the leg length is the median over the frames near that height (the legs
    are straight there, so a front view does not foreshorten them). All NaN when the
    hips or the legs are never seen.
    """
    hip_l, hip_r = SIDE_PAIRS["hip"]
    y = mean_available(points[:, hip_l, 1], points[:, hip_r, 1])
    legs = leg_length_per_frame(points)
    if _feet_drift(points, legs, y):
        y = y - floor_y(points)  # the hip above the floor: a phone that tilts or a client who steps back moves both
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
