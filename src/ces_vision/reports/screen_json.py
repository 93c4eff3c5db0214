"""The JSON export of one screen: client, date, each view's analysis, score and program.

"checklist" is as computed; "coach_overrides" holds the coach's word on its lines (the
stored overrides document), kept apart as in the database. "patterns" are the movement
patterns of the lines with the coach's word applied, as the reports print them.

Format "ces-vision-screen", `SCREEN_SCHEMA_VERSION` (`document_versions`): fields may be
added in later versions, none removed; a change of meaning is upgraded on load there.
"""

from __future__ import annotations

from pathlib import Path

from ..document_versions import SCREEN_EXPORT_KIND as SCREEN_FORMAT
from ..document_versions import SCREEN_EXPORT_VERSION as SCREEN_SCHEMA_VERSION
from .content import ReportInput
from .files import json_safe, write_json


def screen_document(report: ReportInput) -> dict:
    """The screen as a JSON-ready dict (NaN becomes null, dates ISO strings)."""
    return json_safe(
        {
            "kind": SCREEN_FORMAT,
            "format": SCREEN_FORMAT,
            "schema_version": SCREEN_SCHEMA_VERSION,
            "client": {"name": report.client_name, "pain_reported": report.pain_reported},
            "screened_on": report.screened_on,
            "assessment": report.assessment,
            "score": report.score,
            "views": [clip.analysis for clip in report.clips],
            "checklist": list(report.checklist),
            "coach_overrides": report.overrides or {"lines": []},
            "program": report.merged_program(),
            "patterns": [match.to_dict() for match in report.patterns()],
            "progress": [{"compensation": title, "change": change} for title, change in (report.progress() or [])],
            "score_history": [{"date": d, "score": s} for d, s in report.score_history],
        }
    )


def write_screen_json(report: ReportInput, path: str | Path) -> None:
    write_json(screen_document(report), Path(path))
