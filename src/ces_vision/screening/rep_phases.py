"""The frames of every rep's phases, and per-rep reductions over them, for all reps at once.

A phase of every rep is one flat array of frame indices, rep after rep, plus where each
rep's stretch starts; every stretch holds at least one frame. Reductions then run over
all reps in one `ufunc.reduceat` call instead of a Python loop per rep.

Phases:
    rep          start .. end
    descent      start .. bottom
    mid_descent  descent frames whose drop fraction is in [mid_descent_from, mid_descent_to]
    bottom       frames whose drop fraction is at least bottom_from
The last two fall back to the bottom frame when no frame qualifies, except in a rep
the clip's edge cuts (see `kinematics.reps`): there the phase was not filmed, and is
`cut` (every statistic NaN) rather than guessed from the bottom. The drop fraction
is how far down a frame is, 0 standing .. 1 lowest, from hip_height within the rep (from
time when the rep has fewer than two hip heights or no height change).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..types import Rep


@dataclass(frozen=True, slots=True)
class PhaseFrames:
    """One phase of every rep: frames (N,) rep after rep, starts (R,) into `frames`;
    cut (R,) marks the reps whose phase lies outside the clip."""

    frames: np.ndarray
    starts: np.ndarray
    cut: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.starts, append=self.frames.size)

    def statistic(self, series: np.ndarray, statistic: str, min_valid_fraction: float) -> np.ndarray:
        """(R,) per rep: "max", "min" or "absmax" (the finite value furthest from 0, the
        first one on a tie) of `series` over the phase. NaN where fewer than
        `min_valid_fraction` of the phase's frames (and at least one) are finite, and in
        cut reps."""
        values = series[self.frames]
        finite = np.isfinite(values)
        n_finite = np.add.reduceat(finite.astype(np.int64), self.starts)
        needed = np.ceil(min_valid_fraction * self.sizes).astype(np.int64)
        valid = (n_finite > 0) & (n_finite >= needed) & ~self.cut
        if statistic == "max":
            result = np.fmax.reduceat(values, self.starts)
        elif statistic == "min":
            result = np.fmin.reduceat(values, self.starts)
        else:
            magnitude = np.where(finite, np.abs(values), -1.0)
            largest = np.maximum.reduceat(magnitude, self.starts)
            rep_of = np.repeat(np.arange(self.starts.size), self.sizes)
            position = np.where(magnitude == largest[rep_of], np.arange(values.size), values.size)
            result = values[np.minimum(np.minimum.reduceat(position, self.starts), values.size - 1)]
        return np.where(valid, result, np.nan)

    def mean_visibility(self, visibility: np.ndarray, landmarks: tuple[int, ...]) -> np.ndarray:
        """(R,) mean of the finite visibilities of `landmarks` over the phase (NaN if none)."""
        block = visibility[self.frames][:, list(landmarks)]
        finite = np.isfinite(block)
        total = np.add.reduceat(np.where(finite, block, 0.0).sum(axis=1), self.starts)
        count = np.add.reduceat(finite.sum(axis=1), self.starts)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / count, np.nan)


def drop_fraction(
    frames: np.ndarray,
    rep_of: np.ndarray,
    bounds: np.ndarray,
    hip_height: np.ndarray | None,
) -> np.ndarray:
    """How far down each frame is within its rep, 0 standing .. 1 lowest (see module).

    frames, rep_of: (N,) frame index and rep number of every frame of every rep;
    bounds: (R, 3) start, bottom and end frame of each rep.
    """
    start, bottom, end = bounds[rep_of].T
    down = np.clip((frames - start) / np.maximum(bottom - start, 1), 0, 1)
    up = np.clip((end - frames) / np.maximum(end - bottom, 1), 0, 1)
    by_time = np.where(frames <= bottom, down, up)
    if hip_height is None:
        return by_time
    height = np.asarray(hip_height, dtype=float)[frames]
    rep_starts = np.flatnonzero(np.diff(rep_of, prepend=-1))
    n_finite = np.add.reduceat(np.isfinite(height).astype(np.int64), rep_starts)
    top = np.fmax.reduceat(height, rep_starts)
    low = np.fmin.reduceat(height, rep_starts)
    with np.errstate(invalid="ignore"):
        usable = (n_finite >= 2) & (top - low > 0)
        by_height = (top[rep_of] - height) / (top - low)[rep_of]
    return np.where(usable[rep_of] & np.isfinite(by_height), by_height, by_time)


def rep_phases(
    reps: tuple[Rep, ...],
    hip_height: np.ndarray | None,
    mid_descent: tuple[float, float],
    bottom_from: float,
) -> dict[str, PhaseFrames]:
    """Every phase of every rep (see module). `reps` must not be empty."""
    bounds = np.array([(r.start, r.bottom, r.end) for r in reps], dtype=np.int64).reshape(-1, 3)
    start, bottom, end = bounds.T
    lengths = end - start + 1
    rep_of = np.repeat(np.arange(len(reps)), lengths)
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    frames = np.arange(lengths.sum()) - first[rep_of] + start[rep_of]
    drop = drop_fraction(frames, rep_of, bounds, hip_height)
    before_bottom = frames <= bottom[rep_of]
    masks = {
        "rep": np.ones(frames.size, bool),
        "descent": before_bottom,
        "mid_descent": before_bottom & (drop >= mid_descent[0]) & (drop <= mid_descent[1]),
        "bottom": drop >= bottom_from,
    }
    bottom_position = first + bottom - start
    edge_cut = np.array([not (r.starts_standing and r.ends_standing) for r in reps])
    phases = {}
    for phase, mask in masks.items():
        empty = np.bincount(rep_of[mask], minlength=len(reps)) == 0
        mask = mask.copy()
        mask[bottom_position[empty]] = True  # no frame qualifies: the bottom frame
        counts = np.bincount(rep_of[mask], minlength=len(reps))
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        phases[phase] = PhaseFrames(frames[mask], starts, empty & edge_cut)
    return phases
