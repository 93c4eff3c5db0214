"""Issue 16.3 and 16.4: a backup never destroys a file or a good backup, and a restore
never swaps the database under another process that has it open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

from ces_vision.cli import main
from ces_vision.storage import Database, StorageError, restore


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "data" / "ces-vision.sqlite3"
    with Database.open(path) as db, db.transaction():
        for i in range(60):
            db.clients.add(f"client {i}", notes="n" * 500)
    return path


def damage_one_page(path: Path) -> None:
    """Scribble over the header of the last b-tree page: the file still opens, the check fails."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    last = (len(data) // page_size - 1) * page_size
    data[last : last + 12] = b"\x0d\xff\xff" * 4
    path.write_bytes(bytes(data))
    with closing(sqlite3.connect(path)) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="malformed"):
            conn.execute("PRAGMA integrity_check").fetchall()


def test_backup_create_never_overwrites_a_file_unless_forced(capsys, db_path, tmp_path):
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"PK\x03\x04 three years of work")
    status, _, err = run(capsys, "backup", "create", thesis, "--db", db_path)
    assert status != 0 and "already exists" in err and "--force" in err and "\n" not in err.strip()
    assert thesis.read_bytes() == b"PK\x03\x04 three years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "thesis.docx"]  # no temporary left

    status, out, _ = run(capsys, "backup", "create", thesis, "--force", "--db", db_path)
    assert status == 0 and "backup written" in out
    with Database.open(thesis) as copy:
        assert len(copy.clients.list()) == 60


def test_a_damaged_database_is_not_backed_up_and_the_last_good_backup_survives(capsys, db_path, tmp_path):
    good = tmp_path / "backups" / "last-good.sqlite3"
    assert run(capsys, "backup", "create", good, "--db", db_path)[0] == 0
    kept = good.read_bytes()
    damage_one_page(db_path)

    status, _, err = run(capsys, "backup", "create", tmp_path / "backups" / "new.sqlite3", "--db", db_path)
    assert status != 0 and "damaged" in err and "Traceback" not in err
    status, _, err = run(capsys, "backup", "create", good, "--force", "--db", db_path)
    assert status != 0 and "damaged" in err
    assert good.read_bytes() == kept
    assert sorted(p.name for p in good.parent.iterdir()) == [good.name]  # nothing half-written beside it

    restore(good, db_path)  # the good backup still restores
    with Database.open(db_path) as db:
        assert db.integrity_ok() and len(db.clients.list()) == 60


HOLDER = textwrap.dedent("""
    import sys
    from ces_vision.storage import Database
    with Database.open(sys.argv[1]) as db:
        print("open", flush=True)
        sys.stdin.readline()  # the test restores meanwhile
        db.clients.add("saved after the restore attempt")
        print("saved", flush=True)
""")


def test_restore_is_refused_while_another_process_has_the_database_open(capsys, db_path, tmp_path):
    backup = tmp_path / "b.sqlite3"
    with Database.open(db_path) as db:
        db.backup(backup)
        db.clients.add("added after the backup")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StorageError, match="open in another program"):
            restore(backup, db_path)
        status, _, err = run(capsys, "backup", "restore", backup, "--db", db_path)
        assert status != 0 and "open in another program" in err
        out, _ = holder.communicate("\n", timeout=60)
    finally:
        holder.kill()
    assert out.strip() == "saved"
    with Database.open(db_path) as db:  # the other process's save is there, not swapped away
        names = [c.name for c in db.clients.list()]
    assert "saved after the restore attempt" in names and "added after the backup" in names

    restore(backup, db_path)  # once it has closed, the restore goes through
    with Database.open(db_path) as db:
        assert len(db.clients.list()) == 60 and db.integrity_ok()
