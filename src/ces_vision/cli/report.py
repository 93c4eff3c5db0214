"""`ces-vision report` (PDF, CSV, JSON of a screen) and `ces-vision export-video` (annotated mp4).

A report comes from the client's latest screen in the database, or straight from
analysis JSON files. The skeleton on key frames and videos needs the landmarks, which
the analysis JSON does not hold: a stored screen has them with its clips (schema v3);
otherwise the video is pose-estimated again (same settings, same result). `--no-frames`
leaves the stills out. `--clinician` writes the one-page summary for the referring
physical therapist, signed with the coach's name and contact from the settings.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import cast

from ..document_versions import upgrade
from ..reports import (
    ClipInput,
    ExportError,
    FrameData,
    ReportError,
    ReportInput,
    analyses_of,
    report_from_records,
    score_of,
    write_annotated_video,
    write_pdf_report,
    write_rep_csv,
    write_screen_json,
)
from ..reports.clinician import clinician_from_records, write_clinician_summary
from ..reports.content import analysis_assessment
from ..reports.home_sheet import home_sheet_from_records, write_home_sheet
from ..session import ScreenOptions, ScreenRecordError, analyze_file
from ..session.screen import NotAScreenDocument, ScreenDocument
from ..session.screen_record import stored_frames
from ..storage import Database, StorageError
from ..types import ASSESSMENTS, OHSA_VARIANTS, STANDARD_VARIANT, Assessment, Variant, View
from .clients import add_db_option
from .common import USER_ERRORS, UsageError, add_settings_options, report_error, settings_from, terminal_progress

ERRORS = (*USER_ERRORS, StorageError, ExportError, ReportError, ScreenRecordError)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("report", help="write the PDF report of a screen (and CSV / JSON)")
    parser.add_argument("client_id", type=int, nargs="?", help="report the latest screen of this client")
    parser.add_argument(
        "--analysis",
        type=Path,
        action="append",
        default=[],
        metavar="ANALYSIS.json",
        help="report from this analysis JSON instead of the database (repeat for several views)",
    )
    parser.add_argument(
        "--video",
        type=Path,
        action="append",
        default=[],
        metavar="VIDEO",
        help="the video of each --analysis, in the same order (for the key frames)",
    )
    parser.add_argument("--out", type=Path, metavar="report.pdf", help="the full report (needed unless --home-sheet)")
    parser.add_argument(
        "--home-sheet",
        type=Path,
        metavar="OUT.pdf",
        help="write the client's current program as a printable home-exercise sheet",
    )
    parser.add_argument(
        "--clinician",
        type=Path,
        metavar="OUT.pdf",
        help="write a one-page summary for the referring physical therapist "
        "(coach's name and contact: `ces-vision settings set coach.name ...`)",
    )
    parser.add_argument("--coach", action="store_true", help="coach copy: add measured values, thresholds, confidence")
    parser.add_argument("--csv", type=Path, metavar="OUT.csv", help="also write the per-rep metrics as CSV")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="also write the screen as JSON")
    parser.add_argument("--client-name", default="Client", help="name on a report made from --analysis")
    parser.add_argument("--pain", action="store_true", help="the client reports pain (--analysis reports)")
    parser.add_argument("--date", type=date.fromisoformat, help="screen date, YYYY-MM-DD (--analysis reports)")
    parser.add_argument("--no-frames", action="store_true", help="skip the key frames (no pose estimation)")
    add_db_option(parser)
    add_settings_options(parser)
    parser.set_defaults(run=run)

    video = subparsers.add_parser("export-video", help="write an annotated H.264 video of an analysed clip")
    video.add_argument("video", type=Path)
    video.add_argument("--analysis", type=Path, required=True, metavar="A.json")
    video.add_argument("--out", type=Path, required=True, metavar="annotated.mp4")
    add_settings_options(video)
    video.set_defaults(run=run_export_video)


def run(args: argparse.Namespace) -> int:
    try:
        if (args.client_id is None) == (not args.analysis):
            raise UsageError("give either a CLIENT_ID or --analysis ANALYSIS.json")
        if len(args.video) > len(args.analysis):
            raise UsageError("more --video than --analysis files: give one --analysis per video")
        if args.home_sheet is not None and args.client_id is None:
            raise UsageError("--home-sheet needs a CLIENT_ID: the sheet prints the client's stored program")
        if args.clinician is not None and args.client_id is None:
            raise UsageError("--clinician needs a CLIENT_ID: the summary covers the client's stored screens")
        if args.out is None and ((args.home_sheet is None and args.clinician is None) or args.csv or args.json):
            raise UsageError(
                "give --out report.pdf (--csv and --json come with the report; "
                "--home-sheet OUT.pdf or --clinician OUT.pdf alone writes just that)"
            )
        written = []
        if args.home_sheet is not None:
            with Database.open(args.db) as db:
                client = db.clients.get(args.client_id)
                sheet = home_sheet_from_records(client, db.screens.list_for_client(client.id))
            write_home_sheet(sheet, args.home_sheet)
            written.append(args.home_sheet)
        wanted = args.client_id is not None and (args.out is not None or args.clinician is not None)
        records = _records(args) if wanted else None
        if args.clinician is not None and records is not None:  # records: --clinician needs a client
            summary = clinician_from_records(*records, coach=settings_from(args).coach)
            write_clinician_summary(summary, args.clinician)
            written.append(args.clinician)
        if args.out is not None:
            report = report_from_records(*records) if records is not None else _from_files(args)
            write_pdf_report(report, args.out, coach=args.coach)
            written.append(args.out)
        if args.csv:
            write_rep_csv([clip.analysis for clip in report.clips], args.csv)
            written.append(args.csv)
        if args.json:
            write_screen_json(report, args.json)
            written.append(args.json)
    except ERRORS as exc:
        return report_error(exc)
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def run_export_video(args: argparse.Namespace) -> int:
    try:
        analysis = _single_analysis(args.analysis)
        frames = _clip_frame_data(args, args.video, analysis)
        progress, close = terminal_progress(f"writing {args.out.name}")
        try:
            count = write_annotated_video(args.video, analysis, frames, args.out, progress)
        finally:
            close()
    except ERRORS as exc:
        return report_error(exc)
    print(f"wrote {args.out} ({count} frames)")
    return 0


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not a JSON file ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict) or "schema_version" not in data:
        raise UsageError(f"{path} is not a ces-vision analysis JSON (no schema_version)")
    return upgrade(data)  # a file written by an older ces-vision, in the current shape


def _single_analysis(path: Path) -> dict:
    analyses = _analyses_in(_read_json(path))
    if len(analyses) != 1:
        raise UsageError(f"{path} holds {len(analyses)} views; give the analysis JSON of this one video")
    return analyses[0]


def _frame_data(args: argparse.Namespace, video: Path, view: View, options: ScreenOptions | None = None) -> FrameData:
    """Landmarks of `video`, estimated again with the given settings; the kinematics those of
    the clip's movement (`options`: a push or pull clip's are not a squat's)."""
    progress, close = terminal_progress(f"finding the pose in {video.name}")
    try:
        analysis = analyze_file(video, view, settings_from(args), progress=progress, options=options or ScreenOptions())
    finally:
        close()
    return FrameData.from_analysis(analysis)


def _clip_frame_data(args: argparse.Namespace, video: Path, analysis: dict) -> FrameData:
    """`_frame_data` of the clip `analysis` describes: a push, pull or variant clip is
    estimated as that assessment and variant (a push clip read as a squat has no squat reps)."""
    options, view = _options_of(analysis), analysis.get("view", "front")
    return _frame_data(args, video, view) if options == ScreenOptions() else _frame_data(args, video, view, options)


def _options_of(analysis: dict) -> ScreenOptions:
    """The screen options an analysis JSON was made with: its assessment and variant."""
    assessment = analysis_assessment(analysis)
    if assessment not in ASSESSMENTS:
        raise UsageError(f"the analysis names an unknown assessment {assessment!r}")
    variant = analysis.get("variant", STANDARD_VARIANT)
    if variant not in (STANDARD_VARIANT, *OHSA_VARIANTS):
        raise UsageError(f"the analysis names an unknown variant {variant!r}")
    rows = [row for row in analysis.get("checklist") or [] if isinstance(row, dict)]
    leg = analysis.get("leg") or (rows[0].get("leg") if rows else None)  # a single-leg squat's stance leg
    return ScreenOptions(cast(Assessment, assessment), variant=cast(Variant, variant), leg=leg)


def _from_files(args: argparse.Namespace) -> ReportInput:
    clips = []
    for i, path in enumerate(args.analysis):
        video = args.video[i] if i < len(args.analysis) and i < len(args.video) else None
        analyses = _analyses_in(_read_json(path))
        if video is not None and len(analyses) != 1:
            raise UsageError(f"{path} holds {len(analyses)} views; give one analysis JSON per --video")
        for analysis in analyses:
            frames = None
            if video is not None and not args.no_frames:
                frames = _clip_frame_data(args, video, analysis)
            clips.append(ClipInput(analysis, video, frames))
    first = _read_json(args.analysis[0])
    score, score_note = score_of(first)
    document = _screen_document(first)
    return ReportInput(
        client_name=args.client_name,
        screened_on=args.date or date.today(),
        clips=tuple(clips),
        pain_reported=args.pain or bool(document and document.client_pain),
        score=score,
        score_note=score_note,
        checklist=tuple(first.get("checklist", []) or []),
        program=dict(document.program) if document is not None and document.program else None,
    )


def _screen_document(data: dict) -> ScreenDocument | None:
    """The screen document `data` is (a `screen` file, of any version), or None (one analysis)."""
    try:
        return ScreenDocument.from_json(data)
    except NotAScreenDocument:
        return None


def _analyses_in(data: dict) -> list[dict]:
    """Each clip's analysis in a file: a screen document's clips, else the file's own views."""
    document = _screen_document(data)
    return document.analyses if document is not None else analyses_of(data)


def _records(args: argparse.Namespace) -> tuple:
    """(client, screens, score history, key-frame data by view) of the client in the database."""
    with Database.open(args.db) as db:
        client = db.clients.get(args.client_id)
        screens = db.screens.list_for_client(client.id)
        history = db.score_history(client.id)
        frames: dict[str, tuple[Path, FrameData]] = {}
        if screens and not args.no_frames:
            # poses stored with the clips since schema v3: no inference; else estimated again
            frames = stored_frames(
                screens[-1],
                db.screens.pose,
                settings_from(args),
                estimate=lambda video, view: _frame_data(args, video, view),
            )
    return client, screens, history, frames
