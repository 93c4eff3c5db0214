"""H.264 mp4 writing with PyAV (OpenCV's wheels cannot encode H.264)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np


class H264Writer:
    """Write RGB frames to an H.264 (yuv420p) mp4 at a constant frame rate."""

    def __init__(self, path: str | Path, width: int, height: int, fps: int, crf: int = 28):
        self.container = av.open(str(path), mode="w", options={"movflags": "+faststart"})
        self.stream = self.container.add_stream("h264", rate=fps)
        self.stream.width, self.stream.height, self.stream.pix_fmt = width, height, "yuv420p"
        self.stream.options = {"crf": str(crf), "preset": "medium"}

    def write(self, rgb: np.ndarray) -> None:
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def close(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()


class PhoneCamera:
    """Degrade rendered frames as a phone does: motion blur (the shutter stays open while
    the body moves, modelled as a blend with the previous frame) and sensor noise."""

    def __init__(self, video, seed: int):
        self.blur, self.noise = video.blur, video.noise
        self.rng = np.random.default_rng(seed + 7)
        self.previous: np.ndarray | None = None

    def __call__(self, rgb: np.ndarray) -> np.ndarray:
        frame = rgb.astype(np.float32)
        out = frame if self.previous is None else (1 - self.blur) * frame + self.blur * self.previous
        self.previous = frame
        if self.noise:
            out = out + self.rng.normal(0.0, self.noise, out.shape).astype(np.float32)
        return np.clip(out, 0, 255).astype(np.uint8)
