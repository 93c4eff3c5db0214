"""Passphrase-encrypted backups: the whole database, sealed with AES-256-GCM.

The key comes from the passphrase through scrypt (a random salt per backup). The
database is cut into 1 MiB chunks, each sealed on its own with its number and a
last-chunk flag in the nonce, so a chunk that is changed, moved, dropped or cut off
makes the backup refuse to open instead of restoring half a database. The plain copy
is made in memory: nothing unencrypted is written next to the backup.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import struct
import tempfile
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ces_vision.private_files import make_private_dirs, private_opener
from ces_vision.storage import _files
from ces_vision.storage.database import Database, restore
from ces_vision.storage.errors import BackupExistsError, StorageError, from_os

MAGIC = b"CESVENC1"
_SALT_BYTES = 16
_PREFIX_BYTES = 7  # nonce = prefix (7) + chunk number (4) + last-chunk flag (1)
_HEADER = struct.Struct(f">{len(MAGIC)}s{_SALT_BYTES}sBII{_PREFIX_BYTES}s")  # magic salt log2(n) r p prefix
HEADER_BYTES = _HEADER.size
_LENGTH = struct.Struct(">I")
CHUNK_BYTES = 1 << 20
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1  # 32 MiB of memory, ~0.1 s: slows guessing, not the coach


def is_encrypted_backup(path: str | Path) -> bool:
    """True when the file at `path` starts like an encrypted ces-vision backup."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def create_encrypted_backup(db: Database, dest_path: str | Path, passphrase: str, overwrite: bool = False) -> Path:
    """Write the whole database, encrypted with `passphrase`, to `dest_path` (0600); return its path.

    As `Database.backup`: a damaged database is refused, an existing file is replaced only
    with `overwrite`, and the file appears only when complete (temporary name, fsync, rename).
    """
    if not passphrase:
        raise StorageError("An encrypted backup needs a passphrase.")
    dest = Path(dest_path).expanduser().absolute()
    if dest == db.path:
        raise StorageError("A backup cannot overwrite the database it is made from.")
    if not overwrite and dest.exists():
        raise BackupExistsError(f"{dest} already exists and was left as it is: choose a new name for the backup.")
    plain = _database_bytes(db)
    action = f"write the backup {dest}"
    try:
        make_private_dirs(dest.parent)
        temporary = dest.with_name(f".{dest.name}.{secrets.token_hex(8)}.tmp")
        try:
            with open(temporary, "xb", opener=private_opener) as out:
                _seal(plain, passphrase, out)
                out.flush()
                os.fsync(out.fileno())
            if overwrite:
                temporary.replace(dest)
            else:
                _files.rename_new(temporary, dest)
            _files.fsync_dir(dest.parent)
        finally:
            temporary.unlink(missing_ok=True)
    except FileExistsError:
        raise BackupExistsError(f"{dest} already exists and was left as it is: choose a new name.") from None
    except OSError as exc:
        raise from_os(exc, action) from exc
    return dest


def restore_encrypted_backup(backup_path: str | Path, target_path: str | Path, passphrase: str) -> Path:
    """Decrypt the backup and restore it onto `target_path` (checked first, as `restore`).

    A wrong passphrase, or a damaged or cut-off backup, is refused and the target is untouched.
    """
    source = Path(backup_path).expanduser().absolute()
    target = Path(target_path).expanduser().absolute()
    try:
        with open(source, "rb") as stream:
            plain = _open_sealed(stream, passphrase, source)
        make_private_dirs(target.parent)
        with tempfile.TemporaryDirectory(prefix=".ces-vision-restore-", dir=target.parent) as folder:
            decrypted = Path(folder) / "backup.sqlite3"
            with open(decrypted, "xb", opener=private_opener) as out:
                out.write(plain)
            _make_self_contained(decrypted)
            return restore(decrypted, target)
    except FileNotFoundError as exc:
        raise StorageError(f"Could not restore: the backup {source} does not exist.") from exc
    except OSError as exc:
        raise from_os(exc, f"restore the backup {source}") from exc


# -- helpers ------------------------------------------------------------------------------


def _database_bytes(db: Database) -> bytes:
    """A consistent copy of the database, as bytes (SQLite's online backup into memory)."""
    memory = sqlite3.connect(":memory:")
    try:
        db.backup_into(memory)
        if memory.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise StorageError("The copy of the database failed its check; no backup was written.")
        return memory.serialize()
    except sqlite3.Error as exc:
        raise StorageError(f"Could not read the database for the backup: {exc}.") from exc
    finally:
        memory.close()


def _make_self_contained(path: Path) -> None:
    """The copy is marked WAL like its source; turn it into one self-contained file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"The decrypted backup is not a database ({exc}). Nothing was changed.") from exc
    finally:
        conn.close()


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">I?", number, last)


def _seal(plain: bytes, passphrase: str, out: BinaryIO) -> None:
    salt, prefix = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_PREFIX_BYTES)
    header = _HEADER.pack(MAGIC, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, prefix)
    aead = AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
    out.write(header)
    starts = range(0, max(len(plain), 1), CHUNK_BYTES)
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        sealed = aead.encrypt(_nonce(prefix, number, last), plain[start : start + CHUNK_BYTES], header)
        out.write(_LENGTH.pack(len(sealed)))
        out.write(sealed)


def _open_sealed(stream: BinaryIO, passphrase: str, source: Path) -> bytes:
    refused = f"The backup {source} cannot be restored: "
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size or not header.startswith(MAGIC):
        raise StorageError(refused + "it is not an encrypted ces-vision backup. Nothing was changed.")
    _, salt, log2_n, r, p, prefix = _HEADER.unpack(header)
    if not (10 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4):
        raise StorageError(refused + "its header is damaged. Nothing was changed.")
    aead = AESGCM(_key(passphrase, salt, log2_n, r, p))
    chunks, number = [], 0
    while True:
        length = stream.read(_LENGTH.size)
        sealed = stream.read(_LENGTH.unpack(length)[0]) if len(length) == _LENGTH.size else b""
        if not sealed:
            raise StorageError(refused + "it is cut off (the last part is missing). Nothing was changed.")
        last = None
        for flag in (False, True):
            try:
                chunks.append(aead.decrypt(_nonce(prefix, number, flag), sealed, header))
                last = flag
                break
            except InvalidTag:
                continue
        if last is None:
            raise StorageError(refused + "the passphrase is wrong or the backup is damaged. Nothing was changed.")
        if last:
            if stream.read(1):
                raise StorageError(refused + "it has data after its end (damaged). Nothing was changed.")
            return b"".join(chunks)
        number += 1
