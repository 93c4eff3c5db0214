"""Issue 16.2: decoding goes on past a damaged packet, and says how many frames were lost and where."""

from __future__ import annotations

import json

import numpy as np
from synthetic_clip import squat_pose

from ces_vision.capture import FileSource
from ces_vision.config import Settings
from ces_vision.pose import FakePoseBackend
from ces_vision.reports.files import json_safe
from ces_vision.session import analyze_source
from ces_vision.types import Frame

FRAMES = 330  # front_clean.mp4


def test_decoding_goes_on_past_damaged_packets(corrupt_front_clip):
    with FileSource(corrupt_front_clip) as source:
        assert source.info.frame_count == FRAMES
        frames = list(source.frames())
        # Stopping at the first bad packet kept about half (165 on main); the rest decodes.
        assert len(frames) >= 0.9 * FRAMES
        assert frames[-1].index == FRAMES - 1
        lost = source.lost_frames
    assert 0 < len(lost) and len(frames) + len(lost) == FRAMES
    decoded = {f.index for f in frames}
    assert decoded.isdisjoint(i for i, _ in lost) and decoded | {i for i, _ in lost} == set(range(FRAMES))
    # the damage sits in the middle of the file, and each lost frame has its own time there
    times = np.array([t for _, t in lost])
    assert np.all((times > 0.3 * FRAMES / 30) & (times < 0.7 * FRAMES / 30))
    assert np.all(np.diff([f.timestamp_s for f in frames]) > 0)


def test_analysis_keeps_an_empty_row_per_lost_frame_and_says_where(corrupt_front_clip):
    lost = [i for i, _ in _all_lost(corrupt_front_clip)]
    with FileSource(corrupt_front_clip) as source:
        analysis = analyze_source(source, "front", Settings(), backend=FakePoseBackend(squat_pose("front", reps=5)))
    pose = analysis.pose
    assert pose.n_frames == FRAMES  # row i is still frame i after the damage
    assert not pose.has_pose[lost].any() and pose.has_pose[[i for i in range(FRAMES) if i not in lost]].all()
    assert np.all(np.diff(pose.timestamps_s) > 0)
    result = json.loads(json.dumps(json_safe(analysis.to_json())))
    spans = result["frames_lost"]
    assert sum(s["last_frame"] - s["first_frame"] + 1 for s in spans) == len(lost)
    assert [i for s in spans for i in range(s["first_frame"], s["last_frame"] + 1)] == lost
    warning = next(w for w in result["warnings"] if "could not be decoded" in w)
    assert f"{len(lost)} frames" in warning and f"{spans[0]['start_s']:.2f}" in warning
    assert not any("ended early" in w for w in result["warnings"])


def _all_lost(path):
    """(index, time) of every frame of the file at `path` lost to damage."""
    with FileSource(path) as source:
        for _ in source.frames():
            pass
        return source.lost_frames


def test_pose_rows_fill_a_gap_and_stop_at_a_segment_seam():
    from ces_vision.session.pose_run import PoseRows  # the rows a parallel segment returns

    image = np.zeros((2, 2, 3), np.uint8)
    pose = squat_pose("front", reps=1)
    backend = FakePoseBackend(pose)
    rows = PoseRows(fps=30.0, first=10)
    for index in (12, 13, 17):  # 10, 11 lost before the first frame; 14-16 lost between
        frame = Frame(index, index / 30, image)
        rows.add(frame, backend.process(frame))
    rows.fill_to(21, 21 / 30, stop=19)  # the next segment starts at 19
    sequence = rows.sequence(2, 2)
    assert sequence.n_frames == 9  # frames 10..18
    assert sequence.has_pose.tolist() == [False, False, True, True, False, False, False, True, False]
    np.testing.assert_allclose(sequence.timestamps_s, np.arange(10, 19) / 30)
