"""A squatting skeleton (from the kinematics test skeletons) as a pose sequence."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kinematics"))
from skeletons import Body, blend, build, near  # noqa: E402

from ces_vision.types import PoseSequence  # noqa: E402

WIDTH, HEIGHT = 1280, 720
SQUAT = Body(shin=35.0, thigh=70.0, trunk=35.0)


@functools.cache
def _squat_world(reps: int, fps: float) -> np.ndarray:
    """The skeleton's frames (world coordinates), built once per process: a Python loop per
    frame (0.05 s a clip) that ten test modules ask for with the same few arguments. Read-only;
    every squat_pose gets a copy."""
    t = np.arange(int(fps * (2 + 2 * reps))) / fps
    weight = np.where((t > 1) & (t < 1 + 2 * reps), (1 - np.cos(2 * np.pi * (t - 1) / 2)) / 2, 0.0)
    world = np.stack([build(blend(Body(), SQUAT, w)) for w in weight])
    world.flags.writeable = False
    return world


def squat_pose(view: str = "front", reps: int = 3, fps: float = 30.0) -> PoseSequence:
    """Stand 1 s, then `reps` squats of 2 s each, then stand 1 s."""
    t = np.arange(int(fps * (2 + 2 * reps))) / fps
    world = _squat_world(reps, fps).copy()
    camera = near("side_left" if view == "side" else view)
    pixels = camera.project(world)
    image_xyz = np.concatenate([pixels / [WIDTH, HEIGHT], np.zeros(pixels.shape[:-1] + (1,))], axis=-1)
    visibility = np.where(np.isnan(pixels[..., 0]), 0.0, 0.99)
    return PoseSequence(image_xyz, visibility, world, t, WIDTH, HEIGHT)


def without(pose: PoseSequence, landmarks: list[int]) -> PoseSequence:
    image_xyz = pose.image_xyz.copy()
    image_xyz[:, landmarks] = np.nan
    return PoseSequence(image_xyz, pose.visibility, pose.world_xyz, pose.timestamps_s, pose.width, pose.height)
