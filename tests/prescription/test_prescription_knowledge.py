"""The knowledge base covers every muscle it names, and every row carries its source."""

from __future__ import annotations

import pytest

from ces_vision.prescription import EDITIONS, STEPS, load_knowledge_base
from ces_vision.screening import CHECKPOINTS

KB = load_knowledge_base()
OVERACTIVE = {ref.muscle for row in KB.rows for ref in row.overactive}
UNDERACTIVE = {ref.muscle for row in KB.rows for ref in row.underactive}


def test_every_row_has_a_source_an_edition_and_known_muscles():
    assert KB.rows
    for row in KB.rows:
        assert row.edition in EDITIONS
        assert row.source.strip(), row
        assert row.overactive and row.underactive, row
        for ref in row.overactive + row.underactive:
            assert ref.muscle in KB.muscle_names, ref
            assert ref.side in (None, "shift", "opposite")


def test_both_editions_of_domain_table_are_present():
    by_edition = {e: {r.compensation for r in KB.rows if r.edition == e} for e in EDITIONS}
    assert by_edition["4th"] >= {
        "feet_turn_out",
        "knees_move_in",
        "knees_move_out",
        "feet_flatten",
        "heels_rise",
        "asymmetric_weight_shift",
        "excessive_forward_lean",
        "low_back_arches",
        "low_back_rounds",
        "arms_fall_forward",
        "shoulders_elevate",
        "head_juts_forward",
    }
    assert by_edition["7th"] == {
        "feet_turn_out",
        "knees_move_in",
        "excessive_forward_lean",
        "low_back_arches",
        "arms_fall_forward",
        "shoulders_elevate",
        "head_juts_forward",
    }
    common = [r for r in KB.rows if r.compensation in ("heels_rise", "low_back_rounds")]
    assert all("(common teaching)" in r.source for r in common)


@pytest.mark.parametrize("muscle", sorted(OVERACTIVE))
def test_every_overactive_muscle_can_be_inhibited_and_lengthened(muscle):
    for step in ("inhibit", "lengthen"):
        assert any(muscle in e.targets for e in KB.by_step(step)), (step, muscle)


@pytest.mark.parametrize("muscle", sorted(UNDERACTIVE))
def test_every_underactive_muscle_can_be_activated(muscle):
    assert any(muscle in e.targets for e in KB.by_step("activate")), muscle


def test_every_compensation_has_an_integration_exercise():
    screened = {c for comps in CHECKPOINTS.values() for c in comps}
    for compensation in screened | {r.compensation for r in KB.rows}:
        assert any(compensation in e.compensations for e in KB.by_step("integrate")), compensation


DOSAGE_KEYS = {
    "inhibit": {"hold_s", "sets"},
    "lengthen": {"hold_s", "sets"},
    "activate": {"reps", "sets", "tempo"},
    "integrate": {"reps", "sets", "tempo"},
}


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_every_exercise_is_complete(exercise_id):
    ex = KB.exercises[exercise_id]
    assert ex.step in STEPS
    assert ex.targets and all(t in KB.muscle_names for t in ex.targets)
    assert len(ex.description) > 40 and ex.name and ex.source.strip()
    assert ex.source.startswith("(common teaching)") or ex.source.startswith("(our choice)") or "NASM" in ex.source
    assert DOSAGE_KEYS[ex.step] <= set(ex.dosage) and "per_side" in ex.dosage
    assert 0 < ex.minutes <= 5
    assert ex.regressions and ex.progressions
    assert isinstance(ex.equipment, tuple)
    if ex.step == "inhibit":
        assert 20 <= ex.dosage["hold_s"] <= 90  # docs/DOMAIN.md: ~30 s, sources range 20-90 s
    if ex.step == "lengthen":
        assert 30 <= ex.dosage["hold_s"] <= 60 and 1 <= ex.dosage["sets"] <= 3
    if ex.step == "activate":
        assert 10 <= ex.dosage["reps"] <= 15 and 1 <= ex.dosage["sets"] <= 2
    if ex.step == "integrate":
        assert ex.compensations and 10 <= ex.dosage["reps"] <= 15


def test_edition_choice_and_fallback_are_explicit():
    fourth = KB.muscles_for("knees_move_in", "4th")
    seventh = KB.muscles_for("knees_move_in", "7th")
    assert "vastus_lateralis" in {m.muscle for m in fourth.row.overactive}
    assert "vastus_lateralis" not in {m.muscle for m in seventh.row.overactive}
    assert seventh.row.edition == "7th" and seventh.note is None
    fallback = KB.muscles_for("feet_flatten", "7th")
    assert fallback.row.edition == "4th" and "7th edition lists no muscles" in fallback.note
    alias = KB.muscles_for("sls_knee_moves_in", "7th")
    assert alias.row.compensation == "knees_move_in"
    assert KB.muscles_for("sls_hip_drop").row is None
    with pytest.raises(ValueError):
        KB.muscles_for("knees_move_in", "6th")
