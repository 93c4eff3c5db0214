"""Short clips end to end: 1-rep clips cut from the rendered samples at different points
of the movement (re-encoded H.264, real MediaPipe), and the real 1-rep clips of
tests/data/real/.

A cut clip keeps the exact truth of the sample it comes from: the same injected
compensation is in every rep, so one rep must show what the whole clip shows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import av
import numpy as np
import pytest
from evaluation import one_rep_cuts, truth_for
from videos import write_video

from ces_vision.config import Settings
from ces_vision.screening.arms_overhead import ARMS_NOT_OVERHEAD_WARNING
from ces_vision.session import analyze_file

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
REAL_CLIPS = Path(__file__).resolve().parents[1] / "data" / "real"

# clean and compensated, front and side
CLIPS = ("front_clean", "front_knees_in_left", "side_clean", "side_arms_fall_forward")


@cache
def frames_of(stem: str) -> list[np.ndarray]:
    with av.open(str(SAMPLES / f"{stem}.mp4")) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


@pytest.mark.parametrize("cut", ["whole", "late_start", "early_stop"])
@pytest.mark.parametrize("stem", CLIPS)
def test_a_one_rep_clip_is_screened_like_the_whole_clip(stem, cut, tmp_path):
    truth = truth_for(SAMPLES / f"{stem}.mp4")
    frames = frames_of(stem)
    # the middle rep: frames on both sides to cut from
    first, stop, part = one_rep_cuts(truth.reps[1], len(frames))[cut]
    video = write_video(tmp_path / f"{stem}_{cut}.mp4", frames[first:stop])

    result = analyze_file(video, truth.view, Settings()).to_json()

    assert [r["part"] for r in result["reps"]] == [part]
    expected = truth.expected_findings - set(result["not_assessable"])
    assert {f["compensation"] for f in result["findings"]} == expected
    assert expected == truth.expected_findings  # nothing injected is lost to "not assessable"
    judged = [c for c in result["checklist"] if c["status"] != "not_assessable"]
    assert judged and all(c["reps_total"] == 1 and 0 < c["confidence"] <= 0.2 for c in judged)
    assert not any("no complete squat rep" in w or ARMS_NOT_OVERHEAD_WARNING in w for w in result["warnings"])
    assert any(w.startswith(f"rep 1 was judged from {part}") for w in result["warnings"]) == (cut != "whole")


# the real clips (tests/data/real/SOURCES.md): one rep each, none of them an overhead squat.
# What each must (not) show is tested in test_e2e_real_clips.py; here, that its one rep is found.
REAL = {
    "dnly09_side_prisonersquat_1rep.gif": "side",  # hands behind the head
    "mchariar_front_deepsquat_1rep.gif": "front",  # arms crossed, held forward
    "mchariar_front_forwardlean_1rep.gif": "front",  # arms crossed on the chest
    "mchariar_front_shallowdepth_1rep.gif": "front",
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_one_rep_clip_is_screened_and_its_movement_named(name):
    view = REAL[name]
    result = analyze_file(REAL_CLIPS / name, view, Settings()).to_json()
    assert [r["part"] for r in result["reps"]] == ["standing to standing"]
    assert ARMS_NOT_OVERHEAD_WARNING in result["warnings"]
    lines = {c["compensation"]: c for c in result["checklist"]}
    if view == "side":  # too small in the picture to be judged (clip_quality)
        assert lines["arms_fall_forward"]["reason"].startswith("the person is too small")
        judged = []
    else:  # knees out and weight shift: the stance already reads like them (clip_quality)
        judged = ["feet_turn_out", "knees_move_in"]
    for compensation in judged:  # judged on the one rep, no longer "1 of 1 reps measurable; 2 needed"
        assert lines[compensation]["status"] in ("seen", "not_seen"), lines[compensation]
        assert lines[compensation]["reps_total"] == 1 and lines[compensation]["confidence"] <= 0.2
    assert "arms_fall_forward" not in [f["compensation"] for f in result["findings"]]
