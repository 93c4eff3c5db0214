"""Re-screen comparison of one client: checklist, metrics, score and adherence over time.

A coach re-screens at week 6 and week 12 of a corrective cycle; this module lines the
stored screens up side by side. Per OHSA compensation it gives the status in each screen
(seen / not seen / not assessable, the coach's overrides applied) and the measured value
with its change from the first screen to the last; the screen score over time; and the
adherence to the program from the session log, between each screen and the next.

Statuses come from the standard-OHSA lines of the screen's ``"checklist"`` (or of each
view's checklist), merged across views as the screening merges them: seen beats not seen
beats not assessable beats not filmed (in results stored before "not filmed" existed, a
view without a clip reads "not assessable"). Older results holding only ``"findings"``
still give seen / not assessable. No Qt; the chart is drawn with matplotlib's Agg backend.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..screening import (
    OHSA_COMPENSATIONS,
    STATUS_NAMES,
    coach_line_key,
    compensation_name,
    effective_status,
    merge_status,
)
from ..screening.status import STATUS_RANK
from ..types import STANDARD_VARIANT
from .content import analyses_of, coach_statuses
from .files import json_safe, write_bytes

PROGRESS_FORMAT = "ces-vision-progress"
PROGRESS_SCHEMA_VERSION = 1
STATUS_WORDS = {**{status: name.lower() for status, name in STATUS_NAMES.items()}, None: "-"}


@dataclass(frozen=True, slots=True)
class ScreenPoint:
    """One stored screen in the comparison, oldest first."""

    screen_id: int
    screened_on: date
    score: float | None


@dataclass(frozen=True, slots=True)
class CompensationProgress:
    """One compensation across the screens: status and measured value in each.

    statuses[i] is "seen", "not_seen", "not_assessable", "not_filmed", or None when screen i holds no
    record of it; values[i] is the measured value (None when not measured). change is
    the last value minus the first (None with fewer than two values).
    """

    compensation: str
    title: str
    unit: str
    threshold: float | None
    statuses: tuple[str | None, ...]
    values: tuple[float | None, ...]
    coach_overridden: tuple[bool, ...]

    @property
    def change(self) -> float | None:
        known = [v for v in self.values if v is not None]
        return round(known[-1] - known[0], 4) if len(known) >= 2 else None

    @property
    def outcome(self) -> str:
        """From the first screen that judged it to the last: still / no longer / newly seen."""
        judged = [s for s in self.statuses if s in ("seen", "not_seen")]
        if len(judged) < 2:
            return "seen" if judged == ["seen"] else ("not seen" if judged else "not assessable")
        first, last = judged[0] == "seen", judged[-1] == "seen"
        return {
            (True, True): "still seen",
            (True, False): "no longer seen",
            (False, True): "newly seen",
            (False, False): "not seen",
        }[(first, last)]


@dataclass(frozen=True, slots=True)
class AdherencePeriod:
    """Sessions logged from `start` to `end` (inclusive; None = open-ended)."""

    label: str
    start: date | None
    end: date | None
    sessions: int
    mean_adherence: float | None


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything the comparison shows for one client."""

    client_id: int
    client_name: str
    pain_reported: bool
    screens: tuple[ScreenPoint, ...]
    compensations: tuple[CompensationProgress, ...]
    adherence: tuple[AdherencePeriod, ...]  # overall first, then between screens

    def score_points(self) -> list[tuple[date, float]]:
        return [(s.screened_on, s.score) for s in self.screens if s.score is not None]

    @property
    def score_change(self) -> float | None:
        points = self.score_points()
        return round(points[-1][1] - points[0][1], 4) if len(points) >= 2 else None

    def key_metrics(self, limit: int = 3) -> list[CompensationProgress]:
        """Compensations seen in some screen with values in at least two, most often seen first."""
        candidates = [
            c for c in self.compensations if "seen" in c.statuses and sum(v is not None for v in c.values) >= 2
        ]
        candidates.sort(key=lambda c: -c.statuses.count("seen"))
        return candidates[:limit]

    def to_dict(self) -> dict:
        return json_safe(
            {
                "kind": PROGRESS_FORMAT,
                "format": PROGRESS_FORMAT,
                "schema_version": PROGRESS_SCHEMA_VERSION,
                "client": {"id": self.client_id, "name": self.client_name, "pain_reported": self.pain_reported},
                "screens": [
                    {"screen_id": s.screen_id, "screened_on": s.screened_on, "score": s.score} for s in self.screens
                ],
                "score_change": self.score_change,
                "compensations": [
                    {
                        "compensation": c.compensation,
                        "title": c.title,
                        "unit": c.unit,
                        "threshold": c.threshold,
                        "statuses": list(c.statuses),
                        "values": list(c.values),
                        "change": c.change,
                        "outcome": c.outcome,
                        "coach_overridden": list(c.coach_overridden),
                    }
                    for c in self.compensations
                ],
                "adherence": [
                    {
                        "label": a.label,
                        "start": a.start,
                        "end": a.end,
                        "sessions": a.sessions,
                        "mean_adherence": a.mean_adherence,
                    }
                    for a in self.adherence
                ],
            }
        )


# ------------------------------------------------------------------ building ---
def build_progress(client, screens: Sequence, sessions: Iterable = ()) -> ProgressReport:
    """The comparison of `screens` (storage `Screen`s, oldest first) with `sessions` (log entries)."""
    screens = sorted(screens, key=lambda s: (s.screened_on, s.id))
    per_screen = [_merged_lines(s.results, s.overrides) for s in screens]
    rows = []
    for comp in OHSA_COMPENSATIONS:
        cells = [lines.get(comp) for lines in per_screen]
        if not any(cells):
            continue
        lines = [cell[0] if cell else None for cell in cells]
        known = [line for line in lines if line]
        unit = next((str(line["unit"]) for line in known if line.get("unit")), "")
        threshold = next((t for t in (_number(line.get("threshold")) for line in known) if t is not None), None)
        rows.append(
            CompensationProgress(
                comp,
                compensation_name(comp),
                unit,
                threshold,
                statuses=tuple(line.get("status") if line else None for line in lines),
                values=tuple(_number(line.get("value")) if line else None for line in lines),
                coach_overridden=tuple(bool(cell and cell[1]) for cell in cells),
            )
        )
    points = tuple(ScreenPoint(s.id, s.screened_on, _screen_score(s)) for s in screens)
    return ProgressReport(
        client.id, client.name, bool(client.pain_reported), points, tuple(rows), _adherence(points, list(sessions))
    )


def _merged_lines(results: Any, overrides: Any) -> dict[str, tuple[dict, bool]]:
    """compensation -> (merged standard-OHSA line, changed by the coach) of one screen,
    merged as the screening merges (`screening.merge_status`)."""
    coach = coach_statuses(overrides)
    by_compensation: dict[str, list[dict]] = {}
    changed: set[int] = set()
    for line in _checklist_lines(results):
        compensation = line.get("compensation")
        if not isinstance(compensation, str):  # a line that names no compensation has no row to go in
            continue
        if line.get("assessment", "ohsa") != "ohsa" or line.get("variant", STANDARD_VARIANT) != STANDARD_VARIANT:
            continue
        status = str(line.get("status"))  # a line without one matches no status, as None did
        effective = effective_status(
            status, coach.get(coach_line_key("ohsa", compensation, line.get("view"), STANDARD_VARIANT, None))
        )
        if effective != status:
            line = {**line, "status": effective}
            changed.add(id(line))
        if line.get("status") in STATUS_RANK:
            by_compensation.setdefault(compensation, []).append(line)
    merged = {comp: merge_status(lines) for comp, lines in by_compensation.items()}
    return {comp: (line, id(line) in changed) for comp, line in merged.items()}


def _checklist_lines(results: Any) -> list[dict]:
    """Checklist line dicts of stored results: the screen's, else each view's, else from findings."""
    if not isinstance(results, dict):
        return []
    if isinstance(results.get("checklist"), list) and results["checklist"]:
        return [line for line in results["checklist"] if isinstance(line, dict)]
    lines = []
    for analysis in analyses_of(results):
        view = analysis.get("view")
        checklist = analysis.get("checklist")
        if isinstance(checklist, list) and checklist:
            lines += [dict(line, view=line.get("view", view)) for line in checklist if isinstance(line, dict)]
            continue
        for finding in analysis.get("findings", []) or []:
            if isinstance(finding, dict):
                lines.append({**finding, "view": view, "status": "seen"})
        for comp in analysis.get("not_assessable", []) or []:
            lines.append({"compensation": comp, "view": view, "status": "not_assessable"})
    return lines


def _screen_score(screen) -> float | None:
    if screen.score is not None:
        return float(screen.score)
    score = screen.results.get("score") if isinstance(screen.results, dict) else None
    if isinstance(score, dict):
        score = score.get("value")
    return _number(score)


def _adherence(points: Sequence[ScreenPoint], sessions: list) -> tuple[AdherencePeriod, ...]:
    periods = [_period("whole program", None, None, sessions)]
    for before, after in zip(points, points[1:]):
        if after.screened_on > before.screened_on:
            label = f"{before.screened_on.isoformat()} to {after.screened_on.isoformat()}"
            periods.append(_period(label, before.screened_on, after.screened_on - timedelta(days=1), sessions))
    if points:
        last = points[-1].screened_on
        periods.append(_period(f"since {last.isoformat()}", last, None, sessions))
    return tuple(periods)


def _period(label: str, start: date | None, end: date | None, sessions: list) -> AdherencePeriod:
    chosen = [
        s.adherence
        for s in sessions
        if (start is None or s.session_date >= start) and (end is None or s.session_date <= end)
    ]
    mean = round(sum(chosen) / len(chosen), 4) if chosen else None
    return AdherencePeriod(label, start, end, len(chosen), mean)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


# ------------------------------------------------------------------ output ---
def _value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.1f} deg" if unit == "deg" else f"{value:.2f}{(' ' + unit) if unit else ''}"


def _change_text(change: float | None, unit: str) -> str:
    if change is None:
        return "-"
    return f"{change:+.1f} deg" if unit == "deg" else f"{change:+.2f}{(' ' + unit) if unit else ''}"


def format_table(report: ProgressReport) -> str:
    """The comparison as plain text columns, for a terminal."""
    dates = [s.screened_on.isoformat() for s in report.screens]
    out = [f"Progress of {report.client_name} (client {report.client_id}): {len(dates)} screen(s)"]
    if report.pain_reported:
        out.append("Pain recorded: refer to a physical therapist or licensed clinician before corrective work.")
    if not report.screens:
        return "\n".join(out + ["No screens stored yet."])
    scores = ["-" if s.score is None else f"{s.score:g}" for s in report.screens]
    change = "-" if report.score_change is None else f"{report.score_change:+g}"
    out += ["", _columns([["", *dates, "change"], ["Screen score", *scores, change]])]
    out += ["", "Checklist (coach overrides applied, * = overridden)"]
    rows = [["Compensation", *dates, "outcome"]]
    for c in report.compensations:
        cells = [STATUS_WORDS[s] + ("*" if o else "") for s, o in zip(c.statuses, c.coach_overridden)]
        rows.append([c.title, *cells, c.outcome])
    out.append(_columns(rows))
    out += ["", "Measured values"]
    rows = [["Compensation", *dates, "change"]]
    for c in report.compensations:
        if any(v is not None for v in c.values):
            rows.append([c.title, *(_value_text(v, c.unit) for v in c.values), _change_text(c.change, c.unit)])
    out.append(_columns(rows) if len(rows) > 1 else "  (no measured values)")
    out += ["", "Adherence (session log)"]
    rows = [["Period", "sessions", "mean adherence"]]
    for a in report.adherence:
        rows.append([a.label, str(a.sessions), "-" if a.mean_adherence is None else f"{a.mean_adherence:.0%}"])
    out.append(_columns(rows))
    return "\n".join(out)


def _columns(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def progress_chart_png(report: ProgressReport, width_in: float = 6.8) -> bytes:
    """PNG of the screen score over time and, below it, up to three key metrics."""
    from .charts import ACCENT, INK, MUTED, THRESHOLD, _figure, _png, _style

    metrics = report.key_metrics()
    fig = _figure(width_in, 1.9 * (1 + len(metrics)))
    axes = fig.subplots(1 + len(metrics), 1, squeeze=False)[:, 0]
    points = report.score_points()
    _style(axes[0])
    axes[0].set_title("Screen score (0-100, higher = fewer compensations)", fontsize=8.5, color=INK, loc="left")
    if points:
        days, scores = zip(*points)
        axes[0].plot(days, scores, color=ACCENT, marker="o", markersize=4, linewidth=1.5)
        for day, score in points:
            axes[0].annotate(
                f"{score:.0f}",
                (day, score),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                color=INK,
            )
        axes[0].set_ylim(0, 110)
    else:
        axes[0].text(
            0.5,
            0.5,
            "no scored screen yet",
            ha="center",
            va="center",
            color=MUTED,
            fontsize=8,
            transform=axes[0].transAxes,
        )
    for ax, comp in zip(axes[1:], metrics):
        _style(ax)
        pairs = [(s.screened_on, v) for s, v in zip(report.screens, comp.values) if v is not None]
        ax.plot([d for d, _ in pairs], [v for _, v in pairs], color=ACCENT, marker="o", markersize=4, linewidth=1.3)
        if comp.threshold is not None:
            ax.axhline(comp.threshold, color=THRESHOLD, linewidth=0.9, linestyle=(0, (4, 3)), label="threshold")
            ax.legend(fontsize=6.5, frameon=False, loc="best")
        ax.set_title(f"{comp.title} ({_change_text(comp.change, comp.unit)})", fontsize=8.5, color=INK, loc="left")
        ax.set_ylabel(comp.unit or "value", fontsize=7, color=MUTED)
    days = [s.screened_on for s in report.screens]
    for ax in axes:
        if days:
            ax.set_xticks(days)
            ax.set_xticklabels([d.strftime("%d %b %Y") for d in days])
    fig.tight_layout()
    return _png(fig)


def write_progress_chart(report: ProgressReport, path: str | Path) -> None:
    """Write the progress chart as a PNG at `path` (atomically)."""
    write_bytes(progress_chart_png(report), Path(path))
