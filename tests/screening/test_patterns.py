"""Movement patterns from combined findings: when each fires, and what it lists."""

from __future__ import annotations

import re

import pytest

from ces_vision.prescription import DIAGNOSIS_WORDS
from ces_vision.reports.content import checklist_rows
from ces_vision.screening import CheckpointResult, find_patterns, load_patterns, patterns_of, screen_statuses
from ces_vision.screening.rules import CHECKPOINTS


def _ids(matches):
    return [m.pattern.id for m in matches]


def _line(comp, status, view="front", variant="standard"):
    return CheckpointResult(comp, "ohsa", view, variant, status)


def test_pronation_distortion_needs_the_feet_and_the_knees():
    (match,) = find_patterns({"feet_turn_out": "seen", "knees_move_in": "seen", "feet_flatten": "not_assessable"})
    assert match.pattern.id == "pronation_distortion"
    assert match.supporting == ("feet_turn_out", "knees_move_in")
    assert match.missing == (("feet_flatten", "not_assessable"),)
    assert match.text() == (
        "A movement pattern consistent with pronation distortion: feet turn out, knees move "
        "inward. Missing: feet flatten (not assessable)."
    )
    (flat,) = find_patterns({"feet_flatten": "seen", "knees_move_in": "seen", "feet_turn_out": "not_seen"})
    assert flat.supporting == ("feet_flatten", "knees_move_in") and flat.missing == (("feet_turn_out", "not_seen"),)


@pytest.mark.parametrize(
    "statuses",
    [
        {"feet_turn_out": "seen", "knees_move_in": "not_seen"},  # the feet alone
        {"knees_move_in": "seen", "feet_turn_out": "not_seen", "feet_flatten": "not_assessable"},  # the knees alone
        {"knees_move_out": "seen", "feet_turn_out": "seen"},  # knees out is not knees in
        {"heels_rise": "seen", "asymmetric_weight_shift": "seen"},
        {},
    ],
)
def test_no_pattern_without_its_required_findings(statuses):
    assert find_patterns(statuses) == ()


def test_lower_crossed_from_forward_lean_lists_the_arch_and_pelvic_tilt_as_missing():
    (match,) = find_patterns({"excessive_forward_lean": "seen", "low_back_arches": "not_assessable"})
    assert match.pattern.id == "lower_crossed"
    assert match.supporting == ("excessive_forward_lean",)
    assert match.missing == (("low_back_arches", "not_assessable"), ("anterior_pelvic_tilt", "not_assessed"))
    (both,) = find_patterns(
        {"low_back_arches": "seen", "excessive_forward_lean": "seen", "anterior_pelvic_tilt": "seen"}
    )
    assert (
        both.supporting == ("excessive_forward_lean", "low_back_arches", "anterior_pelvic_tilt") and both.missing == ()
    )


def test_upper_crossed_from_arms_alone_says_the_push_pull_checks_were_not_assessed():
    (match,) = find_patterns({"arms_fall_forward": "seen"})
    assert match.pattern.id == "upper_crossed"
    assert match.supporting == ("arms_fall_forward",)
    assert match.missing == (("shoulders_elevate", "not_assessed"), ("head_juts_forward", "not_assessed"))
    assert "shoulders elevate (not assessed), head juts forward (not assessed)" in match.text()
    (pushed,) = find_patterns(
        {"shoulders_elevate": "seen", "head_juts_forward": "not_seen", "arms_fall_forward": "not_filmed"}
    )
    assert pushed.supporting == ("shoulders_elevate",)
    assert pushed.missing == (("arms_fall_forward", "not_filmed"), ("head_juts_forward", "not_seen"))


def test_several_patterns_at_once_in_data_order():
    statuses = {c: "seen" for c in ("arms_fall_forward", "knees_move_in", "feet_turn_out", "excessive_forward_lean")}
    assert _ids(find_patterns(statuses)) == ["pronation_distortion", "lower_crossed", "upper_crossed"]


def test_statuses_merge_across_views_and_leave_variant_clips_out():
    lines = [
        _line("knees_move_in", "seen"),
        _line("feet_turn_out", "not_seen"),
        _line("feet_turn_out", "seen", "front", "heels_elevated"),  # a variant is a differential test
        _line("feet_flatten", "not_assessable", "back"),
    ]
    assert screen_statuses(lines) == {
        "knees_move_in": "seen",
        "feet_turn_out": "not_seen",
        "feet_flatten": "not_assessable",
    }
    assert patterns_of(lines) == ()
    assert _ids(patterns_of(lines + [_line("feet_flatten", "seen", "back")])) == ["pronation_distortion"]


def test_the_coachs_override_changes_the_pattern():
    analysis = {
        "view": "front",
        "checklist": [_line("feet_turn_out", "seen").to_dict(), _line("knees_move_in", "seen").to_dict()],
    }
    assert _ids(patterns_of(checklist_rows(analysis))) == ["pronation_distortion"]
    not_seen = {("ohsa", "knees_move_in", "front", "standard", None): "not_seen"}
    assert patterns_of(checklist_rows(analysis, not_seen)) == ()
    side = {"view": "side", "checklist": [_line("arms_fall_forward", "not_seen", "side").to_dict()]}
    seen = {("ohsa", "arms_fall_forward", "side", "standard", None): "seen"}
    assert _ids(patterns_of(checklist_rows(side, seen))) == ["upper_crossed"]


def test_pattern_data_names_known_checkpoints_cites_sources_and_never_diagnoses():
    known = {c for comps in CHECKPOINTS.values() for c in comps}
    # pushing / pulling checks land with that assessment; pelvic tilt is read where a rule measures it
    later = {"shoulders_elevate", "head_juts_forward", "anterior_pelvic_tilt"}
    for pattern in load_patterns():
        assert set(pattern.compensations) <= known | later, pattern.id
        assert pattern.source and ("docs/DOMAIN.md" in pattern.source and "seed guide" in pattern.source)
        (match,) = find_patterns({c: "seen" for group in pattern.required for c in group}, (pattern,))
        for text in (match.text(), pattern.name):
            assert not re.search(r"\b(" + "|".join(DIAGNOSIS_WORDS) + ")", text, re.IGNORECASE), text
