"""Pose-estimate one video file with several processes, one segment each.

Each worker opens the file at its own segment, starts a fresh pose landmarker a few
frames before the segment (the warm-up lets detection settle into tracking) and
returns the poses of its segment only. Segments tile the video exactly, so merged
in order the result has every frame once, like a single-process run.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass

import numpy as np

from ..capture import FileSource, VideoUnreadable
from ..config import PoseSettings
from ..types import PoseSequence
from .pose_run import PoseRows, ProgressFn, iter_poses

# Frames analyzed before a segment's start and thrown away, so tracking is warm.
WARMUP_FRAMES = 15
# Below this many frames per worker, process start-up costs more than it saves.
MIN_SEGMENT_FRAMES = 120


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # first frame kept
    stop: int  # one past the last frame kept
    warm_start: int  # first frame analyzed


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def plan_segments(n_frames: int, workers: int, warmup: int = WARMUP_FRAMES) -> list[Segment]:
    """Split frames [0, n_frames) into up to `workers` contiguous segments."""
    workers = max(1, min(workers, n_frames // MIN_SEGMENT_FRAMES or 1))
    edges = np.linspace(0, n_frames, workers + 1).round().astype(int)
    return [Segment(int(a), int(b), max(0, int(a) - warmup)) for a, b in zip(edges[:-1], edges[1:]) if b > a]


_progress_counter = None


def _init_worker(counter) -> None:
    global _progress_counter
    _progress_counter = counter


def _analyze_segment(path: str, segment: Segment, settings: PoseSettings):
    from ..pose import video_backend

    try:
        source = FileSource(path, start_frame=segment.warm_start)
    except VideoUnreadable:
        if segment.start == 0:
            raise
        return PoseSequence.stack([], np.zeros(0), 0, 0), 0, []  # a truncated file ended before this segment
    rows = PoseRows(source.info.fps, first=segment.start)
    with source, video_backend(settings) as backend:
        for frame, pose in iter_poses(source, backend):
            if frame.index >= segment.stop:
                rows.fill_to(frame.index, frame.timestamp_s, stop=segment.stop)  # frames lost at the seam
                break
            if frame.index >= segment.start:
                rows.add(frame, pose)
            if _progress_counter is not None:
                with _progress_counter.get_lock():
                    _progress_counter.value += 1
        size = (source.info.width, source.info.height)
        several = backend.frames_with_several_people
        lost = [(i, t) for i, t in source.lost_frames if segment.start <= i < segment.stop]
    return rows.sequence(*size), several, lost


def collect_poses_parallel(
    path: str, n_frames: int, settings: PoseSettings, workers: int, progress: ProgressFn | None = None
) -> tuple[PoseSequence, int, list[tuple[int, float]]]:
    """Poses of every frame of the file at `path`, frames showing several people, and
    (index, time) of the frames lost to damage."""
    segments = plan_segments(n_frames, workers)
    context = multiprocessing.get_context("spawn")  # never fork a process holding MediaPipe threads
    counter = context.Value("q", 0)
    total = sum(s.stop - s.warm_start for s in segments)
    with ProcessPoolExecutor(len(segments), mp_context=context, initializer=_init_worker, initargs=(counter,)) as pool:
        futures = [pool.submit(_analyze_segment, str(path), s, settings) for s in segments]
        pending = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.2)
            if progress is not None:
                progress(min(counter.value, total), total)
        parts = [f.result() for f in futures]
    sequences = [p[0] for p in parts]
    merged = PoseSequence(
        image_xyz=np.concatenate([s.image_xyz for s in sequences]),
        visibility=np.concatenate([s.visibility for s in sequences]),
        world_xyz=np.concatenate([s.world_xyz for s in sequences]),
        timestamps_s=np.concatenate([s.timestamps_s for s in sequences]),
        width=sequences[0].width,
        height=sequences[0].height,
    )
    return merged, sum(p[1] for p in parts), [lost for p in parts for lost in p[2]]
