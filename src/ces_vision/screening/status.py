"""The one rule by which the coach's word changes a checklist line's status.

The app, the PDF report and the progress comparison all apply it, so they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..types import STANDARD_VARIANT
from .rules import CHECKPOINTS

COACH_STATUSES: tuple[str, ...] = ("seen", "not_seen")

# How every status reads, in the app, the reports and the progress comparison.
STATUS_NAMES: dict[str, str] = {
    "seen": "Seen",
    "not_seen": "Not seen",
    "not_assessable": "Not assessable",
    "not_filmed": "Not filmed",
}

# How a status ranks when one line stands for a compensation across views (`summary.merge_status`).
STATUS_RANK: dict[str, int] = {"seen": 2, "not_seen": 1, "not_assessable": 0, "not_filmed": -1}


def effective_status(computed: str, coach: str | None) -> str:
    """The status a line shows: the coach's seen / not seen, else the computed one.

    A line of a view that was not filmed stays "not_filmed": there is no video to judge.
    """
    if coach in COACH_STATUSES and computed != "not_filmed":
        return coach
    return computed


def coach_line_key(assessment: Any, compensation: Any, view: Any, variant: Any, leg: Any) -> tuple:
    """The key of a checklist line the coach's word is kept under. With the assessment: a
    push, a pull and the squat's side view each have a "Lower back arches" line."""
    return (assessment, compensation, view, variant or STANDARD_VARIANT, leg)


def stored_line_keys(line: Mapping) -> list[tuple]:
    """The line keys a stored override line applies to. Lines stored before they named
    their assessment (overrides version 2 and older) applied to every assessment whose
    checklist in that view has the compensation, and still do."""
    compensation, view = line.get("compensation"), line.get("view")
    assessment = line.get("assessment")
    assessments = (
        [assessment]
        if assessment
        else [a for (a, v), comps in CHECKPOINTS.items() if v == view and compensation in comps]
    )
    return [
        coach_line_key(a, compensation, view, line.get("variant"), line.get("leg"))
        for a in dict.fromkeys(assessments or ["ohsa"])
    ]
