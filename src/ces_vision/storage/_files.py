"""File helpers: hashing, atomic copies and durable renames."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ces_vision.private_files import make_private_dirs, private_opener

_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file at `path`."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_atomically(source: Path, destination: Path) -> str:
    """Copy `source` to `destination` via a temporary name and a rename; return its SHA-256.

    The destination either does not exist or is complete: a crash leaves at most a
    hidden ``.part`` file in the destination folder.
    """
    make_private_dirs(destination.parent)
    partial = destination.with_name(f".{destination.name}.part")
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as src, open(partial, "xb", opener=private_opener) as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(destination.parent)
    return digest.hexdigest()


def rename_new(source: Path, destination: Path) -> None:
    """Rename `source` to `destination`, raising FileExistsError rather than replace a file.

    A hard link is atomic and never replaces; where the file system has none (FAT), the
    name is checked just before the rename.
    """
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError:
        if destination.exists():
            raise FileExistsError(destination) from None
        os.replace(source, destination)
        return
    source.unlink()


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def safe_name_part(text: str) -> str:
    """`text` reduced to characters safe in a file name on every platform."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def remove_sqlite_sidecars(database: Path) -> None:
    """Delete the -wal and -shm files of `database`, if any."""
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
