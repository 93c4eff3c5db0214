"""Which joint to ring on the overlay, and when: the joint of each flagged compensation,
on the subject's side(s) that showed it, during the reps that showed it (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...landmarks import Landmark as L
from ...screening import compensation_name

if TYPE_CHECKING:
    from ...session import Analysis
    from ...session.screen_record import StoredAnalysis

# The joint a coach looks at for each compensation, per side of the subject.
_KNEE: dict[str, int] = {"left": L.LEFT_KNEE, "right": L.RIGHT_KNEE}
_HIP: dict[str, int] = {"left": L.LEFT_HIP, "right": L.RIGHT_HIP}
JOINTS: dict[str, dict[str, int]] = {
    "knees_move_in": _KNEE,
    "knees_move_out": _KNEE,
    "sls_knee_moves_in": _KNEE,
    "feet_turn_out": {"left": L.LEFT_FOOT_INDEX, "right": L.RIGHT_FOOT_INDEX},
    "heels_rise": {"left": L.LEFT_HEEL, "right": L.RIGHT_HEEL},
    "excessive_forward_lean": {"left": L.LEFT_SHOULDER, "right": L.RIGHT_SHOULDER},
    "arms_fall_forward": {"left": L.LEFT_ELBOW, "right": L.RIGHT_ELBOW},
    "asymmetric_weight_shift": _HIP,
    "sls_hip_drop": _HIP,
    "sls_hip_hike": _HIP,
    "sls_trunk_shift": _HIP,
}


@dataclass(frozen=True, slots=True)
class FlaggedJoint:
    """Ring `landmark` (the subject's `side`) from frame `first` to `last`, both included."""

    first: int
    last: int
    landmark: int
    side: str
    label: str


def flagged_joints(analysis: Analysis | StoredAnalysis | None) -> list[FlaggedJoint]:
    """One entry per flagged rep, compensation and side, for the clip's seen findings (none without a clip)."""
    if analysis is None or analysis.kinematics is None:  # no clip, or one stored without its pose
        return []
    screen, reps = analysis.screen, analysis.kinematics.reps
    found = []
    for line in screen.findings:
        joints = JOINTS.get(line.compensation)
        if joints is None:
            continue
        default = (line.side,) if line.side in ("left", "right") else ("left", "right")
        for evidence in line.evidence:
            if not evidence.flagged or not 0 < evidence.rep <= len(reps):
                continue
            rep = reps[evidence.rep - 1]
            sides = tuple(s for s in evidence.sides if s in joints) or default
            label = compensation_name(line.compensation)
            found += [FlaggedJoint(rep.start, rep.end, int(joints[s]), s, label) for s in sides]
    return found


def joints_at(frame: int, flagged: list[FlaggedJoint]) -> list[FlaggedJoint]:
    """The joints to ring in `frame`."""
    return [j for j in flagged if j.first <= frame <= j.last]
