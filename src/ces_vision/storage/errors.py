"""Errors raised by the storage package, with messages a coach can read.

Every failure of SQLite or of the file system while reading or saving surfaces as a
`StorageError` whose message says what could not be done and why, in plain words; the
original exception is kept as ``__cause__`` for logs.
"""

from __future__ import annotations

import errno
import sqlite3


class StorageError(Exception):
    """Data could not be read or saved; the database is left as it was before."""


class InvalidRecord(StorageError, ValueError, TypeError):
    """A value given to be stored is not valid; the message says which and why. (Also a
    ValueError/TypeError, as callers before it knew it.)"""


class NotFoundError(StorageError, LookupError):
    """No record with the requested id."""


class BackupExistsError(StorageError, FileExistsError):
    """A backup was asked for under the name of an existing file, which was left as it is."""


def from_sqlite(exc: sqlite3.Error, action: str) -> StorageError:
    """A `StorageError` explaining `exc`, raised while trying to `action`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        reason = (
            "the disk is full (or the database reached its size limit). "
            "Nothing from this change was saved; free some disk space and try again"
        )
    elif name.startswith("SQLITE_IOERR"):
        reason = "the disk reported a read or write error. Nothing from this change was saved"
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        reason = "the database is in use by another program; try again in a moment"
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        reason = "the database file is damaged or is not a ces-vision database"
    elif name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        reason = "the database file cannot be written or opened (check its folder and permissions)"
    elif name.startswith("SQLITE_CONSTRAINT"):
        reason = f"the data breaks a rule of the database ({exc})"
    else:
        reason = str(exc)
    return StorageError(f"Could not {action}: {reason}.")


def from_os(exc: OSError, action: str) -> StorageError:
    """A `StorageError` explaining a file-system error raised while trying to `action`."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = "the disk is full. Nothing from this change was saved; free some disk space and try again"
    elif isinstance(exc, FileNotFoundError):
        reason = f"the file {exc.filename} does not exist"
    elif isinstance(exc, PermissionError):
        reason = f"permission denied for {exc.filename}"
    else:
        reason = exc.strerror or str(exc)
    return StorageError(f"Could not {action}: {reason}.")
