"""Frames where MediaPipe exchanged the subject's left and right, put back (front and back views).

A client squatting to the front or back camera never turns round, so the hips, and the
ankles, keep their left-right order in the picture all clip long. MediaPipe sometimes
labels a few frames as if the person faced the other way: on a clean render filmed 20 deg
off square, frames 84-89 had every left and right point exchanged, which read as the left
foot turning out 73 deg (a false feet turn-out). Those frames' points are exchanged back:
the whole body where the hips and the ankles are both in the other order, the legs only
where the knees and ankles are and the hips are not.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS

# A pair counts as reversed only when it is at least this fraction of its usual gap the
# other way: near a zero gap (knees meeting) noise decides nothing. (our choice)
REVERSED_FRACTION = 0.25

LEG_PARTS = ("knee", "ankle", "heel", "foot_index")


def reversed_frames(points: np.ndarray, part: str) -> np.ndarray:
    """(T,) bool: frames where the pair `part` is in the picture the other way round from
    the clip's usual order, by at least `REVERSED_FRACTION` of its usual gap."""
    left, right = SIDE_PAIRS[part]
    across = points[:, left, 0] - points[:, right, 0]
    finite = across[np.isfinite(across)]
    if not finite.size:
        return np.zeros(len(points), bool)
    usual = float(np.median(finite))
    with np.errstate(invalid="ignore"):
        return (np.sign(across) == -np.sign(usual)) & (np.abs(across) >= REVERSED_FRACTION * abs(usual))


def _exchange(array: np.ndarray, frames: np.ndarray, parts) -> None:
    for part in parts:
        left, right = SIDE_PAIRS[part]
        array[frames, left], array[frames, right] = array[frames, right].copy(), array[frames, left].copy()


def unswap_sides(points: np.ndarray, world_xyz: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None, int]:
    """`points` (T, 33, 2) and `world_xyz` (T, 33, 3) with left and right put back where
    MediaPipe exchanged them, and how many frames were repaired. The inputs are never
    changed: copies are returned when a frame is repaired."""
    hips, ankles, knees = (reversed_frames(points, part) for part in ("hip", "ankle", "knee"))
    whole = hips & ankles
    legs = knees & ankles & ~hips
    if not (whole.any() or legs.any()):
        return points, world_xyz, 0
    repaired = [points.copy()] + ([np.array(world_xyz, dtype=float)] if world_xyz is not None else [])
    for array in repaired:
        _exchange(array, whole, SIDE_PAIRS)
        _exchange(array, legs, LEG_PARTS)
    return repaired[0], repaired[1] if world_xyz is not None else None, int(whole.sum() + legs.sum())
