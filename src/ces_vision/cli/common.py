"""Pieces the subcommands share: settings options, progress bar, error reporting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..config import SettingsError, load_settings, overlay
from ..pose import ModelError
from ..session import AnalysisError
from ..storage import user_settings_file
from ..types import MODEL_NAMES


class UsageError(Exception):
    """The command line asks for something that cannot be done as given; the message says how."""

    exit_status = 2


# Errors that are the user's input, reported as one line without a traceback.
USER_ERRORS = (AnalysisError, ModelError, SettingsError, UsageError, OSError)
# Exit status when a clip (a requested view) gave no squat rep that could be judged: the
# results are written, but nothing in that view was assessed, so it must not read as clean.
NOT_ASSESSED = 4


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", choices=MODEL_NAMES, default=None, help="pose model (default: full)")
    parser.add_argument(
        "--settings",
        metavar="TOML",
        help="settings file overriding the defaults (default: the user's settings file, if any)",
    )


def add_workers_option(parser: argparse.ArgumentParser) -> None:
    from ..session.parallel import default_workers

    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="processes to use (default: one per CPU core, %(default)s here)",
    )


def settings_path(args: argparse.Namespace) -> Path | None:
    """--settings, else the user's settings file (`ces-vision settings`) when there is one."""
    return Path(args.settings) if args.settings else user_settings_file()


def settings_from(args: argparse.Namespace):
    settings = load_settings(settings_path(args))
    if args.model:
        settings = overlay(settings, {"pose": {"model": args.model}})
    return settings


def terminal_progress(description: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress callback drawing a bar on a terminal (silent otherwise), and its closer."""
    if not sys.stderr.isatty():
        return (lambda done, total: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(desc=description, unit="frame", leave=False, dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        if total and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    return update, bar.close


def warnings_text(warnings) -> str:
    """ "; warnings: a; b" for the end of a summary line, or "" without any."""
    return f"; warnings: {'; '.join(warnings)}" if warnings else ""


def report_error(exc: BaseException) -> int:
    """Print one plain line for the user and return the exit status."""
    print(f"ces-vision: {exc}", file=sys.stderr)
    return getattr(exc, "exit_status", 2)
