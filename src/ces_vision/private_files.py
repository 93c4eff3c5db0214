"""Files and folders readable by the user only: client records and videos are health data.

Whatever ces-vision creates to hold a client's data (the database, backups, exports,
recordings, copied-in videos) is made 0600, and each folder it creates for them 0700,
whatever the process umask. Folders that already exist are the user's and keep their
mode. On Windows the modes mean little; the per-user folders are private there already.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dirs(path: str | Path) -> Path:
    """Create `path` and its missing parents as 0700 folders; existing ones are left as they are."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process: theirs to decide
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask
    path.mkdir(parents=True, exist_ok=True)  # raises the usual OSError if it is a file
    return path


def create_private_file(path: str | Path, exclusive: bool = False) -> Path:
    """Create (or empty) the file at `path` with mode 0600, so what is written next is private.

    exclusive: fail with FileExistsError if it exists (for temporary names).
    """
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)  # an existing file keeps its mode through O_TRUNC
    finally:
        os.close(fd)
    return path


def private_opener(path: str, flags: int) -> int:
    """An `open(..., opener=)` that creates files 0600."""
    return os.open(path, flags, PRIVATE_FILE_MODE)
