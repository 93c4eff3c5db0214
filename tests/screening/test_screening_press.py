"""Pushing and pulling assessments: each rule fires on a synthetic clip where it must and
stays quiet where it must not; too few reps or an arm out of frame is not assessable."""

from __future__ import annotations

import numpy as np
import pytest
from synthetic_kin import const, make_kin, nan_in_reps, ramp

from ces_vision.screening import CHECKPOINTS, default_thresholds, screen_clip
from ces_vision.screening.summary import clip_name

TH = default_thresholds()
REACH = {"wrist_reach": const(0.5)}  # the arm is in frame; reps come from the layout


def _line(assessment: str, metrics: dict, n_reps: int = 5):
    kin = make_kin("side", {**REACH, **metrics}, n_reps=n_reps, near_side="left")
    screen = screen_clip(kin, "side", assessment=assessment)
    return {line.compensation: line for line in screen.checklist}


@pytest.mark.parametrize("assessment", ["push", "pull"])
def test_the_checklist_of_push_and_pull(assessment):
    assert CHECKPOINTS[(assessment, "side")] == ("shoulders_elevate", "head_juts_forward", "low_back_arches")


@pytest.mark.parametrize("assessment", ["push", "pull"])
@pytest.mark.parametrize(
    "compensation, metric, fires, quiet, wrong_way",
    [
        # the shoulder-ear distance shrinks in a shrug; growing (shoulders down) is fine
        ("shoulders_elevate", "shoulder_ear_distance", -1.5, -0.7, +1.5),
        # the ear moves ahead of the shoulder; moving back is fine
        ("head_juts_forward", "ear_ahead_of_shoulder", +1.5, +0.7, -1.5),
        # the trunk leans back against the start; leaning forward is not an arch
        ("low_back_arches", "trunk_angle", -1.5, -0.7, +1.5),
    ],
)
def test_each_rule_fires_from_the_start_position_and_only_past_its_threshold(
    assessment, compensation, metric, fires, quiet, wrong_way
):
    threshold = {
        "shoulders_elevate": TH.shoulder_ear_shrink_ratio,
        "head_juts_forward": TH.ear_forward_ratio,
        "low_back_arches": TH.trunk_back_deg,
    }[compensation]
    base = 10.0 if metric == "trunk_angle" else 0.3  # any start posture: only the change counts

    def status(factor):
        near = ramp(factor * threshold, base)  # the near (left) side; the value of a side view
        profile = {"value": near} if metric == "trunk_angle" else {"left": near, "right": const(base), "value": near}
        return _line(assessment, {metric: profile})[compensation]

    seen = status(fires)
    assert seen.status == "seen" and seen.reps_flagged == 5
    assert seen.value == pytest.approx(abs(fires) * threshold, rel=1e-6)
    assert seen.threshold == threshold and seen.metric == metric
    assert status(quiet).status == "not_seen"
    assert status(wrong_way).status == "not_seen"


def test_one_odd_rep_is_not_a_finding():
    odd = ramp(3 * TH.ear_forward_ratio, 0.1, reps=[2])
    line = _line("push", {"ear_ahead_of_shoulder": {"left": odd, "value": odd}})
    assert line["head_juts_forward"].status == "not_seen"
    assert line["head_juts_forward"].reps_flagged == 1


def test_the_far_side_does_not_decide_a_side_view():
    far = {
        "shoulder_ear_distance": {
            "left": const(0.3),
            "right": ramp(-3 * TH.shoulder_ear_shrink_ratio, 0.3),
            "value": const(0.3),
        }
    }
    assert _line("pull", far)["shoulders_elevate"].status == "not_seen"


@pytest.mark.parametrize("assessment", ["push", "pull"])
def test_too_few_reps_is_not_assessable_with_the_reason(assessment):
    lines = _line(assessment, {"ear_ahead_of_shoulder": {"left": ramp(0.2, 0.1)}}, n_reps=TH.press_min_reps - 1)
    for line in lines.values():
        assert line.status == "not_assessable"
        assert f"only {TH.press_min_reps - 1} complete {assessment} rep" in line.reason


def test_an_arm_out_of_frame_is_not_assessable_with_the_reason():
    hidden = {"wrist_reach": nan_in_reps(const(0.5), range(5))}
    kin = make_kin("side", {**hidden, "trunk_angle": ramp(-10.0)}, near_side="left")
    kin.series["wrist_reach"].value[:] = np.nan  # never seen: out of frame throughout
    for line in screen_clip(kin, "side", assessment="push").checklist:
        assert line.status == "not_assessable"
        assert "out of frame" in line.reason


def test_the_overhead_squat_still_cannot_measure_a_low_back_arch():
    kin = make_kin(
        "side",
        {**REACH, "trunk_angle": ramp(-10.0), "trunk_shin_diff": const(0.0), "arm_trunk_angle": const(0.0)},
        near_side="left",
    )
    line = {c.compensation: c for c in screen_clip(kin, "side", assessment="ohsa").checklist}["low_back_arches"]
    assert line.status == "not_assessable"


def test_a_push_clip_is_named_as_the_push():
    kin = make_kin("side", REACH, near_side="left")
    assert clip_name(screen_clip(kin, "side", assessment="push")) == "push (side view)"
