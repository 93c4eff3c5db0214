"""The hip height taken from the ankles when the feet drift up or down the picture (a
phone tilting, a client stepping back: kinematics/baseline.py), from the picture's top
otherwise."""

from __future__ import annotations

import numpy as np
from skeletons import Body, blend, build, far, standing_like

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics
from ces_vision.kinematics.baseline import FEET_DRIFT_LEG, hip_height, leg_length_per_frame

FPS = 30.0
SQUAT = Body(shin=35.0, thigh=70.0, trunk=35.0)


def three_squats(pause_s: float = 1.5) -> np.ndarray:
    """(T, 33, 2) side-view pixels: stand, three 2 s squats with pauses, stand."""
    t = np.arange(int(FPS * 2)) / FPS
    rep = [build(blend(standing_like(SQUAT), SQUAT, (1 - np.cos(np.pi * s)) / 2)) for s in t]
    still = [build(standing_like(SQUAT))] * int(FPS * pause_s)
    world = np.stack(still + rep + still + rep + still + rep + still)
    return far("side_left").project(world)


def drifting(points: np.ndarray, legs: float) -> np.ndarray:
    """The whole picture sliding down by `legs` leg lengths over the clip, as a phone tilts."""
    leg = float(np.nanmedian(leg_length_per_frame(points)))
    out = points.copy()
    out[..., 1] += np.linspace(0.0, legs * leg, len(points))[:, None]
    return out


def reps(points: np.ndarray):
    times = np.arange(len(points)) / FPS
    return compute_kinematics(points, times, "side", SmoothingSettings(), RepSettings()).reps


def test_a_tilting_phone_keeps_the_reps_apart():
    steady = three_squats()
    tilted = drifting(steady, 0.3)
    assert len(reps(steady)) == 3
    found = reps(tilted)
    assert len(found) == 3
    for mine, theirs in zip(found, reps(steady)):
        assert abs(mine.bottom - theirs.bottom) <= 1


def test_a_steady_picture_is_measured_from_the_top():
    """Under the drift limit the ankle is not used: its jitter would add to every frame."""
    steady = three_squats()
    jittered = steady.copy()
    ankles = [27, 28, 29, 30, 31, 32]  # every foot point
    jittered[:, ankles, 1] += np.random.default_rng(0).normal(0.0, 2.0, (len(steady), 6))
    np.testing.assert_allclose(hip_height(jittered), hip_height(steady), atol=2e-3)  # only the leg length moved
    leg = float(np.nanmedian(leg_length_per_frame(steady)))
    stepped = steady.copy()
    stepped[len(steady) // 2 :, ankles, 1] += 0.9 * FEET_DRIFT_LEG * leg  # under the limit: still from the top
    np.testing.assert_allclose(hip_height(stepped), hip_height(steady), atol=1e-3)  # only the leg length moved
