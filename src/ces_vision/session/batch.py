"""Analyze every video in a folder on a Dask cluster: resumable, one bad file never stops the rest.

One task per clip. Workers only read (the video, a pose cache) and send the analysis
back; this process writes every result file, so a cluster of machines sharing a folder
never has two writers of one file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..capture import VIDEO_SUFFIXES
from ..config import Settings
from ..pose import ModelError
from ..private_files import make_private_dirs
from ..reports.files import write_csv, write_json
from ..types import VIEWS, View
from . import pose_cache
from .analysis import Analysis
from .errors import AnalysisError

_Default = TypeVar("_Default")  # what `view_from_name` gives for a name without a view


@dataclass(frozen=True, slots=True)
class BatchItem:
    video: Path
    status: str  # "done", "skipped" (finished earlier), "failed"
    view: str  # the clip's View, "unknown" for a failed clip that named none
    reps: int = 0
    findings: tuple[str, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class ClipOutcome:
    """What a worker sends back for one clip: its analysis, or why there is none."""

    analysis: Analysis | None
    error: str = ""


@dataclass
class BatchProgress:
    """Clips of this run finished, failed and running, and the time left at the pace so far."""

    total: int
    slots: int  # clips the cluster analyses at once (worker threads)
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def running(self) -> int:
        return min(self.total - self.done - self.failed, self.slots)

    def eta_s(self) -> float | None:
        finished = self.done + self.failed
        if not finished:
            return None
        return (time.monotonic() - self.started) / finished * (self.total - finished)

    def text(self) -> str:
        eta = self.eta_s()
        left = f"{int(eta // 60)}:{int(eta % 60):02d}" if eta is not None else "unknown"
        return f"{self.done} done, {self.running} running, {self.failed} failed, about {left} left"


def find_videos(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)


def view_from_name(video: Path, default: _Default) -> View | _Default:
    """A view named in the file name ("..._side.mp4") wins over the default."""
    words = video.stem.lower().replace("-", "_").split("_")
    return next((v for v in VIEWS if v in words), default)


def result_paths(video: Path, out_dir: Path) -> tuple[Path, Path]:
    return out_dir / f"{video.stem}.json", out_dir / f"{video.stem}.csv"


def is_finished(video: Path, out_dir: Path) -> bool:
    """Finished earlier: both results exist and are newer than the video."""
    json_path, csv_path = result_paths(video, out_dir)
    if not (json_path.exists() and csv_path.exists()):
        return False
    return min(json_path.stat().st_mtime, csv_path.stat().st_mtime) >= video.stat().st_mtime


def analyze_clip(video: Path, view: View | None, settings: Settings, cache: Path | None = None) -> ClipOutcome:
    """Analyze one clip (on a worker); writes nothing. view None: told from the landmarks."""
    from .analysis import analyze_file

    try:
        return ClipOutcome(analyze_file(video, view, settings, pose_cache=cache, write_pose_cache=False))
    except (AnalysisError, ModelError, OSError) as exc:
        return ClipOutcome(None, str(exc))


def outcome_of(future) -> ClipOutcome:
    """The outcome of a finished clip task; a worker that died or raised is a failed outcome."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return ClipOutcome(None, "the worker analysing this clip stopped several times (out of memory?)")
    except Exception as exc:  # noqa: BLE001 - one failed clip must never stop the batch
        return ClipOutcome(None, f"unexpected error on the worker: {type(exc).__name__}: {exc}")


def write_results(video: Path, view: View | None, outcome: ClipOutcome, out_dir: Path, settings: Settings) -> BatchItem:
    """Write one clip's results (pose cache, CSV, then JSON) in this process; a failed row if none."""
    analysis = outcome.analysis
    if analysis is None:
        return BatchItem(video, "failed", view or "unknown", message=outcome.error)
    json_path, csv_path = result_paths(video, out_dir)
    try:
        pose_cache.save(
            pose_cache.cache_path_for(json_path),
            video,
            settings.pose,
            analysis.pose,
            analysis.several_people,
            analysis.lost_frames,
        )
        result = analysis.to_json()
        write_csv(analysis.kinematics, csv_path)
        write_json(result, json_path)  # last: its presence marks the video finished
    except OSError as exc:
        return BatchItem(video, "failed", analysis.view, message=f"could not write the results: {exc}")
    findings = tuple(f["compensation"] for f in result.get("findings", []))
    return BatchItem(video, "done", analysis.view, reps=len(result["reps"]), findings=findings)


def run_batch(
    folder: Path,
    out_dir: Path,
    settings: Settings,
    client,
    default_view: View = "front",
    on_item: Callable[[BatchItem, BatchProgress | None], None] | None = None,
    task: Callable[..., ClipOutcome] = analyze_clip,
) -> list[BatchItem]:
    """Analyze every video of `folder` not finished in `out_dir` on the Dask `client`, one task each.

    on_item gets each item as it finishes (skipped ones first, without progress).
    """
    from distributed import as_completed

    make_private_dirs(out_dir)
    items: dict[Path, BatchItem] = {}
    futures = {}
    for video in find_videos(folder):
        view = view_from_name(video, default_view)
        if is_finished(video, out_dir):
            items[video] = BatchItem(video, "skipped", view, message="finished earlier")
            if on_item:
                on_item(items[video], None)
            continue
        cache = pose_cache.cache_path_for(result_paths(video, out_dir)[0])
        futures[client.submit(task, video, view, settings, cache, pure=False)] = (video, view)
    progress = BatchProgress(len(futures), sum(client.nthreads().values()) or 1)
    for future in as_completed(futures, loop=client.loop):
        video, view = futures.pop(future)  # dropped: the cluster frees the result
        items[video] = write_results(video, view, outcome_of(future), out_dir, settings)
        progress.done += items[video].status == "done"
        progress.failed += items[video].status == "failed"
        if on_item:
            on_item(items[video], progress)
    return [items[v] for v in sorted(items)]
