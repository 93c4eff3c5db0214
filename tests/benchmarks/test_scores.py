"""Screen scores of benchmarks/scores.py on hand-made outcomes with known counts."""

import math

from scores import ClipOutcome, score, score_table, split_of

FRONT = frozenset({"feet_turn_out", "knees_move_in", "knees_move_out", "heels_rise", "asymmetric_weight_shift"})
SIDE = frozenset({"excessive_forward_lean", "low_back_arches", "low_back_rounds", "arms_fall_forward"})


def clip(name, view, expected=None, found=None, na=(), judged=None):
    return ClipOutcome(
        name=name,
        split=split_of(name),
        view=view,
        expected=expected or {},
        judged=judged or (FRONT if view == "front" else SIDE),
        found=found or {},
        not_assessable=frozenset(na),
    )


OUTCOMES = [
    clip("heldout_01_front_clean", "front"),
    clip("heldout_02_front_clean", "front", found={"knees_move_out": "both"}),  # a false flag
    clip("heldout_03_front_knees_in", "front", {"knees_move_in": "left"}, {"knees_move_in": "right"}),  # wrong side
    clip("heldout_04_front_knees_in", "front", {"knees_move_in": "both"}, {"knees_move_in": "both"}),
    clip("heldout_05_front_turn_out", "front", {"feet_turn_out": "both"}, na={"feet_turn_out"}),
    clip("heldout_06_side_lean", "side", {"excessive_forward_lean": "both"}),  # missed
    clip("heldout_07_side_rounds", "side", {"low_back_rounds": "both"}, {"low_back_rounds": None}),  # hard, found
    clip("tuning_01_front_clean", "front"),
    clip("test_01_front_clean", "front", found={"heels_rise": "left"}),  # a false flag on the test split
]


def test_sensitivity_counts_not_assessable_as_missed():
    s = score([c for c in OUTCOMES if c.split == "heldout"])
    assert (s.positives, s.found, s.not_assessable) == (4, 2, 1)
    assert s.sensitivity == 0.5
    assert any("not assessable" in m for m in s.misses) and any("missed" in m for m in s.misses)


def test_specificity_and_false_flags_per_clean_clip():
    s = score([c for c in OUTCOMES if c.split == "heldout"])
    # negatives: 5 front items on each of 2 clean clips, 4 on each of 3 front fault clips, 3 + 3 side
    assert s.negatives == 10 + 12 + 6
    assert s.false_positives == 1 and math.isclose(s.specificity, 1 - 1 / 28)
    assert (s.clean_clips, s.clean_flags) == (2, 1) and s.flags_per_20_clean == 10.0
    assert s.false_flags == ["heldout_02_front_clean: knees_move_out (both)"]


def test_side_errors_are_the_subjects_side():
    s = score([c for c in OUTCOMES if c.split == "heldout"])
    assert (s.side_checked, s.side_errors) == (2, 1)


def test_hard_cases_are_scored_apart():
    hard = score([c for c in OUTCOMES if c.split == "heldout"], hard=True)
    assert (hard.positives, hard.found, hard.negatives) == (1, 1, 0)


def test_table_puts_the_test_split_first_and_labels_every_training_score():
    rows = score_table(OUTCOMES)
    assert rows[2].startswith("| **test** (never tuned on, scored once) | 1 | 0/0")
    assert "| 1 on 1 = 20.0 |" in rows[2]
    assert rows[3].startswith(
        "| held-out (tuned on since stop 24: a training score) | 7 | 2/4 = 0.50 (1 not assessable)"
    )
    assert rows[4].startswith("| tuning (a training score) | 1 |")


def test_split_comes_from_the_clip_name():
    assert [split_of(n) for n in ("test_03_back_clean", "heldout_01_x", "tuning_02_x", "front_clean", "testing")] == [
        "test",
        "heldout",
        "tuning",
        "samples",
        "samples",
    ]


def test_a_finding_without_side_is_not_side_checked():
    lean = clip("heldout_08_side_lean", "side", {"excessive_forward_lean": "both"}, {"excessive_forward_lean": None})
    s = score([lean])
    assert (s.found, s.side_checked, s.side_errors) == (1, 0, 0)
