"""Frames where the pose model exchanged the subject's left and right are put back in
front and back views (kinematics/side_swaps.py), so a few mislabelled frames read no
compensation."""

from __future__ import annotations

import numpy as np
import pytest
from skeletons import Body, blend, build, far, standing_like

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import compute_kinematics
from ces_vision.kinematics.frontal import knee_offset
from ces_vision.kinematics.side_swaps import LEG_PARTS, unswap_sides
from ces_vision.landmarks import SIDE_PAIRS

FPS = 30.0
# the left knee moving in 8 deg: a body that is not the same both sides, so an exchange shows
SQUAT = Body(shin=35.0, thigh=70.0, trunk=35.0, knee_valgus=(8.0, 0.0), foot_turn_out=(10.0, 10.0))
SWAPPED = slice(75, 81)  # six frames near the bottom, as MediaPipe did on a rendered clip


def squat(view: str) -> np.ndarray:
    """(T, 33, 2) pixels: stand 1 s, one 3 s squat, stand 1 s."""
    t = np.arange(int(FPS * 3)) / FPS / 3
    rep = [build(blend(standing_like(SQUAT), SQUAT, (1 - np.cos(2 * np.pi * s)) / 2)) for s in t]
    still = [build(standing_like(SQUAT))] * int(FPS)
    return far(view).project(np.stack(still + rep + still))


def exchanged(points: np.ndarray, frames: slice, parts) -> np.ndarray:
    out = points.copy()
    for part in parts:
        left, right = SIDE_PAIRS[part]
        out[frames, left], out[frames, right] = points[frames, right], points[frames, left]
    return out


@pytest.mark.parametrize("view", ["front", "back"])
def test_frames_with_left_and_right_exchanged_are_put_back(view):
    clean = squat(view)
    world = np.random.default_rng(0).normal(size=(*clean.shape[:2], 3))
    repaired, repaired_world, n = unswap_sides(
        exchanged(clean, SWAPPED, SIDE_PAIRS), exchanged(world, SWAPPED, SIDE_PAIRS)
    )
    assert n == 6
    np.testing.assert_array_equal(repaired, clean)
    np.testing.assert_array_equal(repaired_world, world)  # the depths go with their points


def test_legs_alone_exchanged_are_put_back_and_the_upper_body_kept():
    clean = squat("front")
    repaired, _, n = unswap_sides(exchanged(clean, SWAPPED, LEG_PARTS))
    assert n == 6
    np.testing.assert_array_equal(repaired, clean)


def test_a_clip_in_order_is_returned_as_it_is():
    clean = squat("front")
    repaired, world, n = unswap_sides(clean)
    assert n == 0 and repaired is clean and world is None


def test_the_input_is_never_changed():
    swapped = exchanged(squat("front"), SWAPPED, SIDE_PAIRS)
    before = swapped.copy()
    unswap_sides(swapped)
    np.testing.assert_array_equal(swapped, before)


def kinematics(points: np.ndarray, view: str):
    return compute_kinematics(points, np.arange(len(points)) / FPS, view, SmoothingSettings(), RepSettings())


@pytest.mark.parametrize("metric", ["foot_turn_out", "knee_ankle_offset", "hip_shift", "knee_fppa"])
def test_a_front_view_with_swapped_frames_measures_as_the_clean_clip(metric):
    clean = kinematics(squat("front"), "front").series[metric]
    swapped = kinematics(exchanged(squat("front"), SWAPPED, SIDE_PAIRS), "front").series[metric]
    for part in ("left", "right", "value"):
        np.testing.assert_allclose(swapped.part(part), clean.part(part), equal_nan=True)


def test_without_the_repair_the_swapped_frames_would_put_the_knee_on_the_other_side():
    # the failure the repair exists for: the left knee's move reads on the right knee
    clean, swapped = squat("front"), exchanged(squat("front"), SWAPPED, SIDE_PAIRS)
    right_clean, right_swapped = knee_offset(clean, "ankle")[1], knee_offset(swapped, "ankle")[1]
    assert np.max(right_swapped[SWAPPED] - right_clean[SWAPPED]) > 0.1
