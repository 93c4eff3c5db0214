"""Squat repetitions from the hip height trace.

A rep is a dip of `hip_height` (see `catalog`) that is at least `min_depth_leg` deep,
both as a peak prominence and below standing, framed by standing frames on both sides
inside one stretch of valid frames (a rep never spans a gap). start = the last standing
frame before the bottom, end = the first standing frame after it. Dips that share the
same start and end (a bounce at the bottom) are one rep whose bottom is the deepest
point; a flat bottom gives its middle frame.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import find_peaks

from ..config import RepSettings
from ..types import Rep
from .baseline import standing_frames
from .runs import true_runs


def segment_reps(hip_height: np.ndarray, timestamps_s: np.ndarray, settings: RepSettings) -> list[Rep]:
    """The reps of one clip, in time order.

    hip_height: (T,) leg lengths, ~0 standing, negative in the squat, NaN where missing.
    timestamps_s: (T,) seconds; a rep shorter than `settings.min_duration_s` is dropped.
    """
    height = np.asarray(hip_height, dtype=float)
    times = np.asarray(timestamps_s, dtype=float)
    n_frames = height.shape[0]
    frames = np.arange(n_frames)
    standing = standing_frames(height, settings.standing_leg)
    last_standing = np.maximum.accumulate(np.where(standing, frames, -1))
    next_standing = np.minimum.accumulate(np.where(standing, frames, n_frames)[::-1])[::-1]

    deepest: dict[tuple[int, int], int] = {}
    for first, stop in zip(*true_runs(np.isfinite(height))):
        dips, _ = find_peaks(-height[first:stop], prominence=settings.min_depth_leg)
        bottoms = dips + first
        bottoms = bottoms[height[bottoms] <= -settings.min_depth_leg]
        starts, ends = last_standing[bottoms], next_standing[bottoms]
        framed = (starts >= first) & (ends < stop)
        for start, bottom, end in zip(starts[framed], bottoms[framed], ends[framed]):
            key = (int(start), int(end))
            if key not in deepest or height[bottom] < height[deepest[key]]:
                deepest[key] = int(bottom)

    reps = [
        Rep(start=start, bottom=bottom, end=end)
        for (start, end), bottom in sorted(deepest.items())
        if times[end] - times[start] >= settings.min_duration_s
    ]
    return reps
