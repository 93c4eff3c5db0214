"""The printable home-exercise sheet: the client's current corrective program on its own.

One or two pages a client takes home: each exercise with what it works on in plain
words, the dose (`prescription.dosage_text`), a short how-to cue from the exercise
data, and a box per week to tick each session until the next re-screen. Nothing about
findings or measurements: that is the report's job.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ..prescription import load_knowledge_base, plan_cycle
from ..screening.rules import compensation_name
from .content import exercise_text, report_from_records
from .files import ReportError, write_bytes
from .pdf_layout import CONTENT_WIDTH, document, grid, page_decorator, paragraph_styles, referral_box
from .wording import PHASE_ORDER, PHASES

TITLE = "Home exercise sheet"
CUE_LIMIT = 130  # characters: about one sentence, so a usual program fits one page
# The sheet covers the weeks up to the first re-screen of the corrective cycle.
WEEKS_TO_RESCREEN = plan_cycle().rescreen_weeks[0]


@dataclass(frozen=True)
class HomeSheet:
    """What the sheet shows. program: phase -> exercise dicts, as stored with a screen."""

    client_name: str
    program_date: date
    program: dict
    pain_reported: bool = False
    weeks: int = WEEKS_TO_RESCREEN

    def steps(self) -> list[tuple[str, list[dict]]]:
        """(phase, exercises) in the order they are done, empty steps left out."""
        return [
            (phase, [e for e in self.program.get(phase) or [] if isinstance(e, dict)])
            for phase in PHASE_ORDER
            if self.program.get(phase)
        ]

    @property
    def minutes(self) -> float:
        return sum(float(e.get("minutes") or 0) for _, exercises in self.steps() for e in exercises)


def home_sheet_from_records(client, screens: list) -> HomeSheet:
    """The sheet of the program of the latest of `screens` (oldest first): the same program
    the report of that screen prints, the coach's edits included."""
    report = report_from_records(client, screens)
    program = report.merged_program()
    if not any(program.values()):
        raise ReportError(
            f"the screen of {report.screened_on.isoformat()} has no corrective program "
            "(no compensation was seen): there is no home exercise to print"
        )
    return HomeSheet(client.name, report.screened_on, program, bool(client.pain_reported))


def short_cue(description: str, limit: int = CUE_LIMIT) -> str:
    """The first sentences of an exercise's description, up to `limit` characters (at least one)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", description.strip()) if s]
    cue = ""
    for sentence in sentences:
        if cue and len(cue) + 1 + len(sentence) > limit:
            break
        cue = f"{cue} {sentence}".strip()
    return cue


def works_on(exercise: dict) -> str:
    """What an exercise is for, in words: the movement patterns it helps and the muscles it works."""
    kb = load_knowledge_base()
    parts = []
    patterns = [compensation_name(c).lower() for c in exercise.get("for_compensations") or []]
    if patterns:
        parts.append("Helps with: " + ", ".join(dict.fromkeys(patterns)) + ".")
    muscles = [kb.muscle_name(str(m)) for m in exercise.get("targets") or [] if str(m) in kb.muscle_names]
    if muscles and exercise.get("step") != "integrate":
        parts.append("Works on: " + ", ".join(dict.fromkeys(muscles)) + ".")
    return " ".join(parts)


def render_home_sheet(sheet: HomeSheet) -> bytes:
    """The sheet as PDF bytes."""
    st = paragraph_styles()
    buffer = io.BytesIO()
    doc = document(buffer, f"{TITLE}: {sheet.client_name}")
    story: list = [
        Paragraph("Your home exercises", st["title"]),
        Paragraph(
            f"{escape(sheet.client_name)}  ·  corrective program of {sheet.program_date:%d %B %Y}", st["subtitle"]
        ),
        Spacer(1, 6),
    ]
    if sheet.pain_reported:
        story += referral_box(st)
    minutes = f" It takes about {sheet.minutes:.0f} minutes." if sheet.minutes else ""
    story.append(
        Paragraph(
            "Do the steps in order, as a warm-up before you train." + minutes + " Move slowly, and stop any "
            f"exercise that hurts and tell your coach. Make a tick in the week's box (W1 to W{sheet.weeks}) "
            f"for each session you do, until your re-screen in week {sheet.weeks}.",
            st["body"],
        )
    )
    week_width = 0.4 * inch
    dose_width = 1.25 * inch
    first = CONTENT_WIDTH - dose_width - sheet.weeks * week_width
    for number, (phase, exercises) in enumerate(sheet.steps(), start=1):
        name, explanation = PHASES[phase]
        header = [Paragraph("<b>Exercise</b>", st["cell"]), Paragraph("<b>Dose</b>", st["cell"])]
        header += [Paragraph(f"<b>W{w}</b>", st["cell"]) for w in range(1, sheet.weeks + 1)]
        rows: list[list[Any]] = [header]  # reportlab table cells: flowables, lists of them, or text
        for exercise in exercises:
            title, dosage, _ = exercise_text(exercise)
            about = [Paragraph(escape(title), st["cell_bold"])]
            for text in (works_on(exercise), short_cue(str(exercise.get("description") or ""))):
                if text:
                    about.append(Paragraph(escape(text), st["small"]))
            rows.append([about, Paragraph(escape(dosage), st["cell"]), *([""] * sheet.weeks)])
        table = grid(rows, [first, dose_width] + [week_width] * sheet.weeks)
        table.setStyle([("GRID", (2, 1), (-1, -1), 0.5, "#9aa5b1")])  # the tick boxes
        story += [  # a step may run over a page (header row repeated), its title never ends one
            CondPageBreak(1.5 * inch),
            Paragraph(f"{number}. {name}", st["h2"]),
            Paragraph(escape(explanation), st["small"]),
            Spacer(1, 3),
            table,
        ]
    doc.build(
        story,
        onFirstPage=page_decorator(TITLE, sheet.client_name),
        onLaterPages=page_decorator(TITLE, sheet.client_name),
    )
    return buffer.getvalue()


def write_home_sheet(sheet: HomeSheet, path: str | Path) -> None:
    """Write the sheet PDF to `path` (atomically)."""
    write_bytes(render_home_sheet(sheet), Path(path))
