"""`ces-vision screen`: a whole screen (several clips) -> checklist, score, program.

The JSON is the screen document (`session.screen`, docs/formats.md), the same the app
stores; `--client ID` also saves it as a new screen of that client, through the app's
save path, so the app re-opens it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..prescription import build_screen
from ..reports.files import write_json
from ..screening import clip_name, load_thresholds, unassessed_reason
from ..session import ScreenOptions, ScreenRecordError, analyze_file
from ..session.screen import ScreenDocument, app_slot
from ..session.screen_record import save_screen, state_of_analyses
from ..storage import Database, StorageError
from ..types import VIEWS, Variant, View
from .clients import add_db_option
from .common import (
    NOT_ASSESSED,
    USER_ERRORS,
    UsageError,
    add_settings_options,
    add_workers_option,
    report_error,
    settings_from,
    terminal_progress,
    warnings_text,
)

VARIANTS: dict[str, Variant] = {"heels-elevated": "heels_elevated", "hands-on-hips": "hands_on_hips"}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("screen", help="run a whole screen: front, side, back clips and variants")
    for view in VIEWS:
        parser.add_argument(f"--{view}", type=Path, metavar="VIDEO", help=f"overhead squat filmed from the {view}")
    parser.add_argument(
        "--variant",
        nargs=3,
        action="append",
        default=[],
        metavar=("KIND", "VIEW", "VIDEO"),
        help="a modified overhead squat clip: KIND is heels-elevated or hands-on-hips (repeatable)",
    )
    parser.add_argument(
        "--single-leg",
        nargs=2,
        action="append",
        default=[],
        metavar=("LEG", "VIDEO"),
        help="single-leg squat on LEG (left|right), filmed from the front (repeatable)",
    )
    parser.add_argument(
        "--push",
        type=Path,
        metavar="VIDEO",
        help="pushing assessment (standing cable chest press), filmed from the side",
    )
    parser.add_argument(
        "--pull", type=Path, metavar="VIDEO", help="pulling assessment (standing cable row), filmed from the side"
    )
    parser.add_argument("--pain", action="store_true", help="the client reports pain: adds a referral recommendation")
    parser.add_argument("--edition", choices=("7th", "4th"), default="7th", help="NASM edition of the muscle tables")
    parser.add_argument("--thresholds", type=Path, metavar="TOML", help="coach thresholds overriding the defaults")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="write the screen JSON here (default: stdout)")
    parser.add_argument(
        "--client",
        type=int,
        metavar="ID",
        help="also save the screen for this client (the app re-opens it; their recorded pain counts)",
    )
    add_db_option(parser)
    add_settings_options(parser)
    add_workers_option(parser)
    parser.set_defaults(run=run)


def _clips(args: argparse.Namespace) -> list[tuple[Path, View, ScreenOptions]]:
    thresholds = load_thresholds(args.thresholds) if args.thresholds else None
    clips: list[tuple[Path, View, ScreenOptions]] = [
        (getattr(args, v), v, ScreenOptions(thresholds=thresholds)) for v in VIEWS if getattr(args, v)
    ]
    for kind, view, video in args.variant:
        if kind not in VARIANTS or view not in VIEWS:
            raise UsageError(
                f"--variant takes KIND VIEW VIDEO with KIND in {', '.join(VARIANTS)} and VIEW in {', '.join(VIEWS)}"
            )
        clips.append((Path(video), view, ScreenOptions(variant=VARIANTS[kind], thresholds=thresholds)))
    for leg, video in args.single_leg:
        if leg not in ("left", "right"):
            raise UsageError("--single-leg takes LEG VIDEO with LEG left or right")
        clips.append((Path(video), "front", ScreenOptions("single_leg_squat", leg=leg, thresholds=thresholds)))
    for assessment in ("push", "pull"):
        if getattr(args, assessment):
            clips.append((getattr(args, assessment), "side", ScreenOptions(assessment, thresholds=thresholds)))
    if not clips:
        raise UsageError("give at least one clip: --front, --side, --back, --variant, --single-leg, --push or --pull")
    return clips


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
        clips = _clips(args)
        client = _client_to_save_for(args, clips)
        pain = args.pain or bool(client and client.pain_reported)
        analyses = []
        for video, view, options in clips:
            label = options.assessment if options.assessment in ("push", "pull") else view
            progress, close = terminal_progress(f"{label} {video.name}")
            try:
                analyses.append(
                    analyze_file(video, view, settings, progress=progress, workers=args.workers, options=options)
                )
            finally:
                close()
        screen = build_screen([a.screen for a in analyses], client_pain=pain, edition=args.edition)
        result = ScreenDocument.of(screen, [a.to_json() for a in analyses]).to_json()
        if args.json:
            write_json(result, args.json)
        saved = _save(args, client, analyses, [video for video, _, _ in clips], pain) if client is not None else ""
    except (*USER_ERRORS, StorageError, ScreenRecordError) as exc:
        return report_error(exc)
    if args.json:
        seen = ", ".join(sorted({f["compensation"] for f in result["findings"]})) or "none"
        print(
            f"screen score {screen.summary.score_text()}; compensations seen: {seen}"
            f"{warnings_text(result['warnings'])}; written to {args.json}{saved}"
        )
    else:
        print(json.dumps(result, indent=2))
        if saved:
            print(f"ces-vision: {saved.lstrip('; ')}", file=sys.stderr)
    unassessed = [clip_name(a.screen) for a in analyses if unassessed_reason(a.screen)]
    if unassessed:
        print(f"ces-vision: nothing could be judged in the {', '.join(unassessed)}: film it again", file=sys.stderr)
        return NOT_ASSESSED
    return 0


def _client_to_save_for(args: argparse.Namespace, clips: list[tuple[Path, View, ScreenOptions]]):
    """The client of --client (None without it), checked before any clip is analysed."""
    if args.client is None:
        return None
    for video, view, options in clips:
        try:
            app_slot(view, options.assessment, options.variant)
        except ScreenRecordError as exc:
            raise UsageError(f"--client saves only what the app can re-open: {video.name}: {exc}") from None
    with Database.open(args.db) as db:
        return db.clients.get(args.client)


def _save(args: argparse.Namespace, client, analyses: list, videos: list[Path], pain: bool) -> str:
    """Save the screen for the client as the app does; the words saying so."""
    state = state_of_analyses(analyses, client.name, pain, args.edition, paths=videos)
    with Database.open(args.db) as db:
        screen, _ = save_screen(
            db, client.id, state, date.today(), notes="Saved from the command line (ces-vision screen)."
        )
    return f"; saved as screen {screen.id} of {client.name}"
