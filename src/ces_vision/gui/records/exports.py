"""Exports of a stored screen on a worker thread: PDF (client / coach), screen JSON,
per-rep CSV, annotated video of a clip, the home-exercise sheet of its program, the
one-page summary for a referring physical therapist, and the client's data export.

Everything the worker needs is read from the database on the GUI thread first (a
`Database` is used from one thread), so the worker only writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...capture import VideoUnreadable
from ...config import CoachSettings
from ...logs import log_unexpected
from ...reports import (
    ExportError,
    FrameData,
    ReportError,
    analyses_of,
    report_from_records,
    write_annotated_video,
    write_json,
    write_pdf_report,
    write_rep_csv,
    write_screen_json,
)
from ...reports.clinician import clinician_from_records, write_clinician_summary
from ...reports.home_sheet import home_sheet_from_records, write_home_sheet
from ...storage import StorageError

# kind -> (dialog title, default file suffix, file filter)
FILE_TYPES = {
    "pdf": ("Save the PDF report", ".pdf", "PDF (*.pdf)"),
    "pdf_coach": ("Save the coach copy of the PDF report", "-coach.pdf", "PDF (*.pdf)"),
    "screen_json": ("Save the screen as JSON", ".json", "JSON (*.json)"),
    "rep_csv": ("Save the per-rep metrics as CSV", ".csv", "CSV (*.csv)"),
    "video": ("Save the annotated video", ".mp4", "MP4 video (*.mp4)"),
    "client_json": ("Save everything stored about the client", "-data.json", "JSON (*.json)"),
    "home_sheet": ("Save the home-exercise sheet", "-home-exercises.pdf", "PDF (*.pdf)"),
    "clinician": ("Save the summary for the referring clinician", "-clinician.pdf", "PDF (*.pdf)"),
}


@dataclass(frozen=True)
class ExportRequest:
    """One export. `screens`: the client's screens up to the exported one (oldest first)."""

    kind: str
    path: Path
    client: object
    screens: tuple = ()
    score_history: tuple = ()
    frames: dict = field(default_factory=dict)  # view -> (video path, FrameData) for key frames
    client_data: dict | None = None
    video: Path | None = None
    analysis: dict | None = None
    video_frames: FrameData | None = None
    coach: CoachSettings | None = None  # the clinician summary's signature


def write_export(request: ExportRequest) -> Path:
    """Write one export file (no Qt); raises with a plain message on failure."""
    kind, path = request.kind, Path(request.path)
    if kind in ("pdf", "pdf_coach", "screen_json"):
        report = report_from_records(request.client, list(request.screens), list(request.score_history), request.frames)
        if kind == "screen_json":
            write_screen_json(report, path)
        else:
            write_pdf_report(report, path, coach=kind == "pdf_coach")
    elif kind == "rep_csv":
        write_rep_csv(analyses_of(request.screens[-1].results), path)
    elif kind == "video":
        if request.video is None or not Path(request.video).is_file():
            raise ReportError(f"the video {request.video} of this clip is missing: it was moved or deleted")
        write_annotated_video(request.video, request.analysis or {}, request.video_frames, path)
    elif kind == "client_json":
        write_json(request.client_data or {}, path)
    elif kind == "clinician":
        summary = clinician_from_records(
            request.client, list(request.screens), list(request.score_history), request.frames, request.coach
        )
        write_clinician_summary(summary, path)
    elif kind == "home_sheet":
        write_home_sheet(home_sheet_from_records(request.client, list(request.screens)), path)
    else:
        raise ValueError(f"unknown export {kind!r}")
    return path


class _Signals(QObject):
    finished = Signal(str, str)  # kind, path
    failed = Signal(str, str)  # kind, plain message


class _ExportJob(QRunnable):
    def __init__(self, request: ExportRequest, signals: _Signals):
        super().__init__()
        self.request, self.signals = request, signals

    def run(self) -> None:
        kind = self.request.kind
        try:
            path = write_export(self.request)
        except (ExportError, ReportError, StorageError, VideoUnreadable, OSError) as exc:
            self.signals.failed.emit(kind, str(exc))
        except Exception as exc:  # a bug must not pass silently; say it plainly, keep the traceback
            log_unexpected(exc, f"export {kind}")
            self.signals.failed.emit(kind, f"the export failed unexpectedly ({type(exc).__name__}: {exc})")
        else:
            self.signals.finished.emit(kind, str(path))


class ExportRunner(QObject):
    """Runs exports one at a time off the GUI thread; reports back on the GUI thread."""

    finished = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self.finished)
        self._signals.failed.connect(self.failed)

    def start(self, request: ExportRequest) -> None:
        self._pool.start(_ExportJob(request, self._signals))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
