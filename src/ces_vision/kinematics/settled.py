"""The stretch of a clip in which the client stands in one place: a phone clip often
starts with the client walking into the picture and ends with them walking out.

Frames before the client has settled and after they leave hold a person whose feet are
somewhere else: their hip height would set a wrong standing reference (the 5th
percentile of the hip's image height is read from all frames) and their steps could read
as reps. The place is the median position of the feet; the client is settled while the
mid-ankle stays within `SETTLED_BAND_LEG` leg lengths of it. A squat moves the ankles a few
hundredths of a leg (a heel rise about 0.05); a walking step, half a leg or more.
"""

from __future__ import annotations

import numpy as np

from ..landmarks import SIDE_PAIRS
from .baseline import leg_length_per_frame
from .geometry import mean_available, norm
from .runs import true_runs

SETTLED_BAND_LEG = 0.5  # (our choice) a step is about half a leg length or more


def settled_span(points: np.ndarray) -> tuple[int, int] | None:
    """(first, last) frame, inclusive, of the longest stretch with no frame whose feet are
    away from their place (frames without feet do not break it), trimmed to frames whose
    feet are at the place; None when no frame shows an ankle. The feet are the mid-ankle,
    or the one ankle seen."""
    left, right = SIDE_PAIRS["ankle"]
    # the ankle seen when the other is hidden (a side view's far ankle often is)
    feet = np.stack([mean_available(points[:, left, k], points[:, right, k]) for k in (0, 1)], axis=1)
    seen = np.all(np.isfinite(feet), axis=1)
    legs = leg_length_per_frame(points)
    legs = legs[np.isfinite(legs)]
    if not seen.any() or not legs.size:
        return None
    place = np.median(feet[seen], axis=0)
    with np.errstate(invalid="ignore"):
        away = seen & (norm(feet - place) > SETTLED_BAND_LEG * float(np.median(legs)))
    starts, stops = true_runs(~away)
    longest = int(np.argmax(stops - starts))
    at_place = np.flatnonzero(seen & ~away)
    inside = at_place[(at_place >= starts[longest]) & (at_place < stops[longest])]
    if not inside.size:
        return None
    return int(inside[0]), int(inside[-1])


def blank_unsettled(points: np.ndarray, span: tuple[int, int] | None) -> int:
    """NaN every landmark of the frames outside `span`, in place; how many of them held a person."""
    if span is None:
        return 0
    outside = np.ones(len(points), bool)
    outside[span[0] : span[1] + 1] = False
    held = int(np.sum(outside & np.any(np.isfinite(points[..., 0]), axis=1)))
    points[outside] = np.nan
    return held
