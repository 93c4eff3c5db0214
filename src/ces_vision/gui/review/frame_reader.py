"""Frames of a video decoded on demand: seek and decode one frame, never the whole clip.

Reading the next frame after the last one is a plain decode (playback); any other
index seeks. A few recent frames are cached so stepping back and forth is instant.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import cv2
import numpy as np

_CACHE_FRAMES = 8


class FrameReader:
    """Upright RGB frames of the video at `path`, by index."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._capture = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        self._capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        self._next = 0  # index the capture will decode next
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()

    @property
    def frame_count(self) -> int:
        return max(0, int(self._capture.get(cv2.CAP_PROP_FRAME_COUNT)))

    @property
    def fps(self) -> float:
        return float(self._capture.get(cv2.CAP_PROP_FPS)) or 30.0

    @property
    def ok(self) -> bool:
        return self._capture.isOpened()

    def frame(self, index: int) -> np.ndarray | None:
        """(H, W, 3) uint8 RGB of frame `index`, or None past the end."""
        if index in self._cache:
            self._cache.move_to_end(index)
            return self._cache[index]
        if index != self._next:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, index)
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            self._next = -1
            return None
        self._next = index + 1
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        self._cache[index] = rgb
        if len(self._cache) > _CACHE_FRAMES:
            self._cache.popitem(last=False)
        return rgb

    def close(self) -> None:
        self._capture.release()
        self._cache.clear()
