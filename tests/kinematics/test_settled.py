"""A client who walks into the picture, squats and walks out (kinematics/settled.py):
the walking frames are left out, the squats are found as without them, and a squat, a
hidden far ankle or a heel rise never counts as walking."""

from __future__ import annotations

import numpy as np
import pytest
from skeletons import Body, blend, build, far, standing_like

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics
from ces_vision.kinematics.settled import SETTLED_BAND_LEG, blank_unsettled, settled_span
from ces_vision.landmarks import SIDE_PAIRS
from ces_vision.screening import screen_clip

FPS = 30.0
SQUAT = Body(shin=35.0, thigh=70.0, trunk=35.0)
WALK_IN, STAND = 45, 30  # frames walking in (and out), frames standing before and after


def squats(n_reps: int = 3) -> np.ndarray:
    """World points: stand, n squats of 2 s, stand."""
    t = np.arange(int(FPS * 2 * n_reps)) / FPS
    weight = (1 - np.cos(2 * np.pi * t / 2)) / 2
    still = [build(standing_like(SQUAT))] * STAND
    return np.stack(still + [build(blend(standing_like(SQUAT), SQUAT, w)) for w in weight] + still)


def walked(world: np.ndarray, metres: float = 2.0) -> np.ndarray:
    """The clip with WALK_IN frames before and after in which the standing body comes in
    from `metres` to the side and leaves to the other side."""
    stand = world[0]
    steps = np.linspace(1.0, 0.0, WALK_IN, endpoint=False)
    coming = np.stack([stand + [metres * s, 0, 0] for s in steps])
    going = np.stack([stand - [metres * s, 0, 0] for s in steps[::-1]])
    return np.concatenate([coming, world, going])


def kin_of(world: np.ndarray, view: str = "front"):
    points = far(view).project(world)
    times = np.arange(len(points)) / FPS
    kin_view = "side" if view.startswith("side") else view
    return compute_kinematics(points, times, kin_view, SmoothingSettings(), RepSettings()), points


def test_the_walking_frames_are_left_out_and_the_squats_found_as_without_them():
    plain, _ = kin_of(squats())
    walking, _ = kin_of(walked(squats()))
    assert plain.settled_span is None and plain.unsettled_frames == 0
    first, last = walking.settled_span or (0, 0)
    # the band is half a leg: the first frame within it, 2 m / 45 frames a step
    assert WALK_IN - 12 <= first < WALK_IN and walking.unsettled_frames == first + (
        len(walking.timestamps_s) - 1 - last
    )
    assert len(walking.reps) == len(plain.reps) == 3
    for mine, theirs in zip(walking.reps, plain.reps):
        assert abs(mine.bottom - WALK_IN - theirs.bottom) <= 1
    hip = walking["hip_height"].value
    assert np.all(np.isnan(hip[:first])) and np.all(np.isnan(hip[last + 1 :]))
    screen = screen_clip(walking, "front")
    assert any(w.startswith("the client was not standing in place in") for w in screen.warnings)
    assert screen.quality is not None and screen.quality.measures["settled_span"] == [first, last]


@pytest.mark.parametrize("view", ["front", "side_left"])
def test_a_squat_in_place_is_all_settled(view):
    kin, _ = kin_of(squats(), view)
    assert kin.settled_span is None and kin.unsettled_frames == 0 and len(kin.reps) == 3


def test_a_hidden_far_ankle_is_not_walking():
    _, points = kin_of(squats(), "side_left")
    points = points.copy()
    points[10:, SIDE_PAIRS["ankle"][1]] = np.nan  # the far ankle lost after 10 frames
    span = settled_span(points)
    assert span == (0, len(points) - 1)
    assert blank_unsettled(points.copy(), span) == 0


def test_feet_just_inside_the_band_are_settled():
    _, points = kin_of(squats())
    legs = np.nanmedian(
        np.linalg.norm(points[:, 23] - points[:, 25], axis=-1) + np.linalg.norm(points[:, 25] - points[:, 27], axis=-1)
    )
    moved = points.copy()
    moved[:5] += [0.9 * SETTLED_BAND_LEG * legs, 0.0]
    assert settled_span(moved) == (0, len(points) - 1)
    moved[:5] += [0.2 * SETTLED_BAND_LEG * legs, 0.0]
    assert settled_span(moved) == (5, len(points) - 1)
