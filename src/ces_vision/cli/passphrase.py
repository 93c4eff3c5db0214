"""The passphrase of an encrypted backup: from an environment variable, else typed at a prompt.

Never a command-line argument: other users of the machine can read those (ps).
"""

from __future__ import annotations

import getpass
import os
import sys

from ..storage import StorageError

PASSPHRASE_ENV = "CES_VISION_BACKUP_PASSPHRASE"


def read_passphrase(confirm: bool) -> str:
    """The passphrase; `confirm` asks twice at a prompt (when a new one is chosen)."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise StorageError(f"Type the backup passphrase in a terminal, or set {PASSPHRASE_ENV}.")
        passphrase = getpass.getpass("Backup passphrase: ")
        if confirm and getpass.getpass("Again: ") != passphrase:
            raise StorageError("The two passphrases differ. Nothing was written.")
    if not passphrase:
        raise StorageError("The backup passphrase is empty.")
    return passphrase
