"""Result files: the PDF report, CSV and JSON exports and the annotated video.

Every file is written atomically (temporary file, then rename); a full disk raises
`ExportError` with a plain message and leaves any earlier file at that path intact.
This package imports no Qt.
"""

from .content import ClipInput, ReportInput, analyses_of, report_from_records, score_of
from .files import ExportError, ReportError, atomic_path, atomic_write, json_safe, write_csv, write_json, write_rep_csv
from .frames import FrameData, flagged_reps, key_rep, read_frames
from .pdf import render_pdf, write_pdf_report
from .screen_json import SCREEN_SCHEMA_VERSION, screen_document, write_screen_json
from .video import write_annotated_video

__all__ = [
    "SCREEN_SCHEMA_VERSION",
    "ClipInput",
    "ExportError",
    "ReportError",
    "FrameData",
    "ReportInput",
    "analyses_of",
    "score_of",
    "atomic_path",
    "atomic_write",
    "flagged_reps",
    "json_safe",
    "key_rep",
    "read_frames",
    "render_pdf",
    "report_from_records",
    "screen_document",
    "write_annotated_video",
    "write_csv",
    "write_json",
    "write_pdf_report",
    "write_rep_csv",
    "write_screen_json",
]
