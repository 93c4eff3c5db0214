"""Typed, frozen records returned by the storage package.

Dates are `datetime.date`; timestamps are timezone-aware UTC `datetime`. JSON payloads
(screen results, overrides, program plans, coach edits) are plain dicts: each record
holds its own copy, so changing one never changes the database or another record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from ces_vision.types import STANDARD_VARIANT, PoseSequence, View

VideoStorage = Literal["reference", "copy"]
VIDEO_STORAGE_MODES: tuple[VideoStorage, ...] = ("reference", "copy")


@dataclass(frozen=True, slots=True)
class Client:
    """A coached person. `pain_reported` drives the referral prompt (scope of practice)."""

    id: int
    name: str
    contact: str
    goals: str
    pain_reported: bool
    injury_history: str  # free text: injuries, surgeries, where and when pain was felt
    notes: str
    video_consent: bool  # the client agreed that videos of them are kept
    created_at: datetime
    updated_at: datetime
    inbox_to_review: int = 0  # screens filed from the inbox folder that the coach has not saved yet


@dataclass(frozen=True, slots=True)
class NewClip:
    """A video to attach to a new screen. `storage`: keep a reference or copy it in."""

    view: View  # storage checks it is one of ces_vision.types.VIEWS
    source: Path
    variant: str = STANDARD_VARIANT  # the clip kind: an OHSA variant, or "push" / "pull" (see Clip)
    storage: VideoStorage = "reference"
    pose: PoseSequence | None = field(default=None, compare=False, repr=False)  # kept to re-open with the skeleton


@dataclass(frozen=True, slots=True)
class Clip:
    """A stored video of one view of a screen. `video_path` is absolute."""

    id: int
    screen_id: int
    view: View  # written through NewClip, read back as stored
    # the clip kind, the column's name kept: the OHSA variant ("standard", "heels_elevated",
    # "hands_on_hips") or the assessment of a push / pull clip (`session.screen_state.SlotSpec.clip_kind`)
    variant: str
    storage: VideoStorage
    video_path: Path
    sha256: str | None  # None for clips stored before schema v2


@dataclass(frozen=True, slots=True)
class Screen:
    """One movement screen: computed `results` and the coach's `overrides`, kept apart."""

    id: int
    client_id: int
    screened_on: date
    assessment: str  # e.g. "ohsa"
    results: dict[str, Any]  # analysis JSON as produced by the pipeline; has "schema_version"
    overrides: dict[str, Any]
    score: float | None
    notes: str
    clips: tuple[Clip, ...]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Program:
    """A corrective program: the generated `plan` and the coach's `coach_edits`, kept apart."""

    id: int
    client_id: int
    screen_id: int | None  # the screen it was built from; None if built by hand or deleted
    start_date: date
    weeks: int
    plan: dict[str, Any]  # phases, exercises, dosage
    coach_edits: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SessionLogEntry:
    """One training session done by a client."""

    id: int
    client_id: int
    program_id: int | None
    session_date: date
    exercises: tuple[Any, ...]  # JSON items: exercise ids or dicts with sets/reps done
    adherence: float  # share of the planned work done, 0 to 1
    notes: str


@dataclass(frozen=True, slots=True)
class AdherenceSummary:
    """Sessions logged for a client (optionally one program, optionally a date range)."""

    sessions: int
    mean_adherence: float | None  # None when no session was logged
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True, slots=True)
class MetricPoint:
    """One value of one compensation, read from a stored screen's findings."""

    screened_on: date
    screen_id: int
    side: str | None
    value: float
    view: str | None = None  # from the analysis holding the finding, when it says
    variant: str | None = None  # e.g. "heels_elevated": compare like with like
