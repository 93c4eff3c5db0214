"""The one engine that evaluates the rules of `rules` on a clip's kinematics.

Judging goes rep by rep, then over the set:

1. For each rep and rule, the metric is reduced over the rule's phase to one number per
   side (the statistic). A phase with fewer than `min_valid_fraction` finite frames, or
   whose landmarks average below `min_visibility`, is not measurable in that rep.
2. A rep shows a compensation when every one of its `necessary` rules and any of its
   other measurable rules cross their thresholds. Necessary rules alone decide nothing.
3. The set: the compensation is "seen" when at least `min_reps` reps show it AND they
   are at least `min_fraction` of the measurable reps. Fewer than `min_reps` measurable
   reps (or no rep, or a missing metric) makes the checkpoint "not_assessable", with the
   reason.

Reported size: `value` is the median, over the reps that showed it, of the number of the
rule that fired in most reps (the primary rule); with no flagged rep, the median over the
measurable reps. Absolute-magnitude rules (hip shift) report the magnitude; `side` says
which way. `threshold` and `unit` belong to the primary rule.

Confidence in [0, 1] describes the data, not the size of the compensation:
    confidence = visibility_factor * rep_factor
    visibility_factor = mean over measured (rule, rep) pairs of
                        clip((visibility - min_visibility) / (full_visibility - min_visibility), 0, 1)
                        (1 when no visibility array is given)
    rep_factor        = min(1, measurable reps / expected_reps)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ..kinematics.series import Kinematics
from ..types import Rep
from .rules import (
    ASSESSMENTS,
    CHECKPOINTS,
    METRIC_LANDMARKS,
    OHSA_VARIANTS,
    Rule,
    not_assessable_reason,
    rules_for,
)
from .thresholds import Thresholds, default_thresholds
from .view_check import view_warning

Status = Literal["seen", "not_seen", "not_assessable"]


@dataclass(frozen=True, slots=True)
class RepEvidence:
    """How one rep was judged. `rep` is 1-based; `value` is the primary rule's number."""

    rep: int
    measurable: bool
    flagged: bool
    value: float | None
    sides: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"rep": self.rep, "measurable": self.measurable, "flagged": self.flagged,
                "value": self.value, "sides": list(self.sides)}


@dataclass(frozen=True, slots=True)
class CheckpointResult:
    """One checklist line: a compensation judged in one clip (assessment, view, variant)."""

    compensation: str
    assessment: str
    view: str
    variant: str | None
    status: Status
    side: str | None = None
    value: float | None = None
    threshold: float | None = None
    unit: str | None = None
    metric: str | None = None
    reps_flagged: int = 0
    reps_total: int = 0
    confidence: float = 0.0
    evidence: tuple[RepEvidence, ...] = ()
    reason: str | None = None
    leg: str | None = None

    @property
    def seen(self) -> bool:
        return self.status == "seen"

    def finding_dict(self) -> dict:
        """The analysis-JSON `findings` item (contract: exactly these keys)."""
        return {
            "compensation": self.compensation,
            "side": self.side,
            "value": float(self.value) if self.value is not None else float("nan"),
            "threshold": float(self.threshold) if self.threshold is not None else float("nan"),
            "unit": self.unit or "",
            "reps_flagged": int(self.reps_flagged),
            "reps_total": int(self.reps_total),
            "confidence": float(self.confidence),
        }

    def to_dict(self) -> dict:
        """A checklist row with its evidence."""
        return {
            "compensation": self.compensation, "assessment": self.assessment, "view": self.view,
            "variant": self.variant, "leg": self.leg, "status": self.status, "side": self.side,
            "value": self.value, "threshold": self.threshold, "unit": self.unit, "metric": self.metric,
            "reps_flagged": self.reps_flagged, "reps_total": self.reps_total,
            "confidence": self.confidence, "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class ClipScreen:
    """Every checkpoint of one clip, judged."""

    view: str
    assessment: str
    variant: str | None
    leg: str | None
    n_reps: int
    checklist: tuple[CheckpointResult, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def findings(self) -> tuple[CheckpointResult, ...]:
        return tuple(c for c in self.checklist if c.seen)

    @property
    def not_assessable(self) -> tuple[str, ...]:
        return tuple(c.compensation for c in self.checklist if c.status == "not_assessable")

    def findings_json(self) -> list[dict]:
        return [c.finding_dict() for c in self.findings]

    def to_json(self) -> dict:
        return {
            "view": self.view, "assessment": self.assessment, "variant": self.variant, "leg": self.leg,
            "n_reps": self.n_reps, "findings": self.findings_json(),
            "not_assessable": list(self.not_assessable),
            "checklist": [c.to_dict() for c in self.checklist], "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class _Unit:
    """One series a rule judges: a side of the body (or None) and its landmarks."""

    side: str | None
    series: np.ndarray
    landmarks: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _RuleRep:
    measurable: bool
    flagged: bool
    value: float
    sides: tuple[str, ...]
    visibility: float  # NaN when no visibility was given


def screen_clip(
    kin: Kinematics,
    view: str | None = None,
    assessment: str = "ohsa",
    variant: str | None = None,
    visibility: np.ndarray | None = None,
    thresholds: Thresholds | None = None,
    leg: str | None = None,
    points_px: np.ndarray | None = None,
) -> ClipScreen:
    """Judge every checkpoint of `assessment` in `view` (default: the clip's own view).

    variant: None (standard OHSA), "heels_elevated" or "hands_on_hips".
    visibility: optional (T, 33) per-frame landmark visibility in [0, 1].
    leg: the stance leg ("left" / "right") of a single-leg squat clip.
    points_px: optional (T, 33, 2) landmarks; with `visibility`, the view is checked and
    a warning is attached when the landmarks disagree with `view`.
    """
    view = view or kin.view
    _check_arguments(kin, view, assessment, variant, visibility, leg)
    th = thresholds or default_thresholds()
    checklist = tuple(
        judge_checkpoint(kin, comp, assessment, view, variant, leg, visibility, th)
        for comp in CHECKPOINTS[(assessment, view)]
    )
    warning = view_warning(view, points_px, visibility) if points_px is not None and visibility is not None else None
    return ClipScreen(view, assessment, variant, leg, len(kin.reps), checklist, (warning,) if warning else ())


def _check_arguments(kin, view, assessment, variant, visibility, leg) -> None:
    if assessment not in ASSESSMENTS:
        raise ValueError(f"unknown assessment {assessment!r}; expected one of {ASSESSMENTS}")
    if (assessment, view) not in CHECKPOINTS:
        raise ValueError(f"the {assessment} assessment has no {view!r} view")
    if variant is not None and (assessment != "ohsa" or variant not in OHSA_VARIANTS):
        raise ValueError(f"unknown variant {variant!r}; the OHSA variants are {OHSA_VARIANTS}")
    if assessment == "single_leg_squat" and leg not in ("left", "right"):
        raise ValueError("a single-leg squat clip needs leg='left' or 'right' (the stance leg)")
    if visibility is not None and visibility.shape != (len(kin.timestamps_s), 33):
        raise ValueError(f"visibility must be (T, 33), got {visibility.shape}")


def judge_checkpoint(
    kin: Kinematics,
    compensation: str,
    assessment: str,
    view: str,
    variant: str | None,
    leg: str | None,
    visibility: np.ndarray | None,
    th: Thresholds,
) -> CheckpointResult:
    """Judge one compensation over every rep of the clip, then over the set."""

    def not_assessable(reason: str) -> CheckpointResult:
        return CheckpointResult(compensation, assessment, view, variant, "not_assessable",
                                reason=reason, reps_total=len(kin.reps), leg=leg)

    reason = not_assessable_reason(assessment, view, compensation, variant)
    if reason is not None:
        return not_assessable(reason)
    if not kin.reps:
        return not_assessable("no reps found in the clip")
    usable: list[tuple[Rule, list[_Unit]]] = []
    problems: list[str] = []
    necessary_missing = False
    for rule in rules_for(assessment, view, compensation):
        units, problem = _units(kin, rule, leg)
        if problem:
            problems.append(problem)
            necessary_missing |= rule.necessary
        else:
            usable.append((rule, units))
    # necessary rules alone decide nothing, and nothing is decided without one of them
    if necessary_missing or not any(not rule.necessary for rule, _ in usable):
        return not_assessable("; ".join(dict.fromkeys(problems)) or "no rule for this view")

    per_rule = [[_judge_rep(kin, rep, rule, units, visibility, th) for rep in kin.reps] for rule, units in usable]
    n_reps = len(kin.reps)
    # A rep shows the compensation when every necessary rule and any other rule fire.
    required = [r for (rule, _), r in zip(usable, per_rule) if rule.necessary]
    sufficient = [r for (rule, _), r in zip(usable, per_rule) if not rule.necessary]
    measurable = [
        any(r[i].measurable for r in sufficient) and all(r[i].measurable for r in required) for i in range(n_reps)
    ]
    flagged = [
        measurable[i]
        and any(r[i].measurable and r[i].flagged for r in sufficient)
        and all(r[i].flagged for r in required)
        for i in range(n_reps)
    ]
    n_meas, n_flag = sum(measurable), sum(flagged)
    if n_meas < th.min_reps:
        return not_assessable(
            f"only {n_meas} of {n_reps} reps measurable (landmarks missing or poorly visible); {th.min_reps} needed"
        )

    candidates = [i for i, (rule, _) in enumerate(usable) if not rule.necessary]
    primary_index = candidates[_primary_rule([per_rule[i] for i in candidates])]
    primary_rule, primary = usable[primary_index][0], per_rule[primary_index]
    seen = n_flag >= th.min_reps and n_flag / n_meas >= th.min_fraction
    chosen = [r.value for r in primary if r.measurable and r.flagged] or [r.value for r in primary if r.measurable]
    value = float(np.median(chosen))
    if primary_rule.statistic == "absmax":
        value = abs(value)
    evidence = tuple(
        RepEvidence(
            rep=i + 1,
            measurable=measurable[i],
            flagged=flagged[i],
            value=_round(primary[i].value) if primary[i].measurable else None,
            sides=tuple(sorted({s for r in sufficient if r[i].measurable and r[i].flagged for s in r[i].sides}))
            if flagged[i]
            else (),
        )
        for i in range(n_reps)
    )
    return CheckpointResult(
        compensation, assessment, view, variant, "seen" if seen else "not_seen",
        side=_set_side(evidence, th.min_reps) if seen else None,
        value=_round(value),
        threshold=float(getattr(th, primary_rule.threshold_key)),
        unit=kin.series[primary_rule.metric].spec.unit,
        metric=primary_rule.metric,
        reps_flagged=n_flag,
        reps_total=n_meas,
        confidence=_confidence(per_rule, n_meas, th),
        evidence=evidence,
        leg=leg,
    )


def _units(kin: Kinematics, rule: Rule, leg: str | None) -> tuple[list[_Unit], str | None]:
    """The series a rule judges (sign applied, standing baseline removed), or a problem."""
    if rule.metric not in kin.series:
        return [], f"metric {rule.metric} was not measured in this clip"
    ms = kin.series[rule.metric]
    marks = METRIC_LANDMARKS.get(rule.metric, {})
    value_marks = marks.get("both") or marks.get(kin.near_side or "") or tuple(marks.get("left", ()) + marks.get("right", ()))
    if rule.sides == "each":
        raw = [("left", ms.left, marks.get("left", ())), ("right", ms.right, marks.get("right", ()))]
    elif rule.sides == "stance":
        raw = [(leg, ms.left if leg == "left" else ms.right, marks.get(leg, ()))]
    elif rule.sides == "stance_signed":
        raw = [(leg, ms.value * (1.0 if leg == "left" else -1.0), value_marks)]
    else:
        raw = [(None, ms.value, value_marks)]
    units = []
    for side, series, landmarks in raw:
        series = np.asarray(series, dtype=float) * rule.sign
        if rule.baseline:
            standing = series[np.asarray(kin.standing, dtype=bool)]
            if not np.any(np.isfinite(standing)):
                continue
            series = series - float(np.nanmedian(standing))
        if np.any(np.isfinite(series)):
            units.append(_Unit(side, series, tuple(int(i) for i in landmarks)))
    if not units:
        if rule.baseline:
            return [], f"metric {rule.metric} has no standing frames to compare against"
        return [], f"metric {rule.metric} was not measurable in any frame"
    return units, None


def _phase_indices(kin: Kinematics, rep: Rep, phase: str, th: Thresholds) -> np.ndarray:
    frames = np.arange(rep.start, rep.end + 1)
    if phase == "rep":
        return frames
    if phase == "descent":
        return np.arange(rep.start, rep.bottom + 1)
    drop = _drop_fraction(kin, rep, frames)
    if phase == "mid_descent":
        chosen = frames[(frames <= rep.bottom) & (drop >= th.mid_descent_from) & (drop <= th.mid_descent_to)]
    else:
        chosen = frames[drop >= th.bottom_from]
    return chosen if chosen.size else np.array([rep.bottom])


def _drop_fraction(kin: Kinematics, rep: Rep, frames: np.ndarray) -> np.ndarray:
    """How far down each frame of the rep is, 0 standing .. 1 lowest (hip_height, else time)."""
    down = np.clip((frames - rep.start) / max(rep.bottom - rep.start, 1), 0, 1)
    up = np.clip((rep.end - frames) / max(rep.end - rep.bottom, 1), 0, 1)
    by_time = np.where(frames <= rep.bottom, down, up)
    if "hip_height" not in kin.series:
        return by_time
    height = np.asarray(kin.series["hip_height"].value, dtype=float)[frames]
    if np.sum(np.isfinite(height)) < 2:
        return by_time
    top, low = np.nanmax(height), np.nanmin(height)
    if top - low <= 0:
        return by_time
    by_height = (top - height) / (top - low)
    return np.where(np.isfinite(by_height), by_height, by_time)


def _statistic(values: np.ndarray, statistic: str, min_valid_fraction: float) -> float:
    finite = values[np.isfinite(values)]
    if finite.size == 0 or finite.size < math.ceil(min_valid_fraction * values.size):
        return float("nan")
    if statistic == "max":
        return float(finite.max())
    if statistic == "min":
        return float(finite.min())
    return float(finite[np.argmax(np.abs(finite))])


def _judge_rep(kin, rep, rule: Rule, units: list[_Unit], visibility, th: Thresholds) -> _RuleRep:
    idx = _phase_indices(kin, rep, rule.phase, th)
    threshold = float(getattr(th, rule.threshold_key))
    values, sides, vis_values = [], [], []
    for unit in units:
        value = _statistic(unit.series[idx], rule.statistic, th.min_valid_fraction)
        vis = float(np.nanmean(visibility[np.ix_(idx, unit.landmarks)])) if visibility is not None and unit.landmarks else float("nan")
        if not math.isfinite(value) or (math.isfinite(vis) and vis < th.min_visibility):
            continue
        values.append(value)
        vis_values.append(vis)
        magnitude = abs(value) if rule.statistic == "absmax" else value
        crossed = magnitude > threshold if rule.comparison == ">" else magnitude < threshold
        if crossed:
            if unit.side is not None:
                sides.append(unit.side)
            elif rule.sides == "signed":
                sides.append("left" if value > 0 else "right")
    if not values:
        return _RuleRep(False, False, float("nan"), (), float("nan"))
    if rule.statistic == "absmax":
        worst = max(values, key=abs)
    else:
        worst = max(values) if rule.comparison == ">" else min(values)
    magnitude = abs(worst) if rule.statistic == "absmax" else worst
    flagged = magnitude > threshold if rule.comparison == ">" else magnitude < threshold
    vis_mean = float(np.mean(vis_values)) if all(math.isfinite(v) for v in vis_values) else float("nan")
    return _RuleRep(True, flagged, worst, tuple(sides), vis_mean)


def _primary_rule(per_rule: list[list[_RuleRep]]) -> int:
    """The rule that fired in most reps; with none firing, the one measured in most reps."""
    flagged = [sum(r.measurable and r.flagged for r in reps) for reps in per_rule]
    if max(flagged) > 0:
        return flagged.index(max(flagged))
    measured = [sum(r.measurable for r in reps) for reps in per_rule]
    return measured.index(max(measured))


def _set_side(evidence: tuple[RepEvidence, ...], min_reps: int) -> str | None:
    counts = {s: sum(s in e.sides for e in evidence if e.flagged) for s in ("left", "right")}
    sides = [s for s, n in counts.items() if n >= min_reps] or [s for s, n in counts.items() if n > 0]
    if len(sides) == 2:
        return "both"
    return sides[0] if sides else None


def _confidence(per_rule: list[list[_RuleRep]], n_measurable: int, th: Thresholds) -> float:
    span = max(th.full_visibility - th.min_visibility, 1e-9)
    factors = [
        1.0 if not math.isfinite(r.visibility) else min(1.0, max(0.0, (r.visibility - th.min_visibility) / span))
        for reps in per_rule for r in reps if r.measurable
    ]
    visibility_factor = float(np.mean(factors)) if factors else 0.0
    rep_factor = min(1.0, n_measurable / max(th.expected_reps, 1))
    return round(visibility_factor * rep_factor, 3)


def _round(value: float) -> float:
    return round(float(value), 3)
