"""The one engine that evaluates the rules of `rules` on a clip's kinematics.

Judging goes rep by rep, then over the set:

1. For each rep and rule, the metric is reduced over the rule's phase to one number per
   side (the statistic). A phase with fewer than `min_valid_fraction` finite frames, or
   whose landmarks average below `min_visibility`, is not measurable in that rep.
2. A rep shows a compensation when every one of its `necessary` rules and any of its
   other measurable rules cross their thresholds. Necessary rules alone decide nothing.
3. The set: the compensation is "seen" when at least `min_reps` reps show it (every
   measurable rep, when fewer than `min_reps` were measurable: one well-seen rep is a
   screen) AND they are at least `min_fraction` of the measurable reps. No measurable
   rep (or no rep, or a missing metric) makes the checkpoint "not_assessable", with the
   reason; so does a phase the clip's edge cut off.

Reported size: `value` is the median, over the reps that showed it, of the number of the
rule that fired in most reps (the primary rule); with no flagged rep, the median over the
measurable reps. Absolute-magnitude rules (hip shift) report the magnitude; `side` says
which way. `threshold` and `unit` belong to the primary rule, whose id (`rule`) and
threshold key (`threshold_key`) the line records, so charts draw that rule's line.

Confidence in [0, 1] describes the data, not the size of the compensation:
    confidence = visibility_factor * rep_factor
    visibility_factor = mean over measured (rule, rep) pairs of
                        clip((visibility - min_visibility) / (full_visibility - min_visibility), 0, 1)
                        (1 when no visibility array is given)
    rep_factor        = min(1, measurable reps / expected_reps)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ..kinematics import metric_label, standing_median
from ..kinematics.series import Kinematics, SeriesPart
from ..types import ASSESSMENTS, OHSA_VARIANTS, STANDARD_VARIANT, Assessment, Compensation, Side, Variant, View
from .arms_overhead import ARM_CHECKPOINTS, ARMS_NOT_OVERHEAD_REASON, ARMS_NOT_OVERHEAD_WARNING, arms_not_overhead
from .clip_quality import ClipQuality, checkpoint_reason, clip_quality, hidden_joints, hidden_reason
from .press_checks import press_not_assessable_reason
from .rep_phases import PhaseFrames, rep_phases
from .rules import (
    ARM_ASSESSMENTS,
    CHECKPOINTS,
    METRIC_LANDMARKS,
    Rule,
    not_assessable_reason,
    rules_for,
)
from .thresholds import Thresholds, default_thresholds
from .view_check import CameraCheck, camera_confidence, view_warning

# "not_filmed": a checkpoint of a view the screen has no clip of (`summary`); a clip's
# own lines are never "not_filmed".
Status = Literal["seen", "not_seen", "not_assessable", "not_filmed"]


@dataclass(frozen=True, slots=True)
class RepEvidence:
    """How one rep was judged. `rep` is 1-based; `value` is the primary rule's number."""

    rep: int
    measurable: bool
    flagged: bool
    value: float | None
    sides: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "rep": self.rep,
            "measurable": self.measurable,
            "flagged": self.flagged,
            "value": self.value,
            "sides": list(self.sides),
        }


@dataclass(frozen=True, slots=True)
class CheckpointResult:
    """One checklist line: a compensation judged in one clip (assessment, view, variant)."""

    compensation: Compensation
    assessment: Assessment
    view: View
    variant: Variant
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
    leg: Side | None = None
    rule: str | None = None  # id of the rule that decided the line (`rules.Rule.id`), None if not judged
    threshold_key: str | None = None  # which entry of the thresholds `threshold` came from

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
            "compensation": self.compensation,
            "assessment": self.assessment,
            "view": self.view,
            "variant": self.variant,
            "leg": self.leg,
            "status": self.status,
            "side": self.side,
            "value": self.value,
            "threshold": self.threshold,
            "unit": self.unit,
            "metric": self.metric,
            "rule": self.rule,
            "threshold_key": self.threshold_key,
            "reps_flagged": self.reps_flagged,
            "reps_total": self.reps_total,
            "confidence": self.confidence,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class ClipScreen:
    """Every checkpoint of one clip, judged."""

    view: View
    assessment: Assessment
    variant: Variant
    leg: Side | None
    n_reps: int
    checklist: tuple[CheckpointResult, ...]
    warnings: tuple[str, ...] = field(default=())
    # how square the camera stood and what the clip allows (analysis JSON `view_check`,
    # `quality`); None for screens read back from a file
    camera: CameraCheck | None = None
    quality: ClipQuality | None = None

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
            "view": self.view,
            "assessment": self.assessment,
            "variant": self.variant,
            "leg": self.leg,
            "n_reps": self.n_reps,
            "findings": self.findings_json(),
            "not_assessable": list(self.not_assessable),
            "checklist": [c.to_dict() for c in self.checklist],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class _Unit:
    """One series a rule judges: a side of the body (or None) and its landmarks."""

    side: Side | None
    series: np.ndarray
    landmarks: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _RuleReps:
    """How one rule judged every rep; each array is (R,)."""

    measurable: np.ndarray  # bool
    flagged: np.ndarray  # bool
    value: np.ndarray  # the worst side's statistic, NaN where not measurable
    visibility: np.ndarray  # mean visibility of the measured sides' landmarks, NaN if unknown
    sides: dict[str, np.ndarray]  # "left" / "right" -> bool: that side crossed the threshold


def screen_clip(
    kin: Kinematics,
    view: View | None = None,
    assessment: Assessment = "ohsa",
    variant: Variant = STANDARD_VARIANT,
    visibility: np.ndarray | None = None,
    thresholds: Thresholds | None = None,
    leg: Side | None = None,
    points_px: np.ndarray | None = None,
) -> ClipScreen:
    """Judge every checkpoint of `assessment` in `view` (default: the clip's own view).

    assessment: "ohsa", "single_leg_squat", or "push" / "pull" (side view; the kinematics
    must have been computed with that movement, see `kinematics.press`).
    variant: "standard" (the plain OHSA), "heels_elevated" or "hands_on_hips".
    visibility: optional (T, 33) per-frame landmark visibility in [0, 1].
    leg: the stance leg ("left" / "right") of a single-leg squat clip.
    points_px: optional (T, 33, 2) landmarks; with `visibility`, the view is checked and
    a warning is attached when the landmarks disagree with `view`. An overhead squat
    whose arms were not overhead is named in a warning, and its arm checkpoint does
    not apply (see `arms_overhead`).
    """
    view = view or kin.view
    _check_arguments(kin, view, assessment, variant, visibility, leg)
    th = thresholds or default_thresholds()
    shared = _ClipShared.of(kin, th)
    # hands on the hips is a declared variant: its arms are already not assessable
    not_overhead = assessment == "ohsa" and variant != "hands_on_hips" and arms_not_overhead(kin, th)
    # a push / pull clip without enough reps or with its arm out of frame: nothing is judged
    unusable = press_not_assessable_reason(kin, assessment, th) if assessment in ARM_ASSESSMENTS else None
    # an oblique camera, a person too small or a squat too shallow: nothing is judged either
    quality = clip_quality(kin, view, th, overhead_squat=assessment == "ohsa")
    unusable = quality.whole_clip or unusable
    camera = camera_confidence(view, quality.camera)

    def judged(comp: Compensation) -> CheckpointResult:
        reason = unusable or (ARMS_NOT_OVERHEAD_REASON if not_overhead and comp in ARM_CHECKPOINTS else None)
        if reason is None and not_assessable_reason(assessment, view, comp, variant) is None:
            reason = checkpoint_reason(quality, comp)  # the stance already reads like the compensation
        if reason is not None:
            return CheckpointResult(
                comp, assessment, view, variant, "not_assessable", reason=reason, reps_total=len(kin.reps), leg=leg
            )
        return judge_checkpoint(
            kin, comp, assessment, view, variant, leg, visibility, th, shared, quality.skipped_rules, camera
        )

    checklist = tuple(judged(comp) for comp in CHECKPOINTS[(assessment, view)])
    warning = view_warning(view, points_px, visibility) if points_px is not None and visibility is not None else None
    warnings = tuple(w for w in (warning, ARMS_NOT_OVERHEAD_WARNING if not_overhead else None, quality.warning) if w)
    return ClipScreen(view, assessment, variant, leg, len(kin.reps), checklist, warnings, quality.camera, quality)


def _check_arguments(kin, view, assessment, variant, visibility, leg) -> None:
    if assessment not in ASSESSMENTS:
        raise ValueError(f"unknown assessment {assessment!r}; expected one of {ASSESSMENTS}")
    if (assessment, view) not in CHECKPOINTS:
        raise ValueError(f"the {assessment} assessment has no {view!r} view")
    if variant != STANDARD_VARIANT and (assessment != "ohsa" or variant not in OHSA_VARIANTS):
        raise ValueError(f"unknown variant {variant!r}; the OHSA variants are {OHSA_VARIANTS}")
    if assessment == "single_leg_squat" and leg not in ("left", "right"):
        raise ValueError("a single-leg squat clip needs leg='left' or 'right' (the stance leg)")
    if visibility is not None and visibility.shape != (len(kin.timestamps_s), 33):
        raise ValueError(f"visibility must be (T, 33), got {visibility.shape}")


def judge_checkpoint(
    kin: Kinematics,
    compensation: Compensation,
    assessment: Assessment,
    view: View,
    variant: Variant,
    leg: Side | None,
    visibility: np.ndarray | None,
    th: Thresholds,
    shared: _ClipShared | None = None,
    skipped_rules: frozenset[str] = frozenset(),
    camera: float = 1.0,
) -> CheckpointResult:
    """Judge one compensation over every rep of the clip, then over the set.

    shared: what every checkpoint of the clip reads (phase frames, standing medians);
    made here when not given. skipped_rules: threshold keys of rules the clip cannot
    support (`clip_quality`), left out. camera: the factor the camera's angle puts on the
    confidence (`view_check.camera_confidence`).
    """

    def not_assessable(reason: str) -> CheckpointResult:
        return CheckpointResult(
            compensation, assessment, view, variant, "not_assessable", reason=reason, reps_total=len(kin.reps), leg=leg
        )

    reason = not_assessable_reason(assessment, view, compensation, variant)
    if reason is not None:
        return not_assessable(reason)
    if not kin.reps:
        return not_assessable("no reps found in the clip")
    usable: list[tuple[Rule, list[_Unit]]] = []
    problems: list[str] = []
    necessary_missing = False
    shared = shared or _ClipShared.of(kin, th)
    for rule in rules_for(assessment, view, compensation):
        if rule.threshold_key in skipped_rules:
            continue
        units, problem = _units(kin, rule, leg, shared)
        if problem:
            problems.append(problem)
            necessary_missing |= rule.necessary
        else:
            usable.append((rule, units))
    # necessary rules alone decide nothing, and nothing is decided without one of them
    if necessary_missing or not any(not rule.necessary for rule, _ in usable):
        return not_assessable("; ".join(dict.fromkeys(problems)) or "no rule for this view")

    per_rule = [_judge_rule(rule, units, shared.phases[rule.phase], visibility, th) for rule, units in usable]
    n_reps = len(kin.reps)
    # A rep shows the compensation when every necessary rule and any other rule fire.
    required = [r for (rule, _), r in zip(usable, per_rule) if rule.necessary]
    sufficient = [r for (rule, _), r in zip(usable, per_rule) if not rule.necessary]
    measurable = _any(r.measurable for r in sufficient) & _all(r.measurable for r in required)
    flagged = measurable & _any(r.measurable & r.flagged for r in sufficient) & _all(r.flagged for r in required)
    n_meas, n_flag = int(measurable.sum()), int(flagged.sum())
    if n_meas == 0:
        cut = sorted({rule.phase for rule, _ in usable if shared.phases[rule.phase].cut.any()})
        if cut:
            return not_assessable(
                f"the clip starts or stops inside the rep and cuts off the {' / '.join(cut).replace('_', '-')} "
                "this check is judged on: film the whole squat"
            )
        in_reps = np.zeros(len(kin.timestamps_s), bool)
        for rep in kin.reps:
            in_reps[rep.start : rep.end + 1] = True
        landmarks = [mark for _, units in usable for unit in units for mark in unit.landmarks]
        return not_assessable(hidden_reason(n_reps, hidden_joints(visibility, in_reps, landmarks, th.min_visibility)))

    candidates = [i for i, (rule, _) in enumerate(usable) if not rule.necessary]
    primary_index = candidates[_primary_rule([per_rule[i] for i in candidates])]
    primary_rule, primary = usable[primary_index][0], per_rule[primary_index]
    needed = min(th.min_reps, n_meas)
    seen = n_flag >= needed and n_flag / n_meas >= th.min_fraction
    chosen = primary.value[primary.measurable & primary.flagged]
    value = float(np.median(chosen if chosen.size else primary.value[primary.measurable]))
    if primary_rule.statistic == "absmax":
        value = abs(value)
    side_of_flagged = {
        side: flagged & _any(r.measurable & r.flagged & r.sides[side] for r in sufficient) for side in ("left", "right")
    }
    rep_sides = [
        tuple(side for side, in_rep in zip(("left", "right"), pair) if in_rep)
        for pair in zip(side_of_flagged["left"].tolist(), side_of_flagged["right"].tolist())
    ]
    evidence = tuple(
        RepEvidence(rep=i + 1, measurable=m, flagged=f, value=_round(v) if pm else None, sides=sides)
        for i, (m, f, v, pm, sides) in enumerate(
            zip(measurable.tolist(), flagged.tolist(), primary.value.tolist(), primary.measurable.tolist(), rep_sides)
        )
    )
    return CheckpointResult(
        compensation,
        assessment,
        view,
        variant,
        "seen" if seen else "not_seen",
        side=_set_side({side: int(mask.sum()) for side, mask in side_of_flagged.items()}, needed) if seen else None,
        value=_round(value),
        threshold=float(getattr(th, primary_rule.threshold_key)),
        unit=kin.series[primary_rule.metric].spec.unit,
        metric=primary_rule.metric,
        rule=primary_rule.id,
        threshold_key=primary_rule.threshold_key,
        reps_flagged=n_flag,
        reps_total=n_meas,
        confidence=_confidence(per_rule, n_meas, th, camera),
        evidence=evidence,
        leg=leg,
    )


def _any(masks) -> np.ndarray:
    return np.logical_or.reduce(list(masks))


def _all(masks) -> np.ndarray | np.bool_:
    masks = list(masks)
    return np.logical_and.reduce(masks) if masks else np.True_


@dataclass(frozen=True, slots=True)
class _ClipShared:
    """What every checkpoint of one clip reads: phase frames and standing medians."""

    phases: dict[str, PhaseFrames]
    standing_medians: dict[tuple[str, str], float]

    @classmethod
    def of(cls, kin: Kinematics, th: Thresholds) -> _ClipShared:
        hip = kin.series["hip_height"].value if "hip_height" in kin.series else None
        mid = (th.mid_descent_from, th.mid_descent_to)
        return cls(rep_phases(kin.reps, hip, mid, th.bottom_from) if kin.reps else {}, {})

    def standing_median(self, kin: Kinematics, metric: str, which: SeriesPart) -> float:
        """Median over the standing frames of one series of a metric (NaN if none)."""
        key = (metric, which)
        if key not in self.standing_medians:
            self.standing_medians[key] = standing_median(kin.series[metric].part(which), kin.standing)
        return self.standing_medians[key]


def _units(kin: Kinematics, rule: Rule, leg: Side | None, shared: _ClipShared) -> tuple[list[_Unit], str | None]:
    """The series a rule judges (sign applied, standing baseline removed), or a problem."""
    if rule.metric not in kin.series:
        return [], f"{metric_label(rule.metric)}: not measured in this clip"
    ms = kin.series[rule.metric]
    marks = METRIC_LANDMARKS.get(rule.metric, {})
    value_marks = (
        marks.get("both") or marks.get(kin.near_side or "") or tuple(marks.get("left", ()) + marks.get("right", ()))
    )
    # (side reported, which series of the metric, its factor, landmarks)
    raw: list[tuple[Side | None, SeriesPart, float, tuple[int, ...]]]
    if rule.sides in ("stance", "stance_signed") and leg is None:
        return [], "the stance leg of this single-leg squat clip is not known"
    if rule.sides == "each":
        raw = [("left", "left", 1.0, marks.get("left", ())), ("right", "right", 1.0, marks.get("right", ()))]
    elif rule.sides == "stance" and leg is not None:
        raw = [(leg, leg, 1.0, marks.get(leg, ()))]
    elif rule.sides == "stance_signed" and leg is not None:
        raw = [(leg, "value", 1.0 if leg == "left" else -1.0, value_marks)]
    else:
        raw = [(None, "value", 1.0, value_marks)]
    units = []
    for side, which, factor, landmarks in raw:
        factor *= rule.sign
        series = np.asarray(ms.part(which), dtype=float) * factor
        if rule.baseline:
            # median(series * factor) == factor * median(series) exactly for factor = +-1
            baseline = shared.standing_median(kin, rule.metric, which)
            if not np.isfinite(baseline):
                continue
            series = series - factor * baseline
        if np.any(np.isfinite(series)):
            units.append(_Unit(side, series, tuple(int(i) for i in landmarks)))
    if not units:
        if rule.baseline:
            return [], f"{metric_label(rule.metric)}: no standing frames to compare against"
        return [], f"{metric_label(rule.metric)}: not measurable in any frame"
    return units, None


def _judge_rule(rule: Rule, units: list[_Unit], phase: PhaseFrames, visibility, th: Thresholds) -> _RuleReps:
    """Judge one rule in every rep at once: arrays are (units, reps)."""
    threshold = float(getattr(th, rule.threshold_key))
    n_reps = phase.starts.size
    values = np.stack([phase.statistic(u.series, rule.statistic, th.min_valid_fraction) for u in units])
    vis = np.stack(
        [
            phase.mean_visibility(visibility, u.landmarks)
            if visibility is not None and u.landmarks
            else np.full(n_reps, np.nan)
            for u in units
        ]
    )
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(values) & ~(vis < th.min_visibility)  # NaN visibility: unknown, kept
        size = np.abs(values) if rule.statistic == "absmax" else values
        crosses = ok & (size > threshold if rule.comparison == ">" else size < threshold)
    if rule.statistic == "absmax" or rule.comparison == ">":
        pick = np.argmax(np.where(ok, size, -np.inf), axis=0)  # first unit on a tie
    else:
        pick = np.argmin(np.where(ok, size, np.inf), axis=0)
    measurable = np.asarray(ok.any(axis=0))
    columns = np.arange(n_reps)
    worst = np.where(measurable, values[pick, columns], np.nan)
    flagged = measurable & crosses[pick, columns]
    n_ok = ok.sum(axis=0)
    unknown = (ok & ~np.isfinite(vis)).any(axis=0) | (n_ok == 0)
    mean_vis = np.where(unknown, np.nan, np.where(ok, np.nan_to_num(vis), 0.0).sum(axis=0) / np.maximum(n_ok, 1))
    sides = {"left": np.zeros(n_reps, bool), "right": np.zeros(n_reps, bool)}
    for unit, unit_crosses, unit_values in zip(units, crosses, values):
        if unit.side is not None:
            sides[unit.side] |= unit_crosses
        elif rule.sides == "signed":
            sides["left"] |= unit_crosses & (unit_values > 0)
            sides["right"] |= unit_crosses & ~(unit_values > 0)
    return _RuleReps(measurable, flagged, worst, mean_vis, sides)


def _primary_rule(per_rule: list[_RuleReps]) -> int:
    """The rule that fired in most reps; with none firing, the one measured in most reps."""
    flagged = [int((r.measurable & r.flagged).sum()) for r in per_rule]
    if max(flagged) > 0:
        return flagged.index(max(flagged))
    measured = [int(r.measurable.sum()) for r in per_rule]
    return measured.index(max(measured))


def _set_side(flagged_reps_by_side: dict[str, int], min_reps: int) -> str | None:
    """ "left", "right" or "both": the sides that crossed in at least `min_reps` flagged
    reps, else in any."""
    counts = flagged_reps_by_side
    sides = [s for s, n in counts.items() if n >= min_reps] or [s for s, n in counts.items() if n > 0]
    if len(sides) == 2:
        return "both"
    return sides[0] if sides else None


def _confidence(per_rule: list[_RuleReps], n_measurable: int, th: Thresholds, camera: float = 1.0) -> float:
    """Landmark visibility x reps measured against the expected 5 x the camera's angle."""
    span = max(th.full_visibility - th.min_visibility, 1e-9)
    vis = np.concatenate([r.visibility[r.measurable] for r in per_rule])
    factors = np.where(np.isfinite(vis), np.clip((vis - th.min_visibility) / span, 0.0, 1.0), 1.0)
    visibility_factor = float(np.mean(factors)) if factors.size else 0.0
    rep_factor = min(1.0, n_measurable / max(th.expected_reps, 1))
    return round(visibility_factor * rep_factor * camera, 3)


def _round(value: float) -> float:
    return round(float(value), 3)
