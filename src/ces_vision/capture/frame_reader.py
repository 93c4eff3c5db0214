"""Frames of a video file by index, for a player: seek, step and play without decoding the clip.

Decoding is `FileSource`'s (PyAV; upright, past damaged packets). The next frame after the
last one read is a plain decode (playback); a frame a little ahead is decoded forward
without converting the frames in between; any other index re-opens the file at the
keyframe before it and decodes forward to it. Recent frames are cached, so stepping
back and forth is instant.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..types import Frame
from .errors import VideoUnreadable
from .file_source import FileSource

_CACHE_FRAMES = 16  # ~44 MB of 720p frames
# Decoding forward this far (without conversion) costs less than a seek to the keyframe
# before the frame (up to a GOP, often 250 frames, of decoding).
_FORWARD_FRAMES = 30


class FrameReader:
    """Upright RGB frames of the video at `path`, by index; `ok` is False when it cannot be read."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._source: FileSource | None = None
        self._frames: Iterator[Frame] = iter(())
        self._next = 0  # index the open source hands out next
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self.frame_count, self.fps = 0, 30.0
        try:
            info = self._open(0).info
        except VideoUnreadable:
            return
        self.frame_count, self.fps = info.frame_count, info.fps

    @property
    def ok(self) -> bool:
        return self._source is not None

    def frame(self, index: int) -> np.ndarray | None:
        """(H, W, 3) uint8 RGB of frame `index` (a lost frame: the next one), or None past the end."""
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        if self._source is None or index < 0:
            return None
        if self._next <= index <= self._next + _FORWARD_FRAMES:
            self._source.skip_to(index)
        else:
            try:
                self._open(index)
            except VideoUnreadable:  # a seek past the end
                return None
        for frame in self._frames:
            self._next = frame.index + 1
            if frame.index >= index:
                self._keep(index, frame.image)
                return frame.image
        self._next = self.frame_count + _FORWARD_FRAMES + 1  # at the end: the next read seeks
        return None

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None
        self._cache.clear()

    def _open(self, index: int) -> FileSource:
        source = FileSource(self.path, start_frame=index)
        if self._source is not None:
            self._source.close()
        self._source, self._frames, self._next = source, source.frames(), index
        return source

    def _keep(self, index: int, image: np.ndarray) -> None:
        self._cache[index] = image
        if len(self._cache) > _CACHE_FRAMES:
            self._cache.popitem(last=False)
