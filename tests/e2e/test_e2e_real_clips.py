"""Real phone clips of people (tests/data/real/, MIT, see SOURCES.md there), real MediaPipe:
what the screen may say about footage it was never tuned on.

None is an overhead squat (arms crossed, behind the head, on a bar), so the arm check never
applies. The front clips are filmed from hip height 6-10 deg off square: squared, and
their stance (feet reading 50-60 deg turned out, hips 0.2-0.3 of the stance off-centre
while standing still) makes knees-out and weight-shift not assessable instead of flagged.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ces_vision.cli import main
from ces_vision.config import Settings
from ces_vision.screening import unassessed_reason
from ces_vision.session import Analysis, analyze_file

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
FRONT_CLIPS = (
    "mchariar_front_deepsquat_1rep.gif",  # clean: knees over the toes
    "mchariar_front_shallowdepth_1rep.gif",  # clean but shallow (knee angle ~115 deg)
    # the author's "bending forward": a forward lean, which the front view does not judge
    # (a side-view check); nothing the front view judges is visible in it
    "mchariar_front_forwardlean_1rep.gif",
)


@cache
def analysis(name: str, view: str) -> Analysis:
    return analyze_file(REAL / name, view, Settings())


@pytest.mark.parametrize("name", FRONT_CLIPS)
def test_a_real_front_clip_raises_no_false_flag(name):
    result = analysis(name, "front")
    data = result.to_json()
    assert [r["part"] for r in data["reps"]] == ["standing to standing"]
    assert data["view_check"]["status"] == "squared" and 3 <= data["view_check"]["yaw_deg"] < 15
    assert data["findings"] == []
    lines = {c["compensation"]: c for c in data["checklist"]}
    assert lines["feet_turn_out"]["status"] == "not_seen"  # judged against standing only
    assert lines["knees_move_in"]["status"] == "not_seen"
    assert "turned out standing" in lines["knees_move_out"]["reason"]
    assert data["quality"]["standing_feet_turn_out_deg"] > 45


def test_the_oblique_clip_is_named_oblique_and_not_screened(tmp_path):
    name = "yousufk1729_obliquefront_heavybacksquat_1rep.mp4"
    data = analysis(name, "front").to_json()
    assert data["view_check"]["status"] == "oblique"
    assert 35 <= data["view_check"]["yaw_deg"] <= 50  # filmed about 40 deg off the front
    assert {c["status"] for c in data["checklist"]} == {"not_assessable"}
    assert all(c["reason"].startswith("oblique camera") for c in data["checklist"])
    assert data["findings"] == []


def test_a_person_too_small_in_the_picture_is_not_screened_and_the_cli_says_so(tmp_path, capsys):
    name = "dnly09_side_prisonersquat_1rep.gif"
    data = analysis(name, "side").to_json()
    assert data["quality"]["leg_px"] < 90
    assert {c["status"] for c in data["checklist"]} == {"not_assessable"}
    assert unassessed_reason(analysis(name, "side").screen).startswith("the person is too small")
    assert main(["analyze", str(REAL / name), "--view", "side", "--json", str(tmp_path / "a.json")]) == 4
    assert "not assessable (the person is too small" in capsys.readouterr().out


def test_the_real_side_squat_gives_both_reps_though_the_phone_tilted():
    data = analysis("rohanx01_side_backsquat_2reps.mp4", "side").to_json()
    bottoms_s = [data["reps"][i]["bottom"] / data["source"]["fps"] for i in range(len(data["reps"]))]
    assert bottoms_s == pytest.approx([10.5, 17.4], abs=0.3)  # as filmed (SOURCES.md)
    lean = next(c for c in data["checklist"] if c["compensation"] == "excessive_forward_lean")
    assert lean["reps_total"] == 2


@pytest.mark.xfail(
    strict=True,
    reason="a bar-on-back squat with a moderate, normal trunk lean reads trunk minus shin 11 and 14 deg "
    "in its two reps against the 11 deg threshold (fitted on rendered overhead squats): a false forward lean",
)
def test_the_clean_real_side_squat_raises_no_flag():
    data = analysis("rohanx01_side_backsquat_2reps.mp4", "side").to_json()
    assert data["view_check"]["status"] != "oblique"
    assert data["findings"] == []
