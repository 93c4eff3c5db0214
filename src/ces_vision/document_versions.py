"""The JSON documents ces-vision writes, their kind and schema_version, and the one place
older shapes are brought up to the current one when read. No other package imported.

Every reader (the database's screens, `report --analysis`, `export-video --analysis`, the
screen document) calls `upgrade` on what it loads, so no other code knows an old
spelling. What changed, by version:

* analysis 2, screen results 3, overrides 2, client export 3, screen export 2: the plain
  overhead squat is the variant "standard", never null or "" (`types.STANDARD_VARIANT`).
  An analysis also names its `assessment` (a field added: older ones are read from their
  first checklist line, `reports.content.analysis_assessment`).
* overrides 3: each line names its `assessment` (a push, a pull and the squat's side view
  each have a "low_back_arches" line). An older line has none and applies, as it did, to
  every assessment whose checklist in its view has the compensation
  (`screening.stored_line_keys`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .types import STANDARD_VARIANT

ANALYSIS_KIND = "ces-vision-analysis"  # one clip (`session.Analysis.to_json`)
ANALYSIS_VERSION = 2
RESULTS_KIND = "ces-vision-screen-results"  # a whole screen (`session.screen.ScreenDocument`)
RESULTS_VERSION = 3
APP_FORMAT_V1 = "ces-vision-app-screen"  # what the app's results said before `kind`
OVERRIDES_KIND = "ces-vision-overrides"  # the coach's word on checklist lines, stored beside the results
OVERRIDES_VERSION = 3
EDITS_KIND = "ces-vision-program-edits"  # the coach's program edits, stored beside the generated plan
EDITS_VERSION = 1
EXPORT_KIND = "ces-vision-client-export"  # everything stored about one client
EXPORT_VERSION = 3  # 2: each clip carries its stored "pose" (or null)
SCREEN_EXPORT_KIND = "ces-vision-screen"  # one screen as the reports see it
SCREEN_EXPORT_VERSION = 2

# The first version of each kind in which the variant is always named.
_VARIANT_NAMED = {
    ANALYSIS_KIND: ANALYSIS_VERSION,
    RESULTS_KIND: RESULTS_VERSION,
    OVERRIDES_KIND: OVERRIDES_VERSION,
    EXPORT_KIND: EXPORT_VERSION,
    SCREEN_EXPORT_KIND: SCREEN_EXPORT_VERSION,
}


def upgrade(data: Any) -> Any:
    """`data` in the current shape of its kind (a copy; anything not a document as it is).

    A document of a current or newer version is returned as it is: a newer one is refused
    by its own reader, which knows what it needs.
    """
    if not isinstance(data, Mapping):
        return data
    kind, version = data.get("kind"), data.get("schema_version")
    if kind is None:  # written before documents had a kind: every one of them is old
        kind = _kind_of_unnamed(data)
    elif isinstance(version, int) and version >= _VARIANT_NAMED.get(str(kind), 0):
        return data
    upgrader = _UPGRADERS.get(str(kind))
    return upgrader(data) if upgrader is not None else data


def named_variant(value: Any) -> Any:
    """The variant of an older document: null and "" were the plain overhead squat."""
    return STANDARD_VARIANT if value in (None, "") else value


def _kind_of_unnamed(data: Mapping) -> str | None:
    if data.get("format") == APP_FORMAT_V1 or isinstance(data.get("clips"), list):
        return RESULTS_KIND
    if data.get("format") in (EXPORT_KIND, SCREEN_EXPORT_KIND):
        return str(data["format"])
    if isinstance(data.get("lines"), list):
        return OVERRIDES_KIND
    if isinstance(data.get("views"), list):
        return RESULTS_KIND
    if "view" in data:
        return ANALYSIS_KIND
    return None


def _lines(rows: Any) -> Any:
    """Checklist or override lines with their variant named (where a line has one)."""
    if not isinstance(rows, list):
        return rows
    return [
        {**row, "variant": named_variant(row["variant"])} if isinstance(row, Mapping) and "variant" in row else row
        for row in rows
    ]


def _analysis(data: Mapping) -> dict:
    out = dict(data)
    out["variant"] = named_variant(data.get("variant"))
    if "checklist" in data:
        out["checklist"] = _lines(data["checklist"])
    if out.get("kind") == ANALYSIS_KIND:
        out["schema_version"] = ANALYSIS_VERSION
    return out


def _results(data: Mapping) -> dict:
    out = dict(data)
    if "checklist" in data:
        out["checklist"] = _lines(data["checklist"])
    for key in ("views", "clips"):
        if isinstance(data.get(key), list):
            out[key] = [_analysis(clip) if isinstance(clip, Mapping) else clip for clip in data[key]]
    if out.get("kind") == RESULTS_KIND:
        out["schema_version"] = RESULTS_VERSION
    return out


def _overrides(data: Mapping) -> dict:
    out = dict(data, lines=_lines(data.get("lines")))
    if out.get("kind") == OVERRIDES_KIND:
        out["schema_version"] = OVERRIDES_VERSION
    return out


def _export(data: Mapping) -> dict:
    out = dict(data)
    screens = data.get("screens")
    if isinstance(screens, list):
        out["screens"] = [_stored_screen(screen) if isinstance(screen, Mapping) else screen for screen in screens]
    out["schema_version"] = EXPORT_VERSION
    return out


def _stored_screen(screen: Mapping) -> dict:
    out = dict(screen, results=upgrade(screen.get("results")), overrides=upgrade(screen.get("overrides")))
    clips = screen.get("clips")
    if isinstance(clips, list):
        out["clips"] = [
            {**clip, "variant": named_variant(clip.get("variant"))} if isinstance(clip, Mapping) else clip
            for clip in clips
        ]
    return out


def _screen_export(data: Mapping) -> dict:
    out = dict(data)
    out["views"] = [_analysis(v) if isinstance(v, Mapping) else v for v in data.get("views") or []]
    out["checklist"] = _lines(data.get("checklist") or [])
    out["coach_overrides"] = upgrade(data.get("coach_overrides") or {"lines": []})
    out["schema_version"] = SCREEN_EXPORT_VERSION
    return out


_UPGRADERS = {
    ANALYSIS_KIND: _analysis,
    RESULTS_KIND: _results,
    OVERRIDES_KIND: _overrides,
    EXPORT_KIND: _export,
    SCREEN_EXPORT_KIND: _screen_export,
}
