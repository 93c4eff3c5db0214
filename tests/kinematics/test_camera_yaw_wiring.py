"""The camera yaw read from MediaPipe-like world landmarks, wired into compute_kinematics:
a front view filmed a few degrees off square is measured as if square, a back view and an
oblique camera are left as filmed, and the yaw is kept on the kinematics."""

from __future__ import annotations

import numpy as np
import pytest
from skeletons import Body, build, far, hold, standing_like

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics
from ces_vision.kinematics.square_on import camera_yaw_deg, frame_yaw_deg
from ces_vision.landmarks import SIDE_PAIRS

POSE_FRAMES = slice(45, 81)  # inside the held pose of `hold`
# a clean squat: knees over the feet, straight shins seen from the front
CLEAN = Body(shin=30.0, thigh=60.0, trunk=30.0, arm_elevation=(10.0, 10.0))


def yawed(world: np.ndarray, yaw_deg: float) -> np.ndarray:
    """The body turned about the vertical (Y) by `yaw_deg`, its toes towards the subject's left."""
    phi = np.radians(yaw_deg)
    out = world.copy()
    x, z = world[..., 0], world[..., 2]
    out[..., 0], out[..., 2] = x * np.cos(phi) + z * np.sin(phi), -x * np.sin(phi) + z * np.cos(phi)
    return out


def mediapipe_world(world: np.ndarray, view: str) -> np.ndarray:
    """World points as MediaPipe gives them to a camera of `view`: x picture right, y down,
    z away from the camera, origin between the hips."""
    if view == "front":
        mp = np.stack([world[..., 0], -world[..., 1], -world[..., 2]], axis=-1)
    else:
        mp = np.stack([-world[..., 0], -world[..., 1], world[..., 2]], axis=-1)
    left, right = SIDE_PAIRS["hip"]
    return mp - (mp[:, left] + mp[:, right])[:, None] / 2


def clip(yaw_deg: float, view: str = "front"):
    world, t = hold(standing_like(CLEAN), CLEAN)
    turned = yawed(world, yaw_deg)
    return far(view).project(turned), t, mediapipe_world(turned, view), far(view).project(world)


def kinematics(points, t, view="front", world=None):
    return compute_kinematics(points, t, view, SmoothingSettings(), RepSettings(), world_xyz=world)


def knee_offsets(kin) -> tuple[float, float]:
    left, right = kin["knee_ankle_offset"].left, kin["knee_ankle_offset"].right
    return float(np.nanmedian(left[POSE_FRAMES])), float(np.nanmedian(right[POSE_FRAMES]))


@pytest.mark.parametrize("yaw", [-13.0, 8.0, 13.0, 20.0])
def test_a_front_view_off_square_is_measured_as_square(yaw):
    points, t, world, square = clip(yaw)
    kin = kinematics(points, t, world=world)
    assert abs(kin.camera_yaw_deg) == pytest.approx(abs(yaw), abs=1e-6)
    assert kin.squared
    raw = knee_offsets(kinematics(points, t))
    fixed, truth = knee_offsets(kin), knee_offsets(kinematics(square, t))
    # the raw picture reads one knee in and the other out by the same amount
    assert raw[0] * raw[1] < 0 and min(abs(raw[0]), abs(raw[1])) > 0.05
    assert fixed == pytest.approx(truth, abs=0.005)


def test_the_picture_sign_follows_the_hip_farther_from_the_camera():
    """Turning the toes towards the subject's left takes their right hip (the picture's
    left in a front view) towards the camera: the picture's right hip is farther, positive."""
    _, _, world, _ = clip(13.0)
    assert camera_yaw_deg(world, np.ones(len(world), bool)) == pytest.approx(13.0, abs=1e-6)


def test_a_back_view_and_a_small_yaw_are_not_turned():
    points, t, world, _ = clip(13.0, "back")
    kin = kinematics(points, t, "back", world)
    assert abs(kin.camera_yaw_deg) == pytest.approx(13.0, abs=1e-6) and not kin.squared
    points, t, world, _ = clip(2.0)
    small = kinematics(points, t, world=world)
    assert not small.squared
    assert knee_offsets(small) == knee_offsets(kinematics(points, t))


def test_an_oblique_camera_is_not_turned_and_reads_its_yaw():
    points, t, world, _ = clip(40.0)
    kin = kinematics(points, t, world=world)
    assert abs(kin.camera_yaw_deg) == pytest.approx(40.0, abs=1e-6) and not kin.squared


def test_a_side_view_reads_about_ninety_even_when_the_hip_line_flips():
    """Side-on, the hips are nearly in line with the camera: noise flips the sign of their
    picture gap from frame to frame. The median size with the majority sign stays near 90."""
    world = np.repeat(build(standing_like(CLEAN))[None], 9, axis=0)
    mp = mediapipe_world(yawed(world, 88.0), "front")
    mp[::3, :, 0] *= -1  # a third of the frames see the hips the other way round
    yaw = frame_yaw_deg(mp)
    assert np.all(np.abs(yaw) > 80) and np.any(yaw > 0) and np.any(yaw < 0)
    assert abs(camera_yaw_deg(mp, np.ones(9, bool))) == pytest.approx(88.0, abs=1e-6)


def test_shoulders_stand_in_for_missing_hips_and_nothing_is_nan():
    world = mediapipe_world(yawed(np.repeat(build(standing_like(CLEAN))[None], 4, axis=0), 10.0), "front")
    world[:2, list(SIDE_PAIRS["hip"])] = np.nan
    per_frame = frame_yaw_deg(world)
    assert np.all(np.isfinite(per_frame))
    assert np.isnan(camera_yaw_deg(np.full((3, 33, 3), np.nan), np.ones(3, bool)))


def test_planted_feet_keep_their_standing_depth_spread():
    """MediaPipe moved one rendered ankle 7 cm back and the other 15 cm forward at the
    bottom of a squat: turned back as they came, the stance read a quarter narrower and
    the front view's lower body was distrusted. The feet keep their standing spread."""
    points, t, world, _ = clip(13.0)
    noisy = world.copy()
    left_foot = [SIDE_PAIRS[p][0] for p in ("ankle", "heel", "foot_index")]
    right_foot = [SIDE_PAIRS[p][1] for p in ("ankle", "heel", "foot_index")]
    noisy[41:, left_foot, 2] += 0.07
    noisy[41:, right_foot, 2] -= 0.15
    exact, perturbed = kinematics(points, t, world=world), kinematics(points, t, world=noisy)
    assert perturbed.squared
    gap = "knee_ankle_gap_ratio"
    assert np.isfinite(perturbed[gap].value[POSE_FRAMES]).all()  # not distrusted
    np.testing.assert_allclose(perturbed[gap].value[POSE_FRAMES], exact[gap].value[POSE_FRAMES], rtol=0.01)
