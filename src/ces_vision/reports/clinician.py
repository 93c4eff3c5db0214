"""The clinician summary: one page for the physical therapist who referred the client.

The same facts as the client report (`ReportInput`: the latest screen, the coach's
overrides applied, the program as stored, the change since the previous screen), in
plain clinical language: every screen's date, the assessments filmed, each view's
findings with the measured value, the threshold and a key frame, the movement patterns,
the program in one table, the coach's name and contact (settings `[coach]`) and the
scope statement. The page is exactly one: the content is shrunk to fit if it must.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from ..config import CoachSettings
from ..prescription import REFERRAL_TEXT
from ..screening import compensation_name
from ..types import STANDARD_VARIANT
from .content import ClipInput, ReportInput, exercise_text, report_from_records
from .files import write_bytes
from .pdf import key_frame_stills
from .pdf_layout import (
    ALERT,
    ALERT_SOFT,
    CONTENT_WIDTH,
    FRAME_PADDING,
    INK,
    SOFT,
    document,
    fitted_image,
    grid,
    page_decorator,
    paragraph_styles,
)
from .progress import build_progress
from .wording import PHASES, VIEW_NAMES, measurement, unit_text

TITLE = "Clinician summary"
SCOPE_STATEMENT = (
    "Scope: this summary records how the client moved on video in a corrective exercise movement screen, "
    "and the exercise program given. It does not identify a cause or a medical condition. A client who "
    "reports pain is referred to a licensed clinician before corrective or training loads."
)
ASSESSMENT_NAMES = {
    "ohsa": "Overhead squat",
    "single_leg_squat": "Single-leg squat",
    "push": "Pushing assessment (standing cable press)",
    "pull": "Pulling assessment (standing cable row)",
}
STILL_WIDTH_IN, STILL_MAX_HEIGHT_IN = 0.85, 1.0


@dataclass(frozen=True)
class ClinicianSummary:
    """report: the latest screen as the client report shows it; screen_dates: every screen,
    oldest first; values: finding title -> "value then → now" since the previous screen."""

    report: ReportInput
    screen_dates: tuple[date, ...]
    coach: CoachSettings = CoachSettings()
    values: dict[str, str] = field(default_factory=dict)

    def changes(self) -> list[tuple[str, str, str]]:
        """(finding, change, value then → now): the client report's progress rows, with values."""
        return [(title, change, self.values.get(title, "")) for title, change in self.report.progress() or []]


def clinician_from_records(
    client, screens: list, score_history=(), frame_data=None, coach: CoachSettings | None = None
) -> ClinicianSummary:
    """The summary of the client's latest screen (`report_from_records`), with every screen's date."""
    report = report_from_records(client, screens, score_history, frame_data)
    values = {}
    if len(screens) > 1:
        for row in build_progress(client, screens[-2:]).compensations:
            before, now = (unit_text(v, row.unit) for v in row.values)
            values[row.title] = f"{before} → {now}"
    return ClinicianSummary(report, tuple(s.screened_on for s in screens), coach or CoachSettings(), values)


def assessments_done(clips: tuple[ClipInput, ...]) -> list[str]:
    """ "Overhead squat: front, side views", "Overhead squat, heels elevated: front view", ..."""
    done: dict[str, list[str]] = {}
    for clip in clips:
        rows = [r for r in clip.analysis.get("checklist", []) or [] if isinstance(r, dict)]
        name = ASSESSMENT_NAMES.get(clip.assessment, clip.assessment.replace("_", " ").capitalize())
        variant = clip.analysis.get("variant", STANDARD_VARIANT)
        if variant != STANDARD_VARIANT:
            name += f", {str(variant).replace('_', ' ')}"
        leg = clip.analysis.get("leg") or (rows[0].get("leg") if rows else None)
        where = f"{leg} leg" if leg else VIEW_NAMES.get(clip.view, clip.view)
        if where not in done.setdefault(name, []):
            done[name].append(where)
    return [f"{name}: {', '.join(wheres)}" for name, wheres in done.items()]


def render_clinician_summary(summary: ClinicianSummary) -> bytes:
    """The one-page summary as PDF bytes."""
    st = _compact_styles()
    report = summary.report
    buffer = io.BytesIO()
    doc = document(
        buffer,
        f"{TITLE}: {report.client_name}",
        author=summary.coach.name or "ces-vision",
        subject="Movement screen summary",
    )
    story = (
        _header(summary, st)
        + _findings(report, st)
        + _patterns(report, st)
        + _program(report, st)
        + _changes(summary, st)
    )
    page = KeepInFrame(CONTENT_WIDTH, doc.height - 2 * FRAME_PADDING, story, mode="shrink")
    decorate = page_decorator(TITLE, f"{report.client_name}  ·  {report.screened_on:%d %B %Y}")
    doc.build([page], onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def write_clinician_summary(summary: ClinicianSummary, path: str | Path) -> None:
    """Write the summary PDF to `path` (atomically)."""
    write_bytes(render_clinician_summary(summary), Path(path))


# -- sections -------------------------------------------------------------------------------


def _header(summary: ClinicianSummary, st) -> list:
    report = summary.report
    dates = ", ".join(f"{d:%d %b %Y}" for d in summary.screen_dates) or f"{report.screened_on:%d %b %Y}"
    coach = " · ".join(filter(None, (summary.coach.name, summary.coach.contact))) or "not set (ces-vision settings)"
    pain = "Yes: referral to a licensed clinician recommended" if report.pain_reported else "No"
    partial = f"; partial: {report.score_note}" if report.score_note else ""  # as the client report says it
    score = f"{report.score:.0f} of 100 (overhead squat{partial})" if report.score is not None else "-"
    rows = [  # label, text[, label, text]: one or two pairs a row
        ("Client", report.client_name, "Pain recorded", pain),
        ("Screens", f"{dates} (this summary: {report.screened_on:%d %b %Y})", "Screen score", score),
        ("Assessments", "; ".join(assessments_done(report.clips)) or "-"),
        ("Coach", coach),
    ]
    data, spans = [], []
    for r, row in enumerate(rows):
        cells = [Paragraph(escape(text), st["small"] if i % 2 == 0 else st["cell"]) for i, text in enumerate(row)]
        data.append(cells + [""] * (4 - len(cells)))
        if len(row) == 2:
            spans.append(("SPAN", (1, r), (3, r)))
    table = Table(data, colWidths=[0.95 * inch, 3.05 * inch, 0.95 * inch, CONTENT_WIDTH - 4.95 * inch], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *spans,
            ]
        )
    )
    scope = [Paragraph(escape(SCOPE_STATEMENT), st["cell"])]
    if report.pain_reported:
        scope.append(Paragraph(escape(REFERRAL_TEXT), st["cell_bold"]))
    box = Table([[scope]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ALERT_SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ALERT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return [Paragraph("Movement screen summary for the referring clinician", st["h1"]), table, Spacer(1, 4), box]


def _findings(report: ReportInput, st) -> list:
    story: list = [Paragraph(f"Findings of {report.screened_on:%d %B %Y}, by view", st["h2"])]
    lines = report.lines()
    for clip in report.clips:
        seen = [(c, row) for c, row in lines if c is clip and row["status"] == "seen"]
        unjudged = [
            compensation_name(row["compensation"]).lower()
            for c, row in lines
            if c is clip and row["status"] == "not_assessable"
        ]
        name = assessments_done((clip,))[0].split(":")[0]
        heading = Paragraph(f"<b>{escape(name)}</b>, {escape(VIEW_NAMES.get(clip.view, clip.view))}", st["cell"])
        body: list = [heading]
        if seen:
            data = [
                [
                    Paragraph(f"<b>{h}</b>", st["small"])
                    for h in ("Finding", "Side", "Measure", "Value", "Threshold", "Reps")
                ]
            ]
            for _, row in seen:
                measured = measurement(row)
                name = compensation_name(row["compensation"]) + (
                    " (by the coach, on video)" if row.get("coach") else ""
                )
                data.append(
                    [
                        Paragraph(escape(text), st["tiny"])
                        for text in (
                            name,
                            row.get("side") or "both",
                            measured.metric if measured else "-",
                            measured.value if measured else "-",
                            measured.threshold if measured else "-",
                            f"{row.get('reps_flagged', '-')} of {row.get('reps_total', '-')}",
                        )
                    ]
                )
            body.append(_compact(grid(data, [1.6 * inch, 0.4 * inch, 1.6 * inch, 0.55 * inch, 0.8 * inch, 0.5 * inch])))
        else:
            body.append(Paragraph("No finding above its threshold.", st["small"]))
        if unjudged:
            body.append(Paragraph(escape("Not assessable from this video: " + ", ".join(unjudged) + "."), st["small"]))
        still = key_frame_stills(seen[:1]).get(0)
        cells = [[fitted_image(still, STILL_WIDTH_IN * inch, STILL_MAX_HEIGHT_IN * inch) if still else "", body]]
        block = Table(
            cells,
            colWidths=[(STILL_WIDTH_IN + 0.1) * inch, CONTENT_WIDTH - (STILL_WIDTH_IN + 0.1) * inch],
            hAlign="LEFT",
        )
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(block)
    not_filmed = report.not_filmed()
    if not_filmed:
        story.append(Paragraph("Not filmed: " + ", ".join(VIEW_NAMES[v] for v in not_filmed) + ".", st["small"]))
    if any(c.video is not None for c in report.clips):
        story.append(
            Paragraph(
                "Key frame: bottom of the rep that showed the first finding; blue is the client's "
                "left side, orange the right.",
                st["small"],
            )
        )
    return story


def _patterns(report: ReportInput, st) -> list:
    matches = report.patterns()
    story: list = [Paragraph("Movement patterns", st["h2"])]
    if not matches:
        return story + [
            Paragraph(
                "The findings form none of the patterns checked (pronation distortion, lower crossed, upper crossed).",
                st["cell"],
            )
        ]
    return story + [Paragraph(escape(match.text()), st["cell"]) for match in matches]


def _program(report: ReportInput, st) -> list:
    groups = report.program_groups()
    story: list = [Paragraph("Corrective program", st["h2"])]
    if not groups:
        return story + [Paragraph("No corrective exercise was prescribed.", st["cell"])]
    data: list[list[Paragraph | str]] = [
        [Paragraph(f"<b>{h}</b>", st["small"]) for h in ("Step", "Exercise", "Dose", "Addresses")]
    ]
    spans = []
    for match, exercises in groups:
        if len(groups) > 1 or match is not None:
            label = f"Pattern consistent with {match.pattern.name}" if match is not None else "Other findings"
            spans.append(len(data))
            data.append([Paragraph(f"<b>{escape(label)}</b>", st["tiny"]), "", "", ""])
        for exercise in exercises:
            name, dose, _ = exercise_text(exercise)
            serves = ", ".join(compensation_name(c) for c in exercise.get("for_compensations") or []) or (
                "added by the coach" if exercise.get("origin") == "coach" else "-"
            )
            data.append(
                [
                    Paragraph(PHASES.get(exercise["step"], (exercise["step"],))[0], st["tiny"]),
                    Paragraph(escape(name), st["tiny"]),
                    Paragraph(escape(dose), st["tiny"]),
                    Paragraph(escape(serves), st["tiny"]),
                ]
            )
    table = _compact(grid(data, [0.65 * inch, 2.05 * inch, 2.2 * inch, CONTENT_WIDTH - 4.9 * inch]))
    table.setStyle(
        [cmd for row in spans for cmd in (("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), SOFT))]
    )
    return story + [table]


def _changes(summary: ClinicianSummary, st) -> list:
    report = summary.report
    story: list = [Paragraph("Change since the last screen", st["h2"])]
    if report.previous_date is None:
        return story + [Paragraph("This is the client's first screen.", st["cell"])]
    history = [score for _, score in report.score_history if score is not None]
    text = f"Compared with {report.previous_date:%d %B %Y}."
    if len(history) >= 2:
        text += f" Screen score {history[-2]:.0f} → {history[-1]:.0f}."
    story.append(Paragraph(escape(text), st["cell"]))
    changes = summary.changes()
    if changes:
        data = [[Paragraph(f"<b>{h}</b>", st["small"]) for h in ("Finding", "Change", "Value then → now")]]
        data += [[Paragraph(escape(cell or "-"), st["tiny"]) for cell in row] for row in changes]
        story.append(_compact(grid(data, [2.4 * inch, 1.4 * inch, 2.0 * inch])))
    else:
        story.append(Paragraph("No compensation was seen in either screen.", st["cell"]))
    return story


def _compact_styles() -> dict[str, ParagraphStyle]:
    """The report's styles, a size smaller: tables in "tiny"."""
    st = paragraph_styles()
    return {
        **st,
        "h1": ParagraphStyle("c_h1", st["h1"], fontSize=12.5, leading=15, spaceBefore=0, spaceAfter=4),
        "h2": ParagraphStyle("c_h2", st["h2"], fontSize=10, leading=12.5, spaceBefore=5, spaceAfter=2),
        "cell": ParagraphStyle("c_cell", st["cell"], fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("c_cell_bold", st["cell_bold"], fontSize=8, leading=10),
        "small": ParagraphStyle("c_small", st["small"], fontSize=7.5, leading=9.2),
        "tiny": ParagraphStyle("c_tiny", st["small"], fontSize=7.5, leading=9.2, textColor=INK),
    }


def _compact(table: Table) -> Table:
    """A report grid with tighter rows: the summary has one page."""
    table.setStyle([("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
    return table
