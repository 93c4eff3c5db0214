"""Videos by reference or copied into the managed folder; deleting a client removes everything."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ces_vision.storage import Database, NewClip, NotFoundError, StorageError
from ces_vision.storage.schema import TABLES
from ces_vision.types import PoseSequence

Results = Callable[..., dict]
POSE = PoseSequence(np.zeros((5, 33, 3)), np.ones((5, 33)), np.zeros((5, 33, 3)), np.arange(5) / 30.0, 640, 480)


def test_copy_mode_copies_atomically_with_hash(db: Database, video: Path, day: date, ohsa_results: Results) -> None:
    client = db.clients.add("Ida", video_consent=True)
    screen = db.screens.add(
        client.id,
        screened_on=day,
        assessment="ohsa",
        results=ohsa_results(),
        clips=[
            NewClip("front", video, storage="copy"),
            NewClip("side", video, variant="heels raised", storage="reference"),
        ],
    )
    copied, referenced = screen.clips
    assert copied.storage == "copy" and copied.video_path.is_relative_to(db.client_videos_dir(client.id))
    assert copied.video_path.read_bytes() == video.read_bytes()
    assert copied.sha256 == referenced.sha256 == hashlib.sha256(video.read_bytes()).hexdigest()
    assert referenced.video_path == video and referenced.variant == "heels raised"
    assert [p.name for p in copied.video_path.parent.iterdir()] == [copied.video_path.name]  # no .part left
    stored = db._connection().execute("SELECT video_path FROM clips WHERE id = ?", (copied.id,)).fetchone()[0]
    assert not Path(stored).is_absolute()  # copies move with the database folder


def test_missing_videos_reports_moved_files(db: Database, video: Path, day: date, ohsa_results: Results) -> None:
    client = db.clients.add("Jo", video_consent=True)
    screen = db.screens.add(
        client.id,
        screened_on=day,
        assessment="ohsa",
        results=ohsa_results(),
        clips=[NewClip("front", video, storage="copy"), NewClip("back", video)],
    )
    assert db.missing_videos() == []
    video.rename(video.with_name("moved.mp4"))
    assert db.missing_videos() == [screen.clips[1]]
    screen.clips[0].video_path.unlink()
    assert db.missing_videos() == list(screen.clips)


def test_copy_needs_video_consent_and_an_existing_file(
    db: Database, video: Path, day: date, ohsa_results: Results
) -> None:
    client = db.clients.add("Kim", video_consent=False)
    with pytest.raises(StorageError, match="not agreed to videos"):
        db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video, storage="copy")],
        )
    with pytest.raises(StorageError, match="does not exist"):
        db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video.with_name("nope.mp4"))],
        )
    with pytest.raises(ValueError, match="unknown view"):
        db.screens.add(
            client.id, screened_on=day, assessment="ohsa", results=ohsa_results(), clips=[NewClip("top", video)]
        )
    assert db.screens.list_for_client(client.id) == []
    assert not db.videos_dir.exists()


def test_disk_full_while_copying_leaves_no_rows_and_no_files(
    db: Database, video: Path, day: date, ohsa_results: Results, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = db.clients.add("Lou", video_consent=True)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video, storage="copy")],
        )
    monkeypatch.undo()
    assert db.screens.list_for_client(client.id) == []
    assert list(db.client_videos_dir(client.id).iterdir()) == []


def test_rolled_back_transaction_removes_its_copies(
    db: Database, video: Path, day: date, ohsa_results: Results
) -> None:
    client = db.clients.add("Max", video_consent=True)
    with pytest.raises(RuntimeError), db.transaction():
        db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video, storage="copy")],
        )
        raise RuntimeError("the coach cancelled")
    assert db.screens.list_for_client(client.id) == []
    assert list(db.client_videos_dir(client.id).iterdir()) == []


def test_delete_client_leaves_nothing_behind(db: Database, video: Path, day: date, ohsa_results: Results) -> None:
    gone = db.clients.add("Ned", video_consent=True, injury_history="low back pain")
    kept = db.clients.add("Oda", video_consent=True)
    for client in (gone, kept):
        screen = db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(2.0),
            clips=[NewClip("front", video, storage="copy", pose=POSE), NewClip("side", video)],
        )
        program = db.programs.add(client.id, start_date=day, weeks=4, plan={"p": 1}, screen_id=screen.id)
        db.sessions.log(client.id, session_date=day, adherence=1.0, program_id=program.id)
    kept_copy = db.screens.list_for_client(kept.id)[0].clips[0].video_path

    db.delete_client(gone.id)

    conn = db._connection()
    for table in TABLES:  # Oda has one client row, one screen, two clips (one pose), one program, one session
        expected = {"clips": 2, "inbox_files": 0}.get(table, 1)
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected, table
    for table in ("screens", "programs", "session_log"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE client_id = ?", (gone.id,)).fetchone()[0] == 0
    assert not db.client_videos_dir(gone.id).exists()
    assert kept_copy.is_file() and video.is_file()  # the coach's own file is not deleted
    assert "low back pain" not in _all_text(db.path)
    with pytest.raises(NotFoundError):
        db.delete_client(gone.id)
    assert db.integrity_ok()
    db.close()
    left_in_file = b"low back pain" in db.path.read_bytes()
    assert not left_in_file  # overwritten, not just unlinked from the b-tree
    assert not Path(f"{db.path}-wal").exists()


def test_interrupted_delete_is_finished_on_next_open(
    db_path: Path, video: Path, day: date, ohsa_results: Results
) -> None:
    with Database.open(db_path) as db:
        client = db.clients.add("Pia", video_consent=True)
        db.screens.add(
            client.id,
            screened_on=day,
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video, storage="copy")],
        )
        folder = db.client_videos_dir(client.id)
        db._connection().execute("DELETE FROM clients WHERE id = ?", (client.id,))  # killed before the rmtree
    assert folder.is_dir()
    with Database.open(db_path):
        assert not folder.exists()


def _all_text(path: Path) -> str:
    """Every text value left in every table of the database at `path`."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
        return " ".join(
            str(value) for table in tables for row in conn.execute(f"SELECT * FROM {table}") for value in row
        )
