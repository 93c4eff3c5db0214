"""A video file played as a live camera: frames paced at the file's rate, looped."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..types import Frame, VideoInfo
from .file_source import FileSource
from .pacing import paced


class PacedFileSource:
    """A video file played as a live camera: frames paced at the file's rate, looped.

    For demos and tests of the live mode without a camera (`--fake-camera VIDEO`).
    """

    def __init__(self, path: str | Path, loop: bool = True, clock: Callable[[], float] = time.monotonic):
        self._path = Path(path)
        self._probe = FileSource(self._path)  # raises VideoUnreadable early
        info = self._probe.info
        self._info = VideoInfo(f"fake-camera:{self._path.name}", info.fps, 0, info.width, info.height, 0)
        self._loop = loop
        self._clock = clock
        self._closed = False

    @property
    def info(self) -> VideoInfo:
        return self._info

    @property
    def disconnected(self) -> bool:
        return False

    @property
    def lost_frames(self) -> tuple[tuple[int, float], ...]:
        return ()  # live, like a camera: the file's indices restart with each loop, so none are reported

    def frames(self) -> Iterator[Frame]:
        return paced(self._looped(), self._info.fps, self._clock)

    def _looped(self) -> Iterator[Frame]:
        period = 1.0 / self._info.fps
        index = 0
        source = self._probe
        while not self._closed:
            for frame in source.frames():
                if self._closed:
                    break
                yield Frame(index, index * period, frame.image)
                index += 1
            source.close()
            if not self._loop or self._closed:
                return
            source = FileSource(self._path)

    def close(self) -> None:
        self._closed = True
