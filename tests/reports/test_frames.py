"""Which reps a finding flagged, and which rep shows it best."""

from __future__ import annotations

import numpy as np
from report_inputs import N_FRAMES

from ces_vision.reports import flagged_reps, key_rep, read_frames


def test_flagged_reps_come_from_the_clip_checklist(analysis_json):
    knees, feet = analysis_json["findings"]
    assert flagged_reps(analysis_json, knees) == [0, 2]  # the engine flagged reps 1 and 3
    assert flagged_reps(analysis_json, feet) == [0, 1, 2]
    # without the engine's judgement nothing is guessed from thresholds
    assert flagged_reps(dict(analysis_json, checklist=[]), knees) == []


def test_flagged_reps_from_checklist_evidence(analysis_json):
    knees = dict(
        analysis_json["findings"][0],
        evidence=[{"rep": 1, "flagged": False}, {"rep": 2, "flagged": True}, {"rep": 3, "flagged": False}],
    )
    assert flagged_reps(analysis_json, knees) == [1]
    assert key_rep(analysis_json, knees) == 1


def test_key_rep_is_the_worst_flagged_rep(analysis_json):
    knees, feet = analysis_json["findings"]
    assert key_rep(analysis_json, knees) == 0  # largest judged value among the flagged reps
    assert key_rep(analysis_json, feet) == 2
    assert key_rep(dict(analysis_json, reps=[]), knees) is None


def test_read_frames_decodes_only_what_is_asked(test_video):
    frames = read_frames(test_video, [3, 40, N_FRAMES + 5])
    assert sorted(frames) == [3, 40]
    assert frames[3].shape == (240, 320, 3)
    assert frames[3][0, 0, 0] > 200  # white top-left quadrant: upright


def test_read_frames_gives_the_very_frames_the_stream_does(test_video):
    from ces_vision.capture import FileSource

    with FileSource(test_video) as source:
        streamed = {frame.index: frame.image for frame in source.frames()}
    wanted = [0, 1, 2, 17, 40, len(streamed) - 1]
    frames = read_frames(test_video, reversed(wanted))  # any order
    assert sorted(frames) == wanted
    for index in wanted:
        np.testing.assert_array_equal(frames[index], streamed[index])


def test_key_rep_of_a_compensation_not_seen_is_the_rep_that_came_closest(analysis_json):
    knees = dict(
        analysis_json["findings"][0],
        evidence=[
            {"rep": 1, "flagged": False, "value": 0.2},
            {"rep": 2, "flagged": False, "value": -0.6},
            {"rep": 3, "flagged": False, "value": 0.4},
        ],
    )
    assert flagged_reps(analysis_json, knees) == []
    assert key_rep(analysis_json, knees) == 1  # the largest judged value in size, though not flagged
    assert key_rep(analysis_json, dict(knees, evidence=[{"rep": 1, "flagged": False}])) == 0
