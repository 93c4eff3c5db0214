"""Every rule of `rules.RULES`, on synthetic kinematics with exactly known values.

Each rule is tested in isolation: the other rules judging the same compensation in the
same view get an unreachable threshold, so only the rule under test can fire.
"""

from __future__ import annotations

import pytest

from ces_vision.screening import RULES, Rule, load_thresholds, screen_clip
from synthetic_kin import bump, const, make_kin, ramp, visibility

NEUTRAL = {"knee_ankle_gap_ratio": 1.0}
MARGIN = 0.15  # fire at threshold * 1.15, "just under" at threshold * 0.85

CASES = [pytest.param(rule, view, id=f"{rule.compensation}-{view}-{rule.metric}-{rule.threshold_key}")
         for rule in RULES for view in rule.views]


def isolated(rule: Rule, view: str):
    """Thresholds where every sibling rule (same compensation, assessment, view) cannot fire."""
    values = {
        other.threshold_key: (1e6 if other.comparison == ">" else -1e6)
        for other in RULES
        if other is not rule and other.compensation == rule.compensation
        and other.assessment == rule.assessment and view in other.views
    }
    return load_thresholds(values=values)


def profile(rule: Rule, judged: float, mirror: float = 1.0, reps=None):
    """A series whose judged statistic (after sign and baseline) is exactly `judged`."""
    shape = bump if rule.phase == "mid_descent" else ramp
    neutral = NEUTRAL.get(rule.metric, 0.0)
    if rule.baseline:
        base = 3.0  # a standing offset the baseline must remove
        return shape(mirror * rule.sign * judged, base=base, reps=reps)
    assert rule.sign == 1.0
    return shape(judged - neutral, base=neutral, reps=reps)


def judged_amount(rule: Rule, th, above: bool) -> float:
    t = getattr(th, rule.threshold_key)
    factor = (1 + MARGIN) if above else (1 - MARGIN)
    if rule.comparison == "<":
        factor = (1 - MARGIN) if above else (1 + MARGIN)  # "above" = crosses the threshold
    return t * factor


def clip(rule: Rule, view: str, judged: float, side: str = "left", reps=None, n_reps: int = 5):
    """Kinematics for `rule` showing `judged` on `side`; returns (kin, leg)."""
    leg = side if rule.assessment == "single_leg_squat" else None
    if rule.sides in ("each", "stance"):
        metrics = {rule.metric: {side: profile(rule, judged, reps=reps),
                                 ("right" if side == "left" else "left"): const(0.0)}}
    elif rule.sides == "stance_signed":
        metrics = {rule.metric: profile(rule, judged, mirror=1.0 if side == "left" else -1.0, reps=reps)}
    elif rule.sides == "signed":
        metrics = {rule.metric: profile(rule, judged if side == "left" else -judged, reps=reps)}
    else:
        metrics = {rule.metric: profile(rule, judged, reps=reps)}
    near = "left" if view == "side" else None
    return make_kin(view, metrics, n_reps=n_reps, near_side=near), leg


def line(result, compensation):
    return next(c for c in result.checklist if c.compensation == compensation)


def expected_side(rule: Rule, side: str) -> str | None:
    return None if rule.sides == "value" else side


@pytest.mark.parametrize("rule,view", CASES)
def test_rule_fires_above_threshold(rule, view):
    th = isolated(rule, view)
    amount = judged_amount(rule, th, above=True)
    kin, leg = clip(rule, view, amount)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "seen", found.reason
    assert found.reps_flagged == 5 and found.reps_total == 5
    assert found.value == pytest.approx(abs(amount), abs=1e-3)
    assert found.threshold == getattr(th, rule.threshold_key)
    assert found.metric == rule.metric
    assert found.side == expected_side(rule, "left")
    assert found.confidence == pytest.approx(1.0)


@pytest.mark.parametrize("rule,view", CASES)
def test_rule_silent_just_under_threshold(rule, view):
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=False))
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "not_seen"
    assert found.reps_flagged == 0 and found.side is None


@pytest.mark.parametrize("rule,view", [c for c in CASES if c.values[0].sides != "value"])
def test_rule_reports_the_other_side(rule, view):
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True), side="right")
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "seen"
    assert found.side == "right"


@pytest.mark.parametrize("rule,view", [c for c in CASES if c.values[0].sides == "stance"])
def test_single_leg_rule_ignores_the_free_leg(rule, view):
    th = isolated(rule, view)
    kin, _ = clip(rule, view, judged_amount(rule, th, above=True), side="right")
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg="left"), rule.compensation)
    assert found.status == "not_seen"


@pytest.mark.parametrize("rule,view", CASES)
def test_poorly_visible_landmarks_lower_confidence_then_block(rule, view):
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True))
    dim = line(screen_clip(kin, view, rule.assessment, visibility=visibility(kin, 0.65), thresholds=th, leg=leg),
               rule.compensation)
    assert dim.status == "seen"
    assert dim.confidence == pytest.approx((0.65 - th.min_visibility) / (th.full_visibility - th.min_visibility), abs=1e-3)
    hidden = line(screen_clip(kin, view, rule.assessment, visibility=visibility(kin, 0.3), thresholds=th, leg=leg),
                  rule.compensation)
    assert hidden.status == "not_assessable"
    assert "measurable" in hidden.reason


@pytest.mark.parametrize("rule,view", CASES)
def test_one_rep_of_five_is_not_enough_two_are(rule, view):
    th = isolated(rule, view)
    amount = judged_amount(rule, th, above=True)
    kin, leg = clip(rule, view, amount, reps=[3])
    once = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (once.status, once.reps_flagged, once.reps_total) == ("not_seen", 1, 5)
    assert [e.rep for e in once.evidence if e.flagged] == [4]
    kin, leg = clip(rule, view, amount, reps=[1, 3])
    twice = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (twice.status, twice.reps_flagged) == ("seen", 2)
    assert [e.rep for e in twice.evidence if e.flagged] == [2, 4]


@pytest.mark.parametrize("rule,view", CASES)
def test_a_single_rep_clip_is_not_assessable(rule, view):
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True), n_reps=1)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "not_assessable"
    assert "1 of 1 reps" in found.reason
