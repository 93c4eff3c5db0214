"""Analyze every video in a folder: resumable, one bad file never stops the rest."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..reports.files import write_csv, write_json
from .errors import AnalysisError
from .pose_cache import cache_path_for

VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm"}


@dataclass(frozen=True, slots=True)
class BatchItem:
    video: Path
    status: str  # "done", "skipped" (finished earlier), "failed"
    view: str
    reps: int = 0
    findings: tuple[str, ...] = ()
    message: str = ""


def find_videos(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)


def view_from_name(video: Path, default: str) -> str:
    """A view named in the file name ("..._side.mp4") wins over the default."""
    words = video.stem.lower().replace("-", "_").split("_")
    return next((v for v in ("front", "side", "back") if v in words), default)


def result_paths(video: Path, out_dir: Path) -> tuple[Path, Path]:
    return out_dir / f"{video.stem}.json", out_dir / f"{video.stem}.csv"


def is_finished(video: Path, out_dir: Path) -> bool:
    """Finished earlier: both results exist and are newer than the video."""
    json_path, csv_path = result_paths(video, out_dir)
    if not (json_path.exists() and csv_path.exists()):
        return False
    return min(json_path.stat().st_mtime, csv_path.stat().st_mtime) >= video.stat().st_mtime


def analyze_one(video: Path, out_dir: Path, view: str, settings: Settings) -> BatchItem:
    """Analyze one video and write its results; errors become a failed item."""
    from .analysis import analyze_file

    json_path, csv_path = result_paths(video, out_dir)
    try:
        analysis = analyze_file(video, view, settings, pose_cache=cache_path_for(json_path))
        result = analysis.to_json()
        write_csv(analysis.kinematics, csv_path)
        write_json(result, json_path)  # last: its presence marks the video finished
    except (AnalysisError, OSError) as exc:
        return BatchItem(video, "failed", view, message=str(exc))
    findings = tuple(f["compensation"] for f in result.get("findings", []))
    return BatchItem(video, "done", view, reps=len(result["reps"]), findings=findings)


def run_batch(
    folder: Path,
    out_dir: Path,
    settings: Settings,
    default_view: str = "front",
    workers: int = 1,
    on_item: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Analyze every video of `folder` not finished in `out_dir`, `workers` at a time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    items: dict[Path, BatchItem] = {}
    todo = []
    for video in find_videos(folder):
        view = view_from_name(video, default_view)
        if is_finished(video, out_dir):
            items[video] = BatchItem(video, "skipped", view, message="finished earlier")
            on_item and on_item(items[video])
        else:
            todo.append((video, view))
    if workers <= 1:
        for video, view in todo:
            items[video] = analyze_one(video, out_dir, view, settings)
            on_item and on_item(items[video])
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {pool.submit(analyze_one, v, out_dir, view, settings): v for v, view in todo}
            for future in as_completed(futures):
                items[futures[future]] = future.result()
                on_item and on_item(items[futures[future]])
    return [items[v] for v in sorted(items)]
