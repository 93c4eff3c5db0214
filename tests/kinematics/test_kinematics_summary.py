"""Per-rep summaries (analysis JSON shape) and the per-frame table."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from ces_vision.config import RepSettings, SmoothingSettings
from ces_vision.kinematics import (
    METRICS_BY_NAME,
    Kinematics,
    MetricSeries,
    compute_kinematics,
    kinematics_table,
    metrics_for_view,
    summarise_reps,
)
from ces_vision.types import Rep

nan = np.nan


def _kin() -> Kinematics:
    """Hand-made series over 10 frames with two reps: frames 0..4 and 5..9."""
    fppa_left = np.array([1, 5, 9, nan, 2, nan, nan, nan, nan, nan], float)
    fppa_right = np.array([0, 3, 4, 1, 0, 2, -7, 1, nan, 0], float)
    tilt = np.array([1, -6, 4, 0, 2, 1, 2, -3, 0, 0], float)
    gap = np.array([1.0, 0.9, 0.7, 0.8, 1.0, 1.0, 0.95, 0.85, 0.9, 1.0])
    missing = np.full(10, nan)
    series = {
        "knee_fppa": MetricSeries(METRICS_BY_NAME["knee_fppa"], fppa_left, fppa_right, np.fmax(fppa_left, fppa_right)),
        "pelvis_tilt": MetricSeries(METRICS_BY_NAME["pelvis_tilt"], missing, missing, tilt),
        "knee_ankle_gap_ratio": MetricSeries(METRICS_BY_NAME["knee_ankle_gap_ratio"], missing, missing, gap),
    }
    return Kinematics(
        view="front",
        timestamps_s=np.arange(10) / 10.0,
        series=series,
        reps=(Rep(0, 2, 4), Rep(5, 6, 9)),
        near_side=None,
        standing=np.zeros(10, bool),
    )


def test_summary_shape_and_values():
    summary = summarise_reps(_kin())
    assert summary == {
        "knee_fppa": {
            "unit": "deg",
            "per_rep": [
                {"left": 9.0, "right": 4.0, "value": 9.0},
                {"left": None, "right": 2.0, "value": 2.0},  # nothing measurable on the left
            ],
        },
        "pelvis_tilt": {
            "unit": "deg",
            "per_rep": [  # absmax keeps the sign
                {"left": None, "right": None, "value": -6.0},
                {"left": None, "right": None, "value": -3.0},
            ],
        },
        "knee_ankle_gap_ratio": {
            "unit": "ratio",
            "per_rep": [
                {"left": None, "right": None, "value": 0.7},
                {"left": None, "right": None, "value": 0.85},
            ],
        },
    }
    json.dumps(summary, allow_nan=False)
    assert all(type(v) in (float, type(None)) for m in summary.values() for r in m["per_rep"] for v in r.values())


def test_no_reps_gives_empty_lists():
    kin = _kin()
    empty = Kinematics(kin.view, kin.timestamps_s, kin.series, (), None, kin.standing)
    assert all(m["per_rep"] == [] for m in summarise_reps(empty).values())


def test_table_columns_and_values():
    kin = _kin()
    columns, data = kinematics_table(kin)
    assert columns == [
        "frame",
        "time_s",
        "knee_fppa_left",
        "knee_fppa_right",
        "knee_fppa",
        "pelvis_tilt",
        "knee_ankle_gap_ratio",
    ]
    assert data.shape == (10, len(columns)) and data.dtype == float
    np.testing.assert_array_equal(data[:, 0], np.arange(10))
    np.testing.assert_array_equal(data[:, 1], kin.timestamps_s)
    np.testing.assert_array_equal(data[:, 3], kin["knee_fppa"].right)
    np.testing.assert_array_equal(data[:, 5], kin["pelvis_tilt"].value)


@pytest.mark.parametrize("view", ["front", "side", "back"])
def test_summary_and_table_cover_every_metric_of_the_view(view):
    rng = np.random.default_rng(0)
    px = 500 + 100 * rng.normal(size=(60, 33, 2))
    kin = compute_kinematics(px, np.arange(60) / 30, view, SmoothingSettings(), RepSettings())
    names = [m.name for m in metrics_for_view(view)]
    assert list(summarise_reps(kin)) == names
    columns, data = kinematics_table(kin)
    expected = ["frame", "time_s"]
    for m in metrics_for_view(view):
        expected += [f"{m.name}_left", f"{m.name}_right", m.name] if m.bilateral else [m.name]
    assert columns == expected and data.shape == (60, len(expected))


def test_the_package_imports_no_cv2_mediapipe_or_qt():
    code = (
        "import sys, ces_vision.kinematics; "
        "print(sorted(m for m in ('cv2', 'mediapipe', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
