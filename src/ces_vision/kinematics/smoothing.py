"""Gap-aware zero-phase low-pass filtering of landmark trajectories.

Each contiguous finite stretch of each column is filtered on its own (Butterworth,
forward-backward with `scipy.signal.sosfiltfilt`), so a filter never reaches across a
missing stretch and NaN stays NaN. A stretch shorter than `min_run_frames` is left raw.
Stretches at least that long but not longer than the filter's default padding are
filtered with the padding shortened to the stretch length minus one. Long clips spread
their stretches over the cores (scipy's filter releases the GIL).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .runs import row_runs, true_runs
from .threads import run_split


def sampling_rate(timestamps_s: np.ndarray) -> float:
    """Frames per second from the median frame interval; NaN if it cannot be told."""
    steps = np.diff(np.asarray(timestamps_s, dtype=float))
    steps = steps[np.isfinite(steps) & (steps > 0)]
    return float(1.0 / np.median(steps)) if steps.size else float("nan")


def _default_padlen(sos: np.ndarray) -> int:
    """The padding sosfiltfilt uses by default (see its documentation)."""
    zeros_b = int((sos[:, 2] == 0).sum())
    zeros_a = int((sos[:, 5] == 0).sum())
    return 3 * (2 * len(sos) + 1 - min(zeros_b, zeros_a))


def smooth_gap_aware(x: np.ndarray, fs: float, cutoff_hz: float, order: int, min_run_frames: int) -> np.ndarray:
    """Low-pass `x` along axis 0, run by run of finite values.

    Parameters
    ----------
    x : (T,) or (T, ...) array, NaN where missing.
    fs : sampling rate in Hz.
    cutoff_hz, order : Butterworth low-pass design. The forward-backward pass doubles
        the order and has no phase lag.
    min_run_frames : finite stretches shorter than this are returned unfiltered.

    Returns a new array of the same shape. Nothing is filtered (a copy is returned)
    when the cutoff is not below the Nyquist frequency or `fs` is unknown.
    """
    series = np.array(np.moveaxis(np.asarray(x, dtype=float), 0, -1), order="C")
    smooth_series_in_place(series, fs, cutoff_hz, order, min_run_frames)
    return np.moveaxis(series, -1, 0)


def smooth_series_in_place(series: np.ndarray, fs: float, cutoff_hz: float, order: int, min_run_frames: int) -> None:
    """`smooth_gap_aware` along the LAST axis of a C-contiguous array, in place.

    Time-contiguous rows are what the filter reads fastest, so the kinematics core keeps
    its landmarks in that layout and filters them here without a copy.
    """
    if not series.flags.c_contiguous:
        raise ValueError("smooth_series_in_place needs a C-contiguous array")
    n_frames = series.shape[-1]
    nyquist = 0.5 * fs
    if n_frames < 2 or not np.isfinite(fs) or not 0.0 < cutoff_hz < nyquist:
        return
    if n_frames < min_run_frames or series.size == 0:
        return  # no stretch is long enough to filter
    # scipy.signal is imported on first use: it takes 0.8 s to import, which `import
    # ces_vision.kinematics` (every CLI command, the tests' import checks) need not pay
    from scipy.signal import butter, sosfilt_zi

    sos = np.asarray(butter(order, cutoff_hz, fs=fs, output="sos"))
    rows = series.reshape(-1, n_frames)  # a view: writes go to `series`
    tasks = _stretches(np.isfinite(rows), max(int(min_run_frames), 2))
    padlen = _default_padlen(sos)
    zi = sosfilt_zi(sos)[:, None, :]  # steady state for a unit step, per row below

    def smooth(stretches: Sequence[tuple[np.ndarray | slice, int, int]]) -> None:
        for members, first, stop in stretches:
            block = rows[members, first:stop]
            rows[members, first:stop] = _filtfilt(sos, zi, block, min(padlen, stop - first - 1))

    run_split(smooth, tasks, rows.size)  # disjoint stretches: safe to filter on all cores


def _stretches(finite: np.ndarray, min_length: int) -> list[tuple[np.ndarray | slice, int, int]]:
    """(rows, start, stop) of every finite run at least `min_length` long, the rows that
    share a run grouped."""
    if (finite == finite[0]).all():
        # The usual case: every row is missing in the same frames (no person detected),
        # so the runs are found once and each is filtered across all rows at once.
        starts, stops = true_runs(finite[0])
        groups = [(slice(None), int(a), int(b)) for a, b in zip(starts, stops)]
    else:
        row, start, stop = row_runs(finite)
        spans, group = np.unique(np.stack([start, stop], axis=1), axis=0, return_inverse=True)
        order_by_group = np.argsort(group.ravel(), kind="stable")
        bounds = np.cumsum(np.bincount(group.ravel(), minlength=len(spans)))[:-1]
        groups = [(members, int(a), int(b)) for (a, b), members in zip(spans, np.split(row[order_by_group], bounds))]
    return [(members, a, b) for members, a, b in groups if b - a >= min_length]


def _filtfilt(sos: np.ndarray, zi: np.ndarray, x: np.ndarray, padlen: int) -> np.ndarray:
    """`scipy.signal.sosfiltfilt(sos, x, axis=-1, padlen=padlen)` on a 2D block, without
    its per-call validation and design work: a clip has one call per stretch of frames,
    where that overhead took about a fifth of the smoothing time (tests pin equality)."""
    from scipy.signal import sosfilt  # on first use, as in smooth_series_in_place

    if padlen > 0:
        left = 2.0 * x[:, :1] - x[:, padlen:0:-1]
        right = 2.0 * x[:, -1:] - x[:, -2 : -padlen - 2 : -1]
        x = np.concatenate([left, x, right], axis=1)
    forward, _ = sosfilt(sos, x, axis=-1, zi=zi * x[:, 0][None, :, None])
    backward = forward[:, ::-1]
    smoothed, _ = sosfilt(sos, backward, axis=-1, zi=zi * backward[:, 0][None, :, None])
    smoothed = smoothed[:, ::-1]
    return smoothed[:, padlen:-padlen] if padlen > 0 else smoothed


# A clip whose frame intervals stray more than VARIABLE_RATE_SPREAD from their median in
# more than VARIABLE_RATE_SHARE of the frames has a variable frame rate (phones slow down
# in dim light and speed up again): a filter designed for one rate would smooth some
# stretches more than others, so it runs on an even clock instead. (our choice)
VARIABLE_RATE_SPREAD = 0.1
VARIABLE_RATE_SHARE = 0.05


def is_variable_rate(timestamps_s: np.ndarray) -> bool:
    """True when the frame intervals of a strictly increasing clock vary (see above)."""
    steps = np.diff(np.asarray(timestamps_s, dtype=float))
    if steps.size < 2 or not np.all(np.isfinite(steps) & (steps > 0)):
        return False
    strays = np.abs(steps / np.median(steps) - 1.0) > VARIABLE_RATE_SPREAD
    return bool(np.mean(strays) > VARIABLE_RATE_SHARE)


def _resample(series: np.ndarray, source_s: np.ndarray, target_s: np.ndarray) -> np.ndarray:
    """Linear interpolation along the last axis from the `source_s` clock to `target_s`.
    A target between two samples of which one is NaN is NaN: gaps stay gaps."""
    left = np.clip(np.searchsorted(source_s, target_s, side="right") - 1, 0, source_s.size - 2)
    weight = np.clip((target_s - source_s[left]) / (source_s[left + 1] - source_s[left]), 0.0, 1.0)
    before, after = series[..., left], series[..., left + 1]
    with np.errstate(invalid="ignore"):
        mixed = before * (1.0 - weight) + after * weight
    # exactly on a sample: that sample alone, whatever its neighbour holds
    return np.where(weight == 0.0, before, np.where(weight == 1.0, after, mixed))


def smooth_on_clock_in_place(
    series: np.ndarray, timestamps_s: np.ndarray, cutoff_hz: float, order: int, min_run_frames: int
) -> None:
    """`smooth_series_in_place` for frames at `timestamps_s`: on a variable frame rate the
    rows are resampled to an even clock at the median rate, filtered there and sampled
    back at the frames' own times; otherwise filtered as they are."""
    times = np.asarray(timestamps_s, dtype=float)
    fs = sampling_rate(times)
    if not is_variable_rate(times):
        smooth_series_in_place(series, fs, cutoff_hz, order, min_run_frames)
        return
    step = 1.0 / fs
    clock = times[0] + step * np.arange(int(np.floor((times[-1] - times[0]) / step)) + 1)
    even = np.ascontiguousarray(_resample(series, times, clock))
    smooth_series_in_place(even, fs, cutoff_hz, order, min_run_frames)
    series[...] = _resample(even, clock, times)
