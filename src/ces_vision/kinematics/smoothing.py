"""Gap-aware zero-phase low-pass filtering of landmark trajectories.

Each contiguous finite stretch of each column is filtered on its own (Butterworth,
forward-backward with `scipy.signal.sosfiltfilt`), so a filter never reaches across a
missing stretch and NaN stays NaN. A stretch shorter than `min_run_frames` is left raw.
Stretches at least that long but not longer than the filter's default padding are
filtered with the padding shortened to the stretch length minus one.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfiltfilt

from .runs import column_runs


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


def smooth_gap_aware(
    x: np.ndarray, fs: float, cutoff_hz: float, order: int, min_run_frames: int
) -> np.ndarray:
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
    out = np.array(x, dtype=float, copy=True, order="C")
    n_frames = out.shape[0]
    nyquist = 0.5 * fs
    if n_frames < 2 or not np.isfinite(fs) or not 0.0 < cutoff_hz < nyquist:
        return out
    sos = butter(order, cutoff_hz, fs=fs, output="sos")
    default_padlen = _default_padlen(sos)
    min_length = max(int(min_run_frames), 2)

    columns = out.reshape(n_frames, -1)  # a view: writes go to `out`
    column, start, stop = column_runs(np.isfinite(columns))
    long_enough = (stop - start) >= min_length
    column, start, stop = column[long_enough], start[long_enough], stop[long_enough]
    if column.size == 0:
        return out
    # Columns that share the same run (usually all of them) are filtered in one call.
    spans, group = np.unique(np.stack([start, stop], axis=1), axis=0, return_inverse=True)
    order_by_group = np.argsort(group.ravel(), kind="stable")
    bounds = np.cumsum(np.bincount(group.ravel(), minlength=len(spans)))[:-1]
    for (first, stop_frame), members in zip(spans, np.split(column[order_by_group], bounds)):
        padlen = min(default_padlen, stop_frame - first - 1)
        block = columns[first:stop_frame, members]
        columns[first:stop_frame, members] = sosfiltfilt(sos, block, axis=0, padlen=padlen)
    return out
