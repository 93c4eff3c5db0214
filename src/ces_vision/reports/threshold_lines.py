"""Where a finding's threshold belongs on a chart of its metric: where the rule fires.

Many rules (`screening.rules`, baseline=True) do not compare the metric itself with the
threshold but its CHANGE from the client's standing frames, after multiplying it by the
rule's `sign` (and, for a single-leg squat's "stance_signed" rule, by +1 / -1 for the
stance leg). For a series x judged as  m*x - median_standing(m*x) > t  (m = +1 or -1) the
rule fires where  x > median_standing(x) + m*t  (m = +1)  or  x < median_standing(x) - t
(m = -1): the line is drawn at  median_standing(x) + m*t. A rule on the magnitude
("absmax") fires beyond median +- t: two lines. Rules without a baseline use 0 as the
median.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..kinematics import standing_median
from ..kinematics.series import Kinematics
from ..screening.rules import RULES, Rule, rule_by_id
from ..screening.thresholds import default_thresholds
from .wording import COMPENSATIONS

FROM_STANDING_LABEL = "Threshold (from your standing position)"
PLAIN_LABEL = "Threshold"


@dataclass(frozen=True, slots=True)
class ThresholdLine:
    """One horizontal line, in the metric's own units, on the series of `side`.

    side: "left" / "right" for the series of that side, None for the combined value.
    """

    y: float
    side: str | None


@dataclass(frozen=True, slots=True)
class ChartThreshold:
    lines: tuple[ThresholdLine, ...]
    from_standing: bool
    series: str  # which series the rule judges: "sides" (left and right) or "value"

    @property
    def label(self) -> str:
        return FROM_STANDING_LABEL if self.from_standing else PLAIN_LABEL


def finding_metric(finding: dict) -> str | None:
    """The metric of the finding's primary rule (checklist rows carry it), else the usual one."""
    known = COMPENSATIONS.get(finding.get("compensation", ""))
    return finding.get("metric") or (known.metric if known else None)


def rule_for_finding(finding: dict, view: str, assessment: str | None = None) -> Rule | None:
    """The rule whose threshold the finding reports.

    A checklist line records it (`rule`, written by the screening engine): that rule, if
    it judges this view. Lines of older files without it get the guess below: same
    compensation, metric and view. When several rules match (e.g. feet turn out: change from standing and absolute
    angle), the one whose default threshold equals the finding's wins; on a tie, the first,
    as the screening engine breaks ties. A finding without "metric" (an analysis JSON
    finding) only gets a rule whose default threshold is the finding's: the metric is
    guessed from the compensation, and the threshold may be another rule's.
    """
    recorded = rule_by_id(finding.get("rule"))
    if recorded is not None:
        return recorded if view in recorded.views else None
    metric = finding_metric(finding)
    assessment = assessment or finding.get("assessment") or "ohsa"
    candidates = [
        r
        for r in RULES
        if r.compensation == finding.get("compensation")
        and r.metric == metric
        and r.assessment == assessment
        and view in r.views
    ]
    threshold = finding.get("threshold")
    if candidates and isinstance(threshold, (int, float)):
        defaults = default_thresholds()
        same = [r for r in candidates if float(getattr(defaults, r.threshold_key)) == float(threshold)]
        if not finding.get("metric"):
            # The metric is only guessed: the threshold may belong to another rule.
            return same[0] if same else None
        candidates = same or candidates
    return candidates[0] if candidates else None


def threshold_lines(
    rule: Rule,
    threshold: float,
    kinematics: Kinematics | None,
    leg: str | None = None,
) -> ChartThreshold | None:
    """The lines at which `rule` fires with `threshold`, in the units of its metric.

    Baseline rules need `kinematics` (its standing frames); without them, or without a
    finite standing value, there is no line: a raw threshold there would be wrong.
    """
    by_side = rule.sides in ("each", "stance")
    if rule.sides == "each":
        units = [("left", 1.0), ("right", 1.0)]
    elif rule.sides == "stance":
        units = [(leg, 1.0)] if leg in ("left", "right") else []
    elif rule.sides == "stance_signed":
        units = [(None, 1.0 if leg == "left" else -1.0)] if leg in ("left", "right") else []
    else:
        units = [(None, 1.0)]
    lines: list[ThresholdLine] = []
    for side, leg_factor in units:
        m = rule.sign * leg_factor
        base = 0.0
        if rule.baseline:
            if kinematics is None or rule.metric not in kinematics.series:
                return None
            ms = kinematics.series[rule.metric]
            series = ms.left if side == "left" else ms.right if side == "right" else ms.value
            median = standing_median(series, kinematics.standing)
            if not np.isfinite(median):
                continue
            base = median
        if rule.statistic == "absmax":
            lines += [ThresholdLine(base + threshold, side), ThresholdLine(base - threshold, side)]
        else:
            lines.append(ThresholdLine(base + m * threshold, side))
    if not lines:
        return None
    return ChartThreshold(tuple(lines), rule.baseline, "sides" if by_side else "value")


def finding_threshold(
    finding: dict,
    view: str,
    kinematics: Kinematics | None,
    assessment: str | None = None,
    leg: str | None = None,
) -> ChartThreshold | None:
    """The chart threshold of a finding (its primary rule and reported threshold), or None."""
    threshold = finding.get("threshold")
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not np.isfinite(threshold):
        return None
    rule = rule_for_finding(finding, view, assessment)
    if rule is None:
        return None
    return threshold_lines(rule, float(threshold), kinematics, leg or finding.get("leg"))
