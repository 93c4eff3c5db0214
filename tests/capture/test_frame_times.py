"""Variable-frame-rate files: every frame's own time (capture/frame_times.py), and a
source started part way seeks by that time, not by index / fps."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from ces_vision.capture import FileSource, frame_times

# 30 fps, then 15 fps for 20 frames (a phone in dim light), then 30 fps again
STEPS_MS = [33] * 20 + [67] * 20 + [33] * 20
N_FRAMES = len(STEPS_MS) + 1
SHADE = 4  # grey level per frame number: each frame says which it is


def write_vfr_video(path: Path) -> Path:
    times_ms = np.concatenate([[0], np.cumsum(STEPS_MS)])
    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.time_base = Fraction(1, 1000)
        stream.codec_context.time_base = Fraction(1, 1000)
        stream.codec_context.gop_size = 5  # keyframes often: a seek lands inside the slow stretch
        stream.options = {"g": "5", "keyint_min": "5", "sc_threshold": "0"}
        for i, ms in enumerate(times_ms):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), SHADE * i, np.uint8), format="rgb24")
            frame.pts, frame.time_base = int(ms), Fraction(1, 1000)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture
def vfr_clip(tmp_path):
    return write_vfr_video(tmp_path / "phone.mp4")


def test_every_frame_has_its_own_time(vfr_clip):
    times = frame_times(vfr_clip)
    expected = np.concatenate([[0], np.cumsum(STEPS_MS)]) / 1000
    np.testing.assert_allclose(times, expected, atol=1e-6)
    with FileSource(vfr_clip) as source:
        decoded = np.array([f.timestamp_s for f in source.frames()])
    np.testing.assert_allclose(decoded - decoded[0], expected, atol=1e-6)


@pytest.mark.parametrize("start", [30, 45])
def test_a_source_started_part_way_lands_on_that_frame(vfr_clip, start):
    """index / median fps would put frame 45 at 1.5 s, where frame 35 is shown."""
    with FileSource(vfr_clip, start_frame=start) as source:
        first = next(source.frames())
    assert first.index == start
    assert first.timestamp_s == pytest.approx(frame_times(vfr_clip)[start], abs=1e-6)
    assert round(float(first.image.mean()) / SHADE) == start
