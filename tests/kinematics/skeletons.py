"""Synthetic 3D skeletons with exactly known angles, and a pinhole camera.

World frame, metres: X = the subject's left, Y = up, Z = the way the subject faces;
the floor is Y = 0.

Every segment is built from its two projected leans: its lean in the frontal (X-Y)
plane and its lean in the sagittal (Z-Y) plane. A camera looking along Z (front, back)
therefore sees exactly the frontal angles and a camera looking along X (side) exactly
the sagittal ones, under an orthographic projection. `FAR` is a pinhole camera 1 km
away with a long lens: orthographic to within ~0.01 deg, which is how the tests know the
2D values analytically. `NEAR` is an ordinary camera 3 m away, for the quantities that
only exist through perspective (a foot on the floor seen level from the front).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ces_vision.landmarks import SIDE_PAIRS, Landmark

SIDES = ("left", "right")
OUTWARD_X = {"left": 1.0, "right": -1.0}  # the subject's left is +X

SHANK = 0.42
THIGH = 0.44
TRUNK = 0.50
UPPER_ARM = 0.30
FOREARM = 0.27
FOOT = 0.20
HEEL_TO_ANKLE = 0.08


@dataclass(frozen=True)
class Body:
    """Pose parameters, degrees unless stated. Per-side values are (left, right).

    Frontal leans (seen from the front or back):
      knee_valgus   lean of the shank (ankle -> knee) towards the midline
      thigh_sway    lean of both thighs (knee -> hip) towards the subject's left
      pelvis_tilt   left hip higher than the right (the left thigh is lengthened)
      rearfoot      rearfoot angle (ankle on the midline side of the knee-heel line)
      arm_elevation lean of the upper arm from straight up, outwards
    Sagittal leans (seen from the side), positive forward:
      shin          shank from vertical, knee ahead of the ankle
      thigh         thigh from vertical, hip behind the knee
      trunk         hip -> shoulder from vertical
      arm_trunk     upper arm from the trunk line
    Feet: foot_turn_out (toes out, about the vertical), heel_rise (foot pitch about the
    toe, heel up). stance_m: ankle distance.
    """

    knee_valgus: tuple[float, float] = (0.0, 0.0)
    thigh_sway: float = 0.0
    pelvis_tilt: float = 0.0
    rearfoot: tuple[float, float] = (0.0, 0.0)
    arm_elevation: tuple[float, float] = (0.0, 0.0)
    shin: float = 0.0
    thigh: float = 0.0
    trunk: float = 0.0
    arm_trunk: tuple[float, float] = (0.0, 0.0)
    foot_turn_out: tuple[float, float] = (0.0, 0.0)
    heel_rise: tuple[float, float] = (0.0, 0.0)
    stance_m: float = 0.30


def standing_like(body: Body) -> Body:
    """The same person standing tall: feet as placed, everything else neutral."""
    return Body(foot_turn_out=body.foot_turn_out, stance_m=body.stance_m)


def _segment(length: float, lean_x_deg: float, lean_z_deg: float, up: bool = True) -> np.ndarray:
    direction = np.array([np.tan(np.radians(lean_x_deg)), 1.0 if up else -1.0, np.tan(np.radians(lean_z_deg))])
    return length * direction / np.linalg.norm(direction)


def build(body: Body) -> np.ndarray:
    """(33, 3) world points of `body`."""
    p = np.zeros((33, 3))
    knee_to_hip = {}
    for k, side in enumerate(SIDES):
        out = OUTWARD_X[side]
        medial = -out
        turn, pitch = np.radians(body.foot_turn_out[k]), np.radians(body.heel_rise[k])
        toe = np.array([out * body.stance_m / 2, 0.0, 0.15])
        heel = toe - FOOT * np.array([out * np.sin(turn) * np.cos(pitch), -np.sin(pitch), np.cos(turn) * np.cos(pitch)])
        heel_lean = body.rearfoot[k] + body.knee_valgus[k]  # ankle -> heel, outwards
        ankle = heel + _segment(HEEL_TO_ANKLE, medial * heel_lean, 40.0)
        knee = ankle + _segment(SHANK, medial * body.knee_valgus[k], body.shin)
        knee_to_hip[side] = _segment(1.0, body.thigh_sway, -body.thigh)
        for part, point in (("foot_index", toe), ("heel", heel), ("ankle", ankle), ("knee", knee)):
            p[SIDE_PAIRS[part][k]] = point

    # Thigh lengths: the right is THIGH, the left is stretched to give the pelvis tilt.
    knee_l, knee_r = p[Landmark.LEFT_KNEE], p[Landmark.RIGHT_KNEE]
    hip_r = knee_r + THIGH * knee_to_hip["right"]
    hip_l0 = knee_l + THIGH * knee_to_hip["left"]
    tan_tilt = np.tan(np.radians(body.pelvis_tilt))
    u = knee_to_hip["left"]
    stretch = ((hip_l0[0] - hip_r[0]) * tan_tilt - (hip_l0[1] - hip_r[1])) / (u[1] - u[0] * tan_tilt)
    p[Landmark.LEFT_HIP] = hip_l0 + stretch * u
    p[Landmark.RIGHT_HIP] = hip_r

    for k, side in enumerate(SIDES):
        out = OUTWARD_X[side]
        hip = p[SIDE_PAIRS["hip"][k]]
        shoulder = hip + _segment(TRUNK, out * 10.0, body.trunk)
        arm_lean = body.trunk + body.arm_trunk[k]
        elbow = shoulder + _segment(UPPER_ARM, out * body.arm_elevation[k], arm_lean)
        wrist = elbow + _segment(FOREARM, out * body.arm_elevation[k], arm_lean)
        for part, point in (("shoulder", shoulder), ("elbow", elbow), ("wrist", wrist)):
            p[SIDE_PAIRS[part][k]] = point
        for hand in ("PINKY", "INDEX", "THUMB"):
            p[Landmark[f"{side.upper()}_{hand}"]] = wrist + np.array([0.0, 0.05, 0.0])

    mid_shoulder = 0.5 * (p[Landmark.LEFT_SHOULDER] + p[Landmark.RIGHT_SHOULDER])
    head = mid_shoulder + _segment(0.22, 0.0, body.trunk)
    p[Landmark.NOSE] = head + np.array([0.0, 0.0, 0.10])
    p[Landmark.LEFT_EAR], p[Landmark.RIGHT_EAR] = head + [0.07, 0, 0], head - [0.07, 0, 0]
    for side in SIDES:
        out = OUTWARD_X[side]
        for i, name in enumerate(("EYE_INNER", "EYE", "EYE_OUTER")):
            p[Landmark[f"{side.upper()}_{name}"]] = head + [out * (0.015 + 0.015 * i), 0.03, 0.08]
        p[Landmark[f"MOUTH_{side.upper()}"]] = head + [out * 0.02, -0.04, 0.09]
    return p


@dataclass(frozen=True)
class Camera:
    """A level pinhole camera. rotation rows: image x, image y (down), optical axis."""

    position: np.ndarray
    rotation: np.ndarray
    focal_px: float
    centre_px: tuple[float, float] = (640.0, 360.0)

    def project(self, world: np.ndarray) -> np.ndarray:
        """(..., 3) world points -> (..., 2) pixels (NaN stays NaN)."""
        cam = (world - self.position) @ self.rotation.T
        return np.stack(
            [
                self.focal_px * cam[..., 0] / cam[..., 2] + self.centre_px[0],
                self.focal_px * cam[..., 1] / cam[..., 2] + self.centre_px[1],
            ],
            axis=-1,
        )


# Where each camera stands and looks. "side_left" films the subject's left side.
_VIEW_AXES = {
    "front": ((0, 0, 1), (0, 0, -1)),
    "back": ((0, 0, -1), (0, 0, 1)),
    "side_left": ((1, 0, 0), (-1, 0, 0)),
    "side_right": ((-1, 0, 0), (1, 0, 0)),
}


def camera(view: str, distance_m: float, height_m: float = 1.0, px_per_m_at_subject: float = 500.0) -> Camera:
    """A level camera `distance_m` from the subject, the body about 900 px tall."""
    where, looking = (np.array(v, dtype=float) for v in _VIEW_AXES[view])
    down = np.array([0.0, -1.0, 0.0])
    rotation = np.stack([np.cross(down, looking), down, looking])
    position = where * distance_m + np.array([0.0, height_m, 0.0])
    return Camera(position, rotation, focal_px=px_per_m_at_subject * distance_m)


def far(view: str) -> Camera:
    return camera(view, 1000.0)


def near(view: str) -> Camera:
    return camera(view, 3.0, height_m=0.6)


def hold(standing: Body, pose: Body, n_standing: int = 40, n_pose: int = 40, fps: float = 30.0):
    """Stand still, one missing frame, then hold `pose`: (T, 33, 3) world points and
    (T,) timestamps. The missing frame keeps the smoothing from mixing the two."""
    world = np.concatenate(
        [
            np.repeat(build(standing)[None], n_standing, axis=0),
            np.full((1, 33, 3), np.nan),
            np.repeat(build(pose)[None], n_pose, axis=0),
        ]
    )
    return world, np.arange(world.shape[0]) / fps


def blend(a: Body, b: Body, weight: float) -> Body:
    """The body `weight` of the way from a to b (every parameter interpolated)."""

    def mix(x, y):
        if isinstance(x, tuple):
            return tuple(mix(i, j) for i, j in zip(x, y))
        return (1 - weight) * x + weight * y

    return replace(a, **{name: mix(getattr(a, name), getattr(b, name)) for name in a.__dataclass_fields__})
