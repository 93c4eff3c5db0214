"""Per-clip reasons a check is not assessable (screening/clip_quality.py) and the camera
check (view_check.camera_check), on synthetic kinematics with exact values: each fires
just past its limit and stays silent just inside it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from synthetic_kin import DROP, const, make_kin, ramp, visibility

from ces_vision.landmarks import Landmark
from ces_vision.screening import screen_clip
from ces_vision.screening.clip_quality import (
    KNEES_MAX_YAW_DEG,
    MAX_STANDING_HIP_OFFSET,
    MIN_LEG_PX,
    MIN_SQUAT_DEPTH_LEG,
    STANDING_FEET_FORESHORTENED_DEG,
    hidden_joints,
)
from ces_vision.screening.view_check import (
    CONFIDENCE_AT_OBLIQUE,
    OBLIQUE_FROM_DEG,
    OBLIQUE_TO_DEG,
    camera_check,
    camera_confidence,
)


def line(screen, compensation):
    return next(c for c in screen.checklist if c.compensation == compensation)


def statuses(screen) -> set[str]:
    return {c.status for c in screen.checklist}


# ------------------------------------------------------------------ camera ---
@pytest.mark.parametrize("yaw", [OBLIQUE_FROM_DEG, 41.0, -41.0, OBLIQUE_TO_DEG])
def test_an_oblique_camera_is_named_and_nothing_is_judged(yaw):
    kin = replace(make_kin("front", {"knee_ankle_offset": {"left": ramp(0.5)}}), camera_yaw_deg=yaw, leg_px=300.0)
    screen = screen_clip(kin, "front")
    assert statuses(screen) == {"not_assessable"}
    assert all(c.reason and c.reason.startswith("oblique camera") for c in screen.checklist)
    assert screen.camera is not None and screen.camera.status == "oblique"
    assert screen.camera.yaw_deg == pytest.approx(abs(yaw))


@pytest.mark.parametrize("view,yaw", [("front", OBLIQUE_FROM_DEG - 0.1), ("side", OBLIQUE_TO_DEG + 0.1)])
def test_just_outside_the_oblique_band_the_clip_is_judged(view, yaw):
    metrics = {"foot_turn_out": {"left": ramp(40.0)}} if view == "front" else {"trunk_shin_diff": ramp(20.0)}
    kin = replace(make_kin(view, metrics, near_side="left" if view == "side" else None), camera_yaw_deg=yaw)
    screen = screen_clip(kin, view)
    assert "seen" in statuses(screen) and screen.camera is not None and screen.camera.status == "off_square"


@pytest.mark.parametrize(
    "view,yaw,factor",
    [
        ("front", float("nan"), 1.0),  # no world landmarks: unknown lowers nothing
        ("front", 2.0, 1.0),
        ("front", -14.0, 1.0 - (1.0 - CONFIDENCE_AT_OBLIQUE) * 11.0 / 22.0),
        ("front", OBLIQUE_FROM_DEG - 1e-9, CONFIDENCE_AT_OBLIQUE),
        ("side", 90.0 - 14.0, 1.0 - (1.0 - CONFIDENCE_AT_OBLIQUE) * 11.0 / 22.0),
        ("back", 20.0, 1.0),  # MediaPipe reads a back view's yaw wrongly: it lowers nothing
    ],
)
def test_confidence_falls_with_the_camera_off_the_view_named(view, yaw, factor):
    compensation, metrics = {
        "front": ("feet_turn_out", {"foot_turn_out": {"left": ramp(40.0)}}),
        "side": ("excessive_forward_lean", {"trunk_shin_diff": ramp(20.0)}),
        "back": ("heels_rise", {"heel_lift": {"left": ramp(0.3)}}),
    }[view]
    near = "left" if view == "side" else None
    square = line(screen_clip(make_kin(view, metrics, near_side=near), view), compensation)
    turned = line(screen_clip(replace(make_kin(view, metrics, near_side=near), camera_yaw_deg=yaw), view), compensation)
    assert square.status == turned.status == "seen" and square.confidence > 0
    assert turned.confidence == pytest.approx(square.confidence * factor, abs=1e-3)
    assert camera_confidence(view, camera_check(view, yaw, False)) == pytest.approx(factor)


@pytest.mark.parametrize("yaw", [KNEES_MAX_YAW_DEG, -KNEES_MAX_YAW_DEG, 20.0])
def test_knees_are_not_judged_from_a_front_camera_turned_past_their_limit(yaw):
    metrics = {"knee_ankle_offset": {"left": ramp(0.5)}, "foot_turn_out": {"left": ramp(40.0)}}
    screen = screen_clip(replace(make_kin("front", metrics), camera_yaw_deg=yaw), "front")
    for knees in ("knees_move_in", "knees_move_out"):
        assert line(screen, knees).status == "not_assessable"
        assert f"{abs(yaw):.0f} deg off square" in (line(screen, knees).reason or "")
    assert line(screen, "feet_turn_out").status == "seen"  # the rest of the view is still judged


@pytest.mark.parametrize("yaw", [KNEES_MAX_YAW_DEG - 0.1, -(KNEES_MAX_YAW_DEG - 0.1), float("nan")])
def test_knees_are_judged_from_a_front_camera_within_their_limit(yaw):
    kin = replace(make_kin("front", {"knee_ankle_offset": {"left": ramp(0.5)}}), camera_yaw_deg=yaw)
    assert line(screen_clip(kin, "front"), "knees_move_in").status == "seen"


def test_camera_check_statuses_and_the_angle_off_the_view_named():
    assert camera_check("front", float("nan"), False).status == "unknown"
    assert camera_check("front", 2.0, False).status == "square"
    assert camera_check("front", 10.0, True).status == "squared"
    assert camera_check("back", -10.0, False).status == "off_square"
    side = camera_check("side", -88.0, False)
    assert side.status == "square" and side.yaw_deg == 88.0 and side.off_view_deg == 2.0
    assert camera_check("side", 67.0, False).to_dict() == {
        "status": "off_square",
        "yaw_deg": 67.0,
        "off_view_deg": 23.0,
        "reason": None,
    }


# ------------------------------------------------------------- person size ---
@pytest.mark.parametrize("leg_px,judged", [(MIN_LEG_PX - 1, False), (MIN_LEG_PX, True)])
def test_a_person_too_small_in_the_picture_is_not_judged(leg_px, judged):
    kin = replace(make_kin("side", {"trunk_shin_diff": ramp(20.0)}, near_side="left"), leg_px=leg_px)
    lean = line(screen_clip(kin, "side"), "excessive_forward_lean")
    if judged:
        assert lean.status == "seen"
    else:
        assert lean.status == "not_assessable"
        assert lean.reason is not None and "too small" in lean.reason and f"{leg_px:.0f} px" in lean.reason


# ------------------------------------------------------------------- depth ---
def shallow(kin, drop: float):
    height = kin.series["hip_height"]
    return replace(kin, series={**kin.series, "hip_height": replace(height, value=height.value * drop / DROP)})


@pytest.mark.parametrize("drop,judged", [(MIN_SQUAT_DEPTH_LEG - 0.01, False), (MIN_SQUAT_DEPTH_LEG + 0.01, True)])
def test_a_squat_too_shallow_is_not_judged(drop, judged):
    kin = shallow(make_kin("front", {"knee_ankle_offset": {"left": ramp(0.5)}}), drop)
    screen = screen_clip(kin, "front")
    assert screen.quality is not None and screen.quality.measures["squat_depth_leg"] == pytest.approx(drop)
    knees = line(screen, "knees_move_in")
    if judged:
        assert knees.status == "seen"
    else:
        assert statuses(screen) == {"not_assessable"}
        assert knees.reason is not None and "too shallow" in knees.reason and f"{drop:.2f}" in knees.reason


# ------------------------------------------------------------------ stance ---
def feet(standing_deg: float, yaw: float = float("nan")):
    """Feet reading `standing_deg` turned out standing and no further in the squat."""
    kin = make_kin("front", {"foot_turn_out": {"left": const(standing_deg), "right": const(standing_deg - 2)}})
    return replace(kin, camera_yaw_deg=yaw)


def test_feet_turned_out_past_foreshortening_skip_the_absolute_rule_and_knees_out():
    screen = screen_clip(feet(STANDING_FEET_FORESHORTENED_DEG + 1), "front")
    assert line(screen, "feet_turn_out").status == "not_seen"  # the change rule still judges
    out = line(screen, "knees_move_out")
    assert out.status == "not_assessable" and out.reason is not None and "46 deg turned out standing" in out.reason


def test_feet_turned_out_with_a_turned_camera_skip_the_absolute_rule():
    screen = screen_clip(feet(35.0, yaw=8.0), "front")
    assert line(screen, "feet_turn_out").status == "not_seen"
    assert line(screen, "knees_move_out").status == "not_assessable"


def test_feet_turned_out_standing_from_a_square_camera_are_still_turned_out():
    for yaw in (float("nan"), 2.0):
        screen = screen_clip(feet(35.0, yaw=yaw), "front")
        assert line(screen, "feet_turn_out").status == "seen"
        assert line(screen, "knees_move_out").status == "not_seen"


@pytest.mark.parametrize("offset,judged", [(MAX_STANDING_HIP_OFFSET + 0.01, False), (MAX_STANDING_HIP_OFFSET, True)])
def test_hips_off_centre_standing_make_the_weight_shift_not_assessable(offset, judged):
    kin = make_kin("back", {"hip_shift": ramp(-0.5, base=-offset)})
    shift = line(screen_clip(kin, "back"), "asymmetric_weight_shift")
    if judged:
        assert shift.status == "seen" and shift.side == "right"
    else:
        assert shift.status == "not_assessable" and shift.reason is not None and "off-centre standing" in shift.reason


# ------------------------------------------------------------ hidden joints ---
def test_joints_hidden_through_the_reps_are_named():
    kin = make_kin("front", {"hip_shift": ramp(0.5)})
    # hips and ankles average 0.36, under the 0.5 gate; the right hip alone is well seen
    hidden = {Landmark.LEFT_HIP: 0.4, Landmark.LEFT_ANKLE: 0.05, Landmark.RIGHT_ANKLE: 0.05}
    shift = line(screen_clip(kin, "front", visibility=visibility(kin, low=hidden)), "asymmetric_weight_shift")
    assert shift.status == "not_assessable"
    assert (
        shift.reason
        == "none of the 5 reps measurable: left hip, left ankle, right ankle hidden or poorly visible through the reps"
    )


def test_hidden_joints_by_name_and_only_below_the_visibility_gate():
    vis = np.full((4, 33), 0.9)
    vis[:, Landmark.RIGHT_FOOT_INDEX] = 0.3
    vis[:2, Landmark.LEFT_KNEE] = np.nan
    frames = np.array([False, False, True, True])
    marks = [Landmark.RIGHT_FOOT_INDEX, Landmark.LEFT_KNEE, Landmark.LEFT_HIP]
    assert hidden_joints(vis, frames, marks, 0.5) == ["right toes"]
    assert hidden_joints(vis, ~frames, marks, 0.5) == ["right toes", "left knee"]
    assert hidden_joints(None, frames, marks, 0.5) == []


def test_a_back_view_is_never_named_oblique():
    """MediaPipe reads a back view's depth as if the person faced the camera: square
    rendered back views read 8-26 deg, so the yaw is reported but stops nothing."""
    check = camera_check("back", -25.6, False)
    assert check.status == "off_square" and check.reason is None and check.yaw_deg == 25.6
