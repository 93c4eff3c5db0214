"""`ces-vision analyze VIDEO`: screen one clip, write JSON and per-frame CSV."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..reports.files import write_csv, write_json
from ..screening import load_thresholds
from ..session import ScreenOptions, analyze_file
from ..session.pose_cache import cache_path_for
from ..types import VIEWS
from .screen import VARIANTS
from .common import USER_ERRORS, add_settings_options, add_workers_option, report_error, settings_from, terminal_progress


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("analyze", help="analyze one overhead-squat video")
    parser.add_argument("video", type=Path)
    parser.add_argument("--view", choices=VIEWS, default="front", help="camera view of the clip (default: front)")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="write the analysis JSON here")
    parser.add_argument("--csv", type=Path, metavar="OUT.csv", help="write every per-frame quantity here")
    parser.add_argument("--variant", choices=sorted(VARIANTS), help="a modified overhead squat clip")
    parser.add_argument("--thresholds", type=Path, metavar="TOML", help="coach thresholds overriding the defaults")
    add_settings_options(parser)
    add_workers_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
        options = ScreenOptions(
            variant=VARIANTS.get(args.variant),
            thresholds=load_thresholds(args.thresholds) if args.thresholds else None,
        )
        progress, close_progress = terminal_progress(f"analyzing {args.video.name}")
        try:
            analysis = analyze_file(
                args.video,
                args.view,
                settings,
                progress=progress,
                workers=args.workers,
                pose_cache=cache_path_for(args.json) if args.json else None,
                options=options,
            )
        finally:
            close_progress()
        result = analysis.to_json()
        if args.json:
            write_json(result, args.json)
        if args.csv:
            write_csv(analysis.kinematics, args.csv)
    except USER_ERRORS as exc:
        return report_error(exc)
    if not args.json:
        print(json.dumps(result, indent=2))
    else:
        print(summary_line(result))
    return 0


def summary_line(result: dict) -> str:
    found = ", ".join(f["compensation"] for f in result.get("findings", [])) or "none"
    return (
        f"{Path(result['source']['path']).name}: {result['view']} view, {len(result['reps'])} reps, "
        f"pose in {result['frames_with_pose']}/{result['source']['frame_count']} frames; compensations: {found}"
    )
