"""Gap-aware zero-phase smoothing: constants survive, noise does not, gaps are never bridged."""

from __future__ import annotations

import numpy as np
import pytest

from ces_vision.kinematics import smooth_gap_aware

FS = 60.0


def smooth(x, cutoff=6.0, order=2, min_run=10):
    return smooth_gap_aware(x, FS, cutoff, order, min_run)


def test_constant_with_gaps_is_unchanged_and_nan_stays_nan():
    x = np.full(300, 3.25)
    x[[0, 50, 51, 52, 200]] = np.nan
    out = smooth(x)
    np.testing.assert_array_equal(np.isnan(out), np.isnan(x))
    np.testing.assert_allclose(out[~np.isnan(x)], 3.25, atol=1e-9)


def test_15_hz_noise_is_attenuated_and_slow_motion_kept():
    t = np.arange(600) / FS
    slow = np.sin(2 * np.pi * 0.5 * t)
    noise = 0.2 * np.sin(2 * np.pi * 15.0 * t)
    out = smooth(slow + noise)
    inner = slice(60, -60)
    residual = out[inner] - slow[inner]
    assert np.abs(residual).max() < 0.1 * 0.2  # 15 Hz: >90 % removed
    assert np.abs(residual).max() < 0.01  # and the 0.5 Hz squat-like motion is kept
    assert np.abs(noise[inner]).max() > 0.19  # (the test input really was noisy)


def test_a_gap_is_never_bridged():
    x = np.concatenate([np.zeros(100), [np.nan] * 3, np.full(100, 10.0)])
    out = smooth(x)
    np.testing.assert_allclose(out[:100], 0.0, atol=1e-9)
    np.testing.assert_allclose(out[103:], 10.0, atol=1e-9)
    assert np.isnan(out[100:103]).all()
    # without the gap the same step is smoothed across
    step = np.nan_to_num(x, nan=5.0)
    assert np.abs(smooth(step)[95:100]).max() > 0.1


def test_each_run_is_filtered_on_its_own():
    rng = np.random.default_rng(1)
    x = rng.normal(size=400)
    x[[120, 121, 260]] = np.nan
    out = smooth(x)
    for first, stop in ((0, 120), (122, 260), (261, 400)):
        np.testing.assert_allclose(out[first:stop], smooth(x[first:stop]), atol=1e-12)


def test_short_runs_are_left_raw_and_runs_near_the_padding_length_are_filtered():
    rng = np.random.default_rng(2)
    x = rng.normal(size=40)
    x[[6, 20]] = np.nan  # runs of 6, 13 and 19 frames
    out = smooth(x, min_run=10)
    np.testing.assert_array_equal(out[:6], x[:6])  # shorter than min_run: raw
    assert not np.allclose(out[7:20], x[7:20])  # 13 frames: filtered with a shortened pad
    assert not np.allclose(out[21:], x[21:])
    tiny = smooth(x, min_run=2)  # any run of two or more frames is filtered without error
    assert np.isfinite(tiny[:6]).all() and not np.allclose(tiny[:6], x[:6])


def test_columns_are_independent_and_shape_is_kept():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(500, 33, 2)).cumsum(axis=0)
    x[100:110, 5] = np.nan  # one landmark missing for a while
    x[300, :] = np.nan  # a frame without a person
    x[400:403, 7, 1] = np.nan
    out = smooth(x)
    assert out.shape == x.shape
    np.testing.assert_array_equal(np.isnan(out), np.isnan(x))
    for landmark, axis in ((5, 0), (7, 1), (0, 0), (32, 1)):
        np.testing.assert_allclose(out[:, landmark, axis], smooth(x[:, landmark, axis]), atol=1e-9)


@pytest.mark.parametrize("fs", [10.0, float("nan")])
def test_no_filtering_when_the_cutoff_is_not_below_nyquist(fs):
    x = np.random.default_rng(4).normal(size=50)
    out = smooth_gap_aware(x, fs, 6.0, 2, 10)
    np.testing.assert_array_equal(out, x)
    assert out is not x


def test_input_is_not_modified():
    x = np.random.default_rng(5).normal(size=(100, 3))
    before = x.copy()
    smooth(x)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("length", [12, 40, 500])
def test_each_stretch_is_filtered_exactly_as_scipy_sosfiltfilt(length):
    from scipy.signal import butter, sosfiltfilt

    x = np.random.default_rng(6).normal(size=(length, 4)).cumsum(axis=0)
    sos = butter(2, 6.0, fs=FS, output="sos")
    expected = sosfiltfilt(sos, x, axis=0, padlen=min(9, length - 1))
    np.testing.assert_allclose(smooth(x), expected, rtol=0, atol=1e-12)


def test_a_long_clip_filtered_on_several_threads_equals_filtering_each_column_alone():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40_000, 6)).cumsum(axis=0)  # 240k samples: split across threads
    x[rng.choice(40_000, 60, replace=False)] = np.nan  # shared gaps
    x[1000:1040, 2] = np.nan  # and one column's own gap
    out = smooth(x)
    for column in range(x.shape[1]):
        np.testing.assert_allclose(out[:, column], smooth(x[:, column]), rtol=0, atol=1e-12)
