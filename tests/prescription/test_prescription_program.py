"""Program builder: merging, ordering, time budget, pain referral, coach edits, language."""

from __future__ import annotations

import json

import pytest
from synthetic_kin import bump, const, make_kin, ramp

from ces_vision.prescription import (
    STEPS,
    AddExercise,
    Budget,
    ChangeDosage,
    RemoveExercise,
    SwapExercise,
    build_program,
    build_screen,
    diagnosis_words_in,
    group_by_pattern,
    load_knowledge_base,
    plan_cycle,
)
from ces_vision.screening import CheckpointResult, patterns_of, screen_clip

KB = load_knowledge_base()


def finding(compensation, confidence=1.0, flagged=5, total=5, value=20.0, threshold=10.0, side="both", view="front"):
    return CheckpointResult(
        compensation,
        "ohsa",
        view,
        "standard",
        "seen",
        side=side,
        value=value,
        threshold=threshold,
        unit="deg",
        reps_flagged=flagged,
        reps_total=total,
        confidence=confidence,
    )


def by_id(items):
    return {i.exercise.id: i for i in items}


def test_shared_targets_are_merged_into_one_exercise():
    program = build_program([finding("feet_turn_out"), finding("excessive_forward_lean", view="side")])
    items = program.computed.items
    ids = [i.exercise.id for i in items]
    assert len(ids) == len(set(ids))
    calves = by_id(items)["smr_calves"]
    assert set(calves.for_compensations) == {"feet_turn_out", "excessive_forward_lean"}
    assert "calves" in calves.covers
    for step in STEPS:  # within a step, no target is covered twice
        covers = [k for i in items if i.step == step for k in i.covers]
        assert len(covers) == len(set(covers)), step


def test_steps_are_ordered_inhibit_lengthen_activate_integrate():
    program = build_program([finding("knees_move_in"), finding("arms_fall_forward", view="side")])
    steps = [i.step for i in program.effective()]
    assert steps == sorted(steps, key=STEPS.index)
    assert set(steps) == set(STEPS)
    assert list(program.prescription_json()) == list(STEPS)


def test_time_budget_is_respected_and_what_did_not_fit_is_listed():
    many = [
        finding(c)
        for c in (
            "feet_turn_out",
            "knees_move_in",
            "excessive_forward_lean",
            "arms_fall_forward",
            "asymmetric_weight_shift",
            "feet_flatten",
        )
    ]
    budget = Budget(total_minutes=18.0, phase_max_minutes=6.0)
    program = build_program(many, budget=budget)
    assert program.minutes() <= 18.0
    for step in STEPS:
        assert sum(i.minutes for i in program.computed.items if i.step == step) <= 6.0
        assert any(i.step == step for i in program.computed.items), step  # no step starved
    assert program.computed.left_out
    small = build_program(many, budget=Budget(total_minutes=6.0, phase_max_minutes=6.0))
    assert small.minutes() <= 6.0


def test_default_budget_is_a_15_to_20_minute_warm_up():
    program = build_program(
        [finding(c) for c in ("feet_turn_out", "knees_move_in", "excessive_forward_lean", "arms_fall_forward")]
    )
    assert 10.0 <= program.minutes() <= 20.0
    assert Budget().total_minutes == 20.0 and 5.0 <= Budget().phase_max_minutes <= 10.0


def test_severe_confident_findings_win_a_tight_budget():
    findings = [
        finding("arms_fall_forward", confidence=0.3, flagged=2, value=16.0, threshold=15.0, view="side"),
        finding("knees_move_in", confidence=1.0, flagged=5, value=0.6, threshold=0.9),
    ]
    program = build_program(findings, budget=Budget(total_minutes=8.0, phase_max_minutes=4.0))
    assert program.computed.items
    assert all(i.for_compensations == ("knees_move_in",) for i in program.computed.items)
    assert "integrate: arms_fall_forward" in program.computed.left_out
    roomy = build_program(findings, budget=Budget(total_minutes=40.0, phase_max_minutes=10.0))
    assert any("arms_fall_forward" in i.for_compensations for i in roomy.computed.items)


def test_edition_changes_the_targets_and_fallback_is_noted():
    seventh = build_program([finding("knees_move_in"), finding("heels_rise")], edition="7th")
    fourth = build_program([finding("knees_move_in"), finding("heels_rise")], edition="4th")
    covered_7 = {m for i in seventh.computed.items for m in i.covers}
    covered_4 = {m for i in fourth.computed.items for m in i.covers}
    assert "vastus_lateralis" in covered_4 and "vastus_lateralis" not in covered_7
    assert any("heels rise" in n and "4th edition" in n for n in seventh.computed.notes)
    assert seventh.computed.edition == "7th"


def test_weight_shift_muscles_say_which_side():
    program = build_program(
        [finding("asymmetric_weight_shift", side="left", value=0.2, threshold=0.12)],
        budget=Budget(total_minutes=40, phase_max_minutes=10),
    )
    notes = " ".join(i.note for i in program.computed.items)
    assert "adductors: left side for asymmetric weight shift" in notes
    assert "right side for asymmetric weight shift" in notes


def test_coach_edits_are_kept_apart_from_the_computation():
    program = build_program([finding("knees_move_in"), finding("feet_turn_out")])
    computed_ids = [i.exercise.id for i in program.computed.items]
    first_inhibit = next(i for i in program.computed.items if i.step == "inhibit").exercise.id
    first_activate = next(i for i in program.computed.items if i.step == "activate").exercise.id
    edited = program.with_edits(
        RemoveExercise(first_inhibit, note="no roller at home"),
        SwapExercise(first_activate, "tube_walking_side")
        if first_activate != "tube_walking_side"
        else SwapExercise(first_activate, "side_lying_hip_abduction"),
        ChangeDosage(computed_ids[-1], {"reps": 10, "sets": 1}, minutes=1.5),
        AddExercise("dead_bug", note="client likes it"),
    )
    assert [i.exercise.id for i in edited.computed.items] == computed_ids  # computation untouched
    assert program.edits == () and len(edited.edits) == 4
    effective = by_id(edited.effective())
    assert first_inhibit not in effective
    assert first_activate not in effective
    last = effective[computed_ids[-1]]
    assert (last.dosage["reps"], last.dosage["sets"], last.minutes, last.origin) == (10, 1, 1.5, "coach")
    assert effective["dead_bug"].origin == "coach" and effective["dead_bug"].step == "activate"
    steps = [i.step for i in edited.effective()]
    assert steps == sorted(steps, key=STEPS.index)
    record = edited.to_dict()
    assert [e["edit"] for e in record["edits"]] == ["remove", "swap", "dosage", "add"]
    assert [i["id"] for i in record["computed"]["items"]] == computed_ids


def test_cycle_plan_rescreens_and_tapers():
    plan = plan_cycle()
    assert plan.rescreen_weeks == (6, 12)
    volumes = [b.corrective_volume for b in plan.blocks]
    assert volumes == sorted(volumes, reverse=True) and volumes[-1] < volumes[0]
    assert plan_cycle(16).blocks[-1].last_week == 16
    with pytest.raises(ValueError):
        plan_cycle(8)


# ------------------------------------------------------------------ whole screen ---
def screen_clips():
    front = make_kin(
        "front",
        {
            "knee_ankle_gap_ratio": ramp(-0.3, base=1.0),
            "foot_turn_out": {"left": ramp(40.0, base=-10.0), "right": ramp(40.0, base=-10.0)},
            "knee_fppa": {"left": bump(26.0), "right": bump(3.0)},
            "hip_shift": ramp(0.3),
        },
    )
    side = make_kin("side", {"trunk_shin_diff": ramp(20.0), "arm_trunk_angle": ramp(25.0, base=5.0)}, near_side="left")
    sls = make_kin("front", {"knee_fppa": {"left": bump(12.0), "right": const(0.0)}, "pelvis_tilt": ramp(8.0)})
    return [
        screen_clip(front, "front"),
        screen_clip(side, "side"),
        screen_clip(sls, "front", assessment="single_leg_squat", leg="left"),
        screen_clip(
            make_kin(
                "front",
                {
                    "knee_ankle_gap_ratio": ramp(0.2, base=1.0),
                    "foot_turn_out": {"left": const(10.0), "right": const(10.0)},
                },
            ),
            "front",
            variant="heels_elevated",
        ),
    ]


def test_pain_adds_a_referral_and_removes_nothing():
    without = build_screen(screen_clips())
    with_pain = build_screen(screen_clips(), client_pain=True)
    assert without.referral is None
    assert "physical therapist" in with_pain.referral and "licensed clinician" in with_pain.referral
    data_with, data_without = with_pain.to_json(), without.to_json()
    assert data_with["referral"] == with_pain.referral and data_with["client_pain"] is True
    for key in ("findings", "not_assessable", "checklist", "score", "prescription", "differential"):
        assert data_with[key] == data_without[key], key


def test_screen_json_carries_the_contract_fields():
    screen = build_screen(screen_clips())
    data = json.loads(json.dumps(screen.to_json(), allow_nan=False))
    assert data["schema_version"] == 1 and data["score"]["version"] == "ohsa-1"
    found = {f["compensation"] for f in data["findings"]}
    assert {
        "knees_move_in",
        "feet_turn_out",
        "excessive_forward_lean",
        "arms_fall_forward",
        "asymmetric_weight_shift",
        "sls_knee_moves_in",
        "sls_hip_drop",
    } <= found
    # no back clip, and the front and side views never judge heels_rise
    assert set(data["not_assessable"]) == {"low_back_arches", "low_back_rounds", "feet_flatten", "heels_rise"}
    # score by hand (screening/summary.py): 6 assessable (front: feet_turn_out, knees in/out,
    # weight shift; side: forward lean, arms), 5 seen (not knees_move_out): 100 * (1 - 5/6) = 16.7
    assert data["score"]["value"] == 16.7
    assert set(data["prescription"]) == {"inhibit", "lengthen", "activate", "integrate"}
    for step, items in data["prescription"].items():
        assert items, step
        for item in items:
            assert {"name", "targets", "dosage", "minutes", "description", "regressions", "progressions"} <= set(item)
    outcomes = {d["compensation"]: d["outcome"] for d in data["differential"]}
    assert outcomes == {
        "feet_turn_out": "disappeared",
        "knees_move_in": "disappeared",
        "excessive_forward_lean": "not_compared",
    }  # no heels-elevated side clip
    edited = screen.with_program(screen.program.with_edits(RemoveExercise(data["prescription"]["inhibit"][0]["id"])))
    assert edited.to_json()["program"]["edits"] and screen.to_json()["program"]["edits"] == []


def test_no_diagnosis_words_in_anything_generated_or_stored():
    assert diagnosis_words_in("This is not a diagnosis of an injury") == ["diagnos", "injur"]
    assert diagnosis_words_in("physical therapist; straight; retreat") == []
    texts = [json.dumps(build_screen(screen_clips(), client_pain=True).to_json())]
    texts += [json.dumps(e.to_dict()) for e in KB.exercises.values()]
    texts += [r.source for r in KB.rows]
    everything = [
        finding(c)
        for c in (
            "feet_turn_out",
            "knees_move_in",
            "knees_move_out",
            "excessive_forward_lean",
            "arms_fall_forward",
            "asymmetric_weight_shift",
            "feet_flatten",
            "heels_rise",
            "low_back_arches",
            "low_back_rounds",
        )
    ]
    texts.append(json.dumps(build_program(everything, budget=Budget(60, 30)).to_dict()))
    for text in texts:
        assert diagnosis_words_in(text) == [], text[:200]


def test_exercises_are_grouped_by_pattern_in_step_order_within_each_group():
    findings = [finding("feet_turn_out"), finding("knees_move_in"), finding("asymmetric_weight_shift")]
    program = build_program(findings).with_edits(AddExercise("smr_lats"))
    items = program.effective()
    patterns = patterns_of(findings)
    groups = group_by_pattern(items, patterns)
    assert [p.pattern.id if p else None for p, _ in groups] == ["pronation_distortion", None]
    pronation, rest = groups[0][1], groups[1][1]
    assert all({"feet_turn_out", "knees_move_in"} & set(i.for_compensations) for i in pronation)
    assert all(not {"feet_turn_out", "knees_move_in"} & set(i.for_compensations) for i in rest)
    assert "smr_lats" in [i.exercise.id for i in rest]  # the coach's own addition serves no finding
    assert sorted(map(id, pronation + rest)) == sorted(map(id, items))  # every exercise once
    for _, group in groups:
        steps = [i.step for i in group]
        assert steps == sorted(steps, key=STEPS.index)
    assert {i.step for i in pronation} == set(STEPS)
    # the same from the stored exercise dicts; without a pattern there is one group
    dicts = [i.to_dict() for i in items]
    assert [[d["id"] for d in g] for _, g in group_by_pattern(dicts, patterns)] == [
        [i.exercise.id for i in g] for _, g in groups
    ]
    assert group_by_pattern(items, ()) == ((None, items),)


def test_screen_json_lists_the_patterns():
    side = make_kin("side", {"trunk_shin_diff": ramp(20.0), "arm_trunk_angle": const(0.0)}, near_side="left")
    screen = build_screen([screen_clip(side)])
    data = json.loads(json.dumps(screen.to_json()))
    patterns = {p["pattern"]: p for p in data["patterns"]}
    assert list(patterns) == ["lower_crossed"]
    assert patterns["lower_crossed"]["supporting"] == ["excessive_forward_lean"]
    assert {"compensation": "low_back_arches", "status": "not_assessable"} in patterns["lower_crossed"]["missing"]
