"""Is enough of the client visible to screen? If not, say what to change."""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from ..types import PoseSequence
from .errors import NotEnoughPerson

# Body parts the overhead squat screen cannot do without, and the advice when missing.
_REQUIRED = {
    "ankle": "the feet are out of frame: step back or tilt the camera down so the whole body shows",
    "knee": "the knees are not visible: step back so the whole body is in frame",
    "hip": "the hips are not visible: step back so the whole body is in frame",
    "shoulder": "the shoulders are out of frame: step back or tilt the camera up so the whole body shows",
}
# At least this fraction of the frames must show every required part.
MIN_COVERAGE = 0.5


def part_coverage(pose: PoseSequence, view: str) -> dict[str, float]:
    """Fraction of frames where each required part is visible (one side suffices in a side view)."""
    present = ~np.isnan(pose.image_xyz[..., 0])
    coverage = {}
    for part in _REQUIRED:
        left, right = SIDE_PAIRS[part]
        seen = present[:, left] | present[:, right] if view == "side" else present[:, left] & present[:, right]
        coverage[part] = float(seen.mean()) if len(seen) else 0.0
    return coverage


def check_person(pose: PoseSequence, view: str) -> None:
    """Raise NotEnoughPerson with advice when the clip cannot be screened."""
    if pose.n_frames == 0 or not pose.has_pose.any():
        raise NotEnoughPerson(
            "no person was found in the video: film the client's whole body, in good light, "
            "with nobody else in the picture"
        )
    coverage = part_coverage(pose, view)
    worst = min(coverage, key=lambda part: coverage[part])
    if coverage[worst] < MIN_COVERAGE:
        raise NotEnoughPerson(f"{_REQUIRED[worst]} (visible in {coverage[worst]:.0%} of frames)")
