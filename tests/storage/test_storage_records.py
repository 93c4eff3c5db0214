"""Clients, screens, programs, session log, progress and export through the public API."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ces_vision.storage import Database, NewClip, NotFoundError, StorageError
from ces_vision.types import PoseSequence

POSE = PoseSequence(
    np.full((4, 33, 3), [0.25, 0.5, 0.0]), np.ones((4, 33)), np.zeros((4, 33, 3)), np.arange(4) / 30.0, 640, 480
)
POSE.image_xyz[1] = np.nan  # a frame without a person
Results = Callable[..., dict]


def test_clients_add_update_get_list_search(db: Database) -> None:
    ana = db.clients.add("  Ana Souza ", contact="ana@example.org", injury_history="ACL 2019", pain_reported=True)
    bo = db.clients.add("Bo Łukasz")
    assert ana.name == "Ana Souza" and ana.pain_reported and not ana.video_consent

    changed = db.clients.update(ana.id, notes="prefers mornings", video_consent=True)
    assert changed.notes == "prefers mornings" and changed.video_consent
    assert changed.created_at == ana.created_at and changed.updated_at > ana.updated_at
    assert db.clients.get(ana.id) == changed

    assert [c.name for c in db.clients.list()] == ["Ana Souza", "Bo Łukasz"]
    assert db.clients.search("SOUZ") == [changed]
    assert db.clients.search("łUK") == [db.clients.get(bo.id)]
    assert db.clients.search("%") == []  # no LIKE wildcards


def test_client_validation_and_missing_ids(db: Database) -> None:
    with pytest.raises(ValueError):
        db.clients.add("   ")
    client = db.clients.add("Cy")
    with pytest.raises(TypeError, match="unknown client field"):
        db.clients.update(client.id, age=40)
    with pytest.raises(TypeError):
        db.clients.update(client.id, pain_reported="yes")
    with pytest.raises(NotFoundError):
        db.clients.get(999)
    with pytest.raises(NotFoundError):
        db.clients.update(999, notes="x")
    assert db.clients.list() == [client]


def test_screens_ordered_by_date_with_overrides_kept_apart(db: Database, ohsa_results: Results) -> None:
    client = db.clients.add("Dee")
    late = db.screens.add(
        client.id, screened_on=date(2024, 6, 1), assessment="ohsa", results=ohsa_results(4.0), score=0.8
    )
    early = db.screens.add(
        client.id, screened_on=date(2024, 1, 1), assessment="ohsa", results=ohsa_results(9.0), score=0.4
    )
    assert [s.id for s in db.screens.list_for_client(client.id)] == [early.id, late.id]

    overridden = db.screens.set_overrides(early.id, {"knees_in": {"left": "absent"}})
    assert overridden.overrides == {"knees_in": {"left": "absent"}}
    assert overridden.results == ohsa_results(9.0)
    with pytest.raises(ValueError, match="schema_version"):
        db.screens.add(client.id, screened_on=date(2024, 1, 1), assessment="ohsa", results={"findings": []})
    with pytest.raises(NotFoundError):
        db.screens.set_overrides(999, {})


def test_programs_and_session_log(db: Database, day: date, ohsa_results: Results) -> None:
    client = db.clients.add("Eve")
    other = db.clients.add("Fay")
    screen = db.screens.add(client.id, screened_on=day, assessment="ohsa", results=ohsa_results())
    plan = {"phases": [{"name": "inhibit", "exercises": [{"id": "foam_calves", "hold_s": 30}]}]}
    program = db.programs.add(client.id, start_date=day, weeks=4, plan=plan, screen_id=screen.id)
    edited = db.programs.set_coach_edits(program.id, {"drop": ["foam_calves"]})
    assert edited.plan == plan and edited.coach_edits == {"drop": ["foam_calves"]}
    assert db.programs.list_for_client(client.id) == [edited]
    with pytest.raises(StorageError, match="another client"):
        db.programs.add(other.id, start_date=day, weeks=4, plan=plan, screen_id=screen.id)
    with pytest.raises(ValueError):
        db.programs.add(client.id, start_date=day, weeks=0, plan=plan)

    db.sessions.log(
        client.id,
        session_date=date(2024, 3, 5),
        adherence=1.0,
        program_id=program.id,
        exercises=["foam_calves"],
        notes="felt good",
    )
    db.sessions.log(client.id, session_date=date(2024, 3, 7), adherence=0.5, program_id=program.id)
    db.sessions.log(client.id, session_date=date(2024, 4, 1), adherence=0.0)
    with pytest.raises(ValueError):
        db.sessions.log(client.id, session_date=day, adherence=1.5)
    with pytest.raises(StorageError, match="another client"):
        db.sessions.log(other.id, session_date=day, adherence=1.0, program_id=program.id)

    entries = db.sessions.list_for_client(client.id, program_id=program.id)
    assert [(e.exercises, e.notes) for e in entries] == [(("foam_calves",), "felt good"), ((), "")]
    whole = db.sessions.adherence_summary(client.id)
    assert (whole.sessions, whole.mean_adherence) == (3, pytest.approx(0.5))
    march = db.sessions.adherence_summary(client.id, program_id=program.id, until=date(2024, 3, 31))
    assert (march.sessions, march.mean_adherence, march.first_date, march.last_date) == (
        2,
        pytest.approx(0.75),
        date(2024, 3, 5),
        date(2024, 3, 7),
    )
    empty = db.sessions.adherence_summary(other.id)
    assert (empty.sessions, empty.mean_adherence, empty.first_date) == (0, None, None)


def test_score_and_metric_history(db: Database, ohsa_results: Results) -> None:
    client = db.clients.add("Gus")
    for day, knees_in, score in ((date(2024, 5, 1), 3.0, 0.9), (date(2024, 1, 1), 8.5, 0.3)):
        db.screens.add(client.id, screened_on=day, assessment="ohsa", results=ohsa_results(knees_in), score=score)
    db.screens.add(client.id, screened_on=date(2024, 2, 1), assessment="ohsa", results={"schema_version": 0})
    db.screens.add(
        client.id,
        screened_on=date(2024, 3, 1),
        assessment="ohsa",
        score=0.6,
        results={
            "schema_version": 1,
            "findings": [
                {"compensation": "knees_in", "side": "right", "value": None},
                "junk",
                {"compensation": "knees_in", "side": "right", "value": 6.0},
                {"compensation": "feet_turn_out", "side": "left", "value": 12.0},
            ],
        },
    )
    assert db.score_history(client.id) == [(date(2024, 1, 1), 0.3), (date(2024, 3, 1), 0.6), (date(2024, 5, 1), 0.9)]
    points = db.metric_history(client.id, "knees_in")
    assert [(p.screened_on, p.side, p.value) for p in points] == [
        (date(2024, 1, 1), "left", 8.5),
        (date(2024, 3, 1), "right", 6.0),
        (date(2024, 5, 1), "left", 3.0),
    ]
    assert db.metric_history(client.id, "arms_fall_forward") == []


def test_metric_history_reads_the_views_of_a_screen_document(db: Database) -> None:
    client = db.clients.add("Hope")
    nan = float("nan")  # the screening engine writes NaN when a value could not be measured
    db.screens.add(
        client.id,
        screened_on=date(2024, 2, 1),
        assessment="ohsa",
        results={
            "schema_version": 1,
            "format": "ces-vision-screen",
            "views": [
                {
                    "view": "front",
                    "variant": "standard",
                    "findings": [
                        {"compensation": "knees_in", "side": "left", "value": 9.0},
                        {"compensation": "knees_in", "side": "right", "value": nan},
                    ],
                },
                {
                    "view": "front",
                    "variant": "heels_raised",
                    "findings": [{"compensation": "knees_in", "side": "left", "value": 2.0}],
                },
                {"view": "side", "findings": None},
            ],
        },
    )
    points = db.metric_history(client.id, "knees_in")
    assert [(p.variant, p.side, p.value) for p in points] == [("standard", "left", 9.0), ("heels_raised", "left", 2.0)]
    assert {p.view for p in points} == {"front"}


def test_export_client_is_complete_and_json_serialisable(
    db: Database, video: Path, day: date, ohsa_results: Results
) -> None:
    client = db.clients.add("Hal", video_consent=True)
    db.clients.add("Somebody Else")
    screen = db.screens.add(
        client.id,
        screened_on=day,
        assessment="ohsa",
        results=ohsa_results(5.0),
        clips=[NewClip("front", video, pose=POSE), NewClip("side", video)],
    )
    program = db.programs.add(client.id, start_date=day, weeks=6, plan={"phases": []}, screen_id=screen.id)
    db.sessions.log(client.id, session_date=day, adherence=0.8, program_id=program.id)

    exported = json.loads(json.dumps(db.export_client(client.id)))
    assert exported["client"]["name"] == "Hal"
    assert exported["screens"][0]["results"] == ohsa_results(5.0)
    assert exported["screens"][0]["clips"][0]["video_path"] == str(video)
    pose = exported["screens"][0]["clips"][0]["pose"]
    assert (pose["width"], len(pose["image_xyz"]), len(pose["image_xyz"][0])) == (640, 4, 33)
    assert pose["image_xyz"][1][0] == [None, None, None] and pose["image_xyz"][0][2] == [0.25, 0.5, 0.0]
    assert exported["screens"][0]["clips"][1]["pose"] is None
    assert exported["screens"][0]["screened_on"] == day.isoformat()
    assert exported["programs"][0]["screen_id"] == screen.id
    assert exported["sessions"][0]["adherence"] == 0.8
    assert "Somebody Else" not in json.dumps(exported)


def test_set_results_replaces_results_and_score_only(
    db: Database, video: Path, day: date, ohsa_results: Results
) -> None:
    client = db.clients.add("Ivo")
    screen = db.screens.add(
        client.id,
        screened_on=day,
        assessment="ohsa",
        results=ohsa_results(5.0),
        score=0.5,
        clips=[NewClip("front", video)],
    )
    db.screens.set_overrides(screen.id, {"lines": [1]})
    updated = db.screens.set_results(screen.id, ohsa_results(7.0), 0.75)
    assert updated.results == ohsa_results(7.0) and updated.score == 0.75
    assert updated.overrides == {"lines": [1]} and updated.clips == screen.clips
    with pytest.raises(ValueError, match="schema_version"):
        db.screens.set_results(screen.id, {"no": "version"}, None)
    with pytest.raises(NotFoundError):
        db.screens.set_results(screen.id + 99, ohsa_results(), None)


def test_pain_during_a_session_is_noted_and_recorded_on_the_client(db: Database, day: date) -> None:
    client = db.clients.add("Jo")
    with pytest.raises(ValueError):
        db.sessions.log(client.id, session_date=day, adherence=1.5, pain=True)
    assert not db.clients.get(client.id).pain_reported  # nothing written by a refused session
    entry = db.sessions.log(client.id, session_date=day, adherence=0.5, notes=" tired ", pain=True)
    assert entry.notes == "tired; pain during the session" and db.clients.get(client.id).pain_reported
    assert db.sessions.log(client.id, session_date=day, adherence=0.5, pain=True).notes == "pain during the session"
