"""Run a pose backend over a video source: the one loop every path goes through."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..capture import VideoSource
from ..capture.prefetch import prefetch
from ..pose import PoseBackend
from ..types import Frame, PoseFrame, PoseSequence
from .errors import Cancelled

ProgressFn = Callable[[int, int], None]  # (frames done, frames expected or 0)


def iter_poses(source: VideoSource, backend: PoseBackend) -> Iterator[tuple[Frame, PoseFrame]]:
    """Each frame of `source` with its pose, streamed: nothing is kept.

    Decoding runs a few frames ahead in a thread (OpenCV and MediaPipe both release
    the GIL), so decoding and inference overlap on two cores.
    """
    for frame in prefetch(source.frames()):
        yield frame, backend.process(frame)


def collect_poses(
    source: VideoSource,
    backend: PoseBackend,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PoseSequence:
    """The pose of every frame of `source`; only the landmarks are kept, never the images."""
    poses: list[PoseFrame] = []
    times: list[float] = []
    expected = source.info.frame_count
    for frame, pose in iter_poses(source, backend):
        if should_stop is not None and should_stop():
            raise Cancelled("analysis cancelled")
        poses.append(pose)
        times.append(frame.timestamp_s)
        if progress is not None:
            progress(len(poses), expected)
    return PoseSequence.stack(poses, np.asarray(times), source.info.width, source.info.height)
