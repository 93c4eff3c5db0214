"""The review player's frames by index come from the one decoder (FileSource), seeking or playing."""

from __future__ import annotations

import random

import av
import numpy as np
import pytest
from videos import marked_frames, set_rotation

from ces_vision.capture import FileSource
from ces_vision.capture.frame_reader import FrameReader

N = 90


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """90 frames with a keyframe every 10: seeks land between keyframes."""
    path = tmp_path_factory.mktemp("reader") / "clip.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("h264", rate=30, options={"g": "10", "keyint_min": "10", "sc_threshold": "0"})
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for image in marked_frames(N):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())
    return path


@pytest.fixture(scope="module")
def decoded(clip):
    with FileSource(clip) as source:
        return [frame.image for frame in source.frames()]


def test_any_order_of_reads_gives_the_frames_the_decoder_streams(clip, decoded):
    assert len(decoded) == N
    order = list(range(N)) + random.Random(12).sample(range(N), 40) + [50, 51, 49, 48, 70, 75, 100, 3]
    reader = FrameReader(clip)
    assert reader.ok and reader.frame_count == N and reader.fps == pytest.approx(30)
    for index in order:
        image = reader.frame(index)
        if index >= N:
            assert image is None
        else:
            assert np.array_equal(image, decoded[index]), index
    assert reader.frame(-1) is None
    reader.close()


def test_frames_are_upright_like_the_analysis(clip, tmp_path):
    rotated = tmp_path / "portrait.mp4"
    rotated.write_bytes(clip.read_bytes())
    set_rotation(rotated, 90)
    reader = FrameReader(rotated)
    assert reader.frame(40).shape == (320, 240, 3)
    reader.close()


def test_an_unreadable_file_is_not_ok(tmp_path):
    text = tmp_path / "notes.mp4"
    text.write_text("not a video")
    reader = FrameReader(text)
    assert not reader.ok and reader.frame(0) is None and reader.frame_count == 0
    assert not FrameReader(tmp_path / "missing.mp4").ok
