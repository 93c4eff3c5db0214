"""Squat repetitions from the hip height trace.

A rep is a dip of `hip_height` (see `catalog`) that is at least `min_depth_leg` deep,
both as a peak prominence and below standing, framed by standing frames on both sides
inside one stretch of valid frames (a rep never spans a gap). start = the last standing
frame before the bottom, end = the first standing frame after it. Dips that share the
same start and end (a bounce at the bottom) are one rep whose bottom is the deepest
point; a flat bottom gives its middle frame.

The clip's edges: a phone clip is often started a moment late or stopped a moment
early. A dip whose descent begins before the clip's first frame with a pose starts
there (starts_standing=False), one whose ascent is cut by the last frame with a pose
ends there (ends_standing=False). The prominence still holds on the cut side, so the
edge frame is at least `min_depth_leg` above the bottom: a clip that starts at the
bottom shows no descent and holds no rep. A rep needs standing frames on at least one
side (the baseline of every "from standing" rule).
"""

from __future__ import annotations

import numpy as np

from ..config import RepSettings
from ..types import Rep
from .baseline import standing_frames
from .runs import true_runs


def segment_reps(hip_height: np.ndarray, timestamps_s: np.ndarray, settings: RepSettings) -> list[Rep]:
    """The reps of one clip, in time order.

    hip_height: (T,) leg lengths, ~0 standing, negative in the squat, NaN where missing.
    timestamps_s: (T,) seconds; a rep shorter than `settings.min_duration_s` is dropped.
    """
    # imported on first use: scipy.signal takes 0.8 s to import (see smoothing.py)
    from scipy.signal import find_peaks

    height = np.asarray(hip_height, dtype=float)
    times = np.asarray(timestamps_s, dtype=float)
    n_frames = height.shape[0]
    frames = np.arange(n_frames)
    standing = standing_frames(height, settings.standing_leg)
    last_standing = np.maximum.accumulate(np.where(standing, frames, -1))
    next_standing = np.minimum.accumulate(np.where(standing, frames, n_frames)[::-1])[::-1]
    firsts, stops = true_runs(np.isfinite(height))

    deepest: dict[tuple[int, int], int] = {}
    for first, stop in zip(firsts, stops):
        dips, _ = find_peaks(-height[first:stop], prominence=settings.min_depth_leg)
        bottoms = dips + first
        bottoms = bottoms[height[bottoms] <= -settings.min_depth_leg]
        starts, ends = last_standing[bottoms], next_standing[bottoms]
        # only the clip's first and last stretches with a pose may be cut by its edges
        cut_start = (starts < first) & (first == firsts[0])
        cut_end = (ends >= stop) & (stop == stops[-1])
        starts, ends = np.where(cut_start, first, starts), np.where(cut_end, stop - 1, ends)
        framed = (starts >= first) & (ends < stop) & ~(cut_start & cut_end)
        for start, bottom, end in zip(starts[framed], bottoms[framed], ends[framed]):
            key = (int(start), int(end))
            if key not in deepest or height[bottom] < height[deepest[key]]:
                deepest[key] = int(bottom)

    reps = [
        Rep(start, bottom, end, starts_standing=bool(standing[start]), ends_standing=bool(standing[end]))
        for (start, end), bottom in sorted(deepest.items())
        if times[end] - times[start] >= settings.min_duration_s
    ]
    return reps
