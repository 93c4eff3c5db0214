"""Is a clip given as a push or pull clip really one? A squat is named, not screened."""

from __future__ import annotations

from ..config import RepSettings
from ..kinematics import Kinematics, segment_reps
from .errors import WrongMovement

ASSESSMENT_NAMES = {
    "push": "pushing assessment (standing cable chest press)",
    "pull": "pulling assessment (standing cable row)",
}


def check_arm_movement(kin: Kinematics, assessment: str, reps: RepSettings) -> None:
    """Raise WrongMovement when the hips dip like squat reps at least as often as the
    wrist makes press reps: the clip is a squat, not the `assessment` it was given as."""
    hip = kin.series["hip_height"].value if "hip_height" in kin.series else None
    squats = segment_reps(hip, kin.timestamps_s, reps) if hip is not None else []
    if squats and len(squats) >= len(kin.reps):
        raise WrongMovement(
            f"this clip shows {len(squats)} squat rep(s), not the {ASSESSMENT_NAMES[assessment]}: "
            "it was not screened; give a squat clip as an overhead squat view (e.g. --side)"
        )
