import av
import numpy as np
import pytest
from videos import marked_frames, set_rotation, write_video

from ces_vision.capture import FakeSource, FileSource, VideoUnreadable


@pytest.fixture
def clip(tmp_path):
    return write_video(tmp_path / "clip.mp4", marked_frames(24), fps=24)


def test_reports_info_and_streams_upright_frames(clip):
    with FileSource(clip) as source:
        info = source.info
        assert (info.width, info.height, info.rotation) == (320, 240, 0)
        assert info.fps == pytest.approx(24)
        assert info.frame_count == 24
        frames = source.frames()
        assert not isinstance(frames, list)  # streamed, not loaded
        frames = list(frames)
    assert len(frames) == 24
    times = np.array([f.timestamp_s for f in frames])
    assert np.all(np.diff(times) > 0)
    assert times[1] - times[0] == pytest.approx(1 / 24, abs=1e-3)
    assert frames[0].image.shape == (240, 320, 3)
    assert frames[0].image[10, 10].mean() > 200 and frames[0].image[10, -10].mean() < 100


@pytest.mark.parametrize("degrees", [90, 270])
def test_phone_rotation_flag_gives_upright_portrait_frames(clip, degrees):
    set_rotation(clip, degrees)
    with FileSource(clip) as source:
        assert source.info.rotation == degrees
        assert (source.info.width, source.info.height) == (240, 320)
        image = next(source.frames()).image
    assert image.shape == (320, 240, 3)
    # the white quadrant was top-left before turning: clockwise 90 puts it top-right
    bright_top_right = image[10, -10].mean() > 200
    assert bright_top_right == (degrees == 90)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(VideoUnreadable, match="no such video file"):
        FileSource(tmp_path / "absent.mp4")


def test_text_file_is_not_a_video(tmp_path):
    bogus = tmp_path / "notes.mp4"
    bogus.write_text("this is not a video\n" * 100)
    with pytest.raises(VideoUnreadable):
        FileSource(bogus)


def test_truncated_file_decodes_what_it_can(tmp_path):
    clip = write_video(tmp_path / "long.mp4", marked_frames(90), fps=30)
    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) // 2])
    try:
        with FileSource(clip) as source:
            n = sum(1 for _ in source.frames())
    except VideoUnreadable:
        return  # refusing a broken container outright is also acceptable
    assert n < 90


def test_fake_source_disconnects():
    image = np.zeros((8, 8, 3), np.uint8)
    source = FakeSource([image], fps=30, n_frames=100, disconnect_after=10)
    assert len(list(source.frames())) == 10
    assert source.disconnected


def test_a_stream_without_timestamps_still_decodes_in_order(clip, tmp_path):
    raw = tmp_path / "clip.h264"  # an elementary stream: no container, no timestamps
    with av.open(str(clip)) as source, av.open(str(raw), "w", format="h264") as out:
        stream = out.add_stream_from_template(source.streams.video[0])
        for packet in source.demux(source.streams.video[0]):
            if packet.dts is not None:
                packet.stream = stream
                out.mux(packet)
    with FileSource(raw) as source:
        frames = list(source.frames())
    assert [f.index for f in frames] == list(range(24))
    assert np.all(np.diff([f.timestamp_s for f in frames]) > 0)
