"""One client's screen as the app holds it, free of Qt: clip slots, checklist, overrides.

What the screening computed is never changed: the coach's confirmations, overrides and
notes are kept in `overrides`, beside it, and `effective_status` combines the two. The
program is built from the effective checklist, so overrides reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..reports.wording import measurement, unit_text
from ..screening import STATUS_NAMES, CheckpointResult, coach_line_key, effective_status
from ..types import STANDARD_VARIANT, Assessment, Variant, View

if TYPE_CHECKING:  # type-only: screen_record imports this module
    from .analysis import Analysis
    from .screen_record import StoredAnalysis


@dataclass(frozen=True, slots=True)
class SlotSpec:
    """A clip the screen asks for: camera view, OHSA variant and assessment ("ohsa", or
    "push" / "pull": the pushing and pulling assessments)."""

    key: str
    label: str
    view: View
    variant: Variant = STANDARD_VARIANT
    assessment: Assessment = "ohsa"

    @property
    def required(self) -> bool:
        return self.variant == STANDARD_VARIANT and self.assessment == "ohsa"

    @property
    def movement(self) -> str:
        """The movement its kinematics follow (`kinematics.pose_kinematics`)."""
        return self.assessment if self.assessment != "ohsa" else "squat"

    @property
    def clip_kind(self) -> str:
        """The database's name for the clip (its clips' "variant" column): the variant of
        an overhead squat clip, the assessment ("push" / "pull") of any other."""
        return self.variant if self.assessment == "ohsa" else self.assessment


SLOTS: tuple[SlotSpec, ...] = (
    SlotSpec("front", "Front", "front"),
    SlotSpec("side", "Side", "side"),
    SlotSpec("back", "Back", "back"),
    SlotSpec("heels_elevated_front", "Heels elevated (front)", "front", "heels_elevated"),
    SlotSpec("heels_elevated_side", "Heels elevated (side)", "side", "heels_elevated"),
    SlotSpec("hands_on_hips_side", "Hands on hips (side)", "side", "hands_on_hips"),
    SlotSpec("push_side", "Push (side)", "side", assessment="push"),
    SlotSpec("pull_side", "Pull (side)", "side", assessment="pull"),
)
SLOTS_BY_KEY = {s.key: s for s in SLOTS}
_SLOTS_BY_CLIP = {(s.view, s.clip_kind): s for s in SLOTS}


def slot_of_stored_clip(view: str, kind: str) -> SlotSpec | None:
    """The slot of a stored clip (`storage.Clip`: its view and "variant" column, which names
    push and pull clips by their assessment); None for a clip the app has no slot for.
    The one place the database's clip names meet the analyses' (view, variant, assessment)."""
    return _SLOTS_BY_CLIP.get((view, kind))


@dataclass(slots=True)
class SlotState:
    path: Path | None = None
    status: str = "empty"  # empty | analyzing | done | failed
    analysis: Analysis | StoredAnalysis | None = None  # fresh, or re-opened from the database
    message: str = ""

    @property
    def reviewable(self) -> bool:
        """True when the analysis holds the pose (a screen stored before v3 holds only its results)."""
        return self.analysis is not None and self.analysis.pose is not None


@dataclass(frozen=True, slots=True)
class Override:
    """The coach's word on one checklist line. status None = keep the computed status."""

    status: str | None = None  # "seen" | "not_seen" | None
    confirmed: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    key: tuple  # (assessment, compensation, view, variant, leg): `line_key`
    line: CheckpointResult  # as computed
    override: Override

    @property
    def computed_status(self) -> str:
        return self.line.status

    @property
    def effective_status(self) -> str:
        return effective_status(self.line.status, self.override.status)

    @property
    def overridden(self) -> bool:
        return self.effective_status != self.line.status


def line_key(line: CheckpointResult) -> tuple:
    return coach_line_key(line.assessment, line.compensation, line.view, line.variant, line.leg)


def evidence_text(line) -> str:
    """The numbers behind a checklist line, in one short paragraph: the metric, value and
    threshold are `reports.wording.measurement` of the line's record, as the PDF prints them."""
    if line.status in ("not_assessable", "not_filmed"):
        return line.reason or STATUS_NAMES[line.status].lower()
    parts = []
    measured = measurement(line.to_dict())
    if measured is not None:
        parts.append(f"{measured.metric}: {measured.value} (threshold {measured.threshold})")
    parts.append(f"{line.reps_flagged} of {line.reps_total} rep{'' if line.reps_total == 1 else 's'}")
    if line.side:
        parts.append(f"side: {line.side}")
    reps = [
        f"rep {e.rep}: {unit_text(e.value, line.unit or '')}{' *' if e.flagged else ''}"
        for e in line.evidence
        if e.measurable and e.value is not None
    ]
    if reps:
        parts.append("; ".join(reps))
    parts.append(f"confidence {line.confidence:.0%}")
    return ", ".join(parts)


@dataclass
class ScreenState:
    """Slots, their analyses and the coach's overrides for one client's screen."""

    client: str = ""
    slots: dict[str, SlotState] = field(default_factory=lambda: {s.key: SlotState() for s in SLOTS})
    overrides: dict[tuple, Override] = field(default_factory=dict)
    client_pain: bool = False
    edition: str = "7th"
    program_edits: tuple = ()  # prescription edits (Remove/Swap/ChangeDosage/AddExercise), in order
    _saved: tuple = field(default=(), init=False, repr=False, compare=False)  # `_work()` when last saved or opened

    def start_clip(self, key: str, path: Path) -> None:
        """Slot `key` gets a new clip to analyze; the coach's word on the old clip's lines goes with it."""
        self.slots[key] = SlotState(Path(path), "analyzing")
        self._drop_overrides(key)

    def clear_slot(self, key: str) -> None:
        """Empty slot `key` (a failed clip the coach gives up on)."""
        self.slots[key] = SlotState()
        self._drop_overrides(key)

    def _drop_overrides(self, key: str) -> None:
        spec = SLOTS_BY_KEY[key]
        slot = (spec.assessment, spec.view, spec.variant)
        self.overrides = {k: o for k, o in self.overrides.items() if (k[0], k[2], k[3]) != slot}

    def mark_saved(self) -> None:
        """What the screen holds now is stored (just saved, or opened from the records)."""
        self._saved = self._work()

    def unsaved_clips(self) -> list[SlotSpec]:
        """Slots whose clip is analyzed or analyzing, when any of the work is not saved yet."""
        busy = [s for s in SLOTS if self.slots[s.key].status in ("done", "analyzing")]
        return busy if busy and not _same_work(self._work(), self._saved) else []

    def _work(self) -> tuple:
        """What saving stores: each slot's status and analysis (the object itself), overrides, edits."""
        clips = tuple((key, slot.status, slot.analysis) for key, slot in self.slots.items())
        return clips, dict(self.overrides), tuple(self.program_edits), self.edition

    def missing(self) -> list[SlotSpec]:
        """Required views without an analyzed clip."""
        return [s for s in SLOTS if s.required and self.slots[s.key].status != "done"]

    def clip_screens(self) -> list:
        return [
            st.analysis.screen
            for st in self.slots.values()
            if st.status == "done" and st.analysis is not None and st.analysis.screen is not None
        ]

    def summary(self):
        """screening.ScreenSummary of the analyzed clips, or None before any."""
        clips = self.clip_screens()
        if not clips:
            return None
        from ..screening.summary import summarize_clips

        return summarize_clips(clips)

    def checklist_rows(self) -> list[ChecklistRow]:
        summary = self.summary()
        if summary is None:
            return []
        return [
            ChecklistRow(line_key(line), line, self.overrides.get(line_key(line), Override()))
            for line in summary.checklist
        ]

    def set_override(self, key: tuple, **changes) -> None:
        self.overrides[key] = replace(self.overrides.get(key, Override()), **changes)

    def effective_findings(self) -> list:
        """Seen findings after the coach's overrides, one per compensation (standard OHSA
        merged across views, as the screening does; single-leg squat lines as they are).

        A line the coach marked seen becomes a copy with status "seen"; the computed
        line itself is never changed.
        """
        from ..screening.summary import merge_status

        by_compensation: dict[str, list] = {}
        extra = []
        for row in self.checklist_rows():
            line = row.line
            if row.overridden:
                line = replace(line, status=row.effective_status)
            if line.assessment == "ohsa" and line.variant == STANDARD_VARIANT:
                by_compensation.setdefault(line.compensation, []).append(line)
            elif line.assessment != "ohsa" and line.status == "seen":
                extra.append(line)
        merged = [merge_status(lines) for lines in by_compensation.values()]
        return [m for m in merged if m is not None and m.status == "seen"] + extra

    def effective_compensations(self) -> list[str]:
        return [f.compensation for f in self.effective_findings()]

    def patterns(self) -> tuple:
        """The movement patterns the checklist forms after the coach's overrides."""
        from ..screening import patterns_of

        return patterns_of(
            {"compensation": row.line.compensation, "variant": row.line.variant, "status": row.effective_status}
            for row in self.checklist_rows()
        )

    def program(self):
        """prescription.Program from the effective findings, with the coach's edits."""
        from ..prescription import Program, build_program

        computed = build_program(self.effective_findings(), edition=self.edition).computed
        return Program(computed, tuple(self.program_edits))

    def add_program_edit(self, edit) -> None:
        self.program_edits = tuple(self.program_edits) + (edit,)


def _same_work(now: tuple, saved: tuple) -> bool:
    """`ScreenState._work()` values equal, analyses compared by identity (they hold arrays)."""
    if not saved:
        return False
    (clips, *rest), (saved_clips, *saved_rest) = now, saved
    return (
        rest == saved_rest
        and len(clips) == len(saved_clips)
        and all(
            key == k and status == st and analysis is a
            for (key, status, analysis), (k, st, a) in zip(clips, saved_clips)
        )
    )
