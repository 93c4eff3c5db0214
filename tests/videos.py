"""Small real video files written for tests (H.264 via PyAV)."""

from __future__ import annotations

import struct
from pathlib import Path

import av
import numpy as np


def write_video(path: Path, frames: list[np.ndarray] | np.ndarray, fps: int = 30) -> Path:
    """Encode RGB frames (H, W, 3) uint8 as an H.264 mp4."""
    height, width = frames[0].shape[:2]
    with av.open(str(path), "w") as container:
        # veryfast keeps what a camera's H.264 has (B-frames, CABAC, reordered timestamps) at a quarter
        # of the default preset's CPU; one thread: x264's frame threads cost more than they save on
        # these small frames, with the suite already running a worker per core (0.52 -> 0.15 s CPU
        # for a 285-frame 336x256 clip)
        stream = container.add_stream("h264", rate=fps, options={"preset": "veryfast"})
        stream.codec_context.thread_count = 1
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for image in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def marked_frames(n: int, width: int = 320, height: int = 240) -> list[np.ndarray]:
    """Frames with a white top-left quadrant, so orientation can be checked after decoding."""
    frames = []
    for i in range(n):
        image = np.full((height, width, 3), 40, np.uint8)
        image[: height // 2, : width // 2] = 255
        image[-10:, :] = (i * 7) % 255  # changes every frame
        frames.append(image)
    return frames


def set_rotation(path: Path, degrees: int) -> Path:
    """Write the track-header display matrix the way phones tag a portrait clip."""
    data = bytearray(path.read_bytes())
    at = data.find(b"tkhd")
    version = data[at + 4]
    matrix_at = at + 8 + (32 if version == 1 else 20) + 16
    one, w = 0x00010000, 0x40000000
    matrices = {
        90: (0, one, 0, -one, 0, 0, 0, 0, w),
        180: (-one, 0, 0, 0, -one, 0, 0, 0, w),
        270: (0, -one, 0, one, 0, 0, 0, 0, w),
    }
    data[matrix_at : matrix_at + 36] = struct.pack(">9i", *matrices[degrees])
    path.write_bytes(bytes(data))
    return path
