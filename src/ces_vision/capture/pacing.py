"""Hand out frames no faster than a camera would."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from ..types import Frame


def paced(frames: Iterable[Frame], fps: float, clock: Callable[[], float] = time.monotonic) -> Iterator[Frame]:
    """Yield `frames`, the n-th not before n / fps seconds after the first."""
    period = 1.0 / fps
    start = clock()
    for n, frame in enumerate(frames):
        delay = start + n * period - clock()
        if delay > 0:
            time.sleep(delay)
        yield frame
