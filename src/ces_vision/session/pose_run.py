"""Run a pose backend over a video source: the one loop every path goes through."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from ..capture import VideoSource
from ..capture.prefetch import prefetch
from ..pose import PoseBackend, empty_pose
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


class PoseRows:
    """Pose rows indexed like the video's frames, from `first` on.

    A frame the decoder lost (a gap in `frame.index`) keeps a row with no pose (NaN), at
    a time between its neighbours, so row i stays frame i for reps, plots and reports.
    """

    def __init__(self, fps: float, first: int = 0):
        self._period = 1.0 / fps
        self._next = first
        self.poses: list[PoseFrame] = []
        self.times: list[float] = []

    def __len__(self) -> int:
        return len(self.poses)

    def fill_to(self, index: int, time_s: float, stop: int | None = None) -> None:
        """Missing rows for the frames before `index` (the frame shown at `time_s`), and
        before `stop` when given."""
        gap = index - self._next
        if gap <= 0:
            return
        before = self.times[-1] if self.times else time_s - (gap + 1) * self._period
        times = np.linspace(before, time_s, gap + 2)[1:-1]
        keep = gap if stop is None else max(0, min(gap, stop - self._next))
        self.times.extend(times[:keep].tolist())
        self.poses.extend(empty_pose() for _ in range(keep))
        self._next += keep

    def add(self, frame: Frame, pose: PoseFrame) -> None:
        self.fill_to(frame.index, frame.timestamp_s)
        self.poses.append(pose)
        self.times.append(frame.timestamp_s)
        self._next = frame.index + 1

    def sequence(self, width: int, height: int) -> PoseSequence:
        return PoseSequence.stack(self.poses, np.asarray(self.times), width, height)


def collect_poses(
    source: VideoSource,
    backend: PoseBackend,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PoseSequence:
    """The pose of every frame of `source`; only the landmarks are kept, never the images.
    A frame lost to damage keeps an empty row (see `PoseRows`)."""
    rows = PoseRows(source.info.fps)
    expected = source.info.frame_count
    for frame, pose in iter_poses(source, backend):
        if should_stop is not None and should_stop():
            raise Cancelled("analysis cancelled")
        rows.add(frame, pose)
        if progress is not None:
            progress(len(rows), expected)
    return rows.sequence(source.info.width, source.info.height)
