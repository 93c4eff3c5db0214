"""The screen document: one whole screen as JSON, written and read in one place. No Qt.

The CLI's `screen` file, the results the app and the inbox store with a screen, and a
screen saved with `screen --client` are this one document (docs/formats.md): the
judgement of the screen (checklist, findings, score and what it covers, differential,
patterns, warnings), the effective program by step ("program", as the reports print it)
and in detail ("program_detail"), the edition, pain and referral, and each clip's
analysis JSON under "views" with the app slot it fills. The coach's overrides, program
edits and notes are stored beside it (database columns with their own documents).

`ScreenDocument.from_json` also reads older documents (`document_versions.upgrade`),
and the shapes written before `kind` existed (schema_version 1): the CLI's, with the clips under "clips" and the detailed program under
"program", and the app's, "format": "ces-vision-app-screen" with "program_detail".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..document_versions import APP_FORMAT_V1, RESULTS_KIND, upgrade
from ..document_versions import RESULTS_VERSION as RESULTS_SCHEMA_VERSION
from ..prescription import Screen
from ..reports.content import analysis_assessment
from ..reports.files import json_safe
from ..types import STANDARD_VARIANT
from .errors import ScreenRecordError
from .screen_state import SLOTS, SLOTS_BY_KEY

# Keys of the document that are not the screen's judgement (kept in typed fields).
_OWN_KEYS = (
    "kind",
    "schema_version",
    "format",
    "assessment",
    "edition",
    "client_pain",
    "referral",
    "program",
    "prescription",
    "program_detail",
    "views",
    "clips",
)


class NotAScreenDocument(ValueError):
    """JSON that is not a screen document (e.g. one clip's analysis JSON)."""


@dataclass(frozen=True)
class ScreenClip:
    """One clip of the screen: its analysis JSON and the app slot it fills (None: no slot)."""

    analysis: Mapping[str, Any]
    slot: str | None = None

    @property
    def view(self) -> str:
        return str(self.analysis.get("view", ""))

    @property
    def variant(self) -> str:
        return str(self.analysis.get("variant", STANDARD_VARIANT))

    def to_json(self) -> dict:
        data = dict(self.analysis)
        if self.slot is not None:
            data["slot"] = self.slot
        return data


@dataclass(frozen=True)
class ScreenDocument:
    """A whole screen: judgement, effective program, pain and every clip's analysis."""

    # checklist, findings, not_assessable, score, score_coverage, differential, warnings,
    # patterns: every field that is not one of the document's own (kept as written)
    judgement: Mapping[str, Any]
    program: Mapping[str, Any]  # step -> exercises, the effective program as printed
    program_detail: Mapping[str, Any]  # computed plan (items, dosage, budget, notes, cycle), edits, minutes
    clips: tuple[ScreenClip, ...]
    edition: str = "7th"
    client_pain: bool = False
    referral: str | None = None
    assessment: str = "ohsa"

    @classmethod
    def of(cls, screen: Screen, analyses: Iterable[Mapping[str, Any]], program: Any = None) -> ScreenDocument:
        """The document of a built screen, its clips' analysis JSONs (a "slot" key is kept,
        else found from view and variant) and `program`, the coach-edited program if any."""
        if program is not None:
            screen = screen.with_program(program)
        data = screen.to_json()
        clips = tuple(_clip(dict(analysis)) for analysis in analyses)
        return cls(
            judgement={k: v for k, v in data.items() if k not in _OWN_KEYS},
            program=screen.program.prescription_json(),
            program_detail=data["program"],
            clips=clips,
            edition=screen.edition,
            client_pain=screen.client_pain,
            referral=screen.referral,
        )

    def to_json(self) -> dict:
        """The JSON-ready document (NaN as null)."""
        return json_safe(
            {
                "kind": RESULTS_KIND,
                "schema_version": RESULTS_SCHEMA_VERSION,
                "assessment": self.assessment,
                **self.judgement,
                "edition": self.edition,
                "client_pain": self.client_pain,
                "referral": self.referral,
                "program": dict(self.program),
                "prescription": dict(self.program),  # the CLI's name for it before schema_version 2
                "program_detail": dict(self.program_detail),
                "views": [clip.to_json() for clip in self.clips],
            }
        )

    @classmethod
    def from_json(cls, data: Any) -> ScreenDocument:
        """Read a screen document of this or an older shape; NotAScreenDocument otherwise."""
        if not isinstance(data, Mapping):
            raise NotAScreenDocument("a screen document is a JSON object")
        data = upgrade(data)
        version = data.get("schema_version")
        kind = data.get("kind")
        if kind is not None and kind != RESULTS_KIND:
            raise NotAScreenDocument(f"this is a {kind!r} document, not a screen")
        if isinstance(version, int) and version > RESULTS_SCHEMA_VERSION and kind == RESULTS_KIND:
            raise ScreenRecordError(
                f"this screen was written by a newer ces-vision (schema_version {version}): update it"
            )
        if kind == RESULTS_KIND or data.get("format") == APP_FORMAT_V1 or isinstance(data.get("views"), list):
            clips, program, detail = data.get("views"), data.get("program"), data.get("program_detail")
        elif isinstance(data.get("clips"), list):  # the CLI's screen file, schema_version 1
            clips, program, detail = data["clips"], data.get("prescription"), data.get("program")
        else:
            raise NotAScreenDocument("no clips in it: not a screen document")
        if clips is None:
            raise NotAScreenDocument("no clips in it: not a screen document")
        return cls(
            judgement={k: v for k, v in data.items() if k not in _OWN_KEYS},
            program=program if isinstance(program, Mapping) else {},
            program_detail=detail if isinstance(detail, Mapping) else {},
            clips=tuple(_clip(dict(c)) for c in clips if isinstance(c, Mapping)),
            edition=str(data.get("edition") or "7th"),
            client_pain=bool(data.get("client_pain")),
            referral=data.get("referral") if isinstance(data.get("referral"), str) else None,
            assessment=str(data.get("assessment") or "ohsa"),
        )

    # ------------------------------------------------------------ reading ---
    @property
    def analyses(self) -> list[dict]:
        """Each clip's analysis JSON, as the reports take them."""
        return [dict(clip.analysis) for clip in self.clips]

    @property
    def checklist(self) -> list[dict]:
        return list(self.judgement.get("checklist", []) or [])

    @property
    def score(self) -> float | None:
        score = self.judgement.get("score")
        score = score.get("value") if isinstance(score, Mapping) else score
        return float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None


def slot_of(view: str, variant: str, assessment: str = "ohsa") -> str | None:
    """The app slot of a clip of `view`, `variant` and `assessment`, None when the app has none for it."""
    return next((s.key for s in SLOTS if (s.view, s.variant, s.assessment) == (view, variant, assessment)), None)


def app_slot(view: str, assessment: str = "ohsa", variant: str = STANDARD_VARIANT) -> str:
    """The app slot of a clip; ValueError, naming the slots there are, when the app has none."""
    key = slot_of(view, variant, assessment)
    if key is None:
        kind = (
            assessment.replace("_", "-").replace("single-leg-squat", "single-leg squat")
            if assessment != "ohsa"
            else f"{view} view{', ' + variant.replace('_', ' ') if variant != STANDARD_VARIANT else ''}"
        )
        raise ScreenRecordError(
            f"the app has no place for a {kind} clip: a saved screen holds "
            f"{', '.join(s.label.lower() for s in SLOTS)} clips"
        )
    return key


def _clip(analysis: dict) -> ScreenClip:
    slot = analysis.pop("slot", None)
    if slot not in SLOTS_BY_KEY:
        assessment = analysis_assessment(analysis)
        slot = slot_of(str(analysis.get("view", "")), str(analysis.get("variant", STANDARD_VARIANT)), assessment)
    return ScreenClip(analysis, slot)
