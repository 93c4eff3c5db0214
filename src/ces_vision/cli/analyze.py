"""`ces-vision analyze VIDEO`: screen one clip, write JSON and per-frame CSV."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..reports.files import write_csv, write_json
from ..screening import load_thresholds, unassessed_reason
from ..session import Analysis, ScreenOptions, analyze_file
from ..session.pose_cache import cache_path_for
from ..types import STANDARD_VARIANT, VIEWS
from .common import (
    NOT_ASSESSED,
    USER_ERRORS,
    add_settings_options,
    add_workers_option,
    report_error,
    settings_from,
    terminal_progress,
    warnings_text,
)
from .screen import VARIANTS


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
            variant=VARIANTS.get(args.variant, STANDARD_VARIANT),
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
        print(summary_line(analysis))
    return NOT_ASSESSED if unassessed_reason(analysis.screen) else 0


def summary_line(analysis: Analysis) -> str:
    """One line: the clip, its reps and pose, what was seen (or why nothing could be judged), every warning."""
    unassessed = unassessed_reason(analysis.screen)
    if unassessed:
        outcome = f"not assessable ({unassessed}): no compensation could be judged"
    else:
        outcome = "compensations: " + (", ".join(f.compensation for f in analysis.screen.findings) or "none")
    return (
        f"{Path(analysis.source.path).name}: {analysis.view} view, {len(analysis.kinematics.reps)} reps, "
        f"pose in {analysis.frames_with_pose}/{analysis.source.frame_count} frames; {outcome}"
        f"{warnings_text(analysis.warnings)}"
    )
