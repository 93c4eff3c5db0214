"""Per-clip reasons a check cannot be trusted, said as `not_assessable` instead of guessed.

Whole clip (every checkpoint): the camera is oblique (`view_check.camera_check`), the
person is too small in the picture, or no rep went deep enough to show anything.
One checkpoint: how the client stood already reads like the compensation (feet turned
out standing, hips off-centre standing), so a change in the squat cannot be told from
the stance; or the knees, from a front camera too far off square. Joints hidden through
a check's reps are named (`hidden_joints`).

Measured on real phone clips (MediaPipe full): the side prisoner squat (dnly09, 108x192
GIF) has legs 70 px tall standing and read a forward lean its author calls good form;
the front clips filmed from hip height (mchariar, 240x427) have legs 110-118 px and read
the feet 50-60 deg turned out and the hips 0.21-0.30 of the stance off-centre while
standing still, then knees out 0.42-0.53 and a weight shift 0.23-0.25 that are not there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..kinematics import standing_median
from ..kinematics.series import Kinematics
from ..kinematics.square_on import MIN_YAW_DEG
from ..landmarks import Landmark
from ..types import Compensation
from .thresholds import Thresholds
from .view_check import CameraCheck, camera_check

# Standing hip-knee-ankle length in pixels below which landmarks are too coarse to judge
# angles of a few degrees: 70 px (dnly09) read a false forward lean, 110 px read the
# knees and hips as other clips did. (our choice, between those)
MIN_LEG_PX = 90.0
# The deepest rep's hip drop, in leg lengths, below which no compensation has shown yet
# (NASM films the squat to about chair height: roughly half a leg length). (our choice)
MIN_SQUAT_DEPTH_LEG = 0.25
# Hips off the middle of the stance while standing, in stance widths: past this a
# weight shift during the squat cannot be told from how the client stands (the real
# front clips read 0.21-0.30 standing, the rendered samples 0.01-0.10, a clean render
# filmed 20 deg off square 0.31). (our choice)
MAX_STANDING_HIP_OFFSET = 0.2

# The absolute feet-turn-out rule (feet turned out already standing) is skipped when the
# standing reading is past it AND cannot be the stance: the camera was turned (yaw
# magnifies one foot's angle: 13 deg of yaw read a clean stance 43-50 deg turned out), or
# the reading is past STANDING_FEET_FORESHORTENED_DEG, what a camera at hip height makes of
# feet seen end-on (real front clips: 50-60 deg standing). A stance of 35 deg from a
# square camera is still feet turned out. (our choice)
FEET_ABSOLUTE_RULE = "foot_turn_out_abs_deg"
STANDING_FEET_FORESHORTENED_DEG = 45.0

# Knees in / out from the front need the camera within this many degrees of square. Past
# it the knees' forward travel (about 25 cm) still reads as sideways after squaring: with
# the true yaw (13-20 deg) given to the squaring, clean rendered squats read a knee 0.12-0.15
# of the stance outside its ankle (threshold then 0.08, now 0.10), and MediaPipe's own yaw errs by up to
# 10 deg. (our choice, fitted on the wide set's tuning split only, benchmarks/accuracy.py)
KNEES_MAX_YAW_DEG = 12.0


@dataclass(frozen=True, slots=True)
class ClipQuality:
    """What the clip allows: how square the camera stood, a reason that stops every check,
    reasons per checkpoint, threshold keys of rules not to use, and the numbers for the
    analysis JSON."""

    camera: CameraCheck
    whole_clip: str | None = None
    checkpoints: dict[str, str] = field(default_factory=dict)
    skipped_rules: frozenset[str] = frozenset()
    measures: dict[str, float | list[int] | None] = field(default_factory=dict)
    warning: str | None = None  # said with the clip's warnings: frames left out

    def to_dict(self) -> dict:
        """The analysis JSON's `quality` (the camera is its own `view_check`)."""
        return {
            "not_assessable_reason": self.whole_clip,
            "checkpoints": dict(self.checkpoints),
            "skipped_rules": sorted(self.skipped_rules),
            **self.measures,
        }


def _rounded(value: float) -> float | None:
    return round(float(value), 3) if np.isfinite(value) else None


def deepest_drop(kin: Kinematics) -> float:
    """The deepest rep's hip drop in leg lengths (NaN without reps or hip height)."""
    if not kin.reps or "hip_height" not in kin.series:
        return float("nan")
    height = np.asarray(kin.series["hip_height"].value, dtype=float)
    drops = [
        np.nanmin(height[r.start : r.end + 1]) for r in kin.reps if np.any(np.isfinite(height[r.start : r.end + 1]))
    ]
    return float(-min(drops)) if drops else float("nan")


def clip_quality(kin: Kinematics, view: str, th: Thresholds, overhead_squat: bool = True) -> ClipQuality:
    """Judge what the clip `kin` (labelled `view`) allows. The depth and stance checks
    are the overhead squat's (`overhead_squat`); a single-leg squat stands off-centre by
    design and a push or pull has no depth."""
    camera = camera_check(view, kin.camera_yaw_deg, kin.squared)
    depth = deepest_drop(kin) if overhead_squat else float("nan")
    measures: dict[str, float | list[int] | None] = {
        "leg_px": _rounded(kin.leg_px),
        "squat_depth_leg": _rounded(depth),
        "settled_span": list(kin.settled_span) if kin.settled_span else None,
        "unsettled_frames": kin.unsettled_frames,
    }
    whole = camera.reason
    if whole is None and kin.leg_px < MIN_LEG_PX:
        whole = (
            f"the person is too small in the picture: legs {kin.leg_px:.0f} px tall standing, at least "
            f"{MIN_LEG_PX:.0f} needed; film closer or at a higher resolution"
        )
    if whole is None and depth < MIN_SQUAT_DEPTH_LEG:
        whole = (
            f"the squat was too shallow to judge: the hips dropped {depth:.2f} leg lengths, at least "
            f"{MIN_SQUAT_DEPTH_LEG:.2f} needed; squat to about chair height"
        )
    checkpoints: dict[str, str] = {}
    skipped: set[str] = set()
    if overhead_squat and view == "front" and "foot_turn_out" in kin.series:
        feet = kin.series["foot_turn_out"]
        standing = max(standing_median(feet.left, kin.standing), standing_median(feet.right, kin.standing))
        measures["standing_feet_turn_out_deg"] = _rounded(standing)
        limit = float(th.foot_turn_out_abs_deg)
        turned = np.isfinite(kin.camera_yaw_deg) and abs(kin.camera_yaw_deg) >= MIN_YAW_DEG
        if standing > limit and (turned or standing > STANDING_FEET_FORESHORTENED_DEG):
            skipped.add(FEET_ABSOLUTE_RULE)
            checkpoints["knees_move_out"] = (
                f"the feet already read {standing:.0f} deg turned out standing (over {limit:.0f}: a low or turned "
                "camera foreshortens them), so the toes are no reference for the knees; judge by eye"
            )
    if overhead_squat and view == "front" and abs(kin.camera_yaw_deg) >= KNEES_MAX_YAW_DEG:
        for knees in ("knees_move_in", "knees_move_out"):
            checkpoints[knees] = (
                f"the camera stood {abs(kin.camera_yaw_deg):.0f} deg off square (knees need it within "
                f"{KNEES_MAX_YAW_DEG:.0f}): the knees' forward travel reads as sideways; film square to the "
                "front, or judge by eye"
            )
    if overhead_squat and view in ("front", "back") and "hip_shift" in kin.series:
        offset = standing_median(kin.series["hip_shift"].value, kin.standing)
        measures["standing_hip_offset"] = _rounded(offset)
        if abs(offset) > MAX_STANDING_HIP_OFFSET:
            checkpoints["asymmetric_weight_shift"] = (
                f"the hips were already {abs(offset):.2f} of the stance off-centre standing (over "
                f"{MAX_STANDING_HIP_OFFSET:.2f}), so a shift in the squat cannot be told from the stance"
            )
    return ClipQuality(camera, whole, checkpoints, frozenset(skipped), measures, settled_warning(kin))


def settled_warning(kin: Kinematics) -> str | None:
    """The warning for frames left out because the client was walking in or out (`kinematics.settled`)."""
    if not kin.unsettled_frames or kin.settled_span is None:
        return None
    first, last = kin.settled_span
    times = kin.timestamps_s
    return (
        f"the client was not standing in place in {kin.unsettled_frames} frames (walking in or out): only "
        f"frames {first}-{last} ({times[first]:.1f}-{times[last]:.1f} s) were judged"
    )


def landmark_name(landmark: int) -> str:
    """The plain name of a landmark, the subject's side first: "left ankle", "right toes"."""
    return Landmark(landmark).name.lower().replace("foot_index", "toes").replace("_", " ")


def hidden_joints(
    visibility: np.ndarray | None, frames: np.ndarray, landmarks: Iterable[int], min_visibility: float
) -> list[str]:
    """The landmarks among `landmarks` seen, on average over `frames` (T,) bool, with
    visibility under `min_visibility` (or never), by name; [] when `visibility` is None."""
    if visibility is None or not np.any(frames):
        return []
    seen = np.asarray(visibility, dtype=float)[np.asarray(frames, dtype=bool)]
    hidden = []
    for landmark in dict.fromkeys(landmarks):
        values = seen[:, landmark]
        values = values[np.isfinite(values)]
        if not values.size or float(np.mean(values)) < min_visibility:
            hidden.append(landmark_name(landmark))
    return hidden


def hidden_reason(n_reps: int, joints: list[str]) -> str:
    """The reason of a check no rep could measure, naming the hidden joints when known."""
    if not joints:
        return f"none of the {n_reps} reps measurable (landmarks missing or poorly visible)"
    return f"none of the {n_reps} reps measurable: {', '.join(joints)} hidden or poorly visible through the reps"


def checkpoint_reason(quality: ClipQuality, compensation: Compensation) -> str | None:
    """Why `quality` stops `compensation` in this clip, or None."""
    return quality.whole_clip or quality.checkpoints.get(compensation)
