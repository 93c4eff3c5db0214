"""Frames from a webcam, by device index."""

from __future__ import annotations

import time
from collections.abc import Iterator

import cv2

from ..types import Frame, VideoInfo
from .errors import CameraUnavailable

# Consecutive failed reads after which the camera is taken as gone (USB unplugged).
_MAX_FAILED_READS = 15


class WebcamSource:
    """A live camera. `frames()` runs until `close()` or the camera disconnects."""

    def __init__(self, device: int = 0, width: int = 1280, height: int = 720, fps: float = 30.0):
        self._capture = cv2.VideoCapture(device)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraUnavailable(f"no camera found at index {device}; is it plugged in and free?")
        self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture.set(cv2.CAP_PROP_FPS, fps)
        ok, first = self._capture.read()
        if not ok or first is None:
            self._capture.release()
            raise CameraUnavailable(f"camera {device} opened but delivers no frames")
        self._first = first
        self._info = VideoInfo(
            path=f"camera:{device}",
            fps=float(self._capture.get(cv2.CAP_PROP_FPS)) or fps,
            frame_count=0,
            width=int(first.shape[1]),
            height=int(first.shape[0]),
            rotation=0,
        )
        self._closed = False
        self._disconnected = False

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
        start = time.monotonic()
        index, failed = 0, 0
        bgr = self._first
        while not self._closed:
            if bgr is None:
                ok, bgr = self._capture.read()
                if not ok:
                    failed += 1
                    bgr = None
                    if failed >= _MAX_FAILED_READS:
                        self._disconnected = True
                        return
                    continue
            failed = 0
            yield Frame(index=index, timestamp_s=time.monotonic() - start, image=cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            index += 1
            bgr = None

    def close(self) -> None:
        self._closed = True
        self._capture.release()
