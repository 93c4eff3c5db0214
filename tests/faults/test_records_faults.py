"""Records survive faults: kill -9 mid-save, a full disk (a real small tmpfs) during save,
export, recording and backup, and restore of a bad backup or open of a newer database."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import av
import numpy as np
import pytest

from ces_vision.capture import FakeSource
from ces_vision.capture.recorder import Recorder
from ces_vision.cli import main
from ces_vision.reports import ExportError, write_json
from ces_vision.storage import SCHEMA_VERSION, Database, NewClip, StorageError
from ces_vision.storage.encrypted_backup import create_encrypted_backup

SRC = Path(__file__).resolve().parents[2] / "src"

# -- kill -9 in the middle of saving ----------------------------------------------------------

WORKER = textwrap.dedent("""
    import sys
    from datetime import date
    from pathlib import Path
    import numpy as np
    from ces_vision.storage import Database, NewClip
    from ces_vision.types import PoseSequence

    db_path, kind, video = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    rng = np.random.default_rng()
    with Database.open(db_path) as db:
        client = db.clients.list()[0]
        for i in range(10_000):
            if kind == "session":
                entry = db.sessions.log(client.id, session_date=date(2026, 1, 1 + i % 28), adherence=0.5,
                                        notes=f"session {i}")
                print(f"saved {entry.id}", flush=True)
            else:
                pose = PoseSequence(image_xyz=rng.random((300, 33, 3)), visibility=rng.random((300, 33)),
                                    world_xyz=rng.random((300, 33, 3)), timestamps_s=np.arange(300) / 30,
                                    width=64, height=48)
                screen = db.screens.add(client.id, screened_on=date(2026, 2, 1), assessment="ohsa",
                                        results={"schema_version": 1, "n": i},
                                        clips=[NewClip("front", video, storage="copy", pose=pose)])
                print(f"saved {screen.id}", flush=True)
""")


def _kill_while_saving(db_path: Path, kind: str, video: Path, rounds: int, seed: int) -> list[int]:
    """Run the saving worker `rounds` times, kill -9 it at a random moment; return the ids it reported."""
    script = db_path.parent / "worker.py"
    script.write_text(WORKER)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    rng = random.Random(seed)
    reported: list[int] = []
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(db_path), kind, str(video)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(rng.randint(2, 6)):
            line = proc.stdout.readline()
            assert line.startswith("saved "), f"worker failed: {line!r} {proc.stderr.read()}"
            reported.append(int(line.split()[1]))
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)  # mid-way through the next save
        proc.wait()
        reported += [int(line.split()[1]) for line in proc.stdout.read().splitlines() if line.startswith("saved ")]
        proc.stdout.close()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
    return reported


def test_kill_9_while_logging_sessions_loses_nothing_reported(tmp_path):
    db_path = tmp_path / "db.sqlite3"
    with Database.open(db_path) as db:
        db.clients.add("Ana")
    reported = _kill_while_saving(db_path, "session", tmp_path, rounds=5, seed=1)
    with closing(sqlite3.connect(db_path)) as conn:  # before any open() could repair anything
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with Database.open(db_path) as db:
        stored = {entry.id for entry in db.sessions.list_for_client(1)}
        assert set(reported) <= stored and len(reported) >= 10
        assert db.integrity_ok()


def test_kill_9_while_saving_screens_loses_nothing_reported(tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(np.random.default_rng(0).bytes(3 << 20))  # a copy big enough to be killed in
    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    db_path = tmp_path / "db.sqlite3"
    with Database.open(db_path) as db:
        db.clients.add("Ana", video_consent=True)
    reported = _kill_while_saving(db_path, "screen", video, rounds=4, seed=2)
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with Database.open(db_path) as db:
        screens = {screen.id: screen for screen in db.screens.list_for_client(1)}
        assert set(reported) <= set(screens)
        for screen in screens.values():
            clip = screen.clips[0]
            assert clip.sha256 == digest and hashlib.sha256(clip.video_path.read_bytes()).hexdigest() == digest
            assert db.screens.pose(clip.id).n_frames == 300
        assert db.integrity_ok()
        # A copy appears under its final name only when complete (an interrupted save may
        # leave a complete copy that no screen uses; it goes with the client's folder).
        for path in db.client_videos_dir(1).iterdir():
            assert path.name.startswith(".") or hashlib.sha256(path.read_bytes()).hexdigest() == digest


# -- a full disk: a real small tmpfs -----------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs mounted for the test (needs root; skipped where it cannot be mounted)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if (
        sys.platform != "linux"
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    """Fill `disk` up to the last byte; return the filler file (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as stream:
        try:
            while True:
                stream.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".") or p.suffix in (".tmp", ".part"))


def test_full_disk_during_save_keeps_earlier_records(small_disk, tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(np.random.default_rng(0).bytes(600_000))
    db_path = small_disk / "db.sqlite3"
    with Database.open(db_path) as db:
        client = db.clients.add("Ana", video_consent=True)
        kept = db.screens.add(
            client.id,
            screened_on=date(2026, 1, 1),
            assessment="ohsa",
            results={"schema_version": 1},
            clips=[NewClip("front", video, storage="copy")],
        )
        filler = _fill(small_disk)
        with pytest.raises(StorageError, match="disk is full"):
            db.screens.add(
                client.id,
                screened_on=date(2026, 1, 2),
                assessment="ohsa",
                results={"schema_version": 1},
                clips=[NewClip("front", video, storage="copy")],
            )
        with pytest.raises(StorageError, match="disk is full"):
            for _ in range(2000):  # page by page until the WAL cannot grow
                db.sessions.log(client.id, session_date=date(2026, 1, 3), adherence=0.5, notes="n" * 2000)
        logged = len(db.sessions.list_for_client(client.id))
        assert [s.id for s in db.screens.list_for_client(client.id)] == [kept.id]
        assert sorted(p.name for p in db.client_videos_dir(client.id).iterdir()) == [kept.clips[0].video_path.name]
    filler.unlink()
    with Database.open(db_path) as db:
        assert db.integrity_ok() and len(db.sessions.list_for_client(client.id)) == logged
        assert db.screens.list_for_client(client.id)[0].clips[0].video_path.stat().st_size == 600_000


def test_full_disk_during_export_keeps_the_old_file(small_disk):
    out = small_disk / "exports" / "analysis.json"
    write_json({"version": "old"}, out)
    filler = _fill(small_disk)
    with pytest.raises(ExportError, match="disk is full.*nothing was changed"):
        write_json({"version": "new", "data": list(range(200_000))}, out)
    assert out.read_text() == '{\n  "version": "old"\n}' and _temporaries(small_disk) == []
    filler.unlink()
    assert main(["clients", "add", "Ana", "--db", str(small_disk / "db.sqlite3")]) == 0
    filler = _fill(small_disk)
    code = main(["clients", "export", "1", "--out", str(out), "--db", str(small_disk / "db.sqlite3")])
    assert code == 2 and out.read_text() == '{\n  "version": "old"\n}'


def test_full_disk_during_backup_keeps_the_previous_backup(small_disk, tmp_path):
    with Database.open(tmp_path / "db.sqlite3") as db:
        with db.transaction():
            for i in range(100):
                db.clients.add(f"client {i}", notes="n" * 5000)
        db.clients.add("Ana")
        plain, sealed = small_disk / "backup.sqlite3", small_disk / "backup.cesbak"
        with Database.open(tmp_path / "small.sqlite3") as small:
            small.clients.add("Earlier")
            small.backup(plain)
            create_encrypted_backup(small, sealed, "pass")
        before = {p: p.read_bytes() for p in (plain, sealed)}
        filler = _fill(small_disk)
        filler.write_bytes(filler.read_bytes()[:-200_000])  # room for part of the backup only
        with pytest.raises(StorageError, match="disk is full"):
            db.backup(plain, overwrite=True)
        with pytest.raises(StorageError, match="disk is full"):
            create_encrypted_backup(db, sealed, "pass", overwrite=True)
    assert {p: p.read_bytes() for p in (plain, sealed)} == before
    assert _temporaries(small_disk) == []


def test_full_disk_during_recording_keeps_a_playable_file(small_disk):
    path = small_disk / "take.mp4"
    filler = _fill(small_disk)
    filler.write_bytes(filler.read_bytes()[:-1_500_000])  # 1.5 MB left
    recorder = Recorder(path, 30.0, 320, 240)
    noise = np.random.default_rng(0)
    images = [noise.integers(0, 255, (240, 320, 3), dtype=np.uint8) for _ in range(8)]  # incompressible
    for frame in FakeSource(images, n_frames=2000).frames():
        recorder.write(frame)
        if recorder.failed:
            break
    recorder.close()
    assert recorder.failed and "disk is full" in recorder.error and str(recorder.frames_written) in recorder.error
    with av.open(str(path)) as container:
        decoded = sum(1 for _ in container.decode(video=0))
    # Whole fragments (one a second) survive and the message counts them.
    assert decoded == recorder.frames_written >= 20 and f"first {decoded} frames" in recorder.error


# -- bad backups, newer databases ------------------------------------------------------------


@pytest.fixture
def current_db(tmp_path) -> Path:
    path = tmp_path / "current.sqlite3"
    with Database.open(path) as db:
        with db.transaction():
            for i in range(50):
                db.clients.add(f"client {i}", notes="n" * 500)
    return path


@pytest.mark.parametrize("kind", ["truncated", "foreign sqlite", "empty", "a text file", "encrypted, truncated"])
def test_restore_of_a_bad_backup_refuses_in_one_line_and_keeps_the_database(
    current_db, tmp_path, capsys, kind, monkeypatch
):
    backup = tmp_path / "backup.file"
    if kind == "truncated":
        with Database.open(current_db) as db:
            db.backup(backup)
        backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    elif kind == "foreign sqlite":
        with closing(sqlite3.connect(backup)) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT)")
            conn.commit()
    elif kind == "empty":
        backup.write_bytes(b"")
    elif kind == "a text file":
        backup.write_text("not a backup\n")
    else:
        monkeypatch.setenv("CES_VISION_BACKUP_PASSPHRASE", "pass")
        with Database.open(current_db) as db:
            create_encrypted_backup(db, backup, "pass")
        backup.write_bytes(backup.read_bytes()[:-100])
    before = current_db.read_bytes()
    assert main(["backup", "restore", str(backup), "--db", str(current_db)]) == 2
    out, err = capsys.readouterr()
    assert "cannot be restored" in err and "Nothing was changed" in err
    assert err.count("\n") == 1 and "Traceback" not in err and out == ""
    assert current_db.read_bytes() == before
    with Database.open(current_db) as db:
        assert len(db.clients.list()) == 50 and db.integrity_ok()


def test_a_database_from_a_newer_version_is_refused_not_damaged(current_db, capsys):
    with closing(sqlite3.connect(current_db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    before = current_db.read_bytes()
    for argv in (["clients", "list"], ["clients", "add", "New"], ["backup", "create", str(current_db) + ".bak"]):
        assert main([*argv, "--db", str(current_db)]) == 2
        err = capsys.readouterr().err
        assert "newer version of ces-vision" in err and err.count("\n") == 1 and "Traceback" not in err
    assert current_db.read_bytes() == before
    assert sorted(p.name for p in current_db.parent.iterdir()) == [current_db.name]  # no -wal, no backup
