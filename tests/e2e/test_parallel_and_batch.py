"""Segment-parallel analysis equals a single-process run (batch on Dask: test_dask_batch.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ces_vision.config import Settings, overlay
from ces_vision.session import analyze_file

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
LITE = overlay(Settings(), {"pose": {"model": "lite"}})


def test_two_segments_give_the_same_frames_and_angles_as_one_process():
    video = SAMPLES / "front_clean.mp4"  # 330 frames: two segments of 165
    single = analyze_file(video, "front", LITE, workers=1)
    split = analyze_file(video, "front", LITE, workers=2)
    assert split.pose.n_frames == single.pose.n_frames == 330
    np.testing.assert_allclose(split.pose.timestamps_s, single.pose.timestamps_s)
    assert [(r.start, r.bottom, r.end) for r in split.kinematics.reps] == [
        (r.start, r.bottom, r.end) for r in single.kinematics.reps
    ]
    for name in ("knee_fppa", "knee_ankle_gap_ratio", "hip_height"):
        a, b = single.kinematics[name].value, split.kinematics[name].value
        both = np.isfinite(a) & np.isfinite(b)
        assert both.mean() > 0.95
        tolerance = 1.0 if name == "knee_fppa" else 0.01  # tracking restarts at the segment start
        assert np.median(np.abs(a - b)[both]) < tolerance, name
    # the same findings; their sizes to a hair: a front view is squared with one camera yaw
    # read over the whole clip, which the restarted tracking nudges (34.57 vs 34.61 deg)
    strip = ("value",)
    split_findings, single_findings = split.to_json()["findings"], single.to_json()["findings"]
    assert [{k: v for k, v in f.items() if k not in strip} for f in split_findings] == [
        {k: v for k, v in f.items() if k not in strip} for f in single_findings
    ]
    for a, b in zip(split_findings, single_findings):
        assert a["value"] == pytest.approx(b["value"], rel=0.01)
