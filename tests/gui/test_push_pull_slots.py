"""The app offers the pushing and pulling assessments as side-view slots, and the worker
screens a clip in such a slot as that assessment."""

from __future__ import annotations

import pytest
from squat_pose import squat_sequence, write_squat_video

from ces_vision.config import Settings
from ces_vision.gui.workers import AnalysisRequest, run_analysis
from ces_vision.pose import FakePoseBackend
from ces_vision.session.errors import WrongMovement
from ces_vision.session.screen_state import SLOTS_BY_KEY, ScreenState


def test_push_and_pull_are_optional_side_slots():
    for key, assessment in (("push_side", "push"), ("pull_side", "pull")):
        spec = SLOTS_BY_KEY[key]
        assert (spec.view, spec.assessment, spec.variant, spec.clip_kind) == (
            "side",
            assessment,
            "standard",
            assessment,
        )
        assert not spec.required
    assert SLOTS_BY_KEY["side"].clip_kind == "standard"
    assert [s.label for s in ScreenState().missing()] == ["Front", "Side", "Back"]  # not missing views


def test_a_clip_in_the_push_slot_is_screened_as_a_push(tmp_path):
    sequence = squat_sequence(n_reps=3)
    path = write_squat_video(tmp_path / "squat.mp4", sequence)
    request = AnalysisRequest("push_side", 1, path, "side", "standard", "push")
    with pytest.raises(WrongMovement, match="squat rep"):  # a squat in the push slot is named, not screened
        run_analysis(request, Settings(), FakePoseBackend(sequence), None, None)
