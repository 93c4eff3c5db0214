"""End to end on the rendered sample videos: real decoding, real MediaPipe (full model),
real kinematics and screening, checked against each clip's exact ground truth.

Tolerances are about 1.5x the median errors measured by benchmarks/accuracy.py on these
clips; what limits them is MediaPipe itself (its hip sits 2-3 cm above the joint
centre, arm and foot points are noisy, and at the bottom of a front-view squat it
under-reads a valgus knee: 14 deg for a true 27 deg, hence the wide knee_fppa bound),
not the numeric core, which is exact on synthetic skeletons (tests/kinematics).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from evaluation import metric_diffs, sample_videos, summarise_errors

from ces_vision.config import Settings
from ces_vision.session import ScreenOptions, analyze_file

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
TRUTHS = {t.video.stem: t for t in sample_videos(SAMPLES)}

# (metric, part) -> largest accepted median absolute error per clip, by view.
TOLERANCE = {
    "front": {("knee_fppa", "value"): 7.5, ("knee_ankle_gap_ratio", "value"): 0.06, ("hip_height", "value"): 0.02},
    "side": {
        ("trunk_angle", "value"): 5.0,
        ("shin_angle", "value"): 2.0,
        ("trunk_shin_diff", "value"): 5.0,
        ("knee_flexion", "value"): 7.0,
        ("arm_trunk_angle", "value"): 10.0,
        ("hip_height", "value"): 0.02,
    },
    "back": {("hip_shift", "value"): 0.06, ("pelvis_tilt", "value"): 2.5, ("hip_height", "value"): 0.02},
    # push / pull (side view): measured on the four samples, trunk 0.2-0.8 deg, ear ahead
    # 0.007-0.018, wrist reach 0.06-0.10; the shoulder-ear distance reads 0.035-0.078 trunk
    # lengths off (MediaPipe's ear is not anny's): its rule judges the change from the start
    "push_pull": {
        ("trunk_angle", "value"): 1.5,
        ("ear_ahead_of_shoulder", "value"): 0.03,
        ("wrist_reach", "value"): 0.15,
        ("shoulder_ear_distance", "value"): 0.12,
        ("hip_height", "value"): 0.02,
    },
}


@cache
def analysis_of(stem: str):
    truth = TRUTHS[stem]
    return analyze_file(truth.video, truth.view, Settings(), options=ScreenOptions(truth.assessment))


def test_the_sample_set_is_there():
    assert len(TRUTHS) >= 14
    assert {t.view for t in TRUTHS.values()} == {"front", "side", "back"}


# Findings the fitted thresholds trade away, kept visible: the test fails if one is found
# again (then it leaves this list). compensation -> why it is missed.
KNOWN_MISSES = {
    "back_heels_rise": (
        "heels_rise",
        "heels 4.5 cm up read 0.099-0.105 of the shank in its 3 reps, under heel_lift_ratio 0.135, fitted on 86 "
        "clips where clean back views filmed off square read up to 0.32 (screening/thresholds.toml)",
    ),
}


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_pose_reps_and_findings_match_the_truth(stem):
    truth, analysis = TRUTHS[stem], analysis_of(stem)
    assert analysis.frames_with_pose / analysis.pose.n_frames >= 0.95
    found = [(r.start, r.bottom, r.end) for r in analysis.kinematics.reps]
    assert len(found) == len(truth.reps), f"reps {found} vs {truth.reps}"
    for (start, bottom, end), true in zip(found, truth.reps):
        assert abs(bottom - true["bottom"]) <= 6
        assert true["start"] - 3 <= start < bottom < end <= true["end"] + 3
    result = analysis.to_json()
    unassessable = truth.expected_findings & set(result["not_assessable"])
    missed = {KNOWN_MISSES[stem][0]} if stem in KNOWN_MISSES else set()
    assert {f["compensation"] for f in result["findings"]} == truth.expected_findings - unassessable - missed
    # what cannot be judged from landmarks is said to be so, never silently dropped
    assert unassessable <= {"low_back_arches", "low_back_rounds", "feet_flatten"}


@pytest.mark.parametrize("stem", sorted(TRUTHS))
def test_angles_are_within_tolerance_of_the_truth(stem):
    truth, analysis = TRUTHS[stem], analysis_of(stem)
    diffs = metric_diffs(analysis.kinematics, truth)
    for key, tolerance in TOLERANCE[truth.view if truth.assessment == "ohsa" else "push_pull"].items():
        median, _ = summarise_errors(diffs[key])
        assert median <= tolerance, f"{key}: median error {median:.3f} > {tolerance}"


def test_injected_valgus_reads_on_the_injected_side():
    kin = analysis_of("front_knees_in_left").kinematics
    offset = kin["knee_ankle_offset"]
    bottoms = [r.bottom for r in kin.reps]
    assert np.all(offset.left[bottoms] - np.nanmedian(offset.left[kin.standing]) > 0.1)
    assert np.all(np.abs(offset.right[bottoms] - np.nanmedian(offset.right[kin.standing])) < 0.05)
