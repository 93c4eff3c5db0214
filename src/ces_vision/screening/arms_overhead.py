"""Is the clip an overhead squat? The arms must be overhead for most of the rep.

A bodyweight squat with the arms held forward, hanging, crossed on the chest or on the
hips is not the NASM overhead squat: its arms never were overhead, so they cannot "fall
forward", and the arm checkpoint does not apply (the rest of the screen still does).

An arm counts as overhead in a frame when the upper arm is within
`arms_overhead_max_deg` of overhead: from the trunk line in a side view
(|arm_trunk_angle|, near side), from image up in a front or back view (arm_elevation,
mean of the sides). "Most of the rep" is more than half of the frames of the clip's
reps (of the whole clip when it has no rep) where that angle was measured.
"""

from __future__ import annotations

import numpy as np

from ..kinematics.series import Kinematics
from .thresholds import Thresholds

ARM_CHECKPOINTS = ("arms_fall_forward",)
ARMS_NOT_OVERHEAD_WARNING = "arms not overhead: not a standard overhead squat"
ARMS_NOT_OVERHEAD_REASON = (
    "not applicable: the arms were not overhead for most of the rep (held forward, hanging or "
    "on the hips), so they cannot fall forward; film an overhead squat to judge the arms"
)
_MOST = 0.5  # "most of the rep": more than half of its measured frames
_ARM_ANGLE = {"side": "arm_trunk_angle", "front": "arm_elevation", "back": "arm_elevation"}


def arms_overhead_share(kin: Kinematics, max_deg: float) -> float | None:
    """Share of the rep frames with the arms measured in which the arms are within
    `max_deg` of overhead; None when no frame measured them (or the view has no arm angle)."""
    metric = _ARM_ANGLE.get(kin.view)
    if metric is None or metric not in kin.series:
        return None
    angle = np.abs(np.asarray(kin.series[metric].value, dtype=float))
    in_reps = np.zeros(angle.shape, bool)
    for rep in kin.reps:
        in_reps[rep.start : rep.end + 1] = True
    measured = angle[in_reps if in_reps.any() else slice(None)]
    measured = measured[np.isfinite(measured)]
    return float(np.mean(measured <= max_deg)) if measured.size else None


def arms_not_overhead(kin: Kinematics, th: Thresholds) -> bool:
    """True when the arms were measured and were overhead in at most half of the rep frames."""
    share = arms_overhead_share(kin, th.arms_overhead_max_deg)
    return share is not None and share <= _MOST
