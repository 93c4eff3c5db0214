"""A watched inbox folder: each client's uploads screened on Dask and filed under the client.

A video in INBOX/<client name>/ is taken once it has finished being written: its size
and modification time unchanged for `settle_s` (file events from watchdog say when to
look). It is analysed on the Dask cluster (view from the file name, else the view
check), then filed by this process, the database's one writer (`inbox_filing`). If the
file changed while it was analysed, the result is dropped and it waits again, so a video
still being copied is never filed half-written. A file that cannot be filed moves to
INBOX/failed/ with a .txt giving the reason.

Restart-safe: on start every video already in the inbox is considered again, and the
inbox log (content hash) says which were filed, so nothing is lost while the watcher is
down and nothing is analysed twice. Filed videos stay where they are (the screen refers
to them, and a synced folder keeps them for the client too).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from ..capture import VIDEO_SUFFIXES
from ..config import Settings
from ..logs import log_unexpected
from ..storage import Database, StorageError, sha256_of
from .batch import ClipOutcome, analyze_clip, outcome_of, view_from_name
from .inbox_filing import FAILED_FOLDER, NotFileable, client_folder_of, existing_client, file_upload, move_to_failed

# A synced folder or a copy over the network can pause for a moment; two quiet seconds
# is the usual "finished" signal of sync clients, and costs the coach nothing.
SETTLE_S = 2.0


@dataclass(frozen=True)
class InboxEvent:
    """Something the watcher did with one upload, for the coach: kind is
    "analysing", "filed", "failed", "skipped" (filed before) or "changed" (still being written)."""

    kind: str
    video: Path
    message: str = ""


@dataclass(frozen=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float  # when this size and time were first seen


class InboxWatcher:
    """Watch `inbox`, analyse uploads on the Dask `client` and file them in `db`; call `step()`
    repeatedly (or `run()`), and `close()` at the end."""

    def __init__(
        self,
        inbox: Path,
        db: Database,
        client,
        settings: Settings,
        settle_s: float = SETTLE_S,
        on_event: Callable[[InboxEvent], None] | None = None,
        task: Callable[..., ClipOutcome] = analyze_clip,
    ) -> None:
        self.inbox, self.db, self.client, self.settings = inbox.absolute(), db, client, settings
        self.settle_s, self.on_event, self.task = settle_s, on_event or (lambda event: None), task
        self._touched: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._waiting: dict[Path, _Seen] = {}
        self._running: dict = {}  # future -> (video, sha256, size, mtime_ns)
        self._observer = Observer()
        self._observer.schedule(_Touches(self._touched), str(self.inbox), recursive=True)
        self._observer.start()
        for path in self.inbox.rglob("*"):  # what arrived while no watcher ran
            self._touched.put(path)

    def step(self) -> None:
        """Take in file events, start analysing settled uploads, file finished ones."""
        while True:
            try:
                self._note(self._touched.get_nowait())
            except queue.Empty:
                break
        now = time.monotonic()
        for video, seen in list(self._waiting.items()):
            stat = _stat(video)
            if stat is None:
                del self._waiting[video]  # moved away or deleted before it settled
            elif stat != (seen.size, seen.mtime_ns):
                self._waiting[video] = _Seen(*stat, now)
            elif now - seen.since >= self.settle_s:
                del self._waiting[video]
                self._start(video, stat)
        for future in [f for f in self._running if f.done()]:
            self._finish(future, *self._running.pop(future))

    def run(self, stop: threading.Event, poll_s: float = 0.5) -> None:
        """`step()` until `stop` is set."""
        while not stop.wait(poll_s):
            self.step()

    @property
    def busy(self) -> bool:
        """True while uploads wait to settle or are being analysed."""
        return bool(self._waiting or self._running or not self._touched.empty())

    def close(self) -> None:
        self._observer.stop()
        self._observer.join()

    # -- one upload ---------------------------------------------------------------------

    def _note(self, path: Path) -> None:
        if not path.is_relative_to(self.inbox):
            return  # moved out of the inbox
        if path.is_dir():  # a whole folder moved in brings no event per file
            for child in path.rglob("*"):
                self._note(child)
            return
        relative = path.relative_to(self.inbox)
        ignored = (
            path.suffix.lower() not in VIDEO_SUFFIXES
            or relative.parts[0] == FAILED_FOLDER
            or any(part.startswith(".") for part in relative.parts)  # sync clients' temporary files
            or path in self._waiting
            or any(path == video for video, *_ in self._running.values())
        )
        stat = None if ignored else _stat(path)
        if stat is not None:
            self._waiting[path] = _Seen(*stat, time.monotonic())

    def _start(self, video: Path, stat: tuple[int, int]) -> None:
        try:
            existing_client(self.db, client_folder_of(video, self.inbox))  # a bad folder name fails before any analysis
            sha256 = sha256_of(video)
        except NotFileable as exc:
            return self._fail(video, str(exc))
        except OSError:
            return  # gone meanwhile; a new event brings it back
        if self.db.inbox.is_filed(sha256):
            return self.on_event(InboxEvent("skipped", video, "filed before"))
        view = view_from_name(video, None)
        future = self.client.submit(self.task, video, view, self.settings, None, pure=False)
        self._running[future] = (video, sha256, *stat)
        self.on_event(InboxEvent("analysing", video, f"{stat[0]} bytes"))

    def _finish(self, future, video: Path, sha256: str, size: int, mtime_ns: int) -> None:
        outcome = outcome_of(future)
        if _stat(video) != (size, mtime_ns):  # written to while analysed: not the finished file
            self.on_event(InboxEvent("changed", video, "changed while it was analysed: waiting for it to settle"))
            return self._note(video)
        if outcome.analysis is None:
            return self._fail(video, outcome.error)
        try:
            client, screen_id = file_upload(self.db, self.inbox, video, sha256, outcome.analysis)
        except (NotFileable, StorageError) as exc:
            return self._fail(video, str(exc))
        except Exception as exc:  # a bug must not stop the watcher: this file fails, the traceback is logged
            log_unexpected(exc, "inbox filing")
            return self._fail(video, f"an unexpected error stopped the filing ({type(exc).__name__})")
        self.on_event(InboxEvent("filed", video, f"screen {screen_id} of {client.name} ({outcome.analysis.view} view)"))

    def _fail(self, video: Path, reason: str) -> None:
        try:
            target = move_to_failed(self.inbox, video, reason)
        except OSError as exc:
            reason += f" (and it could not be moved to {FAILED_FOLDER}/: {exc.strerror})"
            target = video
        self.on_event(InboxEvent("failed", target, reason))


class _Touches(FileSystemEventHandler):
    """Every file created, written, closed or moved in, and every folder created or moved in,
    goes on the queue (watchdog's thread). A folder "modified" only says a file in it changed."""

    def __init__(self, touched: queue.SimpleQueue) -> None:
        super().__init__()
        self.touched = touched

    def dispatch(self, event) -> None:
        kinds = ("created", "moved") if event.is_directory else ("created", "modified", "moved", "closed")
        if event.event_type in kinds:
            self.touched.put(Path(os.fsdecode(getattr(event, "dest_path", "") or event.src_path)))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
