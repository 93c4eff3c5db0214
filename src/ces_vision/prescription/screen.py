"""A whole screen: the screening summary of every clip, the program, and the pain referral.

Scope (docs/DOMAIN.md): the coach screens movement and prescribes corrective exercise, and does
not diagnose. Generated text therefore avoids diagnosis words (`DIAGNOSIS_WORDS`, checked
by the tests), and pain recorded for the client adds a referral recommendation while
removing nothing from the record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..screening import SCORE_VERSION, CheckpointResult, ClipScreen, ScreenSummary, patterns_of, summarize_clips
from .knowledge import DEFAULT_EDITION
from .program import Budget, Program, build_program

SCHEMA_VERSION = 1

# The one referral text: the screen JSON, both PDFs and the app say it when pain is recorded.
# What the tool is and is not, for the app's About and Help: the scope of practice in one place.
SCOPE_STATEMENT = (
    "ces-vision describes movement and suggests corrective exercise; it does not diagnose. "
    "A client who reports pain is referred to a physical therapist or another licensed clinician "
    "before corrective work."
)
REFERRAL_TEXT = (
    "Pain was recorded for this client. Before starting the corrective program, please see a "
    "physical therapist or another licensed clinician, and share this report with them. "
    "Stop any exercise that causes pain."
)

# Word stems that belong to a clinician's vocabulary, not a movement screen's: the one list
# of words nothing the tool writes may use (program, screen JSON, reports, app).
DIAGNOSIS_WORDS: tuple[str, ...] = (
    "diagnos",
    "injur",
    "syndrome",
    "dysfunction",
    "patholog",
    "disorder",
    "disease",
    "lesion",
    "tear",
    "impingement",
    "tendinitis",
    "tendinopathy",
    "sprain",
    "strain",
    "instability",
    "deformity",
    "treat",
    "cure",
    "prognos",
)
_DIAGNOSIS_RE = re.compile(r"\b(" + "|".join(DIAGNOSIS_WORDS) + r")", re.IGNORECASE)


def diagnosis_words_in(text: str) -> list[str]:
    """The diagnosis-word stems found at the start of a word in `text` (empty = clean)."""
    return [m.group(0).lower() for m in _DIAGNOSIS_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Screen:
    summary: ScreenSummary
    program: Program
    edition: str
    client_pain: bool
    referral: str | None

    @property
    def checklist(self) -> tuple[CheckpointResult, ...]:
        return self.summary.checklist

    @property
    def score(self) -> float | None:
        return self.summary.score

    @property
    def findings(self) -> tuple[CheckpointResult, ...]:
        return self.summary.findings

    @property
    def not_assessable(self) -> tuple[str, ...]:
        return self.summary.not_assessable

    @property
    def differential(self):
        return self.summary.differential

    def with_program(self, program: Program) -> Screen:
        """The same screen with the coach's edited program."""
        return replace(self, program=program)

    def to_json(self) -> dict:
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        data.update(self.summary.to_dict())
        data.update(
            {
                "score": {"value": self.score, "version": SCORE_VERSION},
                "edition": self.edition,
                "client_pain": self.client_pain,
                "referral": self.referral,
                "patterns": [match.to_dict() for match in patterns_of(self.checklist)],
                "prescription": self.program.prescription_json(),
                "program": self.program.to_dict(),
            }
        )
        return data


def build_screen(
    clips: Sequence[ClipScreen],
    client_pain: bool = False,
    edition: str = DEFAULT_EDITION,
    budget: Budget | None = None,
    cycle_weeks: int = 12,
) -> Screen:
    """Checklist, score, differential and corrective program of one screen's clips."""
    summary = summarize_clips(clips)
    program = build_program(summary.findings, edition=edition, budget=budget, cycle_weeks=cycle_weeks)
    return Screen(summary, program, edition, client_pain, REFERRAL_TEXT if client_pain else None)
