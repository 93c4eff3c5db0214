"""One screen = one client, one date, several clips: the checklist, score and differential.

Checklist
    Every checkpoint of every clip (front, side, back, variants, single-leg squat, push,
    pull), plus
    a "not_filmed" line for each standard OHSA checkpoint of a view that has no clip
    (results stored before had "not_assessable" there: readers accept both).

Screen score, version `SCORE_VERSION` ("ohsa-1")
    Over the ten OHSA compensations of the STANDARD overhead squat (variants and the
    single-leg squat do not count). Each compensation gets one status across the views
    that check it: seen if seen in any view, else not seen if judged in any view, else
    not assessable.

        score = 100 * (1 - sum(weight of seen) / sum(weight of assessable))

    rounded to one decimal, with every weight 1 (`SCORE_WEIGHTS`). Not-assessable
    compensations leave the denominator, so a missing view neither helps nor hurts;
    None when nothing was assessable. A change of definition gets a new version string,
    so scores over a corrective cycle are only compared within one version.

    The score covers only what was assessed, and says so (`ScoreCoverage`): the standard
    views it covers, those not filmed, and those filmed but not assessable (no squat rep
    could be judged: a truncated or damaged clip, no whole rep), with the reason. A screen
    missing any of the three views is `partial`; it never reads as a full score.

Differential (modified OHSA)
    A compensation seen in the standard OHSA and judged "not seen" in a variant clip
    "disappeared" and points to the variant's suspected contributor; seen in both
    "persisted"; a variant that could not judge it is "not_compared", with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..types import STANDARD_VARIANT, VIEWS
from .engine import CheckpointResult, ClipScreen
from .key_rep import finite_number
from .rules import CHECKPOINTS, OHSA_COMPENSATIONS, compensation_name, not_assessable_reason
from .status import STATUS_RANK

SCORE_VERSION = "ohsa-1"
SCORE_WEIGHTS: dict[str, float] = {comp: 1.0 for comp in OHSA_COMPENSATIONS}


@dataclass(frozen=True, slots=True)
class Differential:
    """What a modified-OHSA variant tests: the compensations, and what disappearing suggests."""

    variant: str
    compensations: tuple[str, ...]
    suspected: str
    source: str


DIFFERENTIALS: tuple[Differential, ...] = (
    Differential(
        "heels_elevated",
        ("feet_turn_out", "excessive_forward_lean", "knees_move_in"),
        "limited ankle mobility / calf restriction (soleus, gastrocnemius)",
        "NASM modified OHSA, heels raised ~5 cm (docs/DOMAIN.md)",
    ),
    Differential(
        "hands_on_hips",
        ("arms_fall_forward", "low_back_arches", "excessive_forward_lean"),
        "latissimus dorsi, pectorals or shoulder mobility",
        "NASM modified OHSA, hands on hips (common teaching). Arms cannot be judged and a low back arch "
        "cannot be measured from video, so forward lean is compared too (our choice).",
    ),
)


@dataclass(frozen=True, slots=True)
class DifferentialConclusion:
    variant: str
    compensation: str
    outcome: str  # "disappeared" | "persisted" | "not_compared"
    suspected: str | None
    text: str
    source: str

    def to_dict(self) -> dict:
        return {
            "variant": self.variant,
            "compensation": self.compensation,
            "outcome": self.outcome,
            "suspected": self.suspected,
            "text": self.text,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class ScoreCoverage:
    """The standard OHSA views the screen score covers, and why the others are left out."""

    assessed: tuple[str, ...]
    not_filmed: tuple[str, ...]
    not_assessable: tuple[tuple[str, str], ...]  # (view, reason)

    @property
    def partial(self) -> bool:
        return bool(self.not_filmed or self.not_assessable)

    def text(self) -> str:
        """One line: what the score covers, e.g. "partial: front view only; side view not
        assessable (no reps found in the clip); back view not filmed"."""
        if not self.partial:
            return f"covers the {_views_text(self.assessed)}"
        parts = [f"partial: {_views_text(self.assessed)} only" if self.assessed else "nothing assessed"]
        parts += [f"{view} view not assessable ({reason})" for view, reason in self.not_assessable]
        parts += [f"{view} view not filmed" for view in self.not_filmed]
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {
            "partial": self.partial,
            "views_assessed": list(self.assessed),
            "views_not_filmed": list(self.not_filmed),
            "views_not_assessable": [{"view": view, "reason": reason} for view, reason in self.not_assessable],
            "text": self.text(),
        }


def _views_text(views: Sequence[str]) -> str:
    names = list(views)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} view{'s' if len(names) > 1 else ''}"


def unassessed_reason(clip: ClipScreen) -> str | None:
    """Why no checkpoint of `clip` could be judged (e.g. no squat rep), or None when one was."""
    if any(line.status in ("seen", "not_seen") for line in clip.checklist):
        return None
    # the checkpoints this kind of clip can judge at all say what went wrong
    reasons = [
        line.reason
        for line in clip.checklist
        if line.reason and not_assessable_reason(line.assessment, line.view, line.compensation, line.variant) is None
    ]
    return max(set(reasons), key=reasons.count) if reasons else "nothing could be judged in the clip"


def score_coverage(clips: Sequence[ClipScreen]) -> ScoreCoverage:
    """Which standard views the score of these clips covers (see the module docstring)."""
    standard = [c for c in clips if c.assessment == "ohsa" and c.variant == STANDARD_VARIANT]
    assessed, not_assessable = [], []
    for view in VIEWS:
        reasons = [unassessed_reason(c) for c in standard if c.view == view]
        if any(reason is None for reason in reasons):
            assessed.append(view)
        elif reasons:
            not_assessable.append((view, reasons[0]))
    filmed = {c.view for c in standard}
    return ScoreCoverage(tuple(assessed), tuple(v for v in VIEWS if v not in filmed), tuple(not_assessable))


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    clips: tuple[ClipScreen, ...]
    checklist: tuple[CheckpointResult, ...]
    findings: tuple[CheckpointResult, ...]  # standard OHSA (one per compensation) + single-leg squat, push, pull
    not_assessable: tuple[str, ...]  # standard OHSA compensations no view could judge
    score: float | None
    differential: tuple[DifferentialConclusion, ...]
    coverage: ScoreCoverage

    def score_text(self) -> str:
        """The score with what it covers, e.g. "100 / 100 (partial: front view only; ...)"."""
        value = "n/a" if self.score is None else f"{self.score:g} / 100"
        return f"{value} ({self.coverage.text()})"

    def to_dict(self) -> dict:
        return {
            "score": {"value": self.score, "version": SCORE_VERSION},
            "score_coverage": self.coverage.to_dict(),
            "findings": [f.finding_dict() for f in self.findings],
            "not_assessable": list(self.not_assessable),
            "checklist": [c.to_dict() for c in self.checklist],
            "differential": [d.to_dict() for d in self.differential],
            "warnings": list(self.warnings),
        }

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every warning of every clip, each naming its clip ("side view: ...")."""
        return tuple(f"{clip_name(clip)}: {w}" for clip in self.clips for w in clip.warnings)


def clip_name(clip: ClipScreen) -> str:
    """Which clip of a screen, in words: "side view", "front view, heels elevated", ..."""
    if clip.assessment == "single_leg_squat":
        return f"single-leg squat on the {clip.leg} leg"
    if clip.assessment in ("push", "pull"):
        return f"{clip.assessment} ({clip.view} view)"
    variant = f", {clip.variant.replace('_', ' ')}" if clip.variant != STANDARD_VARIANT else ""
    return f"{clip.view} view{variant}"


def summarize_clips(clips: Sequence[ClipScreen]) -> ScreenSummary:
    """Checklist, findings, score and differential of one screen's clips."""
    standard = [c for c in clips if c.assessment == "ohsa" and c.variant == STANDARD_VARIANT]
    checklist = [line for clip in clips for line in clip.checklist]
    filmed = {c.view for c in standard}
    for view in ("front", "side", "back"):
        if view not in filmed:
            checklist.extend(
                CheckpointResult(
                    comp,
                    "ohsa",
                    view,
                    STANDARD_VARIANT,
                    "not_filmed",
                    reason=f"the {view} view was not filmed in this screen",
                )
                for comp in CHECKPOINTS[("ohsa", view)]
            )
    merged = {
        comp: merge_status(line for clip in standard for line in clip.checklist if line.compensation == comp)
        for comp in OHSA_COMPENSATIONS
    }
    sls = [line for clip in clips if clip.assessment != "ohsa" for line in clip.findings]  # single-leg, push, pull
    findings = tuple(m for m in merged.values() if m is not None and m.seen) + tuple(sls)
    not_assessable = tuple(comp for comp, m in merged.items() if m is None or m.status == "not_assessable")
    return ScreenSummary(
        clips=tuple(clips),
        checklist=tuple(checklist),
        findings=findings,
        not_assessable=not_assessable,
        score=screen_score(merged),
        differential=differential(clips),
        coverage=score_coverage(clips),
    )


def merge_status(lines: Iterable[Any]) -> Any:
    """One line per compensation across views: seen beats not seen beats not assessable
    beats not filmed; among equals, the most confident (the first on a tie). Lines are
    `CheckpointResult`s or their dicts (stored results); None when there is none."""
    best, best_rank = None, None
    for line in lines:
        rank = _merge_rank(line)
        if best_rank is None or rank > best_rank:
            best, best_rank = line, rank
    return best


def _merge_rank(line: CheckpointResult | dict) -> tuple[int, float]:
    if isinstance(line, CheckpointResult):
        status, confidence = line.status, line.confidence
    else:
        status, confidence = line["status"], line.get("confidence")
    finite = finite_number(confidence)
    return STATUS_RANK[status], finite if finite is not None else 0.0


def screen_score(merged: dict[str, CheckpointResult | None]) -> float | None:
    """The screen score (see the module docstring), from one merged line per compensation."""
    assessable = {c: m for c, m in merged.items() if m is not None and m.status != "not_assessable"}
    total = sum(SCORE_WEIGHTS[c] for c in assessable)
    if total == 0:
        return None
    seen = sum(SCORE_WEIGHTS[c] for c, m in assessable.items() if m.seen)
    return round(100.0 * (1.0 - seen / total), 1)


def differential(clips: Sequence[ClipScreen]) -> tuple[DifferentialConclusion, ...]:
    """Conclusions of the modified OHSA variants present in `clips`."""
    standard = [c for c in clips if c.assessment == "ohsa" and c.variant == STANDARD_VARIANT]
    conclusions = []
    for test in DIFFERENTIALS:
        variant_clips = [c for c in clips if c.assessment == "ohsa" and c.variant == test.variant]
        if not variant_clips:
            continue
        label = test.variant.replace("_", " ")
        for comp in test.compensations:
            before = merge_status(line for c in standard for line in c.checklist if line.compensation == comp)
            if before is None or not before.seen:
                continue
            after = merge_status(line for c in variant_clips for line in c.checklist if line.compensation == comp)
            name = compensation_name(comp)
            if after is None or after.status == "not_assessable":
                why = after.reason if after is not None else f"no {label} clip of a view that checks it"
                conclusions.append(
                    DifferentialConclusion(
                        test.variant,
                        comp,
                        "not_compared",
                        None,
                        f"{name}: not compared with {label} ({why}).",
                        test.source,
                    )
                )
            elif after.seen:
                conclusions.append(
                    DifferentialConclusion(
                        test.variant,
                        comp,
                        "persisted",
                        None,
                        f"{name} persisted with {label}: {test.suspected} is less likely the main contributor.",
                        test.source,
                    )
                )
            else:
                conclusions.append(
                    DifferentialConclusion(
                        test.variant,
                        comp,
                        "disappeared",
                        test.suspected,
                        f"{name} seen in the standard overhead squat disappeared with {label}: "
                        f"suspect {test.suspected}.",
                        test.source,
                    )
                )
    return tuple(conclusions)
