"""Background analysis on a QThreadPool, with generation numbers and cancel.

Each request for a slot gets the next generation number; a result that arrives for an
older generation (the coach re-opened the slot or changed its view meanwhile) is
dropped. Signals cross back to the GUI thread through a QObject living there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..config import Settings, SettingsError
from ..logs import log_unexpected
from ..pose import ModelError
from ..session import AnalysisError, ScreenOptions, analyze_file
from ..types import Assessment, Variant, View

# (path, slot) -> a pose backend to use, or None for the default MediaPipe one.
BackendFactory = Callable[[Path, str], object | None]

# At most this often a progress update goes to the GUI thread (our choice: 10 a second looks
# smooth); each one repaints the slot's progress bar at once, about 1 ms, and a clip analysed
# faster than real time sent one every 5 frames: 57 repaints for a 10 s clip of a test fake.
PROGRESS_EVERY_S = 0.1


def throttled(
    send: Callable[[int, int], None], every_s: float = PROGRESS_EVERY_S, clock: Callable[[], float] = time.monotonic
) -> Callable[[int, int], None]:
    """A progress callback that calls `send` at most every `every_s` seconds, and always for
    the last frame, so the bar ends full."""
    last = [-float("inf")]

    def progress(done: int, total: int) -> None:
        now = clock()
        if now - last[0] >= every_s or done == total:
            last[0] = now
            send(done, total)

    return progress


@dataclass(frozen=True, slots=True)
class AnalysisRequest:
    slot: str
    generation: int
    path: Path
    view: View
    variant: Variant
    assessment: Assessment = "ohsa"


def run_analysis(request: AnalysisRequest, settings: Settings, backend, progress, should_stop):
    """Analysis of the clip and its screen (the screening checklist, for the clip's
    variant, with the screen's warnings), no Qt involved."""
    return analyze_file(
        request.path,
        request.view,
        settings,
        backend=backend,
        progress=progress,
        should_stop=should_stop,
        options=ScreenOptions(request.assessment, variant=request.variant),
    )


class _Signals(QObject):
    progress = Signal(str, int, int, int)  # slot, generation, done, total
    finished = Signal(str, int, object)  # slot, generation, Analysis
    failed = Signal(str, int, str)  # slot, generation, plain message


class _Job(QRunnable):
    def __init__(self, request: AnalysisRequest, settings: Settings, backend_factory, signals: _Signals):
        super().__init__()
        self.request, self._settings, self._factory, self._signals = request, settings, backend_factory, signals
        self.stop = threading.Event()

    def run(self) -> None:
        req = self.request
        progress = throttled(lambda done, total: self._signals.progress.emit(req.slot, req.generation, done, total))

        try:
            backend = self._factory(req.path, req.slot) if self._factory else None
            analysis = run_analysis(req, self._settings, backend, progress, self.stop.is_set)
        except (AnalysisError, ModelError, SettingsError, OSError) as exc:
            self._signals.failed.emit(req.slot, req.generation, str(exc))
        except Exception as exc:  # a bug must not kill the app silently; say it plainly, keep the traceback
            log_unexpected(exc, "analysis")
            self._signals.failed.emit(
                req.slot, req.generation, f"the analysis failed unexpectedly ({type(exc).__name__}: {exc})"
            )
        else:
            self._signals.finished.emit(req.slot, req.generation, analysis)


class AnalysisController(QObject):
    """Starts analyses and forwards only the results of each slot's latest request."""

    progress = Signal(str, int, int)  # slot, done, total
    finished = Signal(str, object)  # slot, Analysis
    failed = Signal(str, str)  # slot, message
    cancelled = Signal(str)

    def __init__(self, settings: Settings, backend_factory: BackendFactory | None = None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.backend_factory = backend_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # 2 cores: one analysis at a time keeps the GUI smooth
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._generation: dict[str, int] = {}
        self._jobs: dict[str, _Job] = {}  # the current job of each slot
        self._alive: dict[tuple[str, int], _Job] = {}  # every job not yet returned, stale or not

    def analyze(self, slot: str, path: Path, view: View, variant: Variant, assessment: Assessment = "ohsa") -> int:
        """Queue an analysis; any earlier request for `slot` is cancelled and ignored."""
        self.cancel(slot, announce=False)
        generation = self._generation.get(slot, 0) + 1
        self._generation[slot] = generation
        job = _Job(
            AnalysisRequest(slot, generation, Path(path), view, variant, assessment),
            self.settings,
            self.backend_factory,
            self._signals,
        )
        job.setAutoDelete(False)
        self._jobs[slot] = job
        self._alive[(slot, generation)] = job
        self._pool.start(job)
        return generation

    def cancel(self, slot: str, announce: bool = True) -> None:
        job = self._jobs.pop(slot, None)
        if job is not None:
            job.stop.set()
            self._generation[slot] = self._generation.get(slot, 0) + 1  # its result is now stale
            if announce:
                self.cancelled.emit(slot)

    def cancel_all(self) -> None:
        for slot in list(self._jobs):
            self.cancel(slot)

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    def _current(self, slot: str, generation: int) -> bool:
        return self._generation.get(slot) == generation

    def _on_progress(self, slot: str, generation: int, done: int, total: int) -> None:
        if self._current(slot, generation):
            self.progress.emit(slot, done, total)

    def _on_finished(self, slot: str, generation: int, analysis) -> None:
        self._alive.pop((slot, generation), None)
        if self._current(slot, generation):
            self._jobs.pop(slot, None)
            self.finished.emit(slot, analysis)

    def _on_failed(self, slot: str, generation: int, message: str) -> None:
        self._alive.pop((slot, generation), None)
        if self._current(slot, generation):
            self._jobs.pop(slot, None)
            self.failed.emit(slot, message)
