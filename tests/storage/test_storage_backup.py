"""Backup with SQLite's online backup API, and a restore that validates before replacing."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ces_vision.storage import SCHEMA_VERSION, Database, StorageError, restore


def test_backup_and_restore_round_trip(db_path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backups" / "monday.sqlite3"
    with Database.open(db_path) as db:
        ana = db.clients.add("Ana", goals="deadlift")
        assert db.backup(backup) == backup
        db.clients.update(ana.id, goals="changed after the backup")
        db.clients.add("Added after the backup")
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # one self-contained file

    restore(backup, db_path)

    with Database.open(db_path) as db:
        assert db.clients.list() == [ana]
        assert db.integrity_ok()
        db.clients.add("Writable after restore")


def test_backup_is_consistent_while_another_connection_writes(db_path: Path, tmp_path: Path) -> None:
    with Database.open(db_path) as db, Database.open(db_path) as other:
        db.clients.add("Committed")
        with other.transaction():
            other.clients.add("Not yet committed")
            db.backup(tmp_path / "b.sqlite3")
    restored = tmp_path / "restored.sqlite3"
    restore(tmp_path / "b.sqlite3", restored)
    with Database.open(restored) as db:
        assert [c.name for c in db.clients.list()] == ["Committed"]


def test_backup_of_an_older_schema_is_migrated_after_restore(db_path: Path, tmp_path: Path) -> None:
    with Database.open(db_path) as db:
        db.clients.add("Kept")
        db.backup(tmp_path / "b.sqlite3")
    with closing(sqlite3.connect(tmp_path / "b.sqlite3")) as conn:  # pretend it predates v2
        conn.execute("DROP TABLE inbox_files")
        conn.execute("DROP TABLE clip_poses")
        conn.execute("ALTER TABLE session_log DROP COLUMN notes")
        conn.execute("ALTER TABLE clips DROP COLUMN sha256")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
    restore(tmp_path / "b.sqlite3", db_path)
    with Database.open(db_path) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert [c.name for c in db.clients.list()] == ["Kept"]


def _corrupt_pages(path: Path) -> None:
    """Scribble over the b-tree page headers after page 1: the file header stays valid."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for start in range(page_size, len(data), page_size):
        data[start : start + 12] = b"\x0d\xff\xff" * 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "corrupt page", "newer schema", "foreign"])
def test_restore_refuses_a_bad_backup_and_leaves_the_target(db_path: Path, tmp_path: Path, damage: str) -> None:
    backup = tmp_path / "bad.sqlite3"
    with Database.open(db_path) as db:
        with db.transaction():
            for i in range(60):
                db.clients.add(f"client {i}", notes="n" * 500)
        db.backup(backup)
    if damage == "garbage":
        backup.write_bytes(b"not a database at all" * 500)
    elif damage == "truncated":
        backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    elif damage == "corrupt page":
        _corrupt_pages(backup)
    elif damage == "newer schema":
        with closing(sqlite3.connect(backup)) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:
        backup.unlink()
        with closing(sqlite3.connect(backup)) as conn:
            conn.execute("CREATE TABLE t (x)")
    before = db_path.read_bytes()

    with pytest.raises(StorageError, match="cannot be restored"):
        restore(backup, db_path)

    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir()] == [db_path.name]  # no temporary files left
    with Database.open(db_path) as db:
        assert len(db.clients.list()) == 60


def test_restore_refuses_an_open_target_and_a_missing_backup(db_path: Path, tmp_path: Path) -> None:
    with Database.open(db_path) as db:
        db.backup(tmp_path / "b.sqlite3")
        with pytest.raises(StorageError, match="Close the database"):
            restore(tmp_path / "b.sqlite3", db_path)
        with pytest.raises(StorageError, match="cannot overwrite"):
            db.backup(db_path)
    with pytest.raises(StorageError, match="does not exist"):
        restore(tmp_path / "missing.sqlite3", db_path)


def test_restore_onto_a_crashed_target_does_not_replay_its_old_wal(tmp_path: Path) -> None:
    live, backup = tmp_path / "live.sqlite3", tmp_path / "b.sqlite3"
    crashed = tmp_path / "crashed" / live.name
    crashed.parent.mkdir()
    with Database.open(live) as db:
        db.clients.add("In the backup")
        db.backup(backup)
        db._connection().execute("PRAGMA wal_autocheckpoint = 0")
        for i in range(20):
            db.clients.add(f"only in the old WAL {i}")
        shutil.copyfile(live, crashed)  # the image a crash leaves: committed pages still in the -wal
        shutil.copyfile(f"{live}-wal", f"{crashed}-wal")

    restore(backup, crashed)

    with Database.open(crashed) as db:
        assert [c.name for c in db.clients.list()] == ["In the backup"]
        assert db.integrity_ok()
