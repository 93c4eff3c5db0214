"""Smoothing on an even clock for variable-frame-rate clips (kinematics/smoothing.py)."""

from __future__ import annotations

import numpy as np
import pytest

from ces_vision.kinematics.smoothing import (
    VARIABLE_RATE_SPREAD,
    is_variable_rate,
    smooth_on_clock_in_place,
    smooth_series_in_place,
)

CUTOFF, ORDER, MIN_RUN = 6.0, 2, 10


def phone_clock(seconds: float = 6.0) -> np.ndarray:
    """30 fps, slowing to 15 fps in a dim middle stretch (2-4 s), as phones do."""
    times, t = [], 0.0
    while t < seconds:
        times.append(t)
        t += 1 / 15 if 2.0 <= t < 4.0 else 1 / 30
    return np.array(times)


def movement(t: np.ndarray) -> np.ndarray:
    """A squat-like 0.5 Hz movement: what the filter must keep."""
    return 100.0 * np.sin(2 * np.pi * 0.5 * t)


def test_a_variable_clock_is_told_from_an_even_one_and_from_a_few_odd_frames():
    assert is_variable_rate(phone_clock())
    even = np.arange(180) / 30.0
    assert not is_variable_rate(even)
    jitter = even.copy()
    jitter[50] += 0.9 * VARIABLE_RATE_SPREAD / 30.0  # within the spread
    jitter[[10, 90]] += 0.5 / 30.0  # two odd frames of 180: under the share
    assert not is_variable_rate(jitter)


def test_on_a_variable_clock_the_movement_is_kept_and_the_jitter_removed():
    t = phone_clock()
    rng = np.random.default_rng(1)
    noisy = movement(t) + rng.normal(0.0, 2.0, t.size)
    series = noisy[None, :].copy()
    smooth_on_clock_in_place(series, t, CUTOFF, ORDER, MIN_RUN)
    inner = (t > 0.5) & (t < 5.5)  # away from the ends' padding

    def rms(x):
        return float(np.sqrt(np.mean(x[inner] ** 2)))

    assert rms(series[0] - movement(t)) < 0.75 * rms(noisy - movement(t))
    # the same frames filtered as if evenly spaced bend the movement in the slow stretch
    plain = np.ascontiguousarray(movement(t)[None, :])
    smooth_series_in_place(plain, 30.0, CUTOFF, ORDER, MIN_RUN)
    clean = np.ascontiguousarray(movement(t)[None, :])
    smooth_on_clock_in_place(clean, t, CUTOFF, ORDER, MIN_RUN)
    assert np.abs(clean[0] - movement(t))[inner].max() < 0.5
    assert np.abs(plain[0] - movement(t))[inner].max() > 2 * np.abs(clean[0] - movement(t))[inner].max()


def test_gaps_stay_gaps_and_an_even_clock_is_filtered_as_before():
    t = phone_clock()
    series = np.ascontiguousarray(movement(t)[None, :])
    series[0, 40:50] = np.nan
    smooth_on_clock_in_place(series, t, CUTOFF, ORDER, MIN_RUN)
    assert np.all(np.isnan(series[0, 40:50]))
    assert np.isfinite(series[0, :39]).all() and np.isfinite(series[0, 51:]).all()
    even = np.arange(90) / 30.0
    a = np.ascontiguousarray(movement(even)[None, :] + np.arange(90) % 3)
    b = a.copy()
    smooth_on_clock_in_place(a, even, CUTOFF, ORDER, MIN_RUN)
    smooth_series_in_place(b, 30.0, CUTOFF, ORDER, MIN_RUN)
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("edge", [0, -1])
def test_the_first_and_last_frames_keep_a_value(edge):
    t = phone_clock()
    series = np.ascontiguousarray(movement(t)[None, :])
    smooth_on_clock_in_place(series, t, CUTOFF, ORDER, MIN_RUN)
    assert np.isfinite(series[0, edge])
