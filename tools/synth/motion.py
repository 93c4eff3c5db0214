"""Squat timing: the depth curve over frames and the true rep boundaries.

depth(t) is 0 standing and 1 at the bottom of a rep (scaled by Motion.depth); every
compensation is scaled by the same curve, so it is zero standing and full-size at the
bottom of each rep.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scenario import Motion


@dataclass(frozen=True, slots=True)
class RepFrames:
    start: int  # last standing frame before the descent
    bottom: int  # middle of the bottom hold
    end: int  # first standing frame after the ascent


def _ease(x: np.ndarray) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(np.pi * np.clip(x, 0.0, 1.0))


def depth_curve(motion: Motion) -> tuple[np.ndarray, list[RepFrames]]:
    """Per-frame depth in [0, 1] and the reps, for `motion` at its frame rate."""
    fps = motion.fps
    rep_s = motion.down_s + motion.hold_s + motion.up_s
    total_s = motion.lead_in_s + motion.reps * rep_s + (motion.reps - 1) * motion.pause_s + motion.tail_s
    n = int(round(total_s * fps))
    t = np.arange(n) / fps
    depth = np.zeros(n)
    reps: list[RepFrames] = []
    t0 = motion.lead_in_s
    for _ in range(motion.reps):
        down_end = t0 + motion.down_s
        up_start = down_end + motion.hold_s
        up_end = up_start + motion.up_s
        rep = np.where(
            t < down_end,
            _ease((t - t0) / motion.down_s),
            np.where(t < up_start, 1.0, 1.0 - _ease((t - up_start) / motion.up_s)),
        )
        inside = (t >= t0) & (t <= up_end)
        depth[inside] = rep[inside]
        reps.append(
            RepFrames(
                start=int(np.floor(t0 * fps)),
                bottom=int(round((down_end + motion.hold_s / 2) * fps)),
                end=min(int(np.ceil(up_end * fps)), n - 1),
            )
        )
        t0 = up_end + motion.pause_s
    return depth * motion.depth, reps
