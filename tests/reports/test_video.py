"""The annotated video: every source frame, decodable, overlays where they belong."""

from __future__ import annotations

import cv2
import numpy as np
from report_inputs import HEIGHT, N_FRAMES, REPS, WIDTH

from ces_vision.reports import write_annotated_video
from ces_vision.reports.video import rep_flags


def decode_all(path) -> list[np.ndarray]:
    capture = cv2.VideoCapture(str(path))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    return frames


def red_border(frame_bgr: np.ndarray) -> bool:
    edge = frame_bgr[1:4, WIDTH // 2 - 20 : WIDTH // 2 + 20].reshape(-1, 3).mean(axis=0)
    blue, green, red = edge
    return red > 150 and green < 90 and blue < 90


def test_same_frame_count_and_decodable(test_video, analysis_json, frame_data, tmp_path):
    out = tmp_path / "annotated.mp4"
    written = write_annotated_video(test_video, analysis_json, frame_data, out)
    frames = decode_all(out)
    assert written == N_FRAMES == len(frames)
    assert frames[0].shape == (HEIGHT, WIDTH, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["annotated.mp4"]  # no temporary file left


def test_flagged_reps_are_highlighted(test_video, analysis_json, frame_data, tmp_path):
    out = tmp_path / "annotated.mp4"
    write_annotated_video(test_video, analysis_json, frame_data, out)
    frames = decode_all(out)
    flags = rep_flags(analysis_json)
    assert sorted(flags) == [0, 1, 2]  # feet turn out is in every rep
    no_feet = dict(analysis_json, findings=[analysis_json["findings"][0]])  # knees only: reps 1 and 3
    write_annotated_video(test_video, no_feet, frame_data, out)
    frames = decode_all(out)
    assert red_border(frames[REPS[0].bottom]) and red_border(frames[REPS[2].bottom])
    assert not red_border(frames[REPS[1].bottom])
    assert not red_border(frames[0])  # before the first rep


def test_skeleton_is_drawn_in_side_colours(test_video, analysis_json, frame_data, tmp_path):
    out = tmp_path / "annotated.mp4"
    write_annotated_video(test_video, dict(analysis_json, findings=[]), frame_data, out)
    frame = cv2.cvtColor(decode_all(out)[0], cv2.COLOR_BGR2RGB).astype(int)
    # Subject's left shin (image right) is blue, the right shin orange.
    left_mid = frame_data.pixels[0, [25, 27]].mean(axis=0).round().astype(int)
    right_mid = frame_data.pixels[0, [26, 28]].mean(axis=0).round().astype(int)
    r, g, b = frame[left_mid[1], left_mid[0]]
    assert b > 150 and r < 100
    r, g, b = frame[right_mid[1], right_mid[0]]
    assert r > 150 and b < 100


def test_video_without_pose_still_has_every_frame(test_video, analysis_json, tmp_path):
    out = tmp_path / "plain.mp4"
    assert write_annotated_video(test_video, analysis_json, None, out) == N_FRAMES
    assert len(decode_all(out)) == N_FRAMES
