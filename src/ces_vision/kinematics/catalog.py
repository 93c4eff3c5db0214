"""The catalogue of every per-frame quantity the kinematics core computes.

This is a contract: the names are the keys of the analysis JSON's "metrics" and the
CSV columns, and the screening rules refer to them. Conventions, stated once:

* Left and right are the SUBJECT's (BlazePose odd = left, even = right), never the
  image's. Front and back views need no mirroring because every lateral sign below is
  taken relative to the body (towards the midline, towards the subject's left).
* Angles are in degrees, computed on 2D image points in pixels (square pixels),
  image y pointing down. "Vertical" is the image vertical: the camera is assumed level.
* A metric is `bilateral` when it has a left and a right value per frame; its combined
  "value" is defined per metric below (`MetricSpec.combine`) and uses the side that is
  measurable when the other is not. Otherwise only "value" is filled.
* "Towards the midline" means towards the other ankle; "towards the subject's left"
  means along the right-ankle -> left-ankle direction.
* NaN means "not measurable in this frame" (no person, or a landmark under the
  visibility threshold); it is never replaced by zero or bridged by interpolation.

Front / back view
-----------------
In these views, frames where the ankle gap strays more than 20% from standing (feet
planted, so the lower-body landmarks are wrong: `quality`) give NaN for every
quantity that uses hips, knees, ankles or feet; hip_height is kept for the reps.

knee_fppa            deg, bilateral. Knee frontal-plane projection angle: 180 minus the
                     2D hip-knee-ankle angle, positive when the knee lies on the midline
                     side of the hip-ankle line (knee inward = valgus), negative outward.
                     The other ankle fixes the midline side, so it is needed too.
                     value = the larger (more inward) of the two sides.
knee_ankle_gap_ratio ratio. Distance between the knees / distance between the ankles
                     (2D). Below 1 = knees closer together than the feet.
knee_ankle_offset    ratio of ankle gap, bilateral, FRONT view only. Horizontal position
                     of the knee across the body relative to its own ankle: positive =
                     knee on the midline side (inward), negative = outside. Unlike the
                     2D knee angle it keeps its meaning at the bottom, where the thigh
                     points at the camera. value = the larger of the sides.
knee_toe_offset      ratio of ankle gap, bilateral, FRONT view only. The same relative to
                     the foot index (toe): NASM's "knees over the second toe". Knees
                     that follow turned-out feet stay near 0 here while they read
                     outward against the ankle. value = the larger of the sides.
foot_turn_out        deg, bilateral, FRONT view only (from behind, the toes are hidden
                     by the heels). Acute angle of the heel -> foot-index line from the
                     image vertical (toes towards the camera project downwards), positive when the toe points away
                     from the midline. A 2D projection that perspective biases (a
                     straight foot to the side of the lens reads turned out from the
                     front, turned in from the back, ~14 deg at 3 m): compare against
                     the client's standing frames. value = mean of sides.
pelvis_tilt          deg. Angle of the right-hip -> left-hip line from the horizontal,
                     positive when the subject's left hip is higher in the image.
hip_shift            ratio of stance width. Offset of the mid-hip from the mid-ankle
                     point along the right-ankle -> left-ankle direction, divided by the
                     ankle distance; positive = shifted towards the subject's left.
arm_elevation        deg, bilateral. Angle of shoulder -> elbow from straight up
                     (0 = arm vertical overhead, 90 = horizontal). value = mean of sides.
arm_symmetry         deg. arm_elevation left minus right.
rearfoot_angle       deg, bilateral. Angle between the shank (knee -> ankle) and the
                     ankle -> heel line, positive when the ankle lies on the midline
                     side of the knee-heel line (the arch collapsing inward; feet
                     flatten, back view). value = the larger of the sides.

Side view (and heel lift and hip height in every view)
-----------------------------------------------------
trunk_angle          deg. Hip -> shoulder line of the near side from the vertical (in a
                     side view the two sides overlap and the far one is often occluded),
                     positive when the shoulder is ahead of the hip in the direction the
                     subject faces (facing is taken from heel -> toe over the clip, else
                     from nose vs ears).
shin_angle           deg. Ankle -> knee line from the vertical, positive when the knee is
                     ahead of the ankle. Near-side leg (the one the camera sees better).
trunk_shin_diff      deg. trunk_angle - shin_angle: > 0 the trunk leans more than the
                     shin (NASM: excessive forward lean when clearly > 0).
knee_flexion         deg, bilateral. 180 minus the hip-knee-ankle angle (0 = straight).
                     value = near side.
hip_flexion          deg, bilateral. 180 minus the shoulder-hip-knee angle (0 = upright,
                     trunk in line with the thigh). value = near side.
arm_trunk_angle      deg, bilateral. Angle of the upper arm (shoulder -> elbow) from the
                     trunk line (hip -> shoulder, extended upwards); 0 = arm in line with
                     the trunk, positive = arm in front of the trunk line (arms fall
                     forward), negative = behind. value = near side.
trunk_thigh_angle    deg, bilateral. Interior shoulder-hip-knee angle. A lumbo-pelvic
                     PROXY only: MediaPipe has no pelvis or spine landmarks, so pelvic
                     tilt and lumbar curvature cannot be measured, only inferred from
                     how the trunk line moves against the thigh. value = near side.
heel_lift            ratio of shank length, bilateral, every view. Rise of the heel
                     above its standing baseline (median of the standing frames),
                     divided by the shank (knee-ankle) length of the standing frames;
                     positive = heel up. value = the larger of the sides.
heel_toe_angle       deg, bilateral, side view. Angle of the heel -> foot-index line
                     against the floor line measured in standing frames; positive =
                     heel raised above the toe. value = near side.
shoulder_ear_distance trunk lengths, bilateral, side view. 2D distance from the shoulder to
                     the ear of the same side, divided by that side's median 2D shoulder-hip
                     length over the clip (its trunk length). Shrinks when the shoulders elevate
                     (shrug towards the ears). value = near side.
ear_ahead_of_shoulder trunk lengths, bilateral, side view. How far the ear is ahead of the
                     shoulder of the same side, horizontally, in the direction the subject
                     faces (negative = behind). Grows when the head juts forward.
                     value = near side.
wrist_reach          trunk lengths, bilateral, side view. How far the wrist is ahead of the
                     shoulder of the same side, horizontally, in the direction the subject
                     faces: the push / pull rep trace (`press`). value = near side.
hip_height           leg lengths, every view. (y_standing - y_mid-hip) / leg_length, with
                     y the image y of the mid-hip (mean of the hips present), y_standing
                     its 5th percentile over the valid frames (a robust standing height)
                     and leg_length the median 2D hip-knee + knee-ankle length over the
                     near-standing frames. Standing ~ 0, the squat is negative.

Rep segmentation uses `hip_height`. The standing frames (`Kinematics.standing`) are those
with hip_height >= -RepSettings.standing_leg; they are the heel baselines.
Push and pull clips (standing cable chest press / row, side view) segment reps from
`wrist_reach` instead (`press`), and their "standing" frames are the frames at the rep's
start position (hands at the chest for a push, arms out for a pull).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class MetricSpec:
    name: str
    unit: str  # "deg" | "ratio" | "leg" | "trunk" (lengths)
    bilateral: bool
    views: tuple[str, ...]
    # How one rep is summarised for reports: "max", "min", or "absmax" (the signed
    # value of largest magnitude), over the whole rep.
    rep_summary: str = "max"
    # How a bilateral metric's "value" combines the sides: "max", "mean" or "near"
    # (the near side of a side view); "" for a metric that is not bilateral.
    combine: str = ""
    # The plain name a coach or client reads: chart and plot titles, tables, evidence.
    label: str = field(kw_only=True)


_FRONTAL = ("front", "back")
_ALL = ("front", "side", "back")

# fmt: off
METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("knee_fppa", "deg", True, _FRONTAL, combine="max", label="Knee angle seen from the front"),
    MetricSpec("knee_ankle_gap_ratio", "ratio", False, _FRONTAL, "min", label="Knee gap as a share of ankle gap"),
    MetricSpec("knee_ankle_offset", "ratio", True, ("front",), combine="max", label="Knee inside the ankle (share of stance width)"),
    MetricSpec("knee_toe_offset", "ratio", True, ("front",), combine="max", label="Knee inside the toe (share of stance width)"),
    MetricSpec("foot_turn_out", "deg", True, ("front",), combine="mean", label="Foot turn-out angle"),
    MetricSpec("pelvis_tilt", "deg", False, _FRONTAL, "absmax", label="Pelvis tilt (left hip higher is positive)"),
    MetricSpec("hip_shift", "ratio", False, _FRONTAL, "absmax", label="Hips shift sideways (share of stance width)"),
    MetricSpec("arm_elevation", "deg", True, _FRONTAL, combine="mean", label="Arm angle from straight overhead"),
    MetricSpec("arm_symmetry", "deg", False, _FRONTAL, "absmax", label="Difference between the arms (left minus right)"),
    MetricSpec("rearfoot_angle", "deg", True, _FRONTAL, combine="max", label="Rearfoot angle (ankle rolling inward)"),
    MetricSpec("trunk_angle", "deg", False, ("side",), label="Torso lean from upright"),
    MetricSpec("shin_angle", "deg", False, ("side",), label="Shin lean from upright"),
    MetricSpec("trunk_shin_diff", "deg", False, ("side",), label="Torso lean minus shin lean"),
    MetricSpec("knee_flexion", "deg", True, ("side",), combine="near", label="Knee bend"),
    MetricSpec("hip_flexion", "deg", True, ("side",), combine="near", label="Hip bend"),
    MetricSpec("arm_trunk_angle", "deg", True, ("side",), combine="near", label="Arms in front of the torso line"),
    MetricSpec("trunk_thigh_angle", "deg", True, ("side",), "min", combine="near", label="Angle between torso and thigh"),
    MetricSpec("heel_lift", "ratio", True, _ALL, combine="max", label="Heel lift (share of shin length)"),
    MetricSpec("heel_toe_angle", "deg", True, ("side",), combine="near", label="Heel raised above the toe (angle)"),
    MetricSpec("shoulder_ear_distance", "trunk", True, ("side",), "min", combine="near", label="Shoulder to ear distance (trunk lengths)"),
    MetricSpec("ear_ahead_of_shoulder", "trunk", True, ("side",), combine="near", label="Ear ahead of the shoulder (trunk lengths)"),
    MetricSpec("wrist_reach", "trunk", True, ("side",), combine="near", label="Wrist ahead of the shoulder (trunk lengths)"),
    MetricSpec("hip_height", "leg", False, _ALL, "min", label="Hip height (leg lengths; 0 = standing)"),
)
# fmt: on

METRICS_BY_NAME: dict[str, MetricSpec] = {m.name: m for m in METRICS}


def metric_label(name: str) -> str:
    """The plain name of a catalogue metric (the name itself, spaced, if unknown)."""
    spec = METRICS_BY_NAME.get(name)
    return spec.label if spec is not None else name.replace("_", " ")


def metrics_for_view(view: str) -> tuple[MetricSpec, ...]:
    return tuple(m for m in METRICS if view in m.views)
