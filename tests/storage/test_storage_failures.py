"""Disk full during a write: a plain StorageError and the database as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from ces_vision.storage import Database, StorageError


def _fill_disk(db: Database) -> None:
    """Cap the file at its current size: the next write that needs a page gets SQLITE_FULL."""
    conn = db._connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_gives_storage_error_and_keeps_previous_data(db_path: Path) -> None:
    with Database.open(db_path) as db:
        kept = db.clients.add("Kept", notes="saved before the disk filled up")
        _fill_disk(db)
        with pytest.raises(StorageError, match="disk is full") as info:
            db.clients.add("Too big", notes="x" * 200_000)
        assert "SQLITE" not in str(info.value)  # a plain message, the sqlite error is the __cause__
        assert db.clients.list() == [kept]

        with pytest.raises(StorageError, match="disk is full"), db.transaction():
            db.clients.update(kept.id, notes="changed in the failing transaction")
            db.clients.add("Also too big", notes="y" * 200_000)
        assert db.clients.list() == [kept]  # the whole transaction rolled back
        assert db.integrity_ok()

    with Database.open(db_path) as db:
        assert db.clients.list() == [kept]
        db.clients.add("Space again")  # the cap was per-connection: a freed disk works again
        assert len(db.clients.list()) == 2
