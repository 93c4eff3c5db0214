"""What goes into a report, gathered from the analysis JSONs, the screen and the client.

`ReportInput` is everything a report needs; the PDF writer only lays it out. The
analysis JSONs are the record (the coach may have edited them); `FrameData` and the
video, when present, add key frames and per-frame charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..prescription import dosage_text, load_knowledge_base
from .frames import FrameData
from .wording import PHASE_ORDER, compensation_title


@dataclass(frozen=True)
class ClipInput:
    """One view of the screen: its analysis JSON, and optionally the video and its frames."""

    analysis: dict
    video: Path | None = None
    frame_data: FrameData | None = None

    @property
    def view(self) -> str:
        return str(self.analysis.get("view", ""))


@dataclass(frozen=True)
class ReportInput:
    """Everything one report shows.

    program: {"inhibit": [...], "lengthen": [...], "activate": [...], "integrate": [...]}
    of exercise dicts; when None, the analyses' "prescription" blocks are merged.
    score_history: (date, score) of the client's screens, oldest first, this one included.
    previous_findings: the findings of the client's previous screen, None when there is none.
    """

    client_name: str
    screened_on: date
    clips: tuple[ClipInput, ...]
    pain_reported: bool = False
    assessment: str = "Overhead squat assessment"
    score: float | None = None
    program: dict | None = None
    score_history: tuple[tuple[date, float], ...] = ()
    previous_findings: tuple[dict, ...] | None = None
    previous_date: date | None = None
    coach_name: str = ""
    checklist: tuple[dict, ...] = field(default=())

    def findings(self) -> list[tuple[ClipInput, dict]]:
        """Every finding with the clip it came from, enriched with its checklist evidence."""
        rows = {(c.get("view"), c.get("compensation")): c for c in self.checklist if c.get("variant") in (None, "")}
        out = []
        for clip in self.clips:
            # The clip's own checklist (analysis JSON) fills in what the screen's does not.
            own = {c.get("compensation"): c for c in clip.analysis.get("checklist", []) or [] if isinstance(c, dict)}
            for finding in clip.analysis.get("findings", []):
                merged = dict(finding)
                for row in (rows.get((clip.view, finding.get("compensation")), {}), own.get(finding.get("compensation"), {})):
                    for key in ("evidence", "metric", "assessment", "leg"):
                        if row.get(key) is not None and key not in merged:
                            merged[key] = row[key]
                out.append((clip, merged))
        return out

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

    def not_assessable(self) -> list[tuple[str, str]]:
        """(view, compensation id) that could not be judged from the clips."""
        return [(c.view, comp) for c in self.clips for comp in c.analysis.get("not_assessable", [])]

    def progress(self) -> list[tuple[str, str]] | None:
        """(compensation title, change) since the previous screen; None without one."""
        if self.previous_findings is None:
            return None
        before = {f.get("compensation") for f in self.previous_findings}
        now = {f.get("compensation") for _, f in self.findings()}
        rows = []
        for comp in sorted(before | now, key=compensation_title):
            if comp in before and comp in now:
                rows.append((compensation_title(comp), "still seen"))
            elif comp in before:
                rows.append((compensation_title(comp), "no longer seen"))
            else:
                rows.append((compensation_title(comp), "newly seen"))
        return rows


def exercise_text(exercise: dict) -> tuple[str, str, str]:
    """(name, dosage, how-to) of one exercise dict, whatever optional keys it has."""
    name = str(exercise.get("name", "Exercise"))
    dosage = exercise.get("dosage", "")
    if isinstance(dosage, dict):
        dosage = dosage_text(dosage)
    minutes = exercise.get("minutes")
    if minutes and "min" not in str(dosage):
        dosage = f"{dosage} ({minutes} min)" if dosage else f"{minutes} min"
    how = exercise.get("instructions") or exercise.get("cues") or exercise.get("how") or exercise.get("description") or ""
    if isinstance(how, (list, tuple)):
        how = " ".join(str(step) for step in how)
    targets = exercise.get("targets")
    if targets:
        kb = load_knowledge_base()
        names = targets if isinstance(targets, (list, tuple)) else [targets]
        target_text = ", ".join(kb.muscle_name(str(t)) for t in names)
        how = f"{how} Targets: {target_text}." if how else f"Targets: {target_text}."
    return name, str(dosage), str(how).strip()


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
    score_history: list[tuple[date, float]] = (),
    frame_data: dict[str, tuple[Path, FrameData]] | None = None,
) -> ReportInput:
    """A report of the client's latest screen, compared with the one before.

    client, screens: `storage.Client` and the client's `storage.Screen`s, oldest first.
    frame_data: view -> (video path, FrameData) for the views whose video could be read.
    """
    if not screens:
        raise ValueError(f"{client.name} has no screen yet: analyze a video and save the screen first")
    latest, previous = screens[-1], (screens[-2] if len(screens) > 1 else None)
    frame_data = frame_data or {}
    clips = []
    for analysis in analyses_of(latest.results):
        video, frames = frame_data.get(analysis.get("view"), (None, None))
        clips.append(ClipInput(analysis, video, frames))
    results = latest.results
    score = latest.score if latest.score is not None else results.get("score")
    previous_findings = None
    if previous is not None:
        previous_findings = tuple(f for a in analyses_of(previous.results) for f in a.get("findings", []))
    return ReportInput(
        client_name=client.name,
        screened_on=latest.screened_on,
        clips=tuple(clips),
        pain_reported=bool(client.pain_reported),
        score=score if isinstance(score, (int, float)) else None,
        program=results.get("program") if isinstance(results.get("program"), dict) else None,
        score_history=tuple(score_history),
        previous_findings=previous_findings,
        previous_date=previous.screened_on if previous is not None else None,
        checklist=tuple(results.get("checklist", []) or []),
    )
