"""Privacy promises: no network at run time, files readable by the user only, no client
data in logs, deletion removes what a client owns, and passphrase-encrypted backups."""

from __future__ import annotations

import logging
import os
import socket
import stat
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from message_box_guard import record_message_boxes

from ces_vision.capture import FakeSource
from ces_vision.capture.recorder import Recorder
from ces_vision.cli import main
from ces_vision.cli.passphrase import PASSPHRASE_ENV
from ces_vision.reports import write_json, write_rep_csv
from ces_vision.storage import Database, NewClip, StorageError, encrypted_backup
from ces_vision.storage.encrypted_backup import (
    CHUNK_BYTES,
    HEADER_BYTES,
    create_encrypted_backup,
    is_encrypted_backup,
    restore_encrypted_backup,
)
from ces_vision.types import PoseSequence

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_videos"


class NetworkUsed(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python code reaches the network raises, and each attempt is recorded."""
    attempts: list[str] = []

    def refuse(name):
        def call(*args, **kwargs):
            attempts.append(f"{name} {args!r}")
            raise NetworkUsed(f"network use during a run: {name}")

        return call

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def _pose(frames: int = 12, seed: int = 0) -> PoseSequence:
    rng = np.random.default_rng(seed)
    return PoseSequence(
        image_xyz=rng.random((frames, 33, 3)),
        visibility=rng.random((frames, 33)),
        world_xyz=rng.random((frames, 33, 3)),
        timestamps_s=np.arange(frames) / 30.0,
        width=320,
        height=240,
    )


def test_the_network_block_catches_python_network_use(no_network):
    with pytest.raises(OSError, match="network use during a run"):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert no_network  # the test below can fail


@pytest.mark.e2e  # a real analyze and screen run the MediaPipe model
def test_no_network_during_analysis_screen_report_records_and_app(no_network, tmp_path, capsys, qtbot, monkeypatch):
    front, side, back = (
        SAMPLES / "front_knees_in_left.mp4",
        SAMPLES / "side_forward_lean.mp4",
        SAMPLES / "back_clean.mp4",
    )
    analysis = tmp_path / "front.json"
    assert (
        main(
            [
                "analyze",
                str(front),
                "--view",
                "front",
                "--model",
                "lite",
                "--workers",
                "1",
                "--json",
                str(analysis),
                "--csv",
                str(tmp_path / "front.csv"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "screen",
                "--front",
                str(front),
                "--side",
                str(side),
                "--back",
                str(back),
                "--model",
                "lite",
                "--workers",
                "1",
                "--json",
                str(tmp_path / "screen.json"),
            ]
        )
        == 0
    )
    assert main(["report", "--analysis", str(analysis), "--video", str(front), "--out", str(tmp_path / "r.pdf")]) == 0
    db = tmp_path / "db.sqlite3"
    assert main(["clients", "add", "Ana", "--db", str(db)]) == 0
    assert main(["backup", "create", str(tmp_path / "b.sqlite3"), "--db", str(db)]) == 0
    assert (tmp_path / "r.pdf").stat().st_size > 10_000

    # A whole app session: real lite model on a sample clip, then the client records.
    from ces_vision.gui.main_window import MainWindow, StartOptions

    boxes = record_message_boxes(monkeypatch)
    window = MainWindow(StartOptions(model="lite", database_path=db, recordings_dir=tmp_path / "rec", countdown_s=0))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.analyses.finished, timeout=120_000):
        window.open_videos([front], view="front")
    assert window.state.slots["front"].status == "done"
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    window.close()
    capsys.readouterr()
    assert boxes == []
    assert no_network == [], f"network used at run time: {no_network}"


@contextmanager
def _umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def test_records_backups_exports_and_recordings_are_private(tmp_path, monkeypatch):
    private = tmp_path / "private"  # every file and folder under it is made by ces-vision
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse")
    with _umask(0o022):  # the usual umask: without care, files would be world-readable
        with Database.open(private / "data" / "ces.sqlite3") as db:
            client = db.clients.add("Ana", video_consent=True)
            db.screens.add(
                client.id,
                screened_on=date(2026, 1, 5),
                assessment="ohsa",
                results={"schema_version": 1},
                clips=[NewClip("front", source, storage="copy", pose=_pose())],
            )
            wal_mode = stat.S_IMODE(Path(f"{db.path}-wal").stat().st_mode)
            db.backup(private / "backups" / "plain.sqlite3")
            create_encrypted_backup(db, private / "backups" / "sealed.cesbak", "correct horse")
            main(
                [
                    "clients",
                    "export",
                    str(client.id),
                    "--out",
                    str(private / "exports" / "ana.json"),
                    "--db",
                    str(db.path),
                ]
            )
        restore_encrypted_backup(
            private / "backups" / "sealed.cesbak", private / "restored" / "r.sqlite3", "correct horse"
        )
        write_json({"a": 1}, private / "exports" / "analysis.json")
        write_rep_csv([], private / "exports" / "reps.csv")
        recorder = Recorder(private / "recordings" / "take.mp4", 30.0, 64, 48)
        for frame in FakeSource([np.zeros((48, 64, 3), np.uint8)], n_frames=5).frames():
            recorder.write(frame)
        recorder.close()
        assert recorder.frames_written == 5
    modes = _modes(private)
    folders = {name for name in modes if (private / name).is_dir()}
    assert wal_mode == 0o600
    assert {
        "data/ces.sqlite3",
        "backups/plain.sqlite3",
        "backups/sealed.cesbak",
        "exports/ana.json",
        "exports/analysis.json",
        "restored/r.sqlite3",
        "recordings/take.mp4",
    } <= set(modes)
    assert any(name.startswith("data/ces-videos/client-") and name.endswith(".mp4") for name in modes)
    loose = {
        name: oct(mode) for name, mode in modes.items() if mode != (0o700 if name in folders else 0o600) and name != "."
    }
    assert loose == {}, f"readable by others: {loose}"


def test_an_existing_user_folder_keeps_its_mode(tmp_path):
    shared = tmp_path / "Documents"
    shared.mkdir(mode=0o755)
    with _umask(0o022):
        write_json({"a": 1}, shared / "out.json")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "out.json").stat().st_mode) == 0o600


def test_client_names_notes_and_pain_stay_out_of_logs(tmp_path, caplog, capfd):
    name, note, pain = "Zelda Quokkaface", "sprained ankle in May", "sharp pain left knee"
    db = str(tmp_path / "db.sqlite3")
    caplog.set_level(logging.DEBUG)
    commands = [
        ["clients", "add", name, "--pain", "--notes", note, "--injury-history", pain, "--db", db],
        ["clients", "log-session", "1", "--done", "80", "--pain", "--notes", pain, "--db", db],
        ["clients", "edit", "1", "--notes", note + " again", "--db", db],
        ["clients", "export", "1", "--out", str(tmp_path / "e.json"), "--db", db],
        ["backup", "create", str(tmp_path / "b.sqlite3"), "--db", db],
        ["clients", "delete", "1", "--yes", "--db", db],
    ]
    for argv in commands:
        assert main(argv) == 0, argv
    _, err = capfd.readouterr()
    logged = "\n".join(record.getMessage() for record in caplog.records) + err
    for secret in (name, "Quokka", note, pain):
        assert secret not in logged


def _file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_deleting_a_client_removes_their_clips_poses_and_records_on_disk(tmp_path):
    coach_file = tmp_path / "coach" / "own.mp4"
    coach_file.parent.mkdir()
    coach_file.write_bytes(b"coach's own video" * 100)
    db_path = tmp_path / "data" / "ces.sqlite3"
    with Database.open(db_path) as db:
        gone = db.clients.add("Quentin Zyxwvut", video_consent=True, notes="private note xyzzy")
        kept = db.clients.add("Beatriz Kept", video_consent=True)
        for client, seed in ((gone, 1), (kept, 2)):
            db.screens.add(
                client.id,
                screened_on=date(2026, 1, 5),
                assessment="ohsa",
                results={"schema_version": 1},
                clips=[
                    NewClip("front", coach_file, storage="copy", pose=_pose(seed=seed)),
                    NewClip("side", coach_file, storage="reference", pose=_pose(seed=seed + 10)),
                ],
            )
        db.sessions.log(
            gone.id, session_date=date(2026, 1, 6), adherence=0.5, notes="pain in the knee qwertz", pain=True
        )
        conn = db._connection()
        blobs = [
            bytes(row[0])
            for row in conn.execute(
                "SELECT pose FROM clip_poses JOIN clips ON clips.id = clip_id JOIN screens ON screens.id = screen_id "
                "WHERE screens.client_id = ?",
                (gone.id,),
            )
        ]
        folder = db.client_videos_dir(gone.id)
        assert len(blobs) == 2 and len(list(folder.iterdir())) == 1
        db.delete_client(gone.id)
        assert not folder.exists()
        assert len(list(db.client_videos_dir(kept.id).iterdir())) == 1
        assert conn.execute("SELECT count(*) FROM clip_poses").fetchone()[0] == 2  # the kept client's
        while_open = _file_bytes(db_path)
        assert db.integrity_ok()
    after_close = _file_bytes(db_path)
    on_disk = while_open + after_close
    assert coach_file.exists(), "a video kept by reference is the coach's file"
    for secret in (b"Quentin Zyxwvut", b"xyzzy", b"qwertz"):
        assert secret not in on_disk
    for blob in blobs:
        assert blob[100:164] not in on_disk, "the deleted pose is still in the database file"


# -- passphrase-encrypted backups ----------------------------------------------------------


@pytest.fixture
def records(tmp_path) -> Path:
    path = tmp_path / "db.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza", notes="knee surgery 2019")
        db.screens.add(
            client.id,
            screened_on=date(2026, 1, 5),
            assessment="ohsa",
            results={"schema_version": 1, "blob": "x" * (3 * CHUNK_BYTES // 2)},
            clips=[],
        )
    return path


def test_encrypted_backup_round_trip_and_nothing_readable_inside(records, tmp_path):
    with Database.open(records) as db:
        sealed = create_encrypted_backup(db, tmp_path / "b.cesbak", "a long pass phrase")
    data = sealed.read_bytes()
    assert is_encrypted_backup(sealed) and not is_encrypted_backup(records)
    assert b"Ana Souza" not in data and b"SQLite format" not in data
    assert not list(tmp_path.glob(".*tmp")), "no temporary or plain copy left behind"
    target = tmp_path / "restored.sqlite3"
    restore_encrypted_backup(sealed, target, "a long pass phrase")
    with Database.open(target) as db:
        assert [c.name for c in db.clients.list()] == ["Ana Souza"]
        assert db.integrity_ok() and len(db.screens.list_for_client(1)[0].results["blob"]) == 3 * CHUNK_BYTES // 2


def test_a_backup_sealed_at_the_shipped_scrypt_cost_names_it_and_opens(records, tmp_path, monkeypatch, quick_scrypt):
    shipped = quick_scrypt
    monkeypatch.setattr(encrypted_backup, "SCRYPT_LOG2_N", shipped)  # the other tests seal at 2^10
    with Database.open(records) as db:
        sealed = create_encrypted_backup(db, tmp_path / "b.cesbak", "a long pass phrase")
    header = sealed.read_bytes()[: encrypted_backup.HEADER_BYTES]
    assert shipped == 15 and header[len(encrypted_backup.MAGIC) + 16] == 15  # magic, salt, log2(n)
    restore_encrypted_backup(sealed, tmp_path / "restored.sqlite3", "a long pass phrase")
    with Database.open(tmp_path / "restored.sqlite3") as db:
        assert [c.name for c in db.clients.list()] == ["Ana Souza"]


@pytest.mark.parametrize("damage", ["wrong passphrase", "cut off", "one byte changed", "chunks swapped", "plain file"])
def test_a_bad_encrypted_backup_is_refused_and_the_database_untouched(records, tmp_path, damage):
    with Database.open(records) as db:
        sealed = create_encrypted_backup(db, tmp_path / "b.cesbak", "pass")
    data = bytearray(sealed.read_bytes())
    passphrase = "pass"
    if damage == "wrong passphrase":
        passphrase = "Pass"
    elif damage == "cut off":
        data = data[: len(data) // 2]
    elif damage == "one byte changed":
        data[len(data) // 3] ^= 1
    elif damage == "chunks swapped":
        first = HEADER_BYTES + 4 + CHUNK_BYTES + 16  # the first chunk with its length and tag
        data = data[:HEADER_BYTES] + data[first:] + data[HEADER_BYTES:first]
    else:
        data = b"CESVENC1" + b"\x00" * 200
    sealed.write_bytes(bytes(data))
    target = tmp_path / "current.sqlite3"
    with Database.open(target) as db:
        db.clients.add("Current Client")
    before = target.read_bytes()
    with pytest.raises(StorageError, match="cannot be restored.*Nothing was changed"):
        restore_encrypted_backup(sealed, target, passphrase)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_encrypted_backup_and_restore(records, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret words")
    out = tmp_path / "b.cesbak"
    assert main(["backup", "create", str(out), "--encrypt", "--db", str(records)]) == 0
    assert "encrypted backup written" in capsys.readouterr().out and is_encrypted_backup(out)
    sealed = out.read_bytes()
    assert main(["backup", "create", str(out), "--encrypt", "--db", str(records)]) == 2  # never over a file...
    assert "add --force" in capsys.readouterr().err and out.read_bytes() == sealed
    assert main(["backup", "create", str(out), "--encrypt", "--force", "--db", str(records)]) == 0  # ...unless asked
    assert out.read_bytes() != sealed and not list(tmp_path.glob(".*"))
    target = tmp_path / "new.sqlite3"
    assert main(["backup", "restore", str(out), "--db", str(target)]) == 0
    with Database.open(target) as db:
        assert db.clients.get(1).notes == "knee surgery 2019"
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong")
    before = target.read_bytes()
    assert main(["backup", "restore", str(out), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "passphrase is wrong" in err and err.count("\n") == 1 and "Traceback" not in err
    assert target.read_bytes() == before
    monkeypatch.delenv(PASSPHRASE_ENV)
    monkeypatch.setattr("sys.stdin", open(os.devnull))  # no terminal to ask on
    assert main(["backup", "create", str(tmp_path / "c.cesbak"), "--encrypt", "--db", str(records)]) == 2
    assert PASSPHRASE_ENV in capsys.readouterr().err and not (tmp_path / "c.cesbak").exists()
