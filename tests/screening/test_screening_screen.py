"""Variants and the differential, the single-leg squat, the view check, the screen score."""

from __future__ import annotations

import numpy as np
import pytest

from ces_vision.landmarks import Landmark as L
from ces_vision.screening import (
    OHSA_COMPENSATIONS,
    SCORE_VERSION,
    estimate_view,
    screen_clip,
    summarize_clips,
    view_warning,
)
from synthetic_kin import bump, const, make_kin, ramp

CLEAN_FRONT = {
    "knee_fppa": {"left": bump(-8.0), "right": bump(-8.0)},
    "knee_ankle_gap_ratio": ramp(0.2, base=1.0),
    "foot_turn_out": {"left": const(12.0), "right": const(12.0)},
    "heel_lift": {"left": ramp(0.01), "right": ramp(0.01)},
    "hip_shift": ramp(0.02),
}
CLEAN_SIDE = {
    "trunk_shin_diff": ramp(3.0),
    "arm_trunk_angle": ramp(5.0, base=4.0),
    "heel_toe_angle": ramp(1.0),
    "heel_lift": {"left": ramp(0.01), "right": ramp(0.01)},
}
CLEAN_BACK = {
    "rearfoot_angle": {"left": ramp(2.0, base=5.0), "right": ramp(2.0, base=5.0)},
    "heel_lift": {"left": ramp(0.01), "right": ramp(0.01)},
    "hip_shift": ramp(-0.03),
}


def front(**changes):
    return make_kin("front", {**CLEAN_FRONT, **changes})


def side(**changes):
    return make_kin("side", {**CLEAN_SIDE, **changes}, near_side="left")


def back(**changes):
    return make_kin("back", {**CLEAN_BACK, **changes})


def line(result, compensation):
    return next(c for c in result.checklist if c.compensation == compensation)


# ------------------------------------------------------------------ variants ---
KNEES_IN_AND_FEET_OUT = {
    "knee_ankle_gap_ratio": ramp(-0.3, base=1.0),
    "foot_turn_out": {"left": ramp(12.0, base=12.0), "right": ramp(12.0, base=12.0)},
}


def test_heels_elevated_removing_compensations_suggests_ankle_mobility():
    clips = [
        screen_clip(front(**KNEES_IN_AND_FEET_OUT), "front"),
        screen_clip(side(trunk_shin_diff=ramp(18.0)), "side"),
        screen_clip(front(), "front", variant="heels_elevated"),
        screen_clip(side(trunk_shin_diff=ramp(16.0)), "side", variant="heels_elevated"),
    ]
    conclusions = {c.compensation: c for c in summarize_clips(clips).differential}
    assert conclusions["feet_turn_out"].outcome == "disappeared"
    assert conclusions["knees_move_in"].outcome == "disappeared"
    assert "ankle" in conclusions["knees_move_in"].suspected
    assert "suspect" in conclusions["knees_move_in"].text and conclusions["knees_move_in"].source
    assert conclusions["excessive_forward_lean"].outcome == "persisted"
    assert conclusions["excessive_forward_lean"].suspected is None


def test_no_variant_clip_no_differential_and_variants_do_not_count_as_findings():
    clips = [screen_clip(front(**KNEES_IN_AND_FEET_OUT), "front")]
    summary = summarize_clips(clips)
    assert summary.differential == ()
    with_variant = summarize_clips(clips + [screen_clip(front(**KNEES_IN_AND_FEET_OUT), "front", variant="heels_elevated")])
    assert [f.compensation for f in with_variant.findings] == [f.compensation for f in summary.findings]


def test_hands_on_hips_cannot_judge_arms_but_compares_forward_lean():
    lean_and_arms = {"trunk_shin_diff": ramp(18.0), "arm_trunk_angle": ramp(25.0, base=4.0)}
    hands_on_hips = screen_clip(side(), "side", variant="hands_on_hips")
    arms = line(hands_on_hips, "arms_fall_forward")
    assert arms.status == "not_assessable" and "hips" in arms.reason
    clips = [screen_clip(side(**lean_and_arms), "side"), hands_on_hips]
    conclusions = {c.compensation: c for c in summarize_clips(clips).differential}
    assert conclusions["arms_fall_forward"].outcome == "not_compared"
    assert conclusions["excessive_forward_lean"].outcome == "disappeared"
    assert "latissimus" in conclusions["excessive_forward_lean"].suspected
    assert "low_back_arches" not in conclusions  # never seen: not measurable from video


# ------------------------------------------------------------------ single-leg squat ---
def sls(leg, **metrics):
    return screen_clip(make_kin("front", metrics), "front", assessment="single_leg_squat", leg=leg)


def test_single_leg_squat_knee_in_on_the_stance_leg():
    result = sls("right", knee_fppa={"right": bump(12.0), "left": const(0.0)}, pelvis_tilt=ramp(0.0))
    found = line(result, "sls_knee_moves_in")
    assert (found.status, found.side, found.leg) == ("seen", "right", "right")
    assert line(result, "sls_hip_drop").status == "not_seen"


def test_single_leg_squat_hip_drop_and_hike_follow_the_stance_leg():
    # pelvis_tilt > 0: the subject's left hip is higher in the image
    left_stance = sls("left", pelvis_tilt=ramp(7.0, base=1.0))  # free (right) side drops
    assert line(left_stance, "sls_hip_drop").status == "seen"
    assert line(left_stance, "sls_hip_hike").status == "not_seen"
    right_stance = sls("right", pelvis_tilt=ramp(7.0, base=1.0))  # free (left) side rises
    assert line(right_stance, "sls_hip_hike").status == "seen"
    assert line(right_stance, "sls_hip_drop").status == "not_seen"


def test_single_leg_squat_trunk_rotation_is_not_assessable_and_trunk_shift_is_a_proxy():
    result = sls("left", hip_shift=ramp(-0.3))
    assert line(result, "sls_trunk_rotation").status == "not_assessable"
    assert line(result, "sls_trunk_shift").status == "seen"
    summary = summarize_clips([result])
    assert "sls_trunk_shift" in {f.compensation for f in summary.findings}
    assert summary.score is None  # the screen score is defined on the standard OHSA only


# ------------------------------------------------------------------ view check ---
def skeleton(view: str, n: int = 20, nose_visibility: float | None = None):
    """(T,33,2) pixel landmarks of a standing person; image x right, y down."""
    pts = np.full((n, 33, 2), np.nan)
    half = 0.0 if view == "side" else 20.0
    sign = 1.0 if view in ("front", "side") else -1.0  # subject's left at larger x in front
    for left, right, y in ((L.LEFT_SHOULDER, L.RIGHT_SHOULDER, 100.0), (L.LEFT_HIP, L.RIGHT_HIP, 160.0)):
        pts[:, left] = (320 + sign * (half if y == 100 else half * 0.7), y)
        pts[:, right] = (320 - sign * (half if y == 100 else half * 0.7), y)
    if view == "side":
        pts[:, L.LEFT_SHOULDER, 0] += 4
    pts[:, L.NOSE] = (320, 80)
    pts += np.random.default_rng(0).normal(0, 0.5, pts.shape)
    vis = np.full((n, 33), 0.9)
    vis[:, L.NOSE] = nose_visibility if nose_visibility is not None else (0.05 if view == "back" else 0.95)
    return pts, vis


@pytest.mark.parametrize("view", ["front", "back", "side"])
def test_view_is_estimated_from_the_layout(view):
    estimated, confidence = estimate_view(*skeleton(view))
    assert estimated == view
    assert confidence > 0.8


def test_conflicting_cues_lower_the_confidence():
    # labels in front order but the face hidden (MediaPipe labelling a back view as front)
    estimated, confidence = estimate_view(*skeleton("front", nose_visibility=0.05))
    _, clean_confidence = estimate_view(*skeleton("front"))
    assert confidence < 0.5 < clean_confidence
    assert estimated == "front"


def test_view_warning_only_when_the_landmarks_disagree():
    pts, vis = skeleton("back")
    assert "back view" in view_warning("front", pts, vis)
    assert view_warning("back", pts, vis) is None
    kin = make_kin("front", CLEAN_FRONT, n_reps=5)
    t = kin.timestamps_s.size
    pts, vis = skeleton("side", n=t)
    assert screen_clip(kin, "front", points_px=pts, visibility=vis).warnings
    assert estimate_view(np.full((5, 33, 2), np.nan), np.zeros((5, 33))) == (None, 0.0)


# ------------------------------------------------------------------ score ---
def test_clean_screen_scores_100_over_the_assessable_checkpoints():
    summary = summarize_clips([screen_clip(front(), "front"), screen_clip(side(), "side"), screen_clip(back(), "back")])
    assert summary.score == 100.0
    assert set(summary.not_assessable) == {"low_back_arches", "low_back_rounds"}
    assert summary.findings == ()
    assert SCORE_VERSION == "ohsa-1"


def test_each_seen_compensation_costs_one_share_of_the_assessable_ones():
    clips = [screen_clip(front(**KNEES_IN_AND_FEET_OUT), "front"), screen_clip(side(), "side"), screen_clip(back(), "back")]
    summary = summarize_clips(clips)
    assessable = len(OHSA_COMPENSATIONS) - 2
    assert summary.score == pytest.approx(round(100 * (1 - 2 / assessable), 1))
    assert {f.compensation for f in summary.findings} == {"knees_move_in", "feet_turn_out"}


def test_missing_views_leave_the_denominator_and_appear_in_the_checklist():
    summary = summarize_clips([screen_clip(front(**KNEES_IN_AND_FEET_OUT), "front")])
    # front judges feet_turn_out, knees in/out, heels_rise, weight shift: 2 of 5 seen
    assert summary.score == pytest.approx(60.0)
    missing = [c for c in summary.checklist if c.view == "back"]
    assert {c.compensation for c in missing} == {"feet_flatten", "heels_rise", "asymmetric_weight_shift"}
    assert all(c.status == "not_assessable" and "no standard back-view clip" in c.reason for c in missing)
    assert "feet_flatten" in summary.not_assessable and "heels_rise" not in summary.not_assessable


def test_a_compensation_seen_in_any_view_counts_once():
    heels = {"heel_lift": {"left": ramp(0.1), "right": ramp(0.1)}}
    summary = summarize_clips([screen_clip(front(**heels), "front"), screen_clip(back(**heels), "back"),
                               screen_clip(side(), "side")])
    assert [f.compensation for f in summary.findings] == ["heels_rise"]
    assert summary.score == pytest.approx(round(100 * (1 - 1 / 8), 1))
    as_dict = summary.to_dict()
    assert as_dict["score"] == {"value": summary.score, "version": "ohsa-1"}
    assert any(row["evidence"] for row in as_dict["checklist"])
