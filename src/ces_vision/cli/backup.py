"""`ces-vision backup create OUT` / `ces-vision backup restore FILE`: the whole database."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..storage import BackupExistsError, Database, StorageError, default_database_path, restore
from ..storage.encrypted_backup import create_encrypted_backup, is_encrypted_backup, restore_encrypted_backup
from .clients import add_db_option
from .common import report_error
from .passphrase import PASSPHRASE_ENV, read_passphrase


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("backup", help="back up or restore the client database")
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser(
        "create",
        help="write a checked, consistent copy of the database (videos not included); never over a file unless --force",
    )
    create.add_argument("out", type=Path, metavar="OUT")
    create.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (only ever by a complete, checked backup)"
    )
    create.add_argument(
        "--encrypt",
        action="store_true",
        help=f"encrypt with a passphrase (typed, or from ${PASSPHRASE_ENV}); restore asks for it",
    )
    restore_parser = actions.add_parser(
        "restore", help="replace the database with a backup (checked first; refused while the app has it open)"
    )
    restore_parser.add_argument("file", type=Path, metavar="FILE")
    for sub in (create, restore_parser):
        add_db_option(sub)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.action == "create":
            passphrase = read_passphrase(confirm=True) if args.encrypt else None
            with Database.open(args.db) as db:
                if passphrase is None:
                    written = db.backup(args.out, overwrite=args.force)
                else:
                    written = create_encrypted_backup(db, args.out, passphrase, overwrite=args.force)
            print(f"{'encrypted ' if passphrase else ''}backup written to {written}")
        else:
            target_db = args.db if args.db is not None else default_database_path()
            if is_encrypted_backup(args.file):
                target = restore_encrypted_backup(args.file, target_db, read_passphrase(confirm=False))
            else:
                target = restore(args.file, target_db)
            print(f"restored {args.file} onto {target}")
    except BackupExistsError as exc:
        return report_error(BackupExistsError(f"{exc} To replace it with this backup, add --force."))
    except (StorageError, OSError) as exc:
        return report_error(exc)
    return 0
