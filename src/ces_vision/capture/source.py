"""The interface every video source keeps."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..types import Frame, VideoInfo


class VideoSource(Protocol):
    """A stream of upright RGB frames.

    `frames()` yields frames in order, with real timestamps in seconds. For a live
    source the stream ends when `close()` is called or the device goes away; then
    `disconnected` tells the two apart. `lost_frames` are the frames whose data was
    damaged (their pose rows stay empty); a source that cannot lose frames has none.
    """

    @property
    def info(self) -> VideoInfo: ...

    @property
    def disconnected(self) -> bool: ...

    @property
    def lost_frames(self) -> tuple[tuple[int, float], ...]:
        """(index, time in s) of each frame lost to damaged data so far, in order."""
        ...

    def frames(self) -> Iterator[Frame]: ...

    def close(self) -> None: ...
