"""What a program leaves out, said in the coach's words."""

import re
from dataclasses import replace

from ces_vision.prescription import Budget, build_program, diagnosis_words_in, left_out_notes, load_knowledge_base
from ces_vision.screening import CheckpointResult

KB = load_knowledge_base()


def finding(compensation, view="front"):
    return CheckpointResult(
        compensation,
        "ohsa",
        view,
        "standard",
        "seen",
        side="both",
        value=20.0,
        threshold=10.0,
        unit="deg",
        reps_flagged=5,
        reps_total=5,
        confidence=1.0,
    )


def test_left_out_work_is_named_with_the_reason_not_internal_ids():
    many = [finding(c) for c in ("feet_turn_out", "knees_move_in", "excessive_forward_lean", "arms_fall_forward")]
    computed = build_program(many, budget=Budget(total_minutes=18.0, phase_max_minutes=6.0)).computed
    assert computed.left_out
    (note,) = left_out_notes(computed, KB)
    assert note.startswith("Left out to keep the session within 18 minutes (at most 6 per step): ")
    assert "time budget" not in note and not re.search(r"\b[a-z]+_[a-z_]+\b", note), "no raw ids"
    assert not diagnosis_words_in(note)
    for entry in computed.left_out:  # every left-out target is accounted for by an exercise that serves it
        step, key = entry.split(": ")
        serving = [e for e in KB.by_step(step) if key in (e.compensations if step == "integrate" else e.targets)]
        assert any(f"{step} — " in note and e.name in note for e in serving), entry


def test_a_target_no_exercise_serves_is_said_so():
    computed = build_program([finding("knees_move_in")]).computed
    notes = left_out_notes(replace(computed, left_out=("activate: made_up_muscle",)), KB)
    assert notes == ("No exercise in the library for: made up muscle (activate).",)


def test_nothing_left_out_says_nothing():
    computed = build_program(
        [finding("knees_move_in")], budget=Budget(total_minutes=60.0, phase_max_minutes=20.0)
    ).computed
    assert computed.left_out == () and left_out_notes(computed, KB) == ()
