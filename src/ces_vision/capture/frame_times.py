"""The presentation time of every frame of a video file, read from its packets.

A phone clip's frame rate varies (it slows down in dim light), so frame i is not at
i / fps: a seek computed that way lands on the wrong frame, and a frame number computed
from a timestamp that way is wrong after it. The container knows each frame's time;
reading it needs only the packets (no decoding: a 30 s phone clip in well under a second).
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from av.error import FFmpegError

from .errors import VideoUnreadable


def frame_pts(path: str | Path) -> np.ndarray:
    """(N,) int64 presentation timestamps of the video track's frames, in the track's
    time base, sorted (presentation order); packets without a timestamp are left out."""
    return _read_pts(path)[0]


def frame_times(path: str | Path) -> np.ndarray:
    """(N,) seconds of every frame from the first one, in presentation order."""
    pts, time_base = _read_pts(path)
    return (pts - (pts[0] if pts.size else 0)) * time_base


def _read_pts(path: str | Path) -> tuple[np.ndarray, float]:
    """`frame_pts` and the track's time base in seconds, from one pass over the packets."""
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.video:
                raise VideoUnreadable(f"no video track in {path}")
            stream = container.streams.video[0]
            time_base = float(stream.time_base or 0) or 1.0 / 90000
            stamps = []
            try:
                for packet in container.demux(stream):
                    if packet.pts is not None and packet.size:
                        stamps.append(packet.pts)
            except (FFmpegError, EOFError):
                pass  # a truncated container: the frames before the break
    except FFmpegError as exc:
        raise VideoUnreadable(f"not a video file, or damaged beyond reading: {path}") from exc
    return np.unique(np.asarray(stamps, dtype=np.int64)), time_base


def index_of(table: np.ndarray, pts: int) -> int:
    """The frame number of presentation timestamp `pts` in a `frame_pts` table (the
    frame at or just before it)."""
    return max(0, int(np.searchsorted(table, pts, side="right")) - 1)
