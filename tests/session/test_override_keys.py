"""The coach's word is kept per checklist line of each assessment: a push, a pull and the
squat's side view each have a "Lower back arches" line, and overriding one leaves the
others as they were (the key once had no assessment, so one override changed all three)."""

from __future__ import annotations

from ces_vision.reports.content import checklist_rows, coach_statuses
from ces_vision.screening import CheckpointResult
from ces_vision.session.screen_record import overrides_document, overrides_from_document
from ces_vision.session.screen_state import Override, ScreenState, line_key

SQUAT = CheckpointResult("low_back_arches", "ohsa", "side", "standard", "not_assessable")
PUSH = CheckpointResult("low_back_arches", "push", "side", "standard", "not_seen")
PULL = CheckpointResult("low_back_arches", "pull", "side", "standard", "not_seen")


def test_each_assessments_line_has_its_own_key():
    assert len({line_key(SQUAT), line_key(PUSH), line_key(PULL)}) == 3


def test_an_override_of_the_push_line_is_stored_and_read_back_for_the_push_alone():
    state = ScreenState()
    state.set_override(line_key(PUSH), status="seen", note="arched into the cable")
    document = overrides_document(state)
    assert [line["assessment"] for line in document["lines"]] == ["push"]
    assert overrides_from_document(document) == {line_key(PUSH): Override("seen", False, "arched into the cable")}


def test_the_report_applies_the_push_override_to_the_push_clip_only():
    state = ScreenState()
    state.set_override(line_key(PUSH), status="seen")
    coach = coach_statuses(overrides_document(state))
    push = {"view": "side", "assessment": "push", "checklist": [PUSH.to_dict()]}
    pull = {"view": "side", "assessment": "pull", "checklist": [PULL.to_dict()]}
    assert [row["status"] for row in checklist_rows(push, coach)] == ["seen"]
    assert [row["status"] for row in checklist_rows(pull, coach)] == ["not_seen"]


def test_a_line_stored_before_lines_named_their_assessment_applies_to_each_as_it_did():
    old = {
        "kind": "ces-vision-overrides",
        "schema_version": 2,
        "lines": [
            {"compensation": "low_back_arches", "view": "side", "variant": "standard", "leg": None, "status": "seen"}
        ],
    }
    every = {(a, "low_back_arches", "side", "standard", None) for a in ("ohsa", "push", "pull")}
    assert set(overrides_from_document(old)) == every
    assert set(coach_statuses(old)) == every
    knees = dict(old, lines=[dict(old["lines"][0], compensation="knees_move_in", view="front")])
    assert set(overrides_from_document(knees)) == {("ohsa", "knees_move_in", "front", "standard", None)}
