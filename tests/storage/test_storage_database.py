"""Opening, migrating, refusing and surviving a killed writer."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

import ces_vision
from ces_vision.storage import SCHEMA_VERSION, Database, StorageError
from ces_vision.storage.paths import default_database_path

# The v1 schema exactly as released: a test of the migration path must not read it
# from the code under test.
V1_SCHEMA = """
CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact TEXT NOT NULL DEFAULT '', goals TEXT NOT NULL DEFAULT '',
    pain_reported INTEGER NOT NULL DEFAULT 0 CHECK (pain_reported IN (0, 1)),
    injury_history TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    video_consent INTEGER NOT NULL DEFAULT 0 CHECK (video_consent IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE screens (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    screened_on TEXT NOT NULL, assessment TEXT NOT NULL, results_json TEXT NOT NULL,
    overrides_json TEXT NOT NULL DEFAULT '{}', score REAL, notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL);
CREATE INDEX screens_by_client ON screens(client_id, screened_on);
CREATE TABLE clips (
    id INTEGER PRIMARY KEY,
    screen_id INTEGER NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
    view TEXT NOT NULL, variant TEXT NOT NULL DEFAULT 'standard',
    storage TEXT NOT NULL CHECK (storage IN ('reference', 'copy')), video_path TEXT NOT NULL);
CREATE INDEX clips_by_screen ON clips(screen_id);
CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    screen_id INTEGER REFERENCES screens(id) ON DELETE SET NULL,
    start_date TEXT NOT NULL, weeks INTEGER NOT NULL CHECK (weeks > 0), plan_json TEXT NOT NULL,
    coach_edits_json TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX programs_by_client ON programs(client_id, start_date);
CREATE INDEX programs_by_screen ON programs(screen_id);
CREATE TABLE session_log (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL,
    session_date TEXT NOT NULL, exercises_json TEXT NOT NULL DEFAULT '[]',
    adherence REAL NOT NULL CHECK (adherence BETWEEN 0 AND 1));
CREATE INDEX session_log_by_client ON session_log(client_id, session_date);
CREATE INDEX session_log_by_program ON session_log(program_id);
PRAGMA application_id = 1128616790;  -- 0x43455356, "CESV"
PRAGMA user_version = 1;
"""

STAMP = "2024-01-01T09:00:00+00:00"


def columns(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_create_then_reopen_keeps_data(db_path: Path) -> None:
    with Database.open(db_path) as db:
        client = db.clients.add("Ana Souza", goals="squat pain-free", pain_reported=True)
    with Database.open(db_path) as db:
        assert db.clients.get(client.id) == client
        assert db.schema_version == SCHEMA_VERSION
        assert db.integrity_ok()
        assert db._connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db._connection().execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG applies to Linux and other Unix")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_database_path() == tmp_path / "xdg" / "ces-vision" / "ces-vision.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_database_path() == Path.home() / ".local" / "share" / "ces-vision" / "ces-vision.sqlite3"


def test_migrates_a_v1_database_and_keeps_its_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.executescript(V1_SCHEMA)
        conn.execute(
            "INSERT INTO clients (name, pain_reported, video_consent, created_at, updated_at)"
            " VALUES ('Old Client', 1, 0, ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO screens (client_id, screened_on, assessment, results_json, score, created_at)"
            " VALUES (1, '2023-05-01', 'ohsa', '{\"schema_version\": 1}', 0.4, ?)",
            (STAMP,),
        )
        conn.execute(
            "INSERT INTO clips (screen_id, view, storage, video_path) VALUES (1, 'side', 'reference', '/v.mp4')"
        )
        conn.execute("INSERT INTO session_log (client_id, session_date, adherence) VALUES (1, '2023-05-03', 0.75)")
    conn.close()
    assert "sha256" not in columns(db_path, "clips")

    with Database.open(db_path) as db:
        assert db.schema_version == SCHEMA_VERSION == 4
        client = db.clients.get(1)
        assert (client.name, client.pain_reported) == ("Old Client", True)
        (screen,) = db.screens.list_for_client(1)
        assert screen.score == 0.4 and screen.results == {"schema_version": 1}
        assert screen.clips[0].video_path == Path("/v.mp4") and screen.clips[0].sha256 is None
        (entry,) = db.sessions.list_for_client(1)
        assert entry.adherence == 0.75 and entry.notes == ""
        assert db.integrity_ok()
    assert "sha256" in columns(db_path, "clips")
    assert "notes" in columns(db_path, "session_log")
    assert columns(db_path, "clip_poses") == ["clip_id", "format", "pose"]


def test_refuses_newer_database_without_touching_it(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.clients.add("Future")
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("PRAGMA journal_mode = DELETE")  # so that switching to WAL would change the bytes
    before = db_path.read_bytes()

    with pytest.raises(StorageError, match="newer version of ces-vision") as info:
        Database.open(db_path)
    assert str(SCHEMA_VERSION + 1) in str(info.value)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_refuses_a_file_that_is_not_ours(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    before = (foreign.read_bytes(), garbage.read_bytes())

    with pytest.raises(StorageError, match="not a ces-vision database"):
        Database.open(foreign)
    with pytest.raises(StorageError, match="damaged or is not a ces-vision database"):
        Database.open(garbage)
    assert (foreign.read_bytes(), garbage.read_bytes()) == before


WRITER = textwrap.dedent(
    """
    import sys, time
    from ces_vision.storage import Database
    db = Database.open(sys.argv[1])
    with db.transaction():
        for i in range(400):
            db.clients.add(f"uncommitted {i}", notes="x" * 20_000)
        print("in transaction", flush=True)
        time.sleep(60)
    """
)


def test_killed_writer_leaves_committed_data_and_no_partial_rows(db_path: Path) -> None:
    with Database.open(db_path) as db:
        kept = [db.clients.add(f"committed {i}") for i in range(3)]
    package_root = str(Path(ces_vision.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = writer.stdout.readline() if writer.stdout else ""
        assert line.strip() == "in transaction", writer.stderr.read() if writer.stderr else ""
        wal = Path(f"{db_path}-wal")
        assert wal.stat().st_size > 1_000_000, "uncommitted pages should have spilled into the WAL"
        writer.kill()  # SIGKILL: no cleanup, no rollback by the writer
    finally:
        writer.kill()
        writer.communicate(timeout=10)

    with Database.open(db_path) as db:
        assert db.integrity_ok()
        assert db.clients.list() == kept
        assert db.clients.search("uncommitted") == []
        assert db.clients.add("after the crash").id > kept[-1].id


def test_closed_database_refuses_use(db_path: Path) -> None:
    db = Database.open(db_path)
    db.close()
    db.close()
    with pytest.raises(StorageError, match="closed"):
        db.clients.list()


def test_a_migration_that_fails_leaves_the_database_at_its_old_version(db_path: Path, monkeypatch) -> None:
    from ces_vision.storage import database

    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.executescript(V1_SCHEMA)
    broken = (*database.MIGRATIONS[:3], ("SELECT no_such_function()",))
    monkeypatch.setattr(database, "MIGRATIONS", broken)
    with pytest.raises(StorageError):
        Database.open(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # not 3: all of it or none
    assert "sha256" not in columns(db_path, "clips")  # migration 2 went back too
    monkeypatch.undo()
    with Database.open(db_path) as db:
        assert db.schema_version == SCHEMA_VERSION and "sha256" in columns(db_path, "clips")
    with Database.open(db_path) as db:  # already current: opened without a write lock
        assert db.schema_version == SCHEMA_VERSION
