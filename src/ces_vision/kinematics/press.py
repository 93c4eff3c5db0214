"""Push / pull reps (standing cable chest press and row) from the wrist's motion.

The press trace is the near wrist's reach (`wrist_reach`, trunk lengths ahead of the
shoulder) turned into the shape of `hip_height`: 0 at the rep's start position, negative
at the turn. A push starts with the hands at the chest (the clip's low reach), a pull
with the arms out (its high reach), so:

    push   trace = -(reach - low reach)      (5th percentile over the valid frames)
    pull   trace =   reach - high reach      (95th percentile)

`segment_reps` then finds the reps on it exactly as on hip_height, with
`PRESS_REP_SETTINGS`; the frames at the start position are the clip's baseline (the
"standing" frames every "from the start" rule subtracts).
"""

from __future__ import annotations

import numpy as np

from ..config import RepSettings
from ..types import Rep
from .reps import segment_reps

MOVEMENTS = ("squat", "push", "pull")
ARM_MOVEMENTS = ("push", "pull")
START_PERCENTILE = 5.0
# (our choice) the hands travel about one trunk length in a press or row: a rep moves
# them at least 0.3 trunk lengths, and the start position is within 0.1 of its extreme.
PRESS_REP_SETTINGS = RepSettings(min_depth_leg=0.3, min_duration_s=0.6, standing_leg=0.1)


def press_trace(reach: np.ndarray, movement: str) -> np.ndarray:
    """(T,) 0 at the start position, negative towards the turn of each rep; NaN kept."""
    reach = np.asarray(reach, dtype=float)
    valid = reach[np.isfinite(reach)]
    if valid.size == 0:
        return np.full(reach.shape, np.nan)
    if movement == "push":
        return -(reach - float(np.percentile(valid, START_PERCENTILE)))
    if movement == "pull":
        return reach - float(np.percentile(valid, 100.0 - START_PERCENTILE))
    raise ValueError(f"no press trace for movement {movement!r}; expected one of {ARM_MOVEMENTS}")


def press_reps(trace: np.ndarray, timestamps_s: np.ndarray) -> list[Rep]:
    """The reps of a push or pull clip, from its press trace."""
    return segment_reps(trace, timestamps_s, PRESS_REP_SETTINGS)
