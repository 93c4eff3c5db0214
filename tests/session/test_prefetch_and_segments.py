import threading

import pytest

from ces_vision.capture.prefetch import prefetch
from ces_vision.session.parallel import MIN_SEGMENT_FRAMES, WARMUP_FRAMES, plan_segments


def test_prefetch_keeps_order_and_bounds_lookahead():
    produced = []

    def items():
        for i in range(100):
            produced.append(i)
            yield i

    consumed = []
    for item in prefetch(items(), depth=4):
        consumed.append(item)
        if item == 10:
            threading.Event().wait(0.1)  # let the producer run ahead as far as it may
            assert len(produced) <= 11 + 4 + 1
    assert consumed == list(range(100))


def test_prefetch_reraises_the_producer_error():
    def items():
        yield 1
        raise ValueError("decoder broke")

    with pytest.raises(ValueError, match="decoder broke"):
        list(prefetch(items()))


@pytest.mark.parametrize("n_frames, workers", [(1000, 2), (1001, 3), (5000, 8), (250, 2)])
def test_segments_tile_the_video_exactly(n_frames, workers):
    segments = plan_segments(n_frames, workers)
    kept = [i for s in segments for i in range(s.start, s.stop)]
    assert kept == list(range(n_frames))
    for s in segments:
        assert s.warm_start == max(0, s.start - WARMUP_FRAMES)


def test_short_videos_are_not_split():
    assert len(plan_segments(MIN_SEGMENT_FRAMES + 10, 4)) == 1
