"""`ces-vision watch INBOX [--db PATH]`: screen client uploads as they land and file them per client."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from ..session.cluster import ClusterError, dask_client
from ..session.inbox import SETTLE_S, InboxEvent, InboxWatcher
from ..storage import Database, StorageError
from .batch import add_cluster_options
from .clients import add_db_option
from .common import USER_ERRORS, add_settings_options, add_workers_option, report_error, settings_from


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "watch", help="screen videos arriving in INBOX/<client name>/ and file them under that client (Ctrl-C stops)"
    )
    parser.add_argument("inbox", type=Path, help="the folder client uploads land in (a synced or shared folder)")
    add_db_option(parser)
    parser.add_argument(
        "--settle",
        type=float,
        default=SETTLE_S,
        metavar="SECONDS",
        help="a file is taken once its size has not changed for this long (default: %(default)s)",
    )
    add_settings_options(parser)
    add_workers_option(parser)
    add_cluster_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.inbox.is_dir():
        return report_error(FileNotFoundError(f"no such folder: {args.inbox}"))
    try:
        settings = settings_from(args)
        with Database.open(args.db) as db, dask_client(args.scheduler, args.workers, args.memory_limit) as client:
            watcher = InboxWatcher(args.inbox, db, client, settings, args.settle, on_event=_print_event)
            print(f"watching {args.inbox.absolute()} (Ctrl-C stops; results in {db.path})", file=sys.stderr, flush=True)
            stop = threading.Event()
            # Ctrl-C and a service manager's stop both end the loop between two steps: a
            # KeyboardInterrupt raised wherever the main thread happens to be (inside Dask's
            # client calls) could leave the cluster's shutdown waiting for ever.
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda signum, frame: _stop(stop))
            try:
                watcher.run(stop)
            finally:
                watcher.close()
            print("stopped: uploads not filed yet are taken the next time the inbox is watched", file=sys.stderr)
    except (*USER_ERRORS, ClusterError, StorageError) as exc:
        return report_error(exc)
    return 0


def _stop(stop: threading.Event) -> None:
    """The first Ctrl-C stops after the current step; a second one while stopping quits at once."""
    if stop.is_set():
        raise KeyboardInterrupt
    stop.set()


def _print_event(event: InboxEvent) -> None:
    print(
        f"{event.kind}: {event.video.name}" + (f": {event.message}" if event.message else ""),
        file=sys.stderr,
        flush=True,
    )
