"""Contiguous runs of True in boolean masks (finite stretches of a trajectory)."""

from __future__ import annotations

import numpy as np


def true_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and stops (exclusive) of the runs of True in a 1D mask."""
    edges = np.diff(np.concatenate(([0], np.asarray(mask, dtype=np.int8), [0])))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def column_runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of True down each column of a (T, C) mask.

    Returns (column, start, stop) arrays, one entry per run, stop exclusive.
    """
    padded = np.zeros((mask.shape[0] + 2, mask.shape[1]), dtype=np.int8)
    padded[1:-1] = mask
    edges = np.diff(padded, axis=0).T  # (C, T + 1): ordered by column, then frame
    column, start = np.nonzero(edges == 1)
    _, stop = np.nonzero(edges == -1)
    return column, start, stop
