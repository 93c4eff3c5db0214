"""Schema v4: the inbox log (filed videos by content hash) and the count of screens awaiting review."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from ces_vision.storage import Database

SHA_A, SHA_B = "a" * 64, "b" * 64


def test_a_v3_database_migrates_to_v4_keeping_its_data(db_path: Path) -> None:
    with Database.open(db_path) as db:
        client = db.clients.add("Ana Souza")
    with closing(sqlite3.connect(db_path)) as conn:  # as ces-vision before the inbox wrote it
        conn.execute("DROP TABLE inbox_files")
        conn.execute("PRAGMA user_version = 3")
        conn.commit()
    with Database.open(db_path) as db:
        assert db.schema_version == 4
        assert db.clients.get(client.id).name == "Ana Souza"
        assert db.clients.get(client.id).inbox_to_review == 0
        assert not db.inbox.is_filed(SHA_A)
        assert db.integrity_ok()


def test_filed_screens_count_as_awaiting_review_until_the_coach_saves_them(db: Database, ohsa_results) -> None:
    ana, ben = db.clients.add("Ana Souza"), db.clients.add("Ben")
    first = db.screens.add(ana.id, screened_on=date(2026, 1, 5), assessment="ohsa", results=ohsa_results())
    second = db.screens.add(ana.id, screened_on=date(2026, 1, 6), assessment="ohsa", results=ohsa_results())
    db.screens.add(
        ben.id, screened_on=date(2026, 1, 6), assessment="ohsa", results=ohsa_results()
    )  # not from the inbox
    db.inbox.record(SHA_A, first.id)
    db.inbox.record(SHA_B, second.id)
    assert {c.name: c.inbox_to_review for c in db.clients.list()} == {"Ana Souza": 2, "Ben": 0}
    assert db.inbox.awaiting_review(first.id)
    db.inbox.mark_reviewed(first.id)
    assert not db.inbox.awaiting_review(first.id) and db.clients.get(ana.id).inbox_to_review == 1
    assert db.inbox.is_filed(SHA_A) and not db.inbox.is_filed("c" * 64)


def test_a_deleted_client_leaves_the_hash_so_the_file_is_not_filed_again(db: Database, ohsa_results) -> None:
    ana = db.clients.add("Ana Souza")
    screen = db.screens.add(ana.id, screened_on=date(2026, 1, 5), assessment="ohsa", results=ohsa_results())
    db.inbox.record(SHA_A, screen.id)
    db.delete_client(ana.id)
    assert db.inbox.is_filed(SHA_A)
    assert db._connection().execute("SELECT screen_id FROM inbox_files").fetchall() == [(None,)]
    assert db.integrity_ok()


def test_clients_are_found_by_their_whole_name_ignoring_case(db: Database) -> None:
    ana = db.clients.add("Ana Souza")
    db.clients.add("Ana Souza-Lima")
    assert [c.id for c in db.clients.named("  ana souza ")] == [ana.id]
    assert db.clients.named("Ana") == []
