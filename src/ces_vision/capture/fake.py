"""A source that replays given images: for tests and benchmarks, no device needed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from ..types import Frame, VideoInfo
from .pacing import paced


class FakeSource:
    """Replays `images` (each (H, W, 3) uint8 RGB), cycling if `n_frames` asks for more.

    realtime: pace frames at `fps` like a camera. disconnect_after: stop after that
    many frames and report `disconnected`, like an unplugged camera.
    """

    def __init__(
        self,
        images: Sequence[np.ndarray],
        fps: float = 30.0,
        n_frames: int | None = None,
        realtime: bool = False,
        disconnect_after: int | None = None,
        path: str = "fake:",
    ):
        if len(images) == 0:
            raise ValueError("FakeSource needs at least one image")
        self._images = images
        self._n = len(images) if n_frames is None else n_frames
        self._realtime = realtime
        self._disconnect_after = disconnect_after
        self._closed = False
        self._disconnected = False
        h, w = images[0].shape[:2]
        self._info = VideoInfo(path=path, fps=fps, frame_count=self._n, width=w, height=h, rotation=0)

    @property
    def info(self) -> VideoInfo:
        return self._info

    @property
    def disconnected(self) -> bool:
        return self._disconnected

    @property
    def lost_frames(self) -> tuple[tuple[int, float], ...]:
        return ()  # frames come whole or not at all: nothing is decoded from damaged data

    def frames(self) -> Iterator[Frame]:
        frames = self._replay()
        return paced(frames, self._info.fps) if self._realtime else frames

    def _replay(self) -> Iterator[Frame]:
        period = 1.0 / self._info.fps
        for index in range(self._n):
            if self._closed:
                return
            if self._disconnect_after is not None and index >= self._disconnect_after:
                self._disconnected = True
                return
            yield Frame(index=index, timestamp_s=index * period, image=self._images[index % len(self._images)])

    def close(self) -> None:
        self._closed = True
