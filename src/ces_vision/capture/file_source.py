"""Frames from a video file, decoded by OpenCV (FFmpeg), upright and with timestamps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from ..types import Frame, VideoInfo
from .errors import VideoUnreadable


class FileSource:
    """Streams the frames of a video file.

    Phone clips store frames sideways with a rotation flag; OpenCV applies that flag
    when decoding, so frames come out upright and `info.rotation` reports it.
    Timestamps come from the container (variable frame rate clips stay honest).
    """

    def __init__(self, path: str | Path, start_frame: int = 0):
        self._path = Path(path)
        if not self._path.is_file():
            raise VideoUnreadable(f"no such video file: {self._path}")
        self._capture = cv2.VideoCapture(str(self._path), cv2.CAP_FFMPEG)
        if not self._capture.isOpened():
            raise VideoUnreadable(f"not a video OpenCV can open: {self._path}")
        self._capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        if start_frame > 0:
            # FFmpeg seeks to the keyframe before and decodes forward: frame-accurate.
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, start_frame)
        self._start = start_frame
        ok, first = self._capture.read()
        if not ok or first is None:
            self._capture.release()
            raise VideoUnreadable(f"no frame could be decoded from {self._path}")
        fps = float(self._capture.get(cv2.CAP_PROP_FPS)) or 30.0
        rotation = int(self._capture.get(cv2.CAP_PROP_ORIENTATION_META)) % 360
        self._info = VideoInfo(
            path=str(self._path),
            fps=fps,
            frame_count=max(0, int(self._capture.get(cv2.CAP_PROP_FRAME_COUNT))),
            width=int(first.shape[1]),
            height=int(first.shape[0]),
            rotation=rotation,
        )
        self._first = first
        self._decoded = 0

    @property
    def info(self) -> VideoInfo:
        return self._info

    @property
    def disconnected(self) -> bool:
        return False

    @property
    def frames_decoded(self) -> int:
        return self._decoded

    def frames(self) -> Iterator[Frame]:
        if self._first is None:
            raise RuntimeError("FileSource.frames() can be iterated once")
        bgr, self._first = self._first, None
        index = self._start
        last_t = -1.0
        while bgr is not None:
            t = self._capture.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
            if not np.isfinite(t) or t <= last_t:
                # Some containers report no or repeated times: fall back to the frame rate.
                t = max(index / self._info.fps, last_t + 1.0 / self._info.fps)
            last_t = t
            self._decoded += 1
            yield Frame(index=index, timestamp_s=t, image=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            index += 1
            ok, bgr = self._capture.read()
            if not ok:
                bgr = None

    def close(self) -> None:
        self._capture.release()

    def __enter__(self) -> "FileSource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
