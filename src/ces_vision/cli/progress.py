"""`ces-vision progress CLIENT_ID`: a client's re-screens side by side, score and adherence."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..reports.files import ExportError, ReportError, write_json
from ..reports.progress import format_table, write_progress_chart
from ..session.stored_reports import load_progress
from ..storage import Database, StorageError
from .clients import add_db_option
from .common import report_error

ERRORS = (StorageError, ExportError, ReportError, OSError)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("progress", help="compare a client's screens over time (checklist, metrics, score)")
    parser.add_argument("client_id", type=int)
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="also write the comparison as JSON")
    parser.add_argument("--chart", type=Path, metavar="OUT.png", help="also draw the score and key metrics over time")
    add_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        with Database.open(args.db) as db:
            report = load_progress(db, args.client_id)
        print(format_table(report))
        written = []
        if args.json:
            write_json(report.to_dict(), args.json)
            written.append(args.json)
        if args.chart:
            write_progress_chart(report, args.chart)
            written.append(args.chart)
    except ERRORS as exc:
        return report_error(exc)
    if written:
        print("\nwrote " + ", ".join(str(p) for p in written))
    return 0
