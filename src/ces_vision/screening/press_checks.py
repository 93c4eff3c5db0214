"""Can a push or pull clip be screened at all? Enough reps, and the arm in frame.

The pushing and pulling assessments count their reps from the near wrist
(`kinematics.press`). A wrist that is missing in most frames (the arm out of frame or
hidden) gives no reps to judge; a set of fewer than `press_min_reps` reps is not the
controlled set NASM asks for. Either makes every checkpoint of the clip not
assessable, with the reason.
"""

from __future__ import annotations

import numpy as np

from ..kinematics.series import Kinematics
from .thresholds import Thresholds

_ARM_SEEN = 0.5  # the near wrist must be measured in at least half of the frames


def press_not_assessable_reason(kin: Kinematics, assessment: str, th: Thresholds) -> str | None:
    """Why a push / pull clip cannot be screened, or None when it can."""
    reach = np.asarray(kin.series["wrist_reach"].value, dtype=float) if "wrist_reach" in kin.series else None
    if reach is None or reach.size == 0 or np.isfinite(reach).mean() < _ARM_SEEN:
        return (
            f"the near arm is out of frame or hidden in most of the clip: film the whole {assessment} "
            "from the side with both hands in the picture"
        )
    if len(kin.reps) < th.press_min_reps:
        return (
            f"only {len(kin.reps)} complete {assessment} rep(s) found; at least {th.press_min_reps} are needed: "
            "film the set from the start position, about 10-20 controlled reps"
        )
    return None
