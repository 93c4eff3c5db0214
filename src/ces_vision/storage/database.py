"""The `Database`: one SQLite file, its migrations, transactions, backup and restore.

Durability: WAL journal, ``synchronous=FULL`` and one transaction per write, so a
process killed mid-save leaves the last committed state and nothing of the rest.
Foreign keys are on; deleting a client cascades to everything of theirs, and
``secure_delete`` overwrites the freed space and the WAL is emptied after a deletion, so their
data is left neither in the file nor in old page copies.

A `Database` object is used from one thread (sqlite3's default check); open one per
thread if several threads need the data.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from ces_vision.private_files import create_private_file, make_private_dirs
from ces_vision.storage import _files, export
from ces_vision.storage.clients import ClientRepository
from ces_vision.storage.errors import BackupExistsError, NotFoundError, StorageError, from_os, from_sqlite
from ces_vision.storage.inbox import InboxLog
from ces_vision.storage.paths import default_database_path, managed_videos_dir
from ces_vision.storage.programs import ProgramRepository
from ces_vision.storage.progress import metric_history, score_history
from ces_vision.storage.records import Clip, MetricPoint
from ces_vision.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from ces_vision.storage.screens import ScreenRepository
from ces_vision.storage.sessions import SessionLog

_CLIENT_FOLDER = re.compile(r"client-(\d+)")
_OPEN_PATHS: dict[Path, int] = {}  # databases open in this process, to refuse restoring onto them


class _Level:
    """Work to do when one transaction level commits or rolls back."""

    def __init__(self) -> None:
        self.after_commit: list[Callable[[], None]] = []
        self.on_rollback: list[Callable[[], None]] = []


class Database:
    """A ces-vision database file. Create with `Database.open`; use as a context manager.

    Records are reached through the repositories `clients`, `screens`, `programs`,
    `sessions` and `inbox`; whole-client operations, progress and backup are methods here.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._conn: sqlite3.Connection | None = connection
        self._path = path
        self._levels: list[_Level] = []
        self.clients = ClientRepository(self)
        self.screens = ScreenRepository(self)
        self.programs = ProgramRepository(self)
        self.sessions = SessionLog(self)
        self.inbox = InboxLog(self)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> Database:
        """Open (creating if needed) the database at `path`, migrating it to the current schema.

        Without `path`, the default file in the user's data folder is used. A database
        written by a newer ces-vision, or a file that is not a ces-vision database, is
        refused with a `StorageError` and left untouched.
        """
        db_path = Path(path if path is not None else default_database_path()).expanduser().absolute()
        action = f"open the database {db_path}"
        try:
            make_private_dirs(db_path.parent)
            if not db_path.exists():
                create_private_file(db_path, exclusive=True)  # SQLite gives its -wal/-shm the same mode
        except FileExistsError:
            pass  # created meanwhile by another process
        except OSError as exc:
            raise from_os(exc, action) from exc
        try:
            conn = sqlite3.connect(db_path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise from_sqlite(exc, action) from exc
        try:
            _refuse_unknown(conn, db_path)
            _configure(conn)
            _migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise from_sqlite(exc, action) from exc
        except BaseException:
            conn.close()
            raise
        db = cls(conn, db_path)
        _OPEN_PATHS[db_path] = _OPEN_PATHS.get(db_path, 0) + 1
        try:
            db._remove_orphan_video_folders()
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Close the connection (SQLite then folds the WAL back into the file). Idempotent."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        count = _OPEN_PATHS.get(self._path, 1) - 1
        if count:
            _OPEN_PATHS[self._path] = count
        else:
            _OPEN_PATHS.pop(self._path, None)
        try:
            conn.close()
        except sqlite3.Error as exc:
            raise from_sqlite(exc, "close the database") from exc

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def videos_dir(self) -> Path:
        """Folder next to the database holding copied-in videos, one sub-folder per client."""
        return managed_videos_dir(self._path)

    @property
    def schema_version(self) -> int:
        return int(self._connection().execute("PRAGMA user_version").fetchone()[0])

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes: all of them are saved, or none. Nests (as savepoints)."""
        with self._write("save the changes"):
            yield

    @contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """A write transaction; SQLite and OS errors become `StorageError` about `action`."""
        with _translating(action), self._level("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one consistent snapshot."""
        with _translating(action), self._level("BEGIN") as conn:
            yield conn

    def _after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the outermost transaction has committed."""
        self._levels[-1].after_commit.append(callback)

    def _on_rollback(self, callback: Callable[[], None]) -> None:
        """Run `callback` if the current transaction level is rolled back."""
        self._levels[-1].on_rollback.append(callback)

    @contextmanager
    def _level(self, begin: str) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        outermost = not self._levels
        savepoint = f"level_{len(self._levels)}"
        conn.execute(begin if outermost else f"SAVEPOINT {savepoint}")
        level = _Level()
        self._levels.append(level)
        try:
            yield conn
            conn.execute("COMMIT" if outermost else f"RELEASE {savepoint}")
        except BaseException:
            self._levels.pop()
            _roll_back(conn, None if outermost else savepoint)
            with suppress(Exception):  # best-effort clean-up; the original error is the one to report
                _run_all(reversed(level.on_rollback))
            raise
        self._levels.pop()
        if outermost:
            _run_all(level.after_commit)
        else:
            self._levels[-1].after_commit.extend(level.after_commit)
            self._levels[-1].on_rollback.extend(level.on_rollback)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("The database is closed.")
        return self._conn

    # -- whole-client operations --------------------------------------------------------

    def client_videos_dir(self, client_id: int) -> Path:
        """The managed folder holding the copied-in videos of one client."""
        return self.videos_dir / f"client-{int(client_id)}"

    def delete_client(self, client_id: int) -> None:
        """Delete a client with all their screens, clips, programs, sessions and video copies.

        Videos kept by reference are the coach's own files and are not deleted.
        """
        folder = self.client_videos_dir(client_id)

        def remove_folder() -> None:
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StorageError(
                    f"The client's records were deleted, but their video folder {folder} could "
                    f"not be removed ({exc.strerror}); it is removed the next time the database is opened."
                ) from exc

        with self._write("delete the client") as conn:
            if conn.execute("DELETE FROM clients WHERE id = ?", (client_id,)).rowcount == 0:
                raise NotFoundError(f"No client with id {client_id}.")
            self._after_commit(remove_folder)
            self._after_commit(self._forget_old_pages)

    def _forget_old_pages(self) -> None:
        """Fold the WAL into the database and empty it: its old page copies still hold deleted data.

        Best effort: a reader in another process may keep some frames until it finishes.
        """
        self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def export_client(self, client_id: int) -> dict[str, Any]:
        """Everything stored about one client, as a JSON-serialisable dict."""
        with self._read("export the client"):
            return export.client_export(self, client_id)

    def missing_videos(self) -> list[Clip]:
        """Clips whose video file no longer exists (moved, renamed or deleted)."""
        return [clip for clip in self.screens.all_clips() if not clip.video_path.is_file()]

    def score_history(self, client_id: int, assessment: str | None = None) -> list[tuple[date, float]]:
        """(screen date, screen score) of a client's scored screens, oldest first."""
        with self._read("read the score history"):
            return score_history(self, client_id, assessment)

    def metric_history(self, client_id: int, compensation_id: str) -> list[MetricPoint]:
        """Values of one compensation across a client's screens, oldest first.

        Read from the ``findings`` of each screen's computed results; screens without
        findings, or without a numeric value for this compensation, are skipped.
        """
        with self._read("read the metric history"):
            return metric_history(self, client_id, compensation_id)

    def integrity_ok(self) -> bool:
        """True when SQLite's integrity check and the foreign-key check find nothing wrong."""
        with self._read("check the database"):
            return _integrity_ok(self._connection())

    def _intact(self) -> bool:
        """Like `integrity_ok`, but a check that stumbles on a damaged page answers False."""
        try:
            return self.integrity_ok()
        except StorageError as exc:
            if getattr(exc.__cause__, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                return False
            raise

    # -- backup -------------------------------------------------------------------------

    def backup(self, dest_path: str | Path, overwrite: bool = False) -> Path:
        """Write a consistent copy of the whole database to `dest_path`; return its path.

        Uses SQLite's online backup, so it is consistent even while the database is in
        use. A damaged database is refused (SQLite's integrity check) before anything is
        written, and the copy is checked again before it takes the name: an existing file
        (with `overwrite`, the only way to replace one) is never replaced by a damaged or
        half-written backup. Managed video copies are not included.
        """
        dest = Path(dest_path).expanduser().absolute()
        if dest == self._path:
            raise StorageError("A backup cannot overwrite the database it is made from.")
        if self._levels:
            raise StorageError("Finish the current transaction before making a backup.")
        if not overwrite and dest.exists():
            raise BackupExistsError(f"{dest} already exists and was left as it is: choose a new name for the backup.")
        if not self._intact():
            raise StorageError(
                f"The database {self._path} is damaged (SQLite's integrity check failed), so no backup was "
                f"made and {dest.name} was not touched: restore your last good backup."
            )
        with _translating(f"write the backup {dest}"):
            _copy_database(self._connection(), dest, replace=overwrite)
        return dest

    def backup_into(self, target: sqlite3.Connection) -> None:
        """Copy the whole database into the open connection `target` (e.g. an in-memory one);
        a damaged database is refused, as by `backup`."""
        if self._levels:
            raise StorageError("Finish the current transaction before making a backup.")
        if not self._intact():
            raise StorageError(
                f"The database {self._path} is damaged (SQLite's integrity check failed), so no backup was "
                "made: restore your last good backup."
            )
        with _translating("read the database for the backup"):
            self._connection().backup(target)

    def _remove_orphan_video_folders(self) -> None:
        """Remove managed video folders of clients that no longer exist (an interrupted delete)."""
        root = self.videos_dir
        if not root.is_dir():
            return
        with self._read("check the video folder"):
            known = {row[0] for row in self._connection().execute("SELECT id FROM clients")}
        for entry in root.iterdir():
            match = _CLIENT_FOLDER.fullmatch(entry.name)
            if match and entry.is_dir() and int(match.group(1)) not in known:
                shutil.rmtree(entry, ignore_errors=True)


def restore(backup_path: str | Path, target_path: str | Path) -> Path:
    """Replace the database at `target_path` with the backup at `backup_path`.

    The backup is checked first (SQLite integrity check, foreign keys, a schema version
    this code knows); if it fails, the target is not touched. The target is replaced
    atomically: after a crash it is either the old database or the restored one. Close
    every `Database` open on the target before restoring: while another process (the app)
    has it open, the restore is refused, since that process would go on writing into the
    replaced file and its saves would vanish.
    """
    source = Path(backup_path).expanduser().absolute()
    target = Path(target_path).expanduser().absolute()
    if source == target:
        raise StorageError("The backup and the database to restore are the same file.")
    if _OPEN_PATHS.get(target):
        raise StorageError(f"Close the database {target} before restoring onto it.")
    if not source.is_file():
        raise StorageError(f"Could not restore: the backup {source} does not exist.")
    with _translating(f"restore the backup {source}"):
        _validate_backup(source)
        make_private_dirs(target.parent)
        with _sole_access(target) as settled:
            reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
            try:
                _copy_database(reader, target, before_replace=_files.remove_sqlite_sidecars if settled else _settle)
            finally:
                reader.close()
    return target


# -- helpers ------------------------------------------------------------------------------


@contextmanager
def _translating(action: str) -> Iterator[None]:
    """Turn SQLite and OS errors raised inside into a `StorageError` about `action`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise from_sqlite(exc, action) from exc
    except OSError as exc:
        raise from_os(exc, action) from exc


def _refuse_unknown(conn: sqlite3.Connection, path: Path) -> None:
    """Raise unless `path` is empty or a ces-vision database this code can migrate. Writes nothing."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"The database {path} was written by a newer version of ces-vision (schema version "
            f"{version}; this version knows up to {SCHEMA_VERSION}). It was not changed: update "
            "ces-vision to open it."
        )
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if (version > 0 and application_id != APPLICATION_ID) or (version == 0 and (has_tables or application_id)):
        raise StorageError(f"The file {path} is not a ces-vision database. It was not changed.")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise StorageError(
            "Could not open the database: its folder does not support SQLite's WAL mode "
            "(network drives often do not); choose a folder on a local disk."
        )
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")  # deleted client data is overwritten, not left in free pages
    conn.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(text: Any) -> Any:
    return text.casefold() if isinstance(text, str) else text


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply the missing migrations in order, all in one transaction with the version bump:
    the database is at its old version or the current one, never between, and a new one
    costs one synced commit instead of one per migration (~15 ms each). A database already
    current takes no write lock at all."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
        for target, statements in enumerate(MIGRATIONS, start=1):
            if version < target:
                for statement in statements:
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {max(version, len(MIGRATIONS))}")
        conn.execute("COMMIT")
    except BaseException:
        _roll_back(conn, None)
        raise


def _roll_back(conn: sqlite3.Connection, savepoint: str | None) -> None:
    """Undo the current transaction or savepoint, if SQLite has not already done so."""
    if not conn.in_transaction:
        return  # SQLite rolls back by itself after some errors, e.g. SQLITE_FULL
    try:
        if savepoint is None:
            conn.execute("ROLLBACK")
        else:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
    except sqlite3.Error:
        pass  # the original error is the one worth reporting


def _run_all(callbacks: Iterable[Callable[[], None]]) -> None:
    """Run every callback even if some fail; then raise the first failure."""
    first: BaseException | None = None
    for callback in callbacks:
        try:
            callback()
        except Exception as exc:  # noqa: BLE001 - re-raised below
            first = first or exc
    if first is not None:
        raise first


def _integrity_ok(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return rows == [("ok",)] and not conn.execute("PRAGMA foreign_key_check").fetchall()


def _validate_backup(source: Path) -> None:
    reason = None
    try:
        conn = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise from_sqlite(exc, f"read the backup {source}") from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID or version < 1:
            reason = "it is not a ces-vision database"
        elif version > SCHEMA_VERSION:
            reason = f"it was made by a newer ces-vision (schema version {version})"
        elif not _integrity_ok(conn):
            reason = "it is damaged (the integrity check failed)"
    except sqlite3.DatabaseError:
        reason = "it is damaged or is not a ces-vision database"
    finally:
        conn.close()
    if reason:
        raise StorageError(f"The backup {source} cannot be restored: {reason}. Nothing was changed.")


@contextmanager
def _sole_access(target: Path) -> Iterator[bool]:
    """Hold SQLite's exclusive lock on `target` while it is replaced; yield whether it is held.

    Every open connection to a WAL database keeps a shared lock until it closes, so the
    exclusive lock is refused while any other process has the database open: the restore
    is refused too. Held, the WAL is folded in and the file left alone (journal mode
    DELETE), and other processes wait until the new file is in place. A target SQLite
    cannot read (damaged) is replaced without the lock.
    """
    if not target.exists():
        yield False
        return
    conn = sqlite3.connect(target, isolation_level=None, timeout=0)
    try:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise StorageError(
                    f"The database {target} is open in another program (is the ces-vision app running?): "
                    "close it, then restore. Nothing was changed."
                ) from exc
            yield False
            return
        yield True
    finally:
        conn.close()


def _settle(target: Path) -> None:
    """Fold `target`'s WAL into it, then drop its -wal/-shm so they cannot meet a new file."""
    if target.exists():
        try:
            conn = sqlite3.connect(target)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # a damaged target is about to be replaced anyway
    _files.remove_sqlite_sidecars(target)


def _copy_database(
    source: sqlite3.Connection,
    dest: Path,
    before_replace: Callable[[Path], None] = _files.remove_sqlite_sidecars,
    replace: bool = True,
) -> None:
    """Copy `source` with the online backup API into a self-contained file that takes the
    name `dest` once written and checked (replacing an existing `dest` only if `replace`)."""
    temporary = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")
    try:
        make_private_dirs(dest.parent)
        create_private_file(temporary, exclusive=True)
        out = sqlite3.connect(temporary, isolation_level=None)
        try:
            source.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal to lose or mix up
            if out.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise StorageError(f"The copy written for {dest} failed its check; {dest.name} was not touched.")
        finally:
            out.close()
        _files.fsync_file(temporary)
        if replace:
            before_replace(dest)
            temporary.replace(dest)
        else:
            try:
                _files.rename_new(temporary, dest)
            except FileExistsError:
                raise BackupExistsError(f"{dest} already exists and was left as it is: choose a new name.") from None
        _files.fsync_dir(dest.parent)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)
