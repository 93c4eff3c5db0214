"""Helpers shared by the benchmarks: test clips at a chosen size, timing."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import av
import cv2

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT / "sample_videos" / "front_clean.mp4"  # 5 reps, 330 frames


def resized_clip(source: Path, out: Path, width: int, height: int, loops: int = 1) -> Path:
    """Re-encode `source` at width x height (H.264), repeated `loops` times."""
    if out.exists():
        return out
    with av.open(str(out), "w") as container:
        stream = container.add_stream("h264", rate=30)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "23", "preset": "veryfast"}
        for _ in range(loops):
            capture = cv2.VideoCapture(str(source))
            while True:
                ok, bgr = capture.read()
                if not ok:
                    break
                rgb = cv2.cvtColor(cv2.resize(bgr, (width, height)), cv2.COLOR_BGR2RGB)
                for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")):
                    container.mux(packet)
            capture.release()
        for packet in stream.encode():
            container.mux(packet)
    return out


@contextmanager
def timer():
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start
