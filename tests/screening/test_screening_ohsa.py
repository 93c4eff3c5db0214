"""Overhead squat checkpoints: the domain cases behind the rules, the set-level rule,
not-assessable reasons, thresholds and the findings JSON contract."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from synthetic_kin import at_bottom, bump, const, make_kin, nan_in_reps, ramp, visibility

from ces_vision.config import SettingsError
from ces_vision.kinematics.catalog import METRICS_BY_NAME
from ces_vision.screening import (
    CHECKPOINTS,
    NOT_ASSESSABLE,
    OHSA_COMPENSATIONS,
    RULES,
    Thresholds,
    default_thresholds,
    load_thresholds,
    screen_clip,
    threshold_info,
)


def status(result, compensation):
    return next(c for c in result.checklist if c.compensation == compensation)


# The synthetic magnitudes sit a set margin from the default threshold they test, so a
# refit of thresholds.toml moves them along (test_retuned_default_thresholds pins the values).
DEFAULTS = default_thresholds()


# ------------------------------------------------------------------ knees (front) ---
def test_clean_squat_with_outward_knee_angle_and_camera_yaw_is_not_knees_in():
    # docs/DOMAIN.md: a clean squat shows the 2D knee angle on the OUTWARD side mid-descent,
    # and 2-6 deg of camera yaw makes the sides differ by 5-15 deg.
    kin = make_kin(
        "front",
        {
            "knee_fppa": {"left": bump(-12.0), "right": bump(-12.0 + 15.0)},  # right skewed inward by yaw
            "knee_ankle_gap_ratio": ramp(0.25, base=1.0),  # knees track wider than the ankles ...
            "knee_ankle_offset": {"left": ramp(-0.1, base=0.02), "right": ramp(-0.1, base=0.02)},
            "knee_toe_offset": {"left": ramp(-0.03, base=0.1), "right": ramp(0.02, base=0.1)},  # ... over the toes
        },
    )
    result = screen_clip(kin, "front")
    assert status(result, "knees_move_in").status == "not_seen"
    assert status(result, "knees_move_out").status == "not_seen"
    # the naive unsigned "deviation > 10 deg" rule would have flagged this clean squat
    assert np.nanmax(np.abs(kin["knee_fppa"].left)) > 10


def test_knee_angle_spike_only_at_the_very_bottom_is_not_valgus():
    # At the bottom of a deep squat the thigh points at the camera: the 2D angle stops
    # meaning valgus, so an inward reading there alone must not flag knees_move_in.
    kin = make_kin(
        "front",
        {
            "knee_fppa": {"left": at_bottom(25.0), "right": at_bottom(25.0)},
            "knee_ankle_gap_ratio": ramp(0.1, base=1.0),
        },
    )
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "not_seen"


def test_knee_gap_closing_at_the_bottom_is_knees_in_without_a_side():
    # gap ratio 0.85 standing, 0.55 at the bottom: it closes by 0.3 (> 0.09) relative to
    # the client's own standing value, whatever that value is
    kin = make_kin(
        "front", {"knee_fppa": {"left": bump(2.0), "right": bump(2.0)}, "knee_ankle_gap_ratio": ramp(-0.3, base=0.85)}
    )
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert found.status == "seen"
    assert found.metric == "knee_ankle_gap_ratio"
    assert found.value == pytest.approx(0.3)
    assert found.threshold == default_thresholds().knee_gap_close_ratio == 0.09
    assert found.unit == "ratio" and found.side is None


def test_knee_gap_is_judged_against_standing_not_in_absolute_terms():
    # a body whose knees stand closer than its ankles (0.78) and keep that gap in the
    # squat: the old absolute "below 0.9" rule would have flagged it
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-0.01, base=0.78)})
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "not_seen"
    # just under (closes 0.01 less) and just over (0.01 more) the threshold
    under, over = DEFAULTS.knee_gap_close_ratio - 0.01, DEFAULTS.knee_gap_close_ratio + 0.01
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-under, base=1.0)})
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "not_seen"
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-over, base=1.0)})
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert (found.status, found.value) == ("seen", pytest.approx(over))


def test_left_knee_moving_in_mid_descent_is_reported_on_the_left():
    inward = DEFAULTS.knee_fppa_in_deg + 6.0
    kin = make_kin(
        "front",
        {
            "knee_fppa": {"left": bump(inward, base=4.0), "right": bump(-5.0)},
            "knee_ankle_gap_ratio": ramp(0.0, base=1.0),
        },
    )
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert (found.status, found.side, found.metric) == ("seen", "left", "knee_fppa")
    assert found.value == pytest.approx(inward)  # relative to the standing 4 deg
    assert found.unit == "deg"


def test_both_knees_in_is_both():
    inward = DEFAULTS.knee_fppa_in_deg
    kin = make_kin("front", {"knee_fppa": {"left": bump(inward + 4.0), "right": bump(inward + 3.0)}})
    assert status(screen_clip(kin, "front"), "knees_move_in").side == "both"


def test_knee_coming_inside_its_ankle_at_the_bottom_is_knees_in_on_that_side():
    # right knee 0.15 ankle gaps further inside its ankle than standing (0.05 -> 0.20)
    kin = make_kin(
        "front",
        {
            "knee_ankle_gap_ratio": ramp(-0.03, base=1.0),
            "knee_ankle_offset": {"left": ramp(0.01, base=0.05), "right": ramp(0.15, base=0.05)},
        },
    )
    result = screen_clip(kin, "front")
    found = status(result, "knees_move_in")
    assert (found.status, found.side, found.metric) == ("seen", "right", "knee_ankle_offset")
    assert found.value == pytest.approx(0.15)
    assert found.threshold == default_thresholds().knee_offset_ratio == 0.1
    assert (found.reps_flagged, found.reps_total, found.unit) == (5, 5, "ratio")
    assert status(result, "knees_move_out").status == "not_seen"


OFFSET = DEFAULTS.knee_offset_ratio


@pytest.mark.parametrize(
    "change,seen", [(OFFSET - 0.01, False), (OFFSET + 0.01, True)], ids=["just_under", "just_over"]
)
def test_knee_offset_knees_in_just_under_and_just_over_the_threshold(change, seen):
    kin = make_kin(
        "front",
        {
            "knee_ankle_gap_ratio": ramp(0.0, base=1.0),
            "knee_ankle_offset": {"left": ramp(change, base=-0.1), "right": ramp(0.0, base=-0.1)},
        },
    )
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert found.status == ("seen" if seen else "not_seen")
    assert found.side == ("left" if seen else None)
    assert found.metric == "knee_ankle_offset" and found.value == pytest.approx(change)


def test_knee_inside_its_toe_alone_is_not_knees_in():
    # knees_move_in reads the knee against its ankle, not its toe (a foot turned IN
    # moves the toe, not the knee)
    kin = make_kin(
        "front",
        {"knee_ankle_gap_ratio": ramp(0.0, base=1.0), "knee_toe_offset": {"left": ramp(0.2), "right": ramp(0.2)}},
    )
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "not_seen"


# knees_move_out needs BOTH: a knee outside its ankle (the deciding rule) and outside its
# toe (necessary), each by more than knee_offset_ratio beyond standing.
KNEES_OUT_LEFT = OFFSET + 0.07  # the larger side: the left knee outside its ankle
KNEES_OUT = {
    "knee_ankle_gap_ratio": ramp(0.2, base=0.9),
    "knee_ankle_offset": {"left": ramp(-KNEES_OUT_LEFT, base=0.05), "right": ramp(-(OFFSET + 0.04), base=0.05)},
    "knee_toe_offset": {"left": ramp(-(OFFSET + 0.04), base=0.1), "right": ramp(-(OFFSET + 0.03), base=0.1)},
}


def test_knees_outside_their_ankles_and_toes_is_knees_out():
    result = screen_clip(make_kin("front", KNEES_OUT), "front")
    found = status(result, "knees_move_out")
    assert (found.status, found.side, found.metric) == ("seen", "both", "knee_ankle_offset")
    assert found.value == pytest.approx(KNEES_OUT_LEFT)  # the larger side, outward, relative to standing
    assert found.threshold == default_thresholds().knee_offset_ratio == 0.1 and found.unit == "ratio"
    assert (found.reps_flagged, found.reps_total, found.confidence) == (5, 5, 1.0)
    assert status(result, "knees_move_in").status == "not_seen"


def test_knees_out_side_comes_from_the_deciding_rule():
    # left knee outside its ankle, both outside their toes: only the left is reported
    kin = make_kin("front", {**KNEES_OUT, "knee_ankle_offset": {"left": ramp(-KNEES_OUT_LEFT), "right": ramp(-0.02)}})
    found = status(screen_clip(kin, "front"), "knees_move_out")
    assert (found.status, found.side) == ("seen", "left")


@pytest.mark.parametrize(
    "toe,seen",
    [(0.0, False), (-(OFFSET - 0.01), False), (-(OFFSET + 0.01), True)],
    ids=["over_the_toe", "just_under", "just_over"],
)
def test_knee_outside_its_ankle_needs_the_toe_offset_too(toe, seen):
    kin = make_kin(
        "front", {**KNEES_OUT, "knee_toe_offset": {"left": ramp(toe, base=0.1), "right": ramp(toe, base=0.1)}}
    )
    found = status(screen_clip(kin, "front"), "knees_move_out")
    assert (found.status, found.reps_flagged) == (("seen", 5) if seen else ("not_seen", 0))
    assert found.side == ("both" if seen else None)
    assert found.metric == "knee_ankle_offset" and found.value == pytest.approx(KNEES_OUT_LEFT)


@pytest.mark.parametrize(
    "ankle,seen",
    [(0.0, False), (-(OFFSET - 0.01), False), (-(OFFSET + 0.01), True)],
    ids=["over_the_ankle", "just_under", "just_over"],
)
def test_knee_outside_its_toe_alone_is_not_knees_out(ankle, seen):
    # the toe offset is necessary, never enough: the ankle offset decides, just under /
    # just over its threshold
    kin = make_kin("front", {**KNEES_OUT, "knee_ankle_offset": {"left": ramp(ankle), "right": ramp(ankle)}})
    found = status(screen_clip(kin, "front"), "knees_move_out")
    assert (found.status, found.reps_flagged) == (("seen", 5) if seen else ("not_seen", 0))
    assert found.metric == "knee_ankle_offset" and found.value == pytest.approx(-ankle)


def test_turned_out_feet_followed_by_the_knees_is_not_knees_out():
    # feet turn out (+40 deg in 2D) and the knees follow them: the knee gap opens and each knee
    # reads outside its ankle, but stays over its toe (toe offset +0.01..+0.04 measured)
    kin = make_kin(
        "front",
        {
            "foot_turn_out": {"left": ramp(40.0, base=8.0), "right": ramp(40.0, base=8.0)},
            "knee_ankle_gap_ratio": ramp(0.3, base=0.95),
            "knee_ankle_offset": {"left": ramp(-0.12), "right": ramp(-0.14)},
            "knee_toe_offset": {"left": ramp(0.01, base=0.02), "right": ramp(0.04, base=0.02)},
        },
    )
    result = screen_clip(kin, "front")
    assert status(result, "feet_turn_out").status == "seen"
    knees_out = status(result, "knees_move_out")
    assert (knees_out.status, knees_out.reps_flagged, knees_out.reps_total) == ("not_seen", 0, 5)
    assert knees_out.value == pytest.approx(0.14)  # outside the ankle, yet not knees out
    assert status(result, "knees_move_in").status == "not_seen"


def test_knees_out_without_one_of_its_metrics_is_not_assessable():
    # the toe offset is necessary: without it, the ankle offset alone decides nothing
    kin = make_kin("front", {**KNEES_OUT, "knee_toe_offset": None})
    found = status(screen_clip(kin, "front"), "knees_move_out")
    assert found.status == "not_assessable" and "Knee inside the toe" in found.reason
    # and the toe offset alone decides nothing either
    kin = make_kin("front", {**KNEES_OUT, "knee_ankle_offset": None})
    found = status(screen_clip(kin, "front"), "knees_move_out")
    assert found.status == "not_assessable" and "Knee inside the ankle" in found.reason


# ------------------------------------------------------------------ feet (front) ---
def test_feet_turned_out_in_the_2d_projection_while_standing_still_is_not_turn_out():
    # 2D foot angles read 7-18 deg high: a constant 16 deg is the client's standing pose.
    kin = make_kin("front", {"foot_turn_out": {"left": const(16.0), "right": const(16.0)}})
    assert status(screen_clip(kin, "front"), "feet_turn_out").status == "not_seen"


def feet_of(left, right) -> dict:
    """Both feet's profiles, with the combined value the catalogue gives: their mean."""
    return {"left": left, "right": right, "value": lambda d, rep: (left(d, rep) + right(d, rep)) / 2}


def test_feet_turning_out_during_the_squat_beyond_standing():
    turn = DEFAULTS.foot_turn_out_change_deg
    kin = make_kin(
        "front", {"foot_turn_out": {"left": ramp(turn + 4.0, base=10.0), "right": ramp(turn + 2.0, base=10.0)}}
    )
    found = status(screen_clip(kin, "front"), "feet_turn_out")
    assert (found.status, found.side) == ("seen", "both")
    assert found.value == pytest.approx(turn + 4.0)
    assert found.threshold == default_thresholds().foot_turn_out_change_deg == 36.0


def test_noisy_straight_feet_under_the_turn_out_threshold_are_not_turn_out():
    # feet kept straight read up to +12 deg on rendered squats, +23 when the knees move
    # out (MediaPipe turns the foot with the shin); the last is 1 deg under the threshold
    turn = DEFAULTS.foot_turn_out_change_deg
    for change in (11.6, 23.4, turn - 1.0):
        # from a standing 1 deg, the other foot +2: the mean of the feet, which the absolute
        # rule reads, stays under its threshold too
        feet = feet_of(ramp(change, base=1.0), ramp(2.0, base=1.0))
        found = status(screen_clip(make_kin("front", {"foot_turn_out": feet}), "front"), "feet_turn_out")
        assert (found.status, found.reps_flagged) == ("not_seen", 0)
        assert found.value == pytest.approx(change)
    feet = feet_of(ramp(2.0, base=10.0), ramp(turn + 2.0, base=10.0))
    assert status(screen_clip(make_kin("front", {"foot_turn_out": feet}), "front"), "feet_turn_out").side == "right"


def test_foot_and_knee_offset_metrics_are_front_view_only():
    for name in ("foot_turn_out", "knee_ankle_offset", "knee_toe_offset"):
        assert METRICS_BY_NAME[name].views == ("front",), name
    assert "feet_turn_out" not in CHECKPOINTS[("ohsa", "back")]
    with pytest.raises(ValueError):  # the fixture builder refuses what the view cannot measure
        make_kin("back", {"foot_turn_out": const(20.0)})


def test_feet_already_far_out_when_standing_are_turn_out():
    kin = make_kin("front", {"foot_turn_out": {"left": const(35.0), "right": const(34.0)}})
    found = status(screen_clip(kin, "front"), "feet_turn_out")
    assert found.status == "seen"
    assert found.threshold == default_thresholds().foot_turn_out_abs_deg


def test_one_foot_reading_out_and_the_other_in_by_as_much_is_a_turned_camera_not_turn_out():
    # yaw swings one foot's 2D angle out and the other's in (a clean stance filmed 14 deg
    # off square read +30 and -23): the absolute rule reads the mean of the feet
    feet = {"left": const(-23.0), "right": const(36.0), "value": const(6.5)}  # value: the catalogue's mean
    assert (
        status(screen_clip(make_kin("front", {"foot_turn_out": feet}), "front"), "feet_turn_out").status == "not_seen"
    )
    both_out = {"left": const(31.0), "right": const(36.0), "value": const(33.5)}
    found = status(screen_clip(make_kin("front", {"foot_turn_out": both_out}), "front"), "feet_turn_out")
    assert (found.status, found.value) == ("seen", 33.5)


# ------------------------------------------------------------------ side view ---
def test_trunk_parallel_to_the_shin_is_not_forward_lean():
    kin = make_kin("side", {"trunk_shin_diff": ramp(4.0)}, near_side="left")
    assert status(screen_clip(kin, "side"), "excessive_forward_lean").status == "not_seen"


def test_arms_that_never_reach_overhead_are_caught_by_the_absolute_rule():
    # arms held in front of the trunk line standing and squatting: no change from standing
    kin = make_kin("side", {"arm_trunk_angle": const(DEFAULTS.arm_trunk_abs_deg + 5.0)}, near_side="right")
    found = status(screen_clip(kin, "side"), "arms_fall_forward")
    assert found.status == "seen"
    assert found.threshold == default_thresholds().arm_trunk_abs_deg


# ------------------------------------------------------------------ heels ---
def test_heels_rise_is_judged_from_the_back_view():
    lift = DEFAULTS.heel_lift_ratio
    kin = make_kin("back", {"heel_lift": {"left": ramp(lift + 0.01), "right": ramp(0.02)}})
    found = status(screen_clip(kin, "back"), "heels_rise")
    assert (found.status, found.side, found.metric) == ("seen", "left", "heel_lift")
    assert found.value == pytest.approx(lift + 0.01)
    assert found.threshold == default_thresholds().heel_lift_ratio == 0.135
    kin = make_kin("back", {"heel_lift": {"left": ramp(lift - 0.005), "right": ramp(0.045)}})  # just under
    assert status(screen_clip(kin, "back"), "heels_rise").status == "not_seen"


@pytest.mark.parametrize("view", ["front", "side"])
def test_heels_rise_is_not_assessable_from_the_front_or_side_with_a_reason(view):
    # a large heel lift (and a side-view heel-toe tilt) in the clip changes nothing
    metrics = {"heel_lift": {"left": ramp(0.3), "right": ramp(0.3)}}
    if view == "side":
        metrics["heel_toe_angle"] = {"left": ramp(25.0), "right": ramp(25.0)}
    result = screen_clip(make_kin(view, metrics, near_side="left" if view == "side" else None), view)
    found = status(result, "heels_rise")
    assert found.status == "not_assessable"
    assert "heel landmark is too unsteady" in found.reason and "back view" in found.reason
    assert "heels_rise" in result.not_assessable and result.findings == ()


def test_feet_flatten_is_not_assessable_with_a_reason():
    # even a rearfoot angle growing 25 deg beyond standing is not judged
    kin = make_kin(
        "back",
        {
            "rearfoot_angle": {"left": ramp(25.0, base=5.0), "right": ramp(25.0, base=5.0)},
            "heel_lift": {"left": ramp(0.01), "right": ramp(0.01)},
        },
    )
    result = screen_clip(kin, "back")
    found = status(result, "feet_flatten")
    assert found.status == "not_assessable"
    assert "single heel point" in found.reason and "rearfoot angle" in found.reason
    assert found.metric is None and found.evidence == ()
    assert "feet_flatten" in result.not_assessable and result.findings == ()
    assert not any(r.compensation == "feet_flatten" for r in RULES)


def test_low_back_is_not_assessable_with_a_reason():
    kin = make_kin(
        "side", {"trunk_shin_diff": ramp(4.0), "trunk_thigh_angle": ramp(-90.0, base=175.0)}, near_side="left"
    )
    result = screen_clip(kin, "side")
    for comp in ("low_back_arches", "low_back_rounds"):
        line = status(result, comp)
        assert line.status == "not_assessable"
        assert "spine" in line.reason and "proxy" in line.reason
    assert set(result.not_assessable) >= {"low_back_arches", "low_back_rounds"}


# ------------------------------------------------------------------ not assessable ---
def test_a_clip_without_reps_is_not_assessable_everywhere():
    kin = make_kin("front", {"knee_ankle_gap_ratio": const(0.5)}, n_reps=0)
    result = screen_clip(kin, "front")
    assert all(c.status == "not_assessable" for c in result.checklist)
    # heels_rise is never judged from the front: its own reason comes first
    assert {c.compensation: c.reason for c in result.checklist if c.reason != "no reps found in the clip"} == {
        "heels_rise": status(result, "heels_rise").reason
    }
    assert "heel landmark" in status(result, "heels_rise").reason
    assert result.findings == ()


def test_missing_metric_is_not_assessable_and_names_it():
    kin = make_kin("back", {"hip_shift": ramp(0.01)})
    line = status(screen_clip(kin, "back"), "heels_rise")
    assert line.status == "not_assessable"
    assert "Heel lift" in line.reason


def test_baseline_rule_without_standing_frames_is_not_assessable():
    kin = make_kin("back", {"hip_shift": ramp(0.3)}, standing=False)
    line = status(screen_clip(kin, "back"), "asymmetric_weight_shift")
    assert line.status == "not_assessable"
    assert "standing" in line.reason


def test_visibility_is_judged_on_the_landmarks_the_rule_needs():
    from ces_vision.landmarks import Landmark as L

    kin = make_kin("front", {"knee_fppa": {"left": bump(DEFAULTS.knee_fppa_in_deg + 5.0), "right": bump(0.0)}})
    # the left leg is hidden: its inward knee cannot be judged, the right leg is clean
    hidden_left = visibility(kin, 0.95, {L.LEFT_HIP: 0.2, L.LEFT_KNEE: 0.2, L.LEFT_ANKLE: 0.2})
    assert status(screen_clip(kin, "front", visibility=hidden_left), "knees_move_in").status == "not_seen"
    hidden_face = visibility(kin, 0.95, {L.NOSE: 0.0, L.LEFT_EAR: 0.0})
    assert status(screen_clip(kin, "front", visibility=hidden_face), "knees_move_in").status == "seen"


def knees_hidden_in(reps) -> dict:
    """The knee offsets NaN (not measurable) in the chosen reps, neutral elsewhere."""
    hidden = nan_in_reps(const(0.0), reps)
    return {name: {"left": hidden, "right": hidden} for name in ("knee_ankle_offset", "knee_toe_offset")}


def test_confidence_falls_with_fewer_measurable_reps():
    kin = make_kin(
        "front", {"knee_ankle_gap_ratio": nan_in_reps(ramp(-0.3, base=1.0), [0, 1]), **knees_hidden_in([0, 1])}
    )
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert (found.status, found.reps_total) == ("seen", 3)
    assert found.confidence == pytest.approx(3 / 5)
    assert [e.measurable for e in found.evidence] == [False, False, True, True, True]


def test_a_phase_with_too_few_valid_frames_is_not_measured():
    def mostly_missing(d, rep):
        values = 1.0 - 0.3 * d
        values[(rep >= 0) & (d < 0.9)] = np.nan
        return values

    kin = make_kin("front", {"knee_ankle_gap_ratio": mostly_missing})
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "seen"  # the bottom is measured
    kin = make_kin(
        "front",
        {
            "foot_turn_out": {
                "left": lambda d, r: np.where(r >= 0, np.where(d == 1.0, 40.0, np.nan), 0.0),
                "right": const(np.nan),
            }
        },
    )
    assert status(screen_clip(kin, "front"), "feet_turn_out").status == "not_assessable"


# ------------------------------------------------------------------ set-level rule ---
def test_min_reps_applies_even_when_the_share_is_high():
    # 2 measurable reps, 1 flagged: 50% >= min_fraction but fewer than min_reps
    gap = nan_in_reps(ramp(-0.3, base=1.0, reps=[0]), [2, 3, 4])
    kin = make_kin("front", {"knee_ankle_gap_ratio": gap, **knees_hidden_in([2, 3, 4])})
    found = status(screen_clip(kin, "front"), "knees_move_in")
    assert (found.status, found.reps_flagged, found.reps_total) == ("not_seen", 1, 2)


def test_min_fraction_applies_with_many_reps():
    gap = ramp(-0.3, base=1.0, reps=[0, 1])
    kin = make_kin("front", {"knee_ankle_gap_ratio": gap}, n_reps=6)  # 2 of 6 = 0.33 < 0.4
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "not_seen"
    th = load_thresholds(values={"min_fraction": 0.3})
    assert status(screen_clip(kin, "front", thresholds=th), "knees_move_in").status == "seen"


def test_coach_can_require_more_reps(tmp_path):
    coach = tmp_path / "coach.toml"
    coach.write_text("min_reps = 3\nknee_gap_close_ratio = 0.25\n", encoding="utf-8")
    th = load_thresholds(coach)
    assert (th.min_reps, th.knee_gap_close_ratio) == (3, 0.25)
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-0.3, base=1.0, reps=[0, 1])})
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "seen"
    assert status(screen_clip(kin, "front", thresholds=th), "knees_move_in").status == "not_seen"
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-0.2, base=1.0)})  # 0.2: over 0.09, under 0.25
    assert status(screen_clip(kin, "front"), "knees_move_in").status == "seen"
    assert status(screen_clip(kin, "front", thresholds=th), "knees_move_in").status == "not_seen"


@pytest.mark.parametrize(
    "key", ["knee_gap_ratio_in", "knee_gap_ratio_out", "heel_toe_angle_deg", "rearfoot_change_deg"]
)
def test_retired_thresholds_are_refused(tmp_path, key):
    coach = tmp_path / "coach.toml"
    coach.write_text(f"{key} = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError):
        load_thresholds(coach)


def test_retuned_default_thresholds():
    th = default_thresholds()
    assert (th.knee_gap_close_ratio, th.knee_offset_ratio, th.knee_fppa_in_deg) == (0.09, 0.1, 21.0)
    assert (th.foot_turn_out_change_deg, th.foot_turn_out_abs_deg) == (36.0, 22.0)
    assert (th.arm_trunk_change_deg, th.arm_trunk_abs_deg) == (12.0, 38.0)
    assert (th.hip_shift_ratio, th.heel_lift_ratio) == (0.28, 0.135)
    assert th.trunk_shin_diff_deg == 11.0


def test_unknown_coach_threshold_is_an_error(tmp_path):
    coach = tmp_path / "coach.toml"
    coach.write_text("knee_valgus = 3\n", encoding="utf-8")
    with pytest.raises(SettingsError):
        load_thresholds(coach)


# ------------------------------------------------------------------ data integrity ---
def test_every_threshold_has_a_value_unit_and_source():
    info = threshold_info()
    assert set(info) == {f.name for f in dataclasses.fields(Thresholds)}
    for key, row in info.items():
        assert row.unit and len(row.source) > 20, key
    assert all(isinstance(getattr(default_thresholds(), k), (int, float)) for k in info)


def test_rules_refer_to_catalogue_metrics_views_and_threshold_keys():
    keys = {f.name for f in dataclasses.fields(Thresholds)}
    for rule in RULES:
        spec = METRICS_BY_NAME[rule.metric]
        assert set(rule.views) <= set(spec.views), rule
        assert rule.threshold_key in keys, rule
        if rule.sides in ("each", "stance"):
            assert spec.bilateral, rule
    assert keys >= {r.threshold_key for r in RULES}
    for rule in RULES:  # a necessary rule always has a rule that can decide beside it
        if rule.necessary:
            for view in rule.views:
                assert any(
                    not o.necessary
                    and o.compensation == rule.compensation
                    and o.assessment == rule.assessment
                    and view in o.views
                    for o in RULES
                ), rule
    assert [(r.metric, r.sign, r.necessary) for r in RULES if r.compensation == "knees_move_out"] == [
        ("knee_ankle_offset", -1.0, False),
        ("knee_toe_offset", -1.0, True),
    ]
    assert {r.views for r in RULES if r.compensation == "heels_rise"} == {("back",)}


def test_every_checkpoint_has_rules_or_a_reason_and_contract_ids():
    for (assessment, view), comps in CHECKPOINTS.items():
        for comp in comps:
            has_rule = any(r.compensation == comp and r.assessment == assessment and view in r.views for r in RULES)
            has_reason = any(
                n.compensation == comp and n.assessment == assessment and view in n.views for n in NOT_ASSESSABLE
            )
            assert has_rule != has_reason, (assessment, view, comp)
    ohsa = {c for (a, _), comps in CHECKPOINTS.items() if a == "ohsa" for c in comps}
    assert ohsa == set(OHSA_COMPENSATIONS)
    assert CHECKPOINTS[("ohsa", "front")][:3] == ("feet_turn_out", "knees_move_in", "knees_move_out")
    assert set(CHECKPOINTS[("ohsa", "back")]) == {"feet_flatten", "heels_rise", "asymmetric_weight_shift"}


# ------------------------------------------------------------------ JSON contract ---
def test_findings_json_has_exactly_the_contract_fields():
    kin = make_kin("front", {"knee_ankle_gap_ratio": ramp(-0.3, base=1.0), "hip_shift": ramp(-0.3, base=0.02)})
    result = screen_clip(kin, "front")
    items = result.findings_json()
    assert {i["compensation"] for i in items} == {"knees_move_in", "asymmetric_weight_shift"}
    for item in items:
        assert set(item) == {
            "compensation",
            "side",
            "value",
            "threshold",
            "unit",
            "reps_flagged",
            "reps_total",
            "confidence",
        }
        assert item["side"] in ("left", "right", "both", None)
        assert isinstance(item["value"], float) and isinstance(item["threshold"], float)
        assert isinstance(item["reps_flagged"], int) and 0 <= item["confidence"] <= 1
        assert not math.isnan(item["value"])
    shift = next(i for i in items if i["compensation"] == "asymmetric_weight_shift")
    assert shift["side"] == "right" and shift["value"] == pytest.approx(0.3)
    as_json = result.to_json()
    assert "heels_rise" in as_json["not_assessable"]  # never judged from the front
    assert len(as_json["checklist"]) == len(CHECKPOINTS[("ohsa", "front")])


def test_bad_arguments_are_refused():
    kin = make_kin("front", {})
    with pytest.raises(ValueError):
        screen_clip(kin, "front", variant="heels_up")
    with pytest.raises(ValueError):
        screen_clip(kin, "side", assessment="single_leg_squat", leg="left")
    with pytest.raises(ValueError):
        screen_clip(kin, "front", assessment="single_leg_squat")
    with pytest.raises(ValueError):
        screen_clip(kin, "front", visibility=np.ones((3, 33)))
