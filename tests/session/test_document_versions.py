"""Documents written before the plain overhead squat was named "standard" (null or "") are
read in the current shape, each kind by `document_versions.upgrade`, and a database
holding them still opens its screens."""

from __future__ import annotations

import copy
import dataclasses
import json
import sqlite3
from datetime import date

import pytest
from stored_screens import store_screen

from ces_vision.config import Settings
from ces_vision.document_versions import (
    ANALYSIS_VERSION,
    EXPORT_VERSION,
    OVERRIDES_VERSION,
    RESULTS_VERSION,
    SCREEN_EXPORT_VERSION,
    upgrade,
)
from ces_vision.reports.content import coach_statuses, report_from_records
from ces_vision.session.screen import ScreenDocument
from ces_vision.session.screen_record import overrides_from_document, restore_screen, stored_frames
from ces_vision.session.screen_state import ScreenState
from ces_vision.storage import Database

LINE = {"compensation": "knees_move_in", "view": "front", "variant": None, "leg": None, "status": "seen"}
ANALYSIS_V1 = {
    "kind": "ces-vision-analysis",
    "schema_version": 1,
    "view": "front",
    "variant": None,
    "checklist": [LINE],
}
OVERRIDES_V1 = {"kind": "ces-vision-overrides", "schema_version": 1, "lines": [{**LINE, "variant": ""}]}


def _variants(document) -> list:
    """Every "variant" value anywhere in a document."""
    if isinstance(document, dict):
        own = [document["variant"]] if "variant" in document else []
        return own + [v for value in document.values() for v in _variants(value)]
    if isinstance(document, list):
        return [v for item in document for v in _variants(item)]
    return []


def test_each_kind_of_older_document_is_read_with_the_variant_named():
    results_v2 = {"kind": "ces-vision-screen-results", "schema_version": 2, "checklist": [LINE], "views": [ANALYSIS_V1]}
    cli_v1 = {"schema_version": 1, "clips": [{**ANALYSIS_V1, "variant": ""}], "prescription": {}}
    app_v1 = {"schema_version": 1, "format": "ces-vision-app-screen", "views": [ANALYSIS_V1]}
    export_v2 = {
        "kind": "ces-vision-client-export",
        "schema_version": 2,
        "screens": [{"results": results_v2, "overrides": OVERRIDES_V1, "clips": [{"view": "front", "variant": ""}]}],
    }
    screen_export_v1 = {
        "kind": "ces-vision-screen",
        "schema_version": 1,
        "views": [ANALYSIS_V1],
        "checklist": [LINE],
        "coach_overrides": OVERRIDES_V1,
    }
    before = copy.deepcopy([ANALYSIS_V1, results_v2, cli_v1, app_v1, export_v2, screen_export_v1, OVERRIDES_V1])
    for document, version in (
        (ANALYSIS_V1, ANALYSIS_VERSION),
        (results_v2, RESULTS_VERSION),
        (OVERRIDES_V1, OVERRIDES_VERSION),
        (export_v2, EXPORT_VERSION),
        (screen_export_v1, SCREEN_EXPORT_VERSION),
    ):
        upgraded = upgrade(document)
        assert upgraded["schema_version"] == version > document["schema_version"]
        assert _variants(upgraded) and set(_variants(upgraded)) == {"standard"}, document["kind"]
    for written_before_kind in (cli_v1, app_v1):
        assert set(_variants(upgrade(written_before_kind))) == {"standard"}
        assert ScreenDocument.from_json(written_before_kind).clips[0].variant == "standard"
    assert [ANALYSIS_V1, results_v2, cli_v1, app_v1, export_v2, screen_export_v1, OVERRIDES_V1] == before  # copies
    current = upgrade(ANALYSIS_V1)
    assert upgrade(current) is current  # a current document is taken as it is
    assert upgrade({"heels_elevated": 1}) == {"heels_elevated": 1}  # not a document: left alone
    keys = set(overrides_from_document(OVERRIDES_V1)) | set(coach_statuses(upgrade(OVERRIDES_V1)))
    assert keys == {("ohsa", "knees_move_in", "front", "standard", None)}


def test_a_database_with_old_shaped_rows_still_opens_its_screens(tmp_path):
    path = tmp_path / "db.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza")
        stored = store_screen(db, client.id, date(2026, 1, 5), tmp_path, knees_in=0.2, n_reps=2)
    # as an older ces-vision wrote them: null variants, overrides v1, a clip named ""
    results = copy.deepcopy(stored.results)
    results.pop("kind", None)
    for analysis in results["views"]:
        analysis["schema_version"], analysis["variant"] = 1, None
        for row in analysis["checklist"]:
            row["variant"] = None
    overrides = {**OVERRIDES_V1, "lines": [{**LINE, "status": "not_seen", "variant": None}]}
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE screens SET results_json = ?, overrides_json = ? WHERE id = ?",
            (json.dumps(results), json.dumps(overrides), stored.id),
        )
        conn.execute("UPDATE clips SET variant = '' WHERE screen_id = ?", (stored.id,))
    with Database.open(path) as db:
        screen = db.screens.get(stored.id)
        assert screen.clips[0].variant == "standard" and set(_variants(screen.results)) == {"standard"}
        state = ScreenState()
        assert restore_screen(
            state, screen, None, poses={c.id: p for c in screen.clips if (p := db.screens.pose(c.id))}
        )
        assert state.slots["front"].reviewable  # the clip found its slot and pose
        assert state.overrides[("ohsa", "knees_move_in", "front", "standard", None)].status == "not_seen"
        frames = stored_frames(screen, db.screens.pose, Settings())
        report = report_from_records(client, [screen], frame_data=frames)
    assert [clip.standard for clip in report.clips] == [True] and report.clips[0].frame_data is not None


def test_a_stored_screen_that_cannot_be_read_is_a_screen_record_error_and_changes_nothing(tmp_path):
    from ces_vision.session.errors import ScreenRecordError

    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Ana Souza")
        stored = store_screen(db, client.id, date(2026, 1, 5), tmp_path, knees_in=0.2, n_reps=2)
    bad_rows = copy.deepcopy(stored.results)
    bad_rows["views"][0]["checklist"][0]["evidence"] = [{"no": "rep"}]  # evidence without its rep
    newer = {**stored.results, "kind": "ces-vision-screen-results", "schema_version": RESULTS_VERSION + 1}
    for results in (bad_rows, newer):
        state = ScreenState(client="kept")
        with pytest.raises(ScreenRecordError, match="could not be read|newer ces-vision"):
            restore_screen(state, dataclasses.replace(stored, results=results), None)
        assert state.client == "kept" and all(slot.status == "empty" for slot in state.slots.values())
