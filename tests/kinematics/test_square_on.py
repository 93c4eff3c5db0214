"""Square-on correction of a slightly yawed front / back view (kinematics/square_on.py),
on synthetic skeletons turned by an exact yaw and projected orthographically."""

import numpy as np
import pytest

from ces_vision.kinematics.square_on import MIN_YAW_DEG, camera_yaw_deg, pixels_per_metre, square_on
from ces_vision.landmarks import SIDE_PAIRS, Landmark

SCALE = 400.0  # pixels per metre
CENTRE = np.array([360.0, 700.0])


def body_frame(facing_camera: bool = True) -> np.ndarray:
    """(33, 3) body points about the hips' midpoint at the bottom of a clean squat: x to
    the picture's right when facing the camera, y down, z away from the camera (knees
    25 cm forward of the hips, ankles 15 cm). A back view mirrors x and z."""
    body = np.full((33, 3), np.nan)
    parts = {
        "shoulder": (0.20, -0.45, 0.0),  # trunk upright: the scale is read from it
        "hip": (0.15, 0.0, 0.0),
        "knee": (0.20, 0.30, -0.25),
        "ankle": (0.17, 0.70, -0.15),
        "heel": (0.17, 0.75, -0.10),
        "foot_index": (0.19, 0.76, -0.32),
    }
    for part, (x, y, z) in parts.items():
        left, right = SIDE_PAIRS[part]
        body[left], body[right] = (x, y, z), (-x, y, z)
    body[Landmark.NOSE] = (0.0, -0.7, -0.1)
    if not facing_camera:
        body[:, [0, 2]] *= -1
    return body


def turned(body: np.ndarray, yaw_deg: float) -> np.ndarray:
    """The body turned about the vertical so that the hip on the picture's right goes
    `yaw_deg` farther from the camera."""
    phi = np.radians(yaw_deg)
    x, z = body[:, 0], body[:, 2]
    out = body.copy()
    out[:, 0], out[:, 2] = x * np.cos(phi) - z * np.sin(phi), x * np.sin(phi) + z * np.cos(phi)
    return out


def picture(world: np.ndarray) -> np.ndarray:
    return CENTRE + SCALE * world[:, :2]


@pytest.mark.parametrize("facing_camera", [True, False])
@pytest.mark.parametrize("yaw", [-20.0, -8.0, 12.0, 20.0])
def test_a_turned_body_is_seen_as_from_a_square_camera(facing_camera, yaw):
    body = body_frame(facing_camera)
    world = turned(body, yaw)
    frames = np.ones(5, bool)
    worlds = np.repeat(world[None], 5, axis=0)
    points = np.repeat(picture(world)[None], 5, axis=0)
    assert camera_yaw_deg(worlds, frames) == pytest.approx(yaw)
    assert pixels_per_metre(points, worlds, frames) == pytest.approx(SCALE)
    fixed = square_on(points, worlds[..., 2], camera_yaw_deg(worlds, frames), SCALE)
    np.testing.assert_allclose(fixed[0], picture(body), atol=1e-9)
    # the raw picture shows one knee in and the other out; the turned-back one does not
    knee, ankle = SIDE_PAIRS["knee"], SIDE_PAIRS["ankle"]
    raw_offsets = points[0, list(knee), 0] - points[0, list(ankle), 0]
    fixed_offsets = fixed[0, list(knee), 0] - fixed[0, list(ankle), 0]
    assert raw_offsets[0] + raw_offsets[1] != pytest.approx(0.0, abs=1.0)
    assert fixed_offsets[0] + fixed_offsets[1] == pytest.approx(0.0, abs=1e-9)


def test_a_square_camera_and_an_unknown_yaw_change_nothing():
    world = np.repeat(turned(body_frame(), MIN_YAW_DEG * 0.9)[None], 3, axis=0)
    points = np.repeat(picture(world[0])[None], 3, axis=0)
    yaw = camera_yaw_deg(world, np.ones(3, bool))
    assert square_on(points, world[..., 2], yaw, SCALE) is points
    assert square_on(points, world[..., 2], float("nan"), SCALE) is points
    assert np.isnan(camera_yaw_deg(np.full((3, 33, 3), np.nan), np.ones(3, bool)))
