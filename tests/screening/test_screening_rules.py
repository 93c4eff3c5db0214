"""Every rule of `rules.RULES`, on synthetic kinematics with exactly known values.

Each rule is tested in isolation. A rep shows a compensation when every necessary rule
of the view fires and any other rule fires, so the siblings of the rule under test
(same compensation, assessment and view) are taken out of the decision:

* another non-necessary sibling never fires: a neutral series and, unless it shares the
  rule's threshold key, an unreachable threshold;
* a necessary sibling always fires (a series far over its threshold);
* when the rule under test is itself necessary, every sibling always fires, and the
  rule under test alone lets the reps through or not.

Siblings sharing the rule's metric are silenced by their threshold only.
"""

from __future__ import annotations

import dataclasses

import pytest
from synthetic_kin import bump, const, make_kin, nan_in_reps, ramp, visibility

from ces_vision.kinematics.catalog import METRICS_BY_NAME, metric_label
from ces_vision.screening import ARM_ASSESSMENTS, RULES, Rule, load_thresholds, screen_clip

NEUTRAL = {"knee_ankle_gap_ratio": 1.0}
MARGIN = 0.15  # fire at threshold * 1.15, "just under" at threshold * 0.85
NEVER = 1e6  # an unreachable threshold
LARGE = 1e3  # a judged amount far over any default threshold

CASES = [
    pytest.param(rule, view, id=f"{rule.compensation}-{view}-{rule.metric}-{rule.threshold_key}")
    for rule in RULES
    for view in rule.views
]
NECESSARY = [c for c in CASES if c.values[0].necessary]


def siblings(rule: Rule, view: str) -> list[Rule]:
    return [
        other
        for other in RULES
        if other is not rule
        and other.compensation == rule.compensation
        and other.assessment == rule.assessment
        and view in other.views
    ]


def must_fire(rule: Rule, other: Rule) -> bool:
    return other.necessary or rule.necessary


def isolated(rule: Rule, view: str):
    """Thresholds: every non-necessary sibling with its own key can never fire."""
    values: dict[str, float] = {}
    for other in siblings(rule, view):
        if other.metric == rule.metric:  # no series of its own: the threshold must silence it
            assert not must_fire(rule, other) and other.threshold_key != rule.threshold_key, other
        if not must_fire(rule, other) and other.threshold_key != rule.threshold_key:
            values[other.threshold_key] = NEVER if other.comparison == ">" else -NEVER
    return load_thresholds(values=values)


def profile(rule: Rule, judged: float, mirror: float = 1.0, reps=None):
    """A series whose judged statistic (after sign and baseline) is exactly `judged`."""
    shape = bump if rule.phase == "mid_descent" else ramp
    neutral = NEUTRAL.get(rule.metric, 0.0)
    if rule.baseline:
        # a standing offset the baseline must remove; the hips within the stance a client can
        # stand in (further off-centre, clip_quality makes the weight shift not assessable)
        base = 0.1 if rule.metric == "hip_shift" else 3.0
        return shape(mirror * rule.sign * judged, base=base, reps=reps)
    assert rule.sign == 1.0
    return shape(judged - neutral, base=neutral, reps=reps)


def judged_amount(rule: Rule, th, above: bool) -> float:
    t = getattr(th, rule.threshold_key)
    factor = (1 + MARGIN) if above else (1 - MARGIN)
    if rule.comparison == "<":
        factor = (1 - MARGIN) if above else (1 + MARGIN)  # "above" = crosses the threshold
    return t * factor


def neutral(metric: str):
    value = const(NEUTRAL.get(metric, 0.0))
    return {"left": value, "right": value} if METRICS_BY_NAME[metric].bilateral else value


def sibling_series(rule: Rule, other: Rule, th, fire: bool):
    """A neutral series for `other`, or one far over its threshold on both sides."""
    if not fire:
        if other.threshold_key == rule.threshold_key:  # silenced by its data alone
            assert getattr(th, other.threshold_key) > 0 and other.comparison == ">", other
        return neutral(other.metric)
    assert other.comparison == ">" and LARGE > 10 * getattr(th, other.threshold_key), other
    series = profile(other, LARGE)
    return {"left": series, "right": series} if other.sides in ("each", "stance") else series


def clip(
    rule: Rule,
    view: str,
    judged: float,
    side: str = "left",
    reps=None,
    n_reps: int = 5,
    th=None,
    fire_siblings: bool = True,
    nan_reps=None,
):
    """Kinematics for `rule` showing `judged` on `side`; returns (kin, leg).

    fire_siblings=False gives the siblings that must fire a neutral series instead.
    nan_reps: reps where the rule's own series is NaN (not measurable).
    """
    th = th or isolated(rule, view)
    leg = side if rule.assessment == "single_leg_squat" else None
    if rule.sides in ("each", "stance"):
        metrics = {
            rule.metric: {side: profile(rule, judged, reps=reps), ("right" if side == "left" else "left"): const(0.0)}
        }
    elif rule.sides == "stance_signed":
        metrics = {rule.metric: profile(rule, judged, mirror=1.0 if side == "left" else -1.0, reps=reps)}
    elif rule.sides == "signed":
        metrics = {rule.metric: profile(rule, judged if side == "left" else -judged, reps=reps)}
    else:
        metrics = {rule.metric: profile(rule, judged, reps=reps)}
    if nan_reps is not None:
        own = metrics[rule.metric]
        metrics[rule.metric] = (
            {k: nan_in_reps(v, nan_reps) for k, v in own.items()}
            if isinstance(own, dict)
            else nan_in_reps(own, nan_reps)
        )
    for other in siblings(rule, view):
        if other.metric != rule.metric:
            metrics[other.metric] = sibling_series(rule, other, th, fire_siblings and must_fire(rule, other))
    if rule.assessment in ARM_ASSESSMENTS:
        metrics["wrist_reach"] = const(0.5)  # push / pull: the arm whose reps are counted is in frame
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
    assert [e.flagged for e in found.evidence] == [True] * 5
    assert found.confidence == pytest.approx(1.0)
    if rule.necessary:
        # a necessary rule only lets a rep through: the size reported is the deciding rule's
        deciding = [o for o in siblings(rule, view) if not o.necessary]
        assert found.metric in {o.metric for o in deciding} and found.metric != rule.metric
        return
    assert found.value == pytest.approx(abs(amount), abs=1e-3)
    assert found.threshold == getattr(th, rule.threshold_key)
    assert found.metric == rule.metric
    assert found.side == expected_side(rule, "left")


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
    # a necessary rule judges each side too, but the side reported is the deciding
    # rule's (its siblings fire on both sides here)
    assert found.side == ("both" if rule.necessary else "right")
    if not rule.necessary:
        kin, leg = clip(rule, view, judged_amount(rule, th, above=False), side="right")
        assert (
            line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation).status
            == "not_seen"
        )


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
    dim = line(
        screen_clip(kin, view, rule.assessment, visibility=visibility(kin, 0.65), thresholds=th, leg=leg),
        rule.compensation,
    )
    assert dim.status == "seen"
    assert dim.confidence == pytest.approx(
        (0.65 - th.min_visibility) / (th.full_visibility - th.min_visibility), abs=1e-3
    )
    hidden = line(
        screen_clip(kin, view, rule.assessment, visibility=visibility(kin, 0.3), thresholds=th, leg=leg),
        rule.compensation,
    )
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
def test_a_single_rep_clip_is_judged_on_its_rep(rule, view):
    # one careful rep per view is a screen, with a confidence that says it is one rep (a
    # push / pull set needs press_min_reps reps by default: test_screening_press)
    th = dataclasses.replace(isolated(rule, view), press_min_reps=1)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True), n_reps=1)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total) == ("seen", 1, 1)
    assert found.confidence == pytest.approx(1 / th.expected_reps)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=False), n_reps=1)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total) == ("not_seen", 0, 1)


# ------------------------------------------------------------------ necessary rules ---
@pytest.mark.parametrize("rule,view", [c for c in CASES if any(o.necessary for o in siblings(*c.values))])
def test_a_rule_does_not_fire_without_its_necessary_siblings(rule, view):
    # the rule under test is far over its threshold, but a necessary sibling is neutral
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True) * 10, fire_siblings=False)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total, found.side) == ("not_seen", 0, 5, None)
    assert all(e.measurable and not e.flagged and e.sides == () for e in found.evidence)
    assert found.metric == rule.metric and found.value == pytest.approx(judged_amount(rule, th, above=True) * 10)


@pytest.mark.parametrize("rule,view", NECESSARY)
def test_a_necessary_rule_alone_decides_nothing(rule, view):
    # far over its threshold, with every other rule of the checkpoint neutral: not seen
    th = isolated(rule, view)
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True) * 10, fire_siblings=False)
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total) == ("not_seen", 0, 5)
    assert all(e.measurable and not e.flagged for e in found.evidence)
    assert found.metric != rule.metric  # the size reported is never the necessary rule's

    # and with no other rule measurable in the clip, the checkpoint is not assessable
    others = {o.metric for o in siblings(rule, view)} - {rule.metric}
    kin = make_kin(view, {rule.metric: profile(rule, LARGE), **{m: None for m in others}})
    found = line(screen_clip(kin, view, rule.assessment, leg=leg), rule.compensation)
    assert found.status == "not_assessable"
    assert all(metric_label(m) in found.reason for m in others), found.reason


@pytest.mark.parametrize("rule,view", NECESSARY)
def test_without_its_necessary_rule_a_checkpoint_is_not_assessable(rule, view):
    th = isolated(rule, view)  # every other rule fires
    kin, leg = clip(rule, view, judged_amount(rule, th, above=True))
    kin = dataclasses.replace(kin, series={k: v for k, v in kin.series.items() if k != rule.metric})
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "not_assessable"
    assert metric_label(rule.metric) in found.reason and "not measured" in found.reason


@pytest.mark.parametrize("rule,view", NECESSARY)
def test_reps_where_the_necessary_rule_is_not_measurable_do_not_count(rule, view):
    th = isolated(rule, view)  # every other rule fires, measurable in every rep
    amount = judged_amount(rule, th, above=True)
    kin, leg = clip(rule, view, amount, nan_reps=[0, 2])
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total) == ("seen", 3, 3)
    assert [e.measurable for e in found.evidence] == [False, True, False, True, True]
    assert [e.flagged for e in found.evidence] == [False, True, False, True, True]
    assert found.confidence == pytest.approx(3 / 5)
    # one measurable rep of five: judged on it (prefer one well-seen rep over none)
    kin, leg = clip(rule, view, amount, nan_reps=[0, 1, 2, 3])
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert (found.status, found.reps_flagged, found.reps_total) == ("seen", 1, 1)
    assert found.confidence == pytest.approx(1 / 5)
    kin, leg = clip(rule, view, amount, nan_reps=[0, 1, 2, 3, 4])
    found = line(screen_clip(kin, view, rule.assessment, thresholds=th, leg=leg), rule.compensation)
    assert found.status == "not_assessable" and "none of the 5 reps measurable" in found.reason
