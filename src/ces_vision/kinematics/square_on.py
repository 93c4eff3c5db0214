"""See a front or back view filmed a little off square as a square camera would.

A camera turned by phi about the client sees each point's depth (towards or away from
the camera) as sideways motion. In a squat the knees travel about 25 cm forward and the
hips back, so at 13 deg of yaw a clean squat read a knee moving in on one side and out
on the other (0.13 of the ankle gap each, rendered clip, MediaPipe full; threshold 0.08).
MediaPipe's world landmarks give every point's depth relative to the hips' midpoint and
the body's signed yaw; turning each point back about the vertical through the hips,

    x' = c + (x - c) cos(phi) + s z sin(phi)

(c: the hips' midpoint in the picture, s: pixels per metre, z: world depth) puts it where
a square camera would see it, to first order (weak perspective). Only the image's x moves:
the yaw is about the vertical.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS

# Turning by less than this changes no measure by more than its noise; the picture is kept as is.
MIN_YAW_DEG = 3.0


# The yaw is read over the upright frames: the hips within this many leg lengths of
# standing. Not only the standing ones: a lifter holding a loaded bar between unracking
# and re-racking stood 0.13 leg lengths below their unloaded height, which left 137 of
# 905 frames "standing", in the walk-out, and read the oblique clip 35 deg instead of the
# 43 of the rest; deeper in the squat MediaPipe's hip depth errs most. (our choice)
UPRIGHT_LEG = 0.25


def upright_frames(height: np.ndarray) -> np.ndarray:
    """(T,) bool: hip_height no more than `UPRIGHT_LEG` below standing."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(height) & (np.asarray(height, dtype=float) >= -UPRIGHT_LEG)


# Past this the camera is oblique (`screening.view_check`): squaring is a first-order
# correction and is not trusted there.
MAX_SQUARE_YAW_DEG = 25.0


def frame_yaw_deg(world_xyz: np.ndarray) -> np.ndarray:
    """(T,) the body's yaw to the camera in each frame, in picture terms: positive when the
    hip on the picture's right is farther from the camera than the one on its left (front
    or back view alike; a side view reads about +-90). From the line across the hips; the
    shoulders' line where a hip is missing. NaN where neither pair is seen."""
    world = np.asarray(world_xyz, dtype=float)

    def line(part: str) -> np.ndarray:
        left, right = SIDE_PAIRS[part]
        across = world[:, left] - world[:, right]
        # in a back view the subject's left is on the picture's left: read both in picture terms
        with np.errstate(invalid="ignore"):
            return np.degrees(np.arctan2(across[:, 2] * np.sign(across[:, 0]), np.abs(across[:, 0])))

    hips = line("hip")
    return np.where(np.isfinite(hips), hips, line("shoulder"))


def camera_yaw_deg(world_xyz: np.ndarray, frames: np.ndarray) -> float:
    """The one estimate of the camera's yaw to the body over `frames` (T,) bool (the
    upright frames, `upright_frames`): the sign most frames show times the median size, so a side view
    whose hip line flips sign from frame to frame still reads about 90 and not 0. NaN
    when no frame shows a hip or shoulder pair.

    Hips before shoulders: with the arms overhead MediaPipe's shoulder depth erred by up
    to 10 deg on rendered clips, the hips by at most 2 (yaw 13 and 20 deg). Front views
    read well (13.7 vs a true 13.4, 18.4 vs 19.8, 10.3 vs 13.6), back views poorly (3-5 vs
    14-16): only front views are squared (`compute`)."""
    yaw = frame_yaw_deg(world_xyz)[np.asarray(frames, dtype=bool)]
    yaw = yaw[np.isfinite(yaw)]
    if not yaw.size:
        return float("nan")
    sign = 1.0 if np.sum(yaw >= 0) >= np.sum(yaw < 0) else -1.0
    return sign * float(np.median(np.abs(yaw)))


def depth_from_hips(world_xyz: np.ndarray) -> np.ndarray:
    """(T, 33) each point's world depth (metres, away from the camera) relative to the hips' midpoint."""
    world = np.asarray(world_xyz, dtype=float)
    left, right = SIDE_PAIRS["hip"]
    return world[..., 2] - (world[:, left, 2] + world[:, right, 2])[:, None] / 2


def pixels_per_metre(points: np.ndarray, world_xyz: np.ndarray, frames: np.ndarray) -> float:
    """Picture scale from the trunk (hips' to shoulders' midpoint, upright when standing,
    so unaffected by yaw): its length in pixels over its length in metres, medians over `frames`."""
    frames = np.asarray(frames, dtype=bool)

    def trunk(xyz: np.ndarray) -> np.ndarray:
        shoulders = xyz[frames][:, list(SIDE_PAIRS["shoulder"])].mean(axis=1)
        hips = xyz[frames][:, list(SIDE_PAIRS["hip"])].mean(axis=1)
        return np.linalg.norm(shoulders - hips, axis=-1)

    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.nanmedian(trunk(np.asarray(points, float))) / np.nanmedian(trunk(np.asarray(world_xyz, float))))


def square_on(points: np.ndarray, depth_m: np.ndarray, yaw_deg: float, scale: float) -> np.ndarray:
    """(T, 33, 2) pixels as a square camera would see them, given each point's world depth
    `depth_m` (T, 33) relative to the hips' midpoint, the body's `yaw_deg` (`camera_yaw_deg`)
    and the picture's `scale` in pixels per metre. Unchanged below `MIN_YAW_DEG`, from
    `MAX_SQUARE_YAW_DEG` on, or when the yaw or scale is unknown."""
    if not (np.isfinite(yaw_deg) and np.isfinite(scale)) or not MIN_YAW_DEG <= abs(yaw_deg) < MAX_SQUARE_YAW_DEG:
        return points
    phi = np.radians(yaw_deg)
    left, right = SIDE_PAIRS["hip"]
    centre = (points[:, left, 0] + points[:, right, 0])[:, None] / 2
    turned = points.copy()
    turned[..., 0] = centre + (points[..., 0] - centre) * np.cos(phi) + scale * depth_m * np.sin(phi)
    return turned
