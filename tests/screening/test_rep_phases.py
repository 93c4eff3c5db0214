"""Per-rep phase frames and reductions, for all reps at once, on hand-made reps."""

from __future__ import annotations

import numpy as np

from ces_vision.screening.rep_phases import rep_phases
from ces_vision.types import Rep


def test_phases_hold_the_documented_frames_of_each_rep():
    # hip_height: rep 1 dips linearly to -1 at frame 5; rep 2 (frames 10..14) is flat,
    # so its drop fraction comes from time.
    hip = np.zeros(16)
    hip[0:11] = -np.array([0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.8, 0.6, 0.4, 0.2, 0.0])
    hip[10:15] = -0.5
    reps = (Rep(start=0, bottom=5, end=10), Rep(start=10, bottom=12, end=14))
    phases = rep_phases(reps, hip, mid_descent=(0.3, 0.7), bottom_from=0.9)
    split = {name: np.split(p.frames, p.starts[1:]) for name, p in phases.items()}
    assert [s.tolist() for s in split["rep"]] == [list(range(0, 11)), list(range(10, 15))]
    assert [s.tolist() for s in split["descent"]] == [list(range(0, 6)), [10, 11, 12]]
    assert split["mid_descent"][0].tolist() == [2, 3]  # drops 0.4 and 0.6
    assert split["mid_descent"][1].tolist() == [11]  # by time: 0.5
    assert split["bottom"][0].tolist() == [5]
    assert split["bottom"][1].tolist() == [12]


def test_an_empty_phase_falls_back_to_the_bottom_frame():
    hip = -np.array([0, 0.1, 1.0, 0.1, 0.0])  # jumps over the mid-descent band
    phases = rep_phases((Rep(0, 2, 4),), hip, mid_descent=(0.3, 0.7), bottom_from=0.9)
    assert phases["mid_descent"].frames.tolist() == [2]


def test_statistics_per_rep_with_missing_frames():
    hip = np.zeros(10)
    reps = (Rep(0, 2, 4), Rep(5, 7, 9))
    phase = rep_phases(reps, hip, (0.3, 0.7), 0.9)["rep"]
    series = np.array([1.0, -3.0, 3.0, np.nan, 2.0, np.nan, np.nan, np.nan, 5.0, np.nan])
    np.testing.assert_array_equal(phase.statistic(series, "max", 0.5), [3.0, np.nan])  # rep 2: 1 of 5 finite
    np.testing.assert_array_equal(phase.statistic(series, "min", 0.2), [-3.0, 5.0])
    np.testing.assert_array_equal(phase.statistic(series, "absmax", 0.0), [-3.0, 5.0])  # tie: the first


def test_mean_visibility_ignores_missing_values():
    phase = rep_phases((Rep(0, 1, 2),), np.zeros(3), (0.3, 0.7), 0.9)["rep"]
    vis = np.full((3, 33), np.nan)
    vis[:, 25] = [0.2, 0.4, np.nan]
    vis[:, 26] = [1.0, np.nan, np.nan]
    np.testing.assert_allclose(phase.mean_visibility(vis, (25, 26)), [(0.2 + 0.4 + 1.0) / 3])
    assert np.isnan(phase.mean_visibility(vis, (27,))[0])
