"""What the reports say, in plain words a client understands.

Scope of practice: a report describes how the client moved and suggests exercise. It
never names a condition or a cause, and never uses diagnostic vocabulary
(`prescription.DIAGNOSIS_WORDS`); when the client reported pain it recommends seeing a licensed
clinician before starting the program.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..kinematics.catalog import metric_label
from ..screening.rules import compensation_name

SCOPE_NOTE = (
    "This report describes movement, suggests exercise; not a medical assessment. "
    "It records how the movement looked on video and suggests corrective exercise. "
    "It does not identify the cause of anything seen and is no substitute for care by a licensed clinician."
)
SCOPE_NOTE_SHORT = "Describes movement, suggests exercise; not a medical assessment."

PATTERN_NOTE = (
    "A movement pattern names findings that often go together in corrective exercise teaching. "
    "It describes how the movement looked, not its cause."
)

REFERRAL_TITLE = "Referral recommended: see a physical therapist first"


@dataclass(frozen=True, slots=True)
class Compensation:
    """How one compensation is described to a client and pictured (its name is
    `screening.compensation_name`, the same everywhere).

    seen: completes "In N of M squats, ..." when both sides (or the body) showed it;
    seen_one: the same for one side, "{side}" becoming "your left" / "your right".
    "{moving}" in either becomes when in the rep it showed ("as you lowered", "as you pressed").
    metric: the metric charted for it when the finding does not name its own.
    """

    seen: str
    seen_one: str
    area: str
    metric: str


COMPENSATIONS: dict[str, Compensation] = {
    "feet_turn_out": Compensation(
        "your toes turned outward as you squatted",
        "{side} toes turned outward as you squatted",
        "Feet",
        "foot_turn_out",
    ),
    "knees_move_in": Compensation(
        "your knees moved inward, toward each other, as you lowered",
        "{side} knee moved inward as you lowered",
        "Knees",
        "knee_ankle_offset",
    ),
    "knees_move_out": Compensation(
        "your knees moved outward, away from each other, as you lowered",
        "{side} knee moved outward as you lowered",
        "Knees",
        "knee_ankle_offset",
    ),
    "excessive_forward_lean": Compensation(
        "your upper body leaned further forward than your shins",
        "your upper body leaned further forward than your shins",
        "Hips and torso",
        "trunk_shin_diff",
    ),
    "low_back_arches": Compensation(
        "your lower back arched {moving}",
        "your lower back arched {moving}",
        "Hips and torso",
        "trunk_thigh_angle",
    ),
    "low_back_rounds": Compensation(
        "your lower back rounded near the bottom of the squat",
        "your lower back rounded near the bottom of the squat",
        "Hips and torso",
        "trunk_thigh_angle",
    ),
    "arms_fall_forward": Compensation(
        "your arms drifted forward from their line overhead",
        "{side} arm drifted forward from its line overhead",
        "Shoulders and arms",
        "arm_trunk_angle",
    ),
    "feet_flatten": Compensation(
        "your arches flattened and your ankles rolled inward",
        "{side} arch flattened and the ankle rolled inward",
        "Feet",
        "rearfoot_angle",
    ),
    "heels_rise": Compensation(
        "your heels lifted off the floor",
        "{side} heel lifted off the floor",
        "Feet",
        "heel_lift",
    ),
    "asymmetric_weight_shift": Compensation(
        "your hips shifted toward one side",
        "your hips shifted toward {side} side",
        "Hips and torso",
        "hip_shift",
    ),
    "shoulders_elevate": Compensation(
        "your shoulders rose toward your ears {moving}",
        "{side} shoulder rose toward your ear {moving}",
        "Shoulders and arms",
        "shoulder_ear_distance",
    ),
    "head_juts_forward": Compensation(
        "your head moved forward of your shoulders {moving}",
        "your head moved forward of your shoulders {moving}",
        "Head and neck",
        "ear_ahead_of_shoulder",
    ),
}

VIEW_NAMES = {"front": "front view", "side": "side view", "back": "back view"}

# Short names for the values drawn beside the joints of the key-frame stills and the
# annotated video: "knee 14 deg", "lift 0.09". Every catalogue metric has one.
READOUT_NAMES = {
    "knee_fppa": "knee",
    "knee_ankle_gap_ratio": "knee gap",
    "knee_ankle_offset": "knee in",
    "knee_toe_offset": "knee in",
    "foot_turn_out": "foot",
    "pelvis_tilt": "pelvis",
    "hip_shift": "shift",
    "arm_elevation": "arm",
    "arm_symmetry": "arms L-R",
    "rearfoot_angle": "rearfoot",
    "trunk_angle": "torso",
    "shin_angle": "shin",
    "trunk_shin_diff": "torso-shin",
    "knee_flexion": "knee bend",
    "hip_flexion": "hip bend",
    "arm_trunk_angle": "arm",
    "trunk_thigh_angle": "torso-thigh",
    "heel_lift": "lift",
    "heel_toe_angle": "heel",
    "hip_height": "hips",
    "shoulder_ear_distance": "shoulder-ear",
    "ear_ahead_of_shoulder": "head fwd",
    "wrist_reach": "reach",
}

# What a key-frame still labels for a finding's metric, when the metric itself has no
# place on the body (a difference or a whole-body value): the quantities it is made of.
STILL_READOUTS = {
    "trunk_shin_diff": ("trunk_angle", "shin_angle"),
}

# Live readouts drawn on frames, by view: (metric, short label).
READOUTS = {
    "front": (("knee_fppa", "Knee"), ("foot_turn_out", "Foot"), ("knee_ankle_gap_ratio", "Knee/ankle gap")),
    "back": (("rearfoot_angle", "Rearfoot"), ("heel_lift", "Heel lift"), ("hip_shift", "Hip shift")),
    "side": (
        ("trunk_angle", "Torso"),
        ("shin_angle", "Shin"),
        ("knee_flexion", "Knee bend"),
        ("arm_trunk_angle", "Arms"),
    ),
}

PHASES = {
    "inhibit": ("Inhibit", "Release tight areas with a foam roller or ball: hold each tender spot about 30 seconds."),
    "lengthen": ("Lengthen", "Stretch the same areas: hold each stretch 30 seconds without bouncing."),
    "activate": (
        "Activate",
        "Strengthen the muscles that are not doing enough: slow and controlled, pause at the end.",
    ),
    "integrate": ("Integrate", "Practise the whole movement with the new control: slow, smooth repetitions."),
}
PHASE_ORDER = ("inhibit", "lengthen", "activate", "integrate")


def readout_text(metric: str, unit: str, value: float) -> str:
    """A value drawn on a video frame (OpenCV fonts: ASCII only): "knee 14 deg", "lift 0.09"."""
    name = READOUT_NAMES.get(metric, "")
    if unit == "deg":
        number = f"{value:.0f} deg"
    elif unit == "leg":
        number = f"{value:.2f} leg"
    else:
        number = f"{value:.2f}"
    return f"{name} {number}" if name else number


@dataclass(frozen=True, slots=True)
class Measurement:
    """What a checklist line measured, as text: the app's checklist and the PDF both show
    exactly this, made from the same fields of the same record."""

    metric: str  # plain name of the metric ("Knee gap as a share of ankle gap")
    value: str  # "0.71", "14.0°"
    threshold: str


def measurement(line: Mapping) -> Measurement | None:
    """The metric, value and threshold of a checklist line (`CheckpointResult.to_dict()`),
    or None when the line measured nothing (not assessable, not filmed)."""
    value = line.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return None
    unit = line.get("unit") or ""
    threshold = line.get("threshold")
    threshold = float(threshold) if isinstance(threshold, (int, float)) and math.isfinite(threshold) else None
    metric = metric_label(line["metric"]) if line.get("metric") else ""
    return Measurement(metric, unit_text(float(value), unit), unit_text(threshold, unit))


def unit_text(value: float | None, unit: str) -> str:
    """`value` with its unit, for tables: "12.3°", "0.82", "-"."""
    if value is None:
        return "-"
    if unit == "deg":
        return f"{value:.1f}°"
    if unit in ("%", "percent"):
        return f"{value:.0f}%"
    return f"{value:.2f}"


# What one rep of an assessment is called, and when in it a compensation showed.
_REP_NOUNS = {"push": ("press", "presses"), "pull": ("row", "rows")}
_MOVING = {"push": "as you pressed", "pull": "as you pulled"}


def finding_sentence(finding: dict) -> str:
    """One sentence saying what was seen, never why: "In 4 of 5 squats, your left knee moved inward..."."""
    known = COMPENSATIONS.get(finding.get("compensation", ""))
    side = finding.get("side")
    assessment = finding.get("assessment") or "ohsa"
    moving = _MOVING.get(assessment, "as you lowered")
    if known is None:
        seen = f"{compensation_name(finding.get('compensation', '')).lower()} was seen"
    elif side in ("left", "right"):
        seen = known.seen_one.format(side=f"your {side}", moving=moving)
    else:
        seen = known.seen.format(moving=moving)
    one, many = _REP_NOUNS.get(assessment, ("squat", "squats"))
    flagged, total = _count(finding.get("reps_flagged")), _count(finding.get("reps_total"))
    if flagged and total == 1:
        return f"In the one {one} filmed, {seen}."
    if flagged and total:
        return f"In {flagged} of {total} {many}, {seen}."
    return f"{seen[0].upper()}{seen[1:]}."


def _count(value) -> int | None:
    if isinstance(value, (list, tuple)):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return None


def confidence_text(confidence) -> str:
    if isinstance(confidence, (int, float)):
        level = "high" if confidence >= 0.75 else "moderate" if confidence >= 0.5 else "low"
        return f"{level} ({confidence:.2f})"
    return str(confidence) if confidence else "-"
