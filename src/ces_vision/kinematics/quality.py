"""Frames whose lower-body landmarks cannot be trusted in a front or back view.

During a squat the feet stay planted, so the distance between the ankles hardly
changes. Seen from behind, at the bottom of a squat the buttocks hide the legs and
MediaPipe pulls hips, knees and ankles towards the midline (measured on rendered
bodies: ankle gap down to 0.4 of standing while the true feet did not move). Those
frames would read as a large weight shift or collapsing arches; they are marked
unreliable instead, and the rules see NaN there ("not measurable", never a guess).
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from .geometry import norm

# Ankle gap may differ from its standing value by this fraction before the frame's
# lower body is distrusted. True renders stay within 0.07; collapses reach 0.4-0.6.
PLANTED_FEET_TOLERANCE = 0.2

LOWER_BODY_PARTS = ("hip", "knee", "ankle", "heel", "foot_index")


def feet_not_planted(points: np.ndarray, standing: np.ndarray, tolerance: float = PLANTED_FEET_TOLERANCE) -> np.ndarray:
    """(T,) bool: the ankle gap strays more than `tolerance` from its standing median."""
    left, right = SIDE_PAIRS["ankle"]
    gap = norm(points[:, left] - points[:, right])
    finite = np.isfinite(gap)
    pool = gap[standing & finite] if np.any(standing & finite) else gap[finite]
    reference = float(np.median(pool)) if pool.size else 0.0
    if reference <= 0:
        return np.zeros(len(points), bool)
    with np.errstate(invalid="ignore"):
        return np.abs(gap / reference - 1.0) > tolerance


LOWER_BODY_COLUMNS = [i for part in LOWER_BODY_PARTS for i in SIDE_PAIRS[part]]


def blank_unreliable_lower_body(points: np.ndarray, unreliable: np.ndarray) -> None:
    """Set the lower-body landmarks of `points` to NaN in `unreliable` frames, in place."""
    frames = np.flatnonzero(unreliable)
    for landmark in LOWER_BODY_COLUMNS:
        points[frames, landmark] = np.nan
