"""The compensation rules, as data. One engine (`engine`) evaluates every record.

A rule reads one metric of the kinematics catalogue over one phase of each rep, reduces
it to one number per rep and side (the statistic), and compares that with a threshold
from `thresholds.toml`. Several rules may judge the same compensation in a view: a rep
shows the compensation when ANY of its measurable rules fires, and every rule marked
`necessary` fires too.

Phases of a rep (start -> bottom -> end), by the hip drop as a fraction of the rep's
depth (hip_height; time fractions when hip_height is missing):
    rep          every frame of the rep
    descent      start .. bottom
    mid_descent  descent frames between `mid_descent_from` and `mid_descent_to` of depth
    bottom       rep frames deeper than `bottom_from` of depth

Side handling:
    each          judge the subject's left and right series separately; the side that
                  crosses is reported
    value         the metric's combined value (near side in a side view); no side
    signed        the combined value, compared by magnitude: a positive value is the
                  subject's left, negative the right (e.g. hip_shift)
    stance        single-leg squat: the series of the stance leg
    stance_signed single-leg squat: the value times +1 for a left stance leg, -1 for a
                  right one (pelvis_tilt and hip_shift turn into "towards the free leg")

baseline=True subtracts the median of the clip's standing frames, for metrics docs/DOMAIN.md
says read biased in absolute terms (2D foot angles, arm angles) or that depend on how
the client stands (knee angle, rearfoot angle, hip position).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from ..landmarks import Landmark as L
from ..types import Assessment, Compensation, OhsaCompensation, View

Phase = Literal["rep", "descent", "mid_descent", "bottom"]
Statistic = Literal["max", "min", "absmax"]
Comparison = Literal[">", "<"]
SideMode = Literal["each", "value", "signed", "stance", "stance_signed"]

# Standing cable chest press / row, filmed from the side: reps come from the wrist, and
# "standing" (every baseline) is the rep's start position (kinematics.press).
ARM_ASSESSMENTS: tuple[Assessment, ...] = ("push", "pull")


@dataclass(frozen=True, slots=True)
class Rule:
    compensation: Compensation
    assessment: Assessment
    views: tuple[View, ...]
    metric: str
    phase: Phase
    statistic: Statistic
    comparison: Comparison
    threshold_key: str
    sides: SideMode
    baseline: bool = False
    sign: float = 1.0  # the series is multiplied by this first (turns "below -t" into "above t")
    necessary: bool = False  # must fire too: a rep shows the compensation only with it

    @property
    def id(self) -> str:
        """The rule's id, recorded on every checklist line it decides: "compensation:metric:threshold_key"."""
        return f"{self.compensation}:{self.metric}:{self.threshold_key}"


@dataclass(frozen=True, slots=True)
class NotAssessable:
    """A checkpoint the video cannot support, and why."""

    compensation: Compensation
    assessment: Assessment
    views: tuple[View, ...]
    reason: str


_FRONT: tuple[View, ...] = ("front",)
_SIDE: tuple[View, ...] = ("side",)
_BACK: tuple[View, ...] = ("back",)
_ALL: tuple[View, ...] = ("front", "side", "back")

# fmt: off
RULES: tuple[Rule, ...] = (
    # front view: feet. Turning out in the squat per foot against standing; turned out
    # already standing on the mean of the feet (yaw swings one foot out, the other in).
    Rule("feet_turn_out", "ohsa", _FRONT, "foot_turn_out", "rep", "max", ">", "foot_turn_out_change_deg", "each", baseline=True),
    Rule("feet_turn_out", "ohsa", _FRONT, "foot_turn_out", "rep", "max", ">", "foot_turn_out_abs_deg", "value"),
    # front view: knees, judged at the bottom against the client's own standing frames
    # (a clean squat's knee gap differs from body to body). Knees in: a knee comes inside
    # its ankle, or the knees close relative to the ankles; the signed 2D knee angle
    # only counts at mid-descent, where it still means valgus. Knees out: a knee goes
    # outside its ankle AND outside its toe; knees following turned-out feet stay over
    # the toes and are not knees out.
    Rule("knees_move_in", "ohsa", _FRONT, "knee_ankle_offset", "bottom", "max", ">", "knee_offset_ratio", "each", baseline=True),
    Rule("knees_move_in", "ohsa", _FRONT, "knee_ankle_gap_ratio", "bottom", "max", ">", "knee_gap_close_ratio", "value", baseline=True, sign=-1.0),
    Rule("knees_move_in", "ohsa", _FRONT, "knee_fppa", "mid_descent", "max", ">", "knee_fppa_in_deg", "each", baseline=True),
    Rule("knees_move_out", "ohsa", _FRONT, "knee_ankle_offset", "bottom", "max", ">", "knee_offset_ratio", "each", baseline=True, sign=-1.0),
    Rule("knees_move_out", "ohsa", _FRONT, "knee_toe_offset", "bottom", "max", ">", "knee_offset_ratio", "each", baseline=True, sign=-1.0, necessary=True),
    # side view
    Rule("excessive_forward_lean", "ohsa", _SIDE, "trunk_shin_diff", "rep", "max", ">", "trunk_shin_diff_deg", "value"),
    Rule("arms_fall_forward", "ohsa", _SIDE, "arm_trunk_angle", "rep", "max", ">", "arm_trunk_change_deg", "value", baseline=True),
    Rule("arms_fall_forward", "ohsa", _SIDE, "arm_trunk_angle", "bottom", "max", ">", "arm_trunk_abs_deg", "value"),
    # back view: heel_lift is already relative to the standing heel height
    Rule("heels_rise", "ohsa", _BACK, "heel_lift", "rep", "max", ">", "heel_lift_ratio", "each"),
    # weight shift from the back and the front: the hip_shift sign is body-relative
    Rule("asymmetric_weight_shift", "ohsa", ("front", "back"), "hip_shift", "rep", "absmax", ">", "hip_shift_ratio", "signed", baseline=True),
    # single-leg squat, front view, one clip per stance leg
    Rule("sls_knee_moves_in", "single_leg_squat", _FRONT, "knee_fppa", "mid_descent", "max", ">", "sls_knee_fppa_in_deg", "stance", baseline=True),
    Rule("sls_hip_drop", "single_leg_squat", _FRONT, "pelvis_tilt", "rep", "max", ">", "sls_pelvis_tilt_deg", "stance_signed", baseline=True),
    Rule("sls_hip_hike", "single_leg_squat", _FRONT, "pelvis_tilt", "rep", "max", ">", "sls_pelvis_tilt_deg", "stance_signed", baseline=True, sign=-1.0),
    Rule("sls_trunk_shift", "single_leg_squat", _FRONT, "hip_shift", "rep", "absmax", ">", "sls_hip_shift_ratio", "stance_signed", baseline=True),
    # pushing and pulling assessments, side view, each against the rep's start position:
    # the shoulder-ear distance shrinks (a shrug), the ear moves ahead of the shoulder, the
    # trunk line leans back (the low back arching into the cable; MediaPipe has no pelvis
    # or spine points, so the trunk's hip -> shoulder line is what is measured).
    *(
        rule
        for assessment in ARM_ASSESSMENTS
        for rule in (
            Rule("shoulders_elevate", assessment, _SIDE, "shoulder_ear_distance", "rep", "max", ">", "shoulder_ear_shrink_ratio", "value", baseline=True, sign=-1.0),
            Rule("head_juts_forward", assessment, _SIDE, "ear_ahead_of_shoulder", "rep", "max", ">", "ear_forward_ratio", "value", baseline=True),
            Rule("low_back_arches", assessment, _SIDE, "trunk_angle", "rep", "max", ">", "trunk_back_deg", "value", baseline=True, sign=-1.0),
        )
    ),
)
# fmt: on

_NO_SPINE = (
    "MediaPipe has no pelvis or spine landmarks: lumbar curvature and pelvic tilt cannot be "
    "measured, and the torso-thigh angle used as a proxy moves the same way for a hip hinge as "
    "for a change in the low back. Judge it by eye on the side-view video."
)

_HEELS_NOT_FROM_HERE = (
    "The heel landmark is too unsteady from this view: on rendered clean squats it read a "
    "false heel rise of 0.05-0.11 shank lengths (a real 4.5 cm rise reads about 0.10). Heels "
    "rise is judged from the back view."
)
_NO_ARCH = (
    "MediaPipe has a single heel point and no arch or calcaneus landmarks: on rendered squats "
    "the 2D rearfoot angle erred by 12-25 deg, more than a flattening foot changes it (about "
    "6 deg). Judge it by eye on the back-view video."
)

NOT_ASSESSABLE: tuple[NotAssessable, ...] = (
    NotAssessable("low_back_arches", "ohsa", _SIDE, _NO_SPINE),
    NotAssessable("low_back_rounds", "ohsa", _SIDE, _NO_SPINE),
    NotAssessable("heels_rise", "ohsa", ("front", "side"), _HEELS_NOT_FROM_HERE),
    NotAssessable("feet_flatten", "ohsa", _BACK, _NO_ARCH),
    NotAssessable(
        "sls_trunk_rotation",
        "single_leg_squat",
        _FRONT,
        "Trunk rotation needs depth or a top view; the front-view 2D metrics do not measure it. Judge it by eye.",
    ),
)

_RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

# Every checkpoint of each assessment and view, in checklist order (ids are a contract).
CHECKPOINTS: dict[tuple[Assessment, View], tuple[Compensation, ...]] = {
    ("ohsa", "front"): ("feet_turn_out", "knees_move_in", "knees_move_out", "heels_rise", "asymmetric_weight_shift"),
    ("ohsa", "side"): (
        "excessive_forward_lean",
        "low_back_arches",
        "low_back_rounds",
        "arms_fall_forward",
        "heels_rise",
    ),
    ("ohsa", "back"): ("feet_flatten", "heels_rise", "asymmetric_weight_shift"),
    ("single_leg_squat", "front"): (
        "sls_knee_moves_in",
        "sls_hip_drop",
        "sls_hip_hike",
        "sls_trunk_shift",
        "sls_trunk_rotation",
    ),
    ("push", "side"): ("shoulders_elevate", "head_juts_forward", "low_back_arches"),
    ("pull", "side"): ("shoulders_elevate", "head_juts_forward", "low_back_arches"),
}

OHSA_COMPENSATIONS: tuple[OhsaCompensation, ...] = get_args(OhsaCompensation)  # the ids, in checklist order

# The plain name of every checkpoint, the one a coach and a client read everywhere (app,
# reports, progress); ids stay in files and code.
COMPENSATION_NAMES: dict[str, str] = {
    "feet_turn_out": "Feet turn out",
    "knees_move_in": "Knees move inward",
    "knees_move_out": "Knees move outward",
    "excessive_forward_lean": "Torso leans forward",
    "low_back_arches": "Lower back arches",
    "low_back_rounds": "Lower back rounds",
    "arms_fall_forward": "Arms fall forward",
    "feet_flatten": "Feet flatten",
    "heels_rise": "Heels rise",
    "asymmetric_weight_shift": "Weight shifts to one side",
    "sls_knee_moves_in": "Knee moves inward (single-leg squat)",
    "sls_hip_drop": "Hip drops (single-leg squat)",
    "sls_hip_hike": "Hip hikes (single-leg squat)",
    "sls_trunk_shift": "Torso shifts sideways (single-leg squat)",
    "sls_trunk_rotation": "Torso rotates (single-leg squat)",
    "shoulders_elevate": "Shoulders elevate",
    "head_juts_forward": "Head juts forward",
}


def compensation_name(compensation: str) -> str:
    """The plain name of a checkpoint id: "Knees move inward" (an unknown id, spaced)."""
    return COMPENSATION_NAMES.get(compensation) or compensation.replace("_", " ").capitalize()


# Checkpoints a variant of the OHSA cannot judge, and why.
VARIANT_NOT_ASSESSABLE: dict[str, dict[str, str]] = {
    "hands_on_hips": {"arms_fall_forward": "hands are on the hips, not overhead: arms cannot be judged in this clip"},
}

# Which landmarks a metric needs, for the visibility gate: per side for bilateral
# metrics, "both" for the combined value of a metric that is not bilateral.
_LEG = {"left": (L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE), "right": (L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE)}
_FOOT = {"left": (L.LEFT_HEEL, L.LEFT_FOOT_INDEX), "right": (L.RIGHT_HEEL, L.RIGHT_FOOT_INDEX)}
_HEEL = {"left": (L.LEFT_KNEE, L.LEFT_ANKLE, L.LEFT_HEEL), "right": (L.RIGHT_KNEE, L.RIGHT_ANKLE, L.RIGHT_HEEL)}
_ARM = {"left": (L.LEFT_SHOULDER, L.LEFT_ELBOW, L.LEFT_HIP), "right": (L.RIGHT_SHOULDER, L.RIGHT_ELBOW, L.RIGHT_HIP)}
_TRUNK = {
    "left": (L.LEFT_SHOULDER, L.LEFT_HIP, L.LEFT_KNEE, L.LEFT_ANKLE),
    "right": (L.RIGHT_SHOULDER, L.RIGHT_HIP, L.RIGHT_KNEE, L.RIGHT_ANKLE),
}
_HIPS_ANKLES = (L.LEFT_HIP, L.RIGHT_HIP, L.LEFT_ANKLE, L.RIGHT_ANKLE)
_EAR_SHOULDER = {"left": (L.LEFT_EAR, L.LEFT_SHOULDER), "right": (L.RIGHT_EAR, L.RIGHT_SHOULDER)}

METRIC_LANDMARKS: Mapping[str, Mapping[str, tuple[int, ...]]] = {
    "knee_fppa": _LEG,
    "knee_ankle_gap_ratio": {"both": (L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE)},
    "knee_ankle_offset": {
        "left": (L.LEFT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE),
        "right": (L.RIGHT_KNEE, L.LEFT_ANKLE, L.RIGHT_ANKLE),
    },
    "knee_toe_offset": {
        "left": (L.LEFT_KNEE, L.LEFT_FOOT_INDEX, L.LEFT_ANKLE, L.RIGHT_ANKLE),
        "right": (L.RIGHT_KNEE, L.RIGHT_FOOT_INDEX, L.LEFT_ANKLE, L.RIGHT_ANKLE),
    },
    "foot_turn_out": _FOOT,
    "pelvis_tilt": {"both": (L.LEFT_HIP, L.RIGHT_HIP)},
    "hip_shift": {"both": _HIPS_ANKLES},
    "rearfoot_angle": _HEEL,
    "trunk_shin_diff": _TRUNK,
    "trunk_angle": {"left": (L.LEFT_SHOULDER, L.LEFT_HIP), "right": (L.RIGHT_SHOULDER, L.RIGHT_HIP)},
    "shoulder_ear_distance": _EAR_SHOULDER,
    "ear_ahead_of_shoulder": _EAR_SHOULDER,
    "arm_trunk_angle": _ARM,
    "heel_toe_angle": _FOOT,
    "heel_lift": _HEEL,
}


def rule_by_id(rule_id: str | None) -> Rule | None:
    """The rule of a checklist line's recorded id, or None (older files have none)."""
    return _RULES_BY_ID.get(rule_id or "")


def rules_for(assessment: str, view: str, compensation: str) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if r.assessment == assessment and r.compensation == compensation and view in r.views)


def not_assessable_reason(assessment: str, view: str, compensation: str, variant: str) -> str | None:
    """Why a checkpoint cannot be judged from this kind of clip at all, or None."""
    if compensation in VARIANT_NOT_ASSESSABLE.get(variant, {}):
        return VARIANT_NOT_ASSESSABLE[variant][compensation]
    for row in NOT_ASSESSABLE:
        if row.assessment == assessment and row.compensation == compensation and view in row.views:
            return row.reason
    return None
