"""Plain-language names of the metrics, and the values drawn on the stills."""

from __future__ import annotations

import pytest

from ces_vision.kinematics.catalog import METRICS
from ces_vision.reports.wording import READOUT_NAMES, Measurement, measurement, readout_text


@pytest.mark.parametrize("spec", METRICS, ids=lambda s: s.name)
def test_every_catalogue_metric_has_a_short_readout_name(spec):
    assert READOUT_NAMES.get(spec.name), f"{spec.name} has no short name in wording.READOUT_NAMES"


def test_measurement_reads_the_lines_own_fields_in_plain_words():
    line = {"metric": "trunk_shin_diff", "value": 18.04, "threshold": 15.0, "unit": "deg", "status": "seen"}
    assert measurement(line) == Measurement("Torso lean minus shin lean", "18.0°", "15.0°")
    assert measurement({**line, "unit": "ratio", "value": 0.714, "threshold": 0.8}) == Measurement(
        "Torso lean minus shin lean", "0.71", "0.80"
    )
    assert measurement({**line, "value": None, "status": "not_assessable"}) is None
    assert measurement({**line, "value": float("nan")}) is None  # an analysis-JSON finding's missing value


@pytest.mark.parametrize("spec", METRICS, ids=lambda s: s.name)
def test_readout_unit_follows_the_metric_unit(spec):
    text = readout_text(spec.name, spec.unit, 0.0912)
    assert text.isascii()  # OpenCV's fonts draw ASCII only
    if spec.unit == "deg":
        assert text.endswith(" 0 deg")
    else:
        assert "deg" not in text and "0.09" in text


def test_heel_lift_readout():
    assert readout_text("heel_lift", "ratio", 0.0912) == "lift 0.09"
    assert readout_text("trunk_angle", "deg", 49.6) == "torso 50 deg"


def test_program_rows_read_in_plain_words():
    from ces_vision.prescription import dosage_text, load_knowledge_base
    from ces_vision.reports.content import exercise_text

    exercise = next(
        e for e in load_knowledge_base().exercises.values() if e.dosage.get("hold_s") and e.dosage.get("per_side")
    )
    item = dict(exercise.to_dict(), targets=["tfl", "lateral_gastrocnemius"], minutes=1.5)
    name, dosage, how = exercise_text(item)
    assert name == exercise.name
    assert dosage == f"{dosage_text(exercise.dosage)} (1.5 min)" and "each side" in dosage and "True" not in dosage
    assert how.endswith("Targets: tensor fasciae latae (TFL), lateral gastrocnemius.") and "_" not in how
    assert dosage_text({"reps": 12, "sets": 2, "tempo": "4-2-1"}) == "2 x 12 reps, tempo 4-2-1"
    assert dosage_text({"hold_s": 30, "sets": 1, "per_side": True}) == "hold 30 s, 1 set, each side"


def test_a_one_rep_finding_says_it_was_one_squat():
    from ces_vision.reports.wording import finding_sentence

    one = {"compensation": "knees_move_in", "side": "left", "reps_flagged": 1, "reps_total": 1}
    assert finding_sentence(one).startswith("In the one squat filmed, your left knee")
    assert finding_sentence({**one, "reps_flagged": 2, "reps_total": 3}).startswith("In 2 of 3 squats,")


def test_push_and_pull_findings_count_presses_and_rows_not_squats():
    from ces_vision.reports.wording import finding_sentence

    push = {"compensation": "low_back_arches", "assessment": "push", "side": None, "reps_flagged": 3, "reps_total": 4}
    assert finding_sentence(push) == "In 3 of 4 presses, your lower back arched as you pressed."
    pull = {
        "compensation": "shoulders_elevate",
        "assessment": "pull",
        "side": "left",
        "reps_flagged": 1,
        "reps_total": 1,
    }
    assert finding_sentence(pull) == "In the one row filmed, your left shoulder rose toward your ear as you pulled."
    squat = {"compensation": "low_back_arches", "assessment": "ohsa", "side": None, "reps_flagged": 2, "reps_total": 5}
    assert finding_sentence(squat) == "In 2 of 5 squats, your lower back arched as you lowered."
