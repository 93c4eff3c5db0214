"""Every catalogue metric against its analytically known value, in every view.

How the expected values are known: `skeletons` builds each body segment from its
frontal and sagittal lean, and the `far` camera (1 km, long lens) is orthographic to
~0.01 deg, so a front/back image shows exactly the designed frontal angles and a side
image exactly the sagittal ones. Angles are expected to equal the Body parameters;
position ratios are computed from the 3D points' coordinates in the image plane
(X-Y for front/back, Z-Y for side), which an orthographic camera only scales.
foot_turn_out only exists through perspective (a foot on the floor seen level
from far away is a horizontal line), so it is checked with the `near` camera against
a value computed independently from the projected heel and toe pixels.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from skeletons import (
    OUTWARD_X,
    SIDES,
    Body,
    build,
    far,
    hold,
    near,
    standing_like,
)

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics, metrics_for_view
from ces_vision.landmarks import SIDE_PAIRS, Landmark

ANGLE_TOL = 0.5
RATIO_TOL = 0.01
POSE_FRAMES = slice(45, 81)  # inside the held pose of `hold` (frames 41..80)
SEPARATOR = 40  # the missing frame of `hold`

SQUAT = Body(
    knee_valgus=(8.0, 3.0),
    thigh_sway=2.0,
    pelvis_tilt=4.0,
    rearfoot=(6.0, -2.0),
    arm_elevation=(20.0, 10.0),
    shin=30.0,
    thigh=60.0,
    trunk=35.0,
    arm_trunk=(15.0, 5.0),
    foot_turn_out=(10.0, 20.0),
    heel_rise=(20.0, 0.0),
)
KNEES_OUT = Body(
    knee_valgus=(-6.0, -9.0),
    rearfoot=(-3.0, 4.0),
    pelvis_tilt=-3.0,
    thigh_sway=-2.0,
    arm_elevation=(5.0, 30.0),
    shin=20.0,
    thigh=45.0,
    trunk=10.0,
    arm_trunk=(-10.0, 25.0),
    heel_rise=(0.0, 30.0),
)


def _kinematics(body: Body, view: str, visibility=None):
    world, t = hold(standing_like(body), body)
    px = far(view).project(world)
    kin_view = "side" if view.startswith("side") else view
    return compute_kinematics(px, t, kin_view, SmoothingSettings(), RepSettings(), visibility=visibility), world


def _plane(world: np.ndarray, view: str) -> np.ndarray:
    """The coordinates an orthographic camera of `view` sees, up to scale."""
    return world[..., [2, 1]] if view.startswith("side") else world[..., [0, 1]]


def _dist(a, b):
    return float(np.hypot(*(a - b)))


def expected_values(body: Body, view: str) -> dict[str, tuple[float, float] | float]:
    """Per metric: (left, right) for bilateral metrics, else the single value."""
    stand = _plane(build(standing_like(body)), view)
    pose = _plane(build(body), view)
    part = {name: pair for name, pair in SIDE_PAIRS.items()}

    def standing_leg(k):
        hip, knee, ankle = (stand[part[p][k]] for p in ("hip", "knee", "ankle"))
        return _dist(hip, knee) + _dist(knee, ankle)

    leg = 0.5 * (standing_leg(0) + standing_leg(1))
    mid_hip_rise = 0.5 * (
        pose[part["hip"][0]][1] + pose[part["hip"][1]][1] - stand[part["hip"][0]][1] - stand[part["hip"][1]][1]
    )
    heel_lift = tuple(
        (pose[part["heel"][k]][1] - stand[part["heel"][k]][1]) / _dist(stand[part["knee"][k]], stand[part["ankle"][k]])
        for k in (0, 1)
    )
    common = {"hip_height": mid_hip_rise / leg, "heel_lift": heel_lift}
    if view.startswith("side"):
        b = body
        # the trunk length unit: median 2D shoulder-hip length over the clip's frames, half
        # of them standing and half posed (`hold`), both sides pooled
        trunk = 0.5 * sum(_dist(p[part["shoulder"][0]], p[part["hip"][0]]) for p in (stand, pose))

        def ahead(name, k):  # forward is +Z, the first plane coordinate
            return float((pose[part[name][k]][0] - pose[part["shoulder"][k]][0]) / trunk)

        return common | {
            "shoulder_ear_distance": tuple(
                _dist(pose[part["ear"][k]], pose[part["shoulder"][k]]) / trunk for k in (0, 1)
            ),
            "ear_ahead_of_shoulder": (ahead("ear", 0), ahead("ear", 1)),
            "wrist_reach": (ahead("wrist", 0), ahead("wrist", 1)),
            "trunk_angle": b.trunk,
            "shin_angle": b.shin,
            "trunk_shin_diff": b.trunk - b.shin,
            "knee_flexion": (b.thigh + b.shin,) * 2,
            "hip_flexion": (b.trunk + b.thigh,) * 2,
            "arm_trunk_angle": b.arm_trunk,
            "trunk_thigh_angle": (180.0 - b.trunk - b.thigh,) * 2,
            "heel_toe_angle": tuple(
                np.degrees(np.arctan(np.tan(np.radians(b.heel_rise[k])) / np.cos(np.radians(b.foot_turn_out[k]))))
                for k in (0, 1)
            ),
        }
    knees = [pose[part["knee"][k]] for k in (0, 1)]
    ankles = [pose[part["ankle"][k]] for k in (0, 1)]
    hips = [pose[part["hip"][k]] for k in (0, 1)]
    toes = [pose[part["foot_index"][k]] for k in (0, 1)]
    stance = ankles[0] - ankles[1]
    offset = 0.5 * (hips[0] + hips[1]) - 0.5 * (ankles[0] + ankles[1])
    across = abs(ankles[0][0] - ankles[1][0])  # image-horizontal ankle gap
    medial_left = np.sign(ankles[1][0] - ankles[0][0])  # towards the right ankle
    b = body
    return common | {
        "knee_toe_offset": (
            float((knees[0][0] - toes[0][0]) * medial_left / across),
            float((knees[1][0] - toes[1][0]) * -medial_left / across),
        ),
        "knee_ankle_offset": (
            float((knees[0][0] - ankles[0][0]) * medial_left / across),
            float((knees[1][0] - ankles[1][0]) * -medial_left / across),
        ),
        "knee_fppa": (b.knee_valgus[0] + b.thigh_sway, b.knee_valgus[1] - b.thigh_sway),
        "knee_ankle_gap_ratio": _dist(*knees) / _dist(*ankles),
        "pelvis_tilt": b.pelvis_tilt,
        "hip_shift": float(offset @ stance / (stance @ stance)),
        "arm_elevation": b.arm_elevation,
        "arm_symmetry": b.arm_elevation[0] - b.arm_elevation[1],
        "rearfoot_angle": b.rearfoot,
    }


COMBINE = {
    "max": lambda left, right: max(left, right),
    "mean": lambda left, right: 0.5 * (left + right),
}


def _check(kin, expected: dict, skip=("foot_turn_out",)):
    checked = 0
    for spec in metrics_for_view(kin.view):
        if spec.name in skip:
            continue
        series = kin[spec.name]
        tol = ANGLE_TOL if spec.unit == "deg" else RATIO_TOL
        want = expected[spec.name]
        if spec.bilateral:
            combined = want[0] if kin.near_side == "left" else want[1]
            if spec.combine in COMBINE:
                combined = COMBINE[spec.combine](*want)
            for got, value, label in (
                (series.left, want[0], "left"),
                (series.right, want[1], "right"),
                (series.value, combined, "value"),
            ):
                np.testing.assert_allclose(got[POSE_FRAMES], value, atol=tol, err_msg=f"{spec.name} {label}")
        else:
            np.testing.assert_allclose(series.value[POSE_FRAMES], want, atol=tol, err_msg=spec.name)
        assert np.isnan(series.value[SEPARATOR]), f"{spec.name}: a missing frame must stay missing"
        checked += 1
    return checked


@pytest.mark.parametrize("body", [SQUAT, KNEES_OUT], ids=["knees_in", "knees_out"])
@pytest.mark.parametrize("view", ["front", "back"])
def test_frontal_metrics_match_the_designed_angles(body, view):
    kin, _ = _kinematics(body, view)
    assert kin.near_side is None and kin.facing is None
    names = {m.name for m in metrics_for_view(view)}
    assert _check(kin, expected_values(body, view)) == len(names) - ("foot_turn_out" in names)


@pytest.mark.parametrize("body", [SQUAT, KNEES_OUT], ids=["squat_a", "squat_b"])
@pytest.mark.parametrize("view, near_side, facing", [("side_left", "left", "left"), ("side_right", "right", "right")])
def test_sagittal_metrics_match_the_designed_angles(body, view, near_side, facing):
    kin, _ = _kinematics(body, view)
    assert (kin.near_side, kin.facing) == (near_side, facing)
    assert _check(kin, expected_values(body, view)) == len(metrics_for_view("side"))


def test_front_and_back_views_of_a_valgus_skeleton_agree_per_side():
    front, _ = _kinematics(SQUAT, "front")
    back, _ = _kinematics(SQUAT, "back")
    for side in ("left", "right"):
        f = getattr(front["knee_fppa"], side)[POSE_FRAMES]
        b = getattr(back["knee_fppa"], side)[POSE_FRAMES]
        np.testing.assert_allclose(f, b, atol=0.05)
    # knees in on both sides (valgus positive), the left more so
    assert front["knee_fppa"].left[60] == pytest.approx(10.0, abs=ANGLE_TOL)
    assert front["knee_fppa"].right[60] == pytest.approx(1.0, abs=ANGLE_TOL)
    # the image is mirrored between the views, the body-relative signs are not
    for name in ("pelvis_tilt", "hip_shift", "arm_symmetry"):
        assert np.sign(front[name].value[60]) == np.sign(back[name].value[60]) != 0


def _turn_out_from_pixels(px: np.ndarray, side: str, view: str) -> float:
    """Independent reference: acute angle of heel -> toe from image vertical, signed
    outwards by which way the subject's side lies in the image (front: left = image
    right)."""
    k = SIDES.index(side)
    dx, dy = px[SIDE_PAIRS["foot_index"][k]] - px[SIDE_PAIRS["heel"][k]]
    outward_image_x = OUTWARD_X[side] * (1.0 if view == "front" else -1.0)
    return float(np.degrees(np.arctan2(abs(dx), abs(dy))) * np.sign(dx * outward_image_x))


@pytest.mark.parametrize("view", ["front"])
@pytest.mark.parametrize("turn", [(10.0, 20.0), (-30.0, 0.0)], ids=["out", "in"])
def test_foot_turn_out_through_a_perspective_camera(view, turn):
    body = Body(foot_turn_out=turn, shin=20.0, thigh=40.0)
    world, t = hold(standing_like(body), body)
    px = near(view).project(world)
    kin = compute_kinematics(px, t, view, SmoothingSettings(), RepSettings())
    series = kin["foot_turn_out"]
    for side, degrees in zip(SIDES, turn):
        want = _turn_out_from_pixels(px[60], side, view)
        got = getattr(series, side)[POSE_FRAMES]
        np.testing.assert_allclose(got, want, atol=ANGLE_TOL)
        if degrees:
            assert np.sign(want) == np.sign(degrees)  # the reference itself has the designed sign
        else:  # perspective: a straight foot beside the optical axis reads out from the front, in from the back
            assert want > 5.0 if view == "front" else want < -5.0
    np.testing.assert_allclose(series.value[POSE_FRAMES], 0.5 * (series.left + series.right)[POSE_FRAMES])


# ---- missing landmarks -------------------------------------------------------------

GAP = slice(55, 66)

FRONT_NEEDS = {
    Landmark.LEFT_ELBOW: {("arm_elevation", "left"), ("arm_symmetry", "value")},
    Landmark.LEFT_HEEL: {("foot_turn_out", "left"), ("rearfoot_angle", "left"), ("heel_lift", "left")},
    Landmark.LEFT_KNEE: {
        ("knee_fppa", "left"),
        ("knee_ankle_gap_ratio", "value"),
        ("rearfoot_angle", "left"),
        ("knee_toe_offset", "left"),
        ("knee_ankle_offset", "left"),
    },
    Landmark.LEFT_HIP: {("knee_fppa", "left"), ("pelvis_tilt", "value"), ("hip_shift", "value")},
    Landmark.RIGHT_ANKLE: {
        (name, field)
        for name in ("knee_fppa", "foot_turn_out", "rearfoot_angle", "knee_toe_offset", "knee_ankle_offset")
        for field in ("left", "right", "value")
    }
    | {("knee_ankle_gap_ratio", "value"), ("hip_shift", "value")},
}
SIDE_NEEDS = {  # near side = left
    Landmark.LEFT_SHOULDER: {
        ("trunk_angle", "value"),
        ("trunk_shin_diff", "value"),
        *(
            (name, field)
            for name in ("hip_flexion", "arm_trunk_angle", "trunk_thigh_angle")
            for field in ("left", "value")
        ),
        *(
            (name, field)
            for name in ("shoulder_ear_distance", "ear_ahead_of_shoulder", "wrist_reach")
            for field in ("left", "value")
        ),
    },
    Landmark.LEFT_EAR: {
        (name, field) for name in ("shoulder_ear_distance", "ear_ahead_of_shoulder") for field in ("left", "value")
    },
    Landmark.LEFT_WRIST: {("wrist_reach", "left"), ("wrist_reach", "value")},
    Landmark.LEFT_KNEE: {
        ("shin_angle", "value"),
        ("trunk_shin_diff", "value"),
        *(
            (name, field)
            for name in ("knee_flexion", "hip_flexion", "trunk_thigh_angle")
            for field in ("left", "value")
        ),
    },
    Landmark.RIGHT_ELBOW: {("arm_trunk_angle", "right")},
    Landmark.RIGHT_HEEL: {("heel_lift", "right"), ("heel_toe_angle", "right")},
}


def _nan_fields(kin, frames) -> set[tuple[str, str]]:
    missing = set()
    for name, series in kin.series.items():
        fields = ("left", "right", "value") if series.spec.bilateral else ("value",)
        for field in fields:
            values = getattr(series, field)[frames]
            if np.isnan(values).any():
                assert np.isnan(values).all(), f"{name} {field}: partly missing"
                missing.add((name, field))
    return missing


@pytest.mark.parametrize(
    "view, landmark, needs",
    [("front", lm, needs) for lm, needs in FRONT_NEEDS.items()]
    + [("side_left", lm, n) for lm, n in SIDE_NEEDS.items()],
    ids=lambda v: getattr(v, "name", v) if not isinstance(v, set) else "",
)
def test_a_missing_landmark_blanks_exactly_the_metrics_that_need_it(view, landmark, needs):
    world, t = hold(standing_like(SQUAT), SQUAT)
    px = far(view).project(world)
    px[GAP, landmark] = np.nan
    visibility = np.full((len(t), 33), 0.9)
    visibility[:, 0::2] = 0.4  # the right side is the far side
    kin_view = "side" if view.startswith("side") else view
    kin = compute_kinematics(px, t, kin_view, SmoothingSettings(), RepSettings(), visibility=visibility)
    if kin_view == "side":
        assert kin.near_side == "left"
    assert _nan_fields(kin, GAP) == needs
    assert _nan_fields(kin, slice(45, 54)) == set()
    # the metrics the landmark does not feed are untouched by its absence
    baseline = compute_kinematics(
        far(view).project(world), t, kin_view, SmoothingSettings(), RepSettings(), visibility=visibility
    )
    for name, series in kin.series.items():
        for field in ("left", "right"):
            if (name, field) not in needs:
                np.testing.assert_allclose(getattr(series, field), getattr(baseline[name], field), atol=1e-9)
        if (name, "value") in needs:
            continue
        lost = [side for side in ("left", "right") if (name, side) in needs]
        if name == "hip_height" and landmark in (Landmark.LEFT_HIP, Landmark.RIGHT_HIP):
            continue  # the mid-hip height falls back on the hip still seen
        if lost:  # a bilateral value falls back on the side still measured
            kept = "right" if lost == ["left"] else "left"
            np.testing.assert_allclose(series.value[GAP], getattr(series, kept)[GAP])
        else:
            np.testing.assert_allclose(series.value, baseline[name].value, atol=1e-9)


# ---- orientation --------------------------------------------------------------------


def test_near_side_follows_visibility_then_missing_landmarks():
    world, t = hold(standing_like(SQUAT), SQUAT)
    px = far("side_right").project(world)
    visibility = np.full((len(t), 33), 0.5)
    visibility[:, 1::2] = 0.95  # MediaPipe sees the left side better
    assert compute_kinematics(px, t, "side", SmoothingSettings(), RepSettings(), visibility).near_side == "left"
    sparse_right = px.copy()
    sparse_right[::3, 0::2][:, 11:] = np.nan  # right-side body landmarks often missing
    kin = compute_kinematics(sparse_right, t, "side", SmoothingSettings(), RepSettings())
    assert kin.near_side == "left"
    assert kin["knee_flexion"].value[60] == pytest.approx(kin["knee_flexion"].left[60])


def test_facing_falls_back_to_nose_and_ears_without_feet():
    world, t = hold(standing_like(SQUAT), SQUAT)
    for view, facing in (("side_left", "left"), ("side_right", "right")):
        px = far(view).project(world)
        feet = [Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL, Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX]
        px[:, feet] = np.nan
        kin = compute_kinematics(px, t, "side", SmoothingSettings(), RepSettings())
        assert kin.facing == facing
        assert kin["trunk_angle"].value[60] == pytest.approx(SQUAT.trunk, abs=ANGLE_TOL)


def test_rejects_bad_input():
    with pytest.raises(ValueError):
        compute_kinematics(np.zeros((5, 33, 3)), np.arange(5.0), "front", SmoothingSettings(), RepSettings())
    with pytest.raises(ValueError):
        compute_kinematics(np.zeros((5, 33, 2)), np.arange(5.0), "top", SmoothingSettings(), RepSettings())


def test_no_person_at_all_gives_all_nan_and_no_reps():
    px = np.full((50, 33, 2), np.nan)
    kin = compute_kinematics(px, np.arange(50) / 30, "front", SmoothingSettings(), RepSettings())
    assert kin.reps == () and not kin.standing.any()
    assert all(np.isnan(s.value).all() for s in kin.series.values())


@pytest.mark.parametrize("metric", ["knee_toe_offset", "knee_ankle_offset"])
@pytest.mark.parametrize("body, sign", [(SQUAT, 1.0), (KNEES_OUT, -1.0)], ids=["knees_in", "knees_out"])
def test_knee_offsets_sign_follows_the_knee(metric, body, sign):
    kin, _ = _kinematics(replace(body, foot_turn_out=(0.0, 0.0), thigh_sway=0.0, rearfoot=(0.0, 0.0)), "front")
    offsets = kin[metric]
    assert np.all(sign * offsets.left[POSE_FRAMES] > 0.01) and np.all(sign * offsets.right[POSE_FRAMES] > 0.01)


def test_foot_quantities_are_front_view_only():
    kin, _ = _kinematics(SQUAT, "back")
    assert not {"foot_turn_out", "knee_toe_offset", "knee_ankle_offset"} & set(kin.series)


@pytest.mark.parametrize("view", ["front", "back"])
def test_collapsed_ankles_make_lower_body_metrics_missing_but_keep_reps(view):
    world, t = hold(standing_like(SQUAT), SQUAT)
    px = far(view).project(world)
    collapsed = POSE_FRAMES.start + 5
    for part in ("ankle", "heel", "foot_index"):
        left, right = SIDE_PAIRS[part]
        px[collapsed, [left, right], 0] = px[collapsed, [left, right], 0].mean()  # ankles pulled together
    kin = compute_kinematics(px, t, view, SmoothingSettings(min_run_frames=10**6), RepSettings())
    for name in ("knee_fppa", "knee_ankle_gap_ratio", "hip_shift", "rearfoot_angle"):
        assert np.isnan(kin[name].value[collapsed]), name
        assert np.isfinite(kin[name].value[collapsed + 1]), name
    assert np.isfinite(kin["hip_height"].value[collapsed])
    assert np.isfinite(kin["arm_elevation"].value[collapsed])
