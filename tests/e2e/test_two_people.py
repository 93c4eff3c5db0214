"""Two people in the picture: one is followed, and the coach is told."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from videos import write_video

from ces_vision.config import Settings
from ces_vision.session import analyze_file

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"


def _middle(path: Path, width: int, n: int) -> list[np.ndarray]:
    capture = cv2.VideoCapture(str(path))
    frames = []
    while len(frames) < n:
        ok, bgr = capture.read()
        if not ok:
            break
        x0 = (bgr.shape[1] - width) // 2
        frames.append(cv2.cvtColor(bgr[:, x0 : x0 + width], cv2.COLOR_BGR2RGB))
    return frames


def test_a_second_person_is_noticed_and_one_person_followed(tmp_path):
    client = _middle(SAMPLES / "front_clean.mp4", 320, 150)
    bystander = _middle(SAMPLES / "back_clean.mp4", 320, 150)
    both = [np.concatenate([a, b], axis=1) for a, b in zip(client, bystander)]
    video = write_video(tmp_path / "two_people.mp4", both)
    analysis = analyze_file(video, "front", Settings())
    assert any("more than one person" in w for w in analysis.warnings)
    assert analysis.frames_with_pose >= 0.9 * analysis.pose.n_frames
    # every frame follows one body: the mid-hip never jumps between the two halves
    hip_x = np.nanmean(analysis.pose.pixels()[:, [23, 24], 0], axis=1)
    assert np.nanmax(np.abs(np.diff(hip_x))) < 40
