"""What goes into a report, gathered from the analysis JSONs, the screen and the client.

`ReportInput` is everything a report needs; the PDF writer only lays it out. The
analysis JSONs are the record (the coach may have edited them); `FrameData` and the
video, when present, add key frames and per-frame charts.

One truth with the app: what a report says was seen, not seen or not judged comes from
each clip's checklist rows (`CheckpointResult.to_dict()`, the records the app's checklist
shows) with the coach's overrides applied by `screening.effective_status`, and a finding's
value and threshold are those rows' fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..prescription import dosage_text, group_by_pattern, load_knowledge_base
from ..screening import PatternMatch, coach_line_key, compensation_name, effective_status, patterns_of, stored_line_keys
from ..types import STANDARD_VARIANT
from .files import ReportError
from .frames import FrameData
from .wording import PHASE_ORDER

STANDARD_VIEWS = ("front", "side", "back")


def analysis_assessment(analysis: Mapping[str, Any]) -> str:
    """The assessment of a clip's analysis JSON ("ohsa", "push", ...): its own field, else its
    checklist's (an analysis written before it had the field), else the overhead squat."""
    own = analysis.get("assessment")
    if isinstance(own, str) and own:
        return own
    rows = [r for r in analysis.get("checklist", []) or [] if isinstance(r, Mapping)]
    return str(rows[0].get("assessment") or "ohsa") if rows else "ohsa"


@dataclass(frozen=True)
class ClipInput:
    """One view of the screen: its analysis JSON, and optionally the video and its frames."""

    analysis: dict
    video: Path | None = None
    frame_data: FrameData | None = None

    @property
    def view(self) -> str:
        return str(self.analysis.get("view", ""))

    @property
    def assessment(self) -> str:
        return analysis_assessment(self.analysis)

    @property
    def standard(self) -> bool:
        """A standard overhead squat clip (no variant, not a single-leg squat)."""
        return self.assessment == "ohsa" and self.analysis.get("variant", STANDARD_VARIANT) == STANDARD_VARIANT


@dataclass(frozen=True)
class ReportInput:
    """Everything one report shows.

    program: {"inhibit": [...], "lengthen": [...], "activate": [...], "integrate": [...]}
    of exercise dicts; when None, the analyses' "prescription" blocks are merged.
    score_note: what the score covers when it is partial (views not filmed or not
    assessable), from the screen's "score_coverage"; empty for a full score.
    score_history: (date, score) of the client's screens, oldest first, this one included.
    previous_findings: the findings of the client's previous screen (coach's overrides
    applied), None when there is none.
    overrides: the coach's overrides document, as stored beside the screen
    ({"lines": [{"compensation", "view", "variant", "leg", "status", ...}]}).
    """

    client_name: str
    screened_on: date
    clips: tuple[ClipInput, ...]
    pain_reported: bool = False
    assessment: str = "Overhead squat assessment"
    score: float | None = None
    score_note: str = ""
    program: dict | None = None
    score_history: tuple[tuple[date, float], ...] = ()
    previous_findings: tuple[dict, ...] | None = None
    previous_date: date | None = None
    coach_name: str = ""
    checklist: tuple[dict, ...] = field(default=())
    overrides: dict | None = None

    def lines(self) -> list[tuple[ClipInput, dict]]:
        """Every checklist row of every clip, the coach's overrides applied (see `checklist_rows`)."""
        coach = coach_statuses(self.overrides)
        return [(clip, row) for clip in self.clips for row in checklist_rows(clip.analysis, coach)]

    def findings(self) -> list[tuple[ClipInput, dict]]:
        """Every line seen (by the screening, or by the coach's override) with its clip."""
        return [(clip, row) for clip, row in self.lines() if row["status"] == "seen"]

    def merged_program(self) -> dict[str, list[dict]]:
        """The program by phase; an exercise named twice is listed once."""
        sources = [self.program] if self.program else [c.analysis.get("prescription") or {} for c in self.clips]
        program: dict[str, list[dict]] = {phase: [] for phase in PHASE_ORDER}
        seen: set[tuple[str, str]] = set()
        for source in sources:
            for phase in PHASE_ORDER:
                for exercise in source.get(phase, []) or []:
                    if isinstance(exercise, str):
                        exercise = {"name": exercise}
                    key = (phase, str(exercise.get("name", "")).casefold())
                    if key not in seen:
                        seen.add(key)
                        program[phase].append(exercise)
        return program

    def patterns(self) -> tuple[PatternMatch, ...]:
        """The movement patterns of the effective lines (views not filmed count as such)."""
        not_filmed = [row for row in self.checklist if isinstance(row, dict) and row.get("status") == "not_filmed"]
        return patterns_of([row for _, row in self.lines()] + not_filmed)

    def program_groups(self) -> tuple[tuple[PatternMatch | None, tuple[dict, ...]], ...]:
        """The merged program's exercises under the pattern they serve (see
        `prescription.group_by_pattern`), in step order within each group."""
        exercises = [
            {"step": phase, **exercise} for phase, items in self.merged_program().items() for exercise in items
        ]
        return group_by_pattern(exercises, self.patterns()) if exercises else ()

    def not_judged(self) -> list[tuple[str, str]]:
        """(view, compensation id) that could not be judged from the clips filmed."""
        return [(clip.view, row["compensation"]) for clip, row in self.lines() if row["status"] == "not_assessable"]

    def not_filmed(self) -> list[str]:
        """The standard views a screen of the standard overhead squat has no clip of."""
        filmed = {clip.view for clip in self.clips if clip.standard}
        return [view for view in STANDARD_VIEWS if view not in filmed] if filmed else []

    def progress(self) -> list[tuple[str, str]] | None:
        """(compensation title, change) since the previous screen; None without one."""
        if self.previous_findings is None:
            return None
        before: set[str] = {f["compensation"] for f in self.previous_findings}  # checklist rows: always named
        now: set[str] = {f["compensation"] for _, f in self.findings()}
        rows = []
        for comp in sorted(before | now, key=compensation_name):
            if comp in before and comp in now:
                rows.append((compensation_name(comp), "still seen"))
            elif comp in before:
                rows.append((compensation_name(comp), "no longer seen"))
            else:
                rows.append((compensation_name(comp), "newly seen"))
        return rows


def checklist_rows(analysis: dict, coach: dict[tuple, str] | None = None) -> list[dict]:
    """The checklist rows of one clip's analysis JSON, with the coach's word applied.

    Each row is the clip's `CheckpointResult.to_dict()` record; an older or hand-made JSON
    that lacks rows (or their numbers) is completed from its "findings" and
    "not_assessable", and what "findings" lists is what was seen. "status" is the effective status, "computed_status" the
    screening's, and "coach" says whether the coach changed it.
    coach: line key (`screening.coach_line_key`) -> status, from `coach_statuses`.
    """
    view, variant = str(analysis.get("view", "")), analysis.get("variant", STANDARD_VARIANT)
    findings: dict[str, dict] = {
        f["compensation"]: f
        for f in analysis.get("findings", []) or []
        if isinstance(f, dict) and f.get("compensation")
    }
    rows: dict[str, dict] = {}
    for row in analysis.get("checklist", []) or []:
        if isinstance(row, dict) and row.get("compensation"):
            rows[row["compensation"]] = {"view": view, "variant": variant, **row}
    for comp, finding in findings.items():
        row = rows.setdefault(comp, {"compensation": comp, "view": view, "variant": variant, "status": "seen"})
        for key, value in finding.items():
            if row.get(key) is None:
                row[key] = value
    for comp in analysis.get("not_assessable", []) or []:
        rows.setdefault(comp, {"compensation": comp, "view": view, "variant": variant, "status": "not_assessable"})
    listed = "findings" in analysis  # then seen means listed there (a JSON edited by hand)
    clip_assessment = analysis_assessment(analysis)
    out = []
    for row in rows.values():
        computed = row.get("status") or "not_assessable"
        if listed and (computed == "seen") != (row["compensation"] in findings):
            computed = "seen" if row["compensation"] in findings else "not_seen"
        assessment = row.get("assessment") or clip_assessment
        key = coach_line_key(
            assessment, row["compensation"], row.get("view"), row.get("variant", variant), row.get("leg")
        )
        status = effective_status(computed, (coach or {}).get(key))
        out.append({**row, "status": status, "computed_status": computed, "coach": status != computed})
    return out


def coach_statuses(document) -> dict[tuple, str]:
    """Line key (`screening.coach_line_key`) -> the coach's status, from a stored overrides document."""
    lines = document.get("lines", []) if isinstance(document, dict) else []
    return {
        key: line["status"]
        for line in lines
        if isinstance(line, dict) and line.get("status")
        for key in stored_line_keys(line)
    }


def exercise_text(exercise: dict) -> tuple[str, str, str]:
    """(name, dosage, how-to) of one exercise dict, whatever optional keys it has."""
    name = str(exercise.get("name", "Exercise"))
    dosage = exercise.get("dosage", "")
    if isinstance(dosage, dict):
        dosage = dosage_text(dosage)
    minutes = exercise.get("minutes")
    if minutes and "min" not in str(dosage):
        dosage = f"{dosage} ({minutes} min)" if dosage else f"{minutes} min"
    how = (
        exercise.get("instructions") or exercise.get("cues") or exercise.get("how") or exercise.get("description") or ""
    )
    if isinstance(how, (list, tuple)):
        how = " ".join(str(step) for step in how)
    targets = exercise.get("targets")
    if targets:
        kb = load_knowledge_base()
        names = targets if isinstance(targets, (list, tuple)) else [targets]
        target_text = ", ".join(kb.muscle_name(str(t)) for t in names)
        how = f"{how} Targets: {target_text}." if how else f"Targets: {target_text}."
    return name, str(dosage), str(how).strip()


def score_of(results: dict) -> tuple[float | None, str]:
    """The screen score in stored results or a screen JSON, and what it covers when partial."""
    score = results.get("score")
    if isinstance(score, dict):
        score = score.get("value")
    coverage = results.get("score_coverage")
    partial = isinstance(coverage, dict) and coverage.get("partial")
    return (float(score) if isinstance(score, (int, float)) else None), (
        str(coverage.get("text", "")) if partial and isinstance(coverage, dict) else ""
    )


def analyses_of(results: dict) -> list[dict]:
    """The per-view analysis JSONs inside stored screen results (one analysis, or a screen document)."""
    if isinstance(results.get("views"), list):
        return [view for view in results["views"] if isinstance(view, dict)]
    if isinstance(results.get("views"), dict):
        return [view for view in results["views"].values() if isinstance(view, dict)]
    return [results]


def report_from_records(
    client,
    screens: list,
    score_history: Sequence[tuple[date, float]] = (),
    frame_data: dict[str, tuple[Path, FrameData]] | None = None,
) -> ReportInput:
    """A report of the client's latest screen, compared with the one before.

    client, screens: `storage.Client` and the client's `storage.Screen`s, oldest first.
    frame_data: view -> (video path, FrameData) of the standard clips whose video could be read.
    """
    if not screens:
        raise ReportError(f"{client.name} has no screen yet: analyze a video and save the screen first")
    latest, previous = screens[-1], (screens[-2] if len(screens) > 1 else None)
    frame_data = frame_data or {}
    clips = []
    for analysis in analyses_of(latest.results):
        clip = ClipInput(analysis)
        # the frames are the standard clip's: a variant of the same view is another video
        video, frames = frame_data.get(clip.view, (None, None)) if clip.standard else (None, None)
        clips.append(ClipInput(analysis, video, frames))
    results = latest.results
    stored_score, score_note = score_of(results)
    score = latest.score if latest.score is not None else stored_score
    previous_findings = None
    if previous is not None:
        coach = coach_statuses(previous.overrides)
        previous_findings = tuple(
            row for a in analyses_of(previous.results) for row in checklist_rows(a, coach) if row["status"] == "seen"
        )
    return ReportInput(
        client_name=client.name,
        screened_on=latest.screened_on,
        clips=tuple(clips),
        pain_reported=bool(client.pain_reported),
        score=score,
        score_note=score_note,
        program=results.get("program") if isinstance(results.get("program"), dict) else None,
        score_history=tuple(score_history),
        previous_findings=previous_findings,
        previous_date=previous.screened_on if previous is not None else None,
        checklist=tuple(results.get("checklist", []) or []),
        overrides=latest.overrides if isinstance(latest.overrides, dict) else None,
    )
