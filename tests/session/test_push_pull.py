"""Pushing and pulling assessments end to end from the sample clips' exact landmarks
(their truth files): reps, findings, a squat given as a push, too few reps, an arm out
of frame."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ces_vision.config import Settings
from ces_vision.landmarks import Landmark as L
from ces_vision.session import ScreenOptions
from ces_vision.session.analysis import analyze_pose
from ces_vision.session.errors import WrongMovement
from ces_vision.types import PoseSequence, VideoInfo

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"


def _truth(name: str) -> tuple[PoseSequence, VideoInfo, dict]:
    info = json.loads((SAMPLES / f"{name}.truth.json").read_text())
    arrays = np.load(SAMPLES / f"{name}.truth.npz")
    w, h = info["width"], info["height"]
    px = arrays["keypoints_px"]
    image = np.concatenate([px / [w, h], np.zeros(px.shape[:2] + (1,))], axis=2)
    t = px.shape[0]
    pose = PoseSequence(image, np.full((t, 33), 0.95), np.zeros((t, 33, 3)), arrays["timestamps_s"], w, h)
    return pose, VideoInfo(f"{name}.mp4", info["fps"], t, w, h, 0), info


def _screen(name: str, assessment: str, pose: PoseSequence | None = None):
    truth_pose, video, info = _truth(name)
    analysis = analyze_pose(pose or truth_pose, video, "side", Settings(), options=ScreenOptions(assessment))
    return analysis, {line.compensation: line for line in analysis.screen.checklist}, info


@pytest.mark.parametrize(
    "name, assessment",
    [
        ("push_clean", "push"),
        ("push_shoulders_elevate", "push"),
        ("pull_clean", "pull"),
        ("pull_head_juts_forward", "pull"),
    ],
)
def test_the_sample_clips_are_screened_as_their_truth_says(name, assessment):
    analysis, lines, info = _screen(name, assessment)
    assert analysis.screen.assessment == assessment
    assert len(analysis.kinematics.reps) == len(info["reps"])
    for ours, true in zip(analysis.kinematics.reps, info["reps"]):
        assert abs(ours.bottom - true["bottom"]) <= 6  # the turn of the press / row, within 0.2 s
    seen = {comp for comp, line in lines.items() if line.status == "seen"}
    assert seen == set(info["expected_findings"])
    assert all(line.status != "not_assessable" for line in lines.values())


def test_a_squat_given_as_a_push_is_named_and_not_screened():
    pose, video, _ = _truth("side_clean")
    with pytest.raises(WrongMovement, match="squat rep"):
        analyze_pose(pose, video, "side", Settings(), options=ScreenOptions("push"))


def test_too_few_reps_is_not_assessable_with_the_reason():
    pose, _, info = _truth("push_clean")
    two_reps = pose.cut(0, info["reps"][1]["end"] + 5)
    analysis, lines, _ = _screen("push_clean", "push", two_reps)
    assert len(analysis.kinematics.reps) == 2
    for line in lines.values():
        assert line.status == "not_assessable" and "only 2 complete push rep" in line.reason


def test_an_arm_out_of_frame_is_not_assessable_with_the_reason():
    pose, _, _ = _truth("pull_clean")
    image = pose.image_xyz.copy()
    for wrist in (L.LEFT_WRIST, L.RIGHT_WRIST):
        image[:, wrist] = np.nan  # the hands leave the picture
    hidden = PoseSequence(image, pose.visibility, pose.world_xyz, pose.timestamps_s, pose.width, pose.height)
    analysis, lines, _ = _screen("pull_clean", "pull", hidden)
    for line in lines.values():
        assert line.status == "not_assessable" and "out of frame" in line.reason
    assert any("no complete pull rep" in w for w in analysis.warnings)
