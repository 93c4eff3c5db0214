"""`ces-vision batch FOLDER [--scheduler tcp://HOST:8786]`: analyze every video in a folder on Dask, resumably."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..session.batch import BatchItem, BatchProgress, find_videos, run_batch
from ..session.cluster import ClusterError, dask_client
from ..types import VIEWS
from .common import USER_ERRORS, add_settings_options, add_workers_option, report_error, settings_from


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("batch", help="analyze every video in a folder (resumable)")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, help="results folder (default: FOLDER/ces-vision-results)")
    parser.add_argument(
        "--view", choices=VIEWS, default="front", help="view of clips whose name does not say front/side/back"
    )
    add_settings_options(parser)
    add_workers_option(parser)
    add_cluster_options(parser)
    parser.set_defaults(run=run)


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    from ..session.cluster import DEFAULT_MEMORY_LIMIT

    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="run on this Dask scheduler's workers (default: a local cluster of --workers processes)",
    )
    parser.add_argument(
        "--memory-limit",
        default=DEFAULT_MEMORY_LIMIT,
        metavar="SIZE",
        help="memory per local worker process; Dask restarts a worker above it (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    if args.folder.is_file():
        return report_error(
            NotADirectoryError(f"{args.folder} is a file, not a folder: analyze one video with 'ces-vision analyze'")
        )
    if not args.folder.is_dir():
        return report_error(FileNotFoundError(f"no such folder: {args.folder}"))
    out_dir = args.out or args.folder / "ces-vision-results"
    try:
        settings = settings_from(args)
        total = len(find_videos(args.folder))
    except USER_ERRORS as exc:
        return report_error(exc)
    seen = 0

    def progress(item: BatchItem, counts: BatchProgress | None) -> None:
        nonlocal seen
        seen += 1
        line = f"[{seen}/{total}] {item.video.name}: {item.status} {item.message}".rstrip()
        print(line + (f"  ({counts.text()})" if counts else ""), file=sys.stderr)

    try:
        with dask_client(args.scheduler, args.workers, args.memory_limit) as client:
            items = run_batch(args.folder, out_dir, settings, client, args.view, progress)
    except (ClusterError, OSError) as exc:
        return report_error(exc)
    print(summary_table(items))
    print(f"results in {out_dir}")
    return 1 if any(i.status == "failed" for i in items) else 0


def summary_table(items: list[BatchItem]) -> str:
    rows = [("video", "view", "status", "reps", "compensations / message")]
    for item in items:
        detail = ", ".join(item.findings) if item.status == "done" else item.message
        rows.append((item.video.name, item.view, item.status, str(item.reps) if item.status == "done" else "", detail))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4] for r in rows)
