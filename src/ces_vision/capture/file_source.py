"""Frames from a video file, decoded by PyAV (FFmpeg), upright, with timestamps, past damage.

A damaged packet costs its own frame, never the rest of the clip: decoding goes on with
the next packet, and every frame that never came out is counted (`lost_frames`) with its
index and time, so the analysis can keep a missing (NaN) pose row in its place and say
where the clip was damaged.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
from av.error import FFmpegError

from ..types import Frame, VideoInfo
from .errors import VideoUnreadable
from .frame_times import frame_pts, index_of

_FALLBACK_FPS = 30.0


# File types offered for opening and picked up by batch runs (phone, camera and screen
# formats, and animated GIFs, which clips shared online often are).
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm", ".gif")


class FileSource:
    """Streams the frames of a video file.

    Phone clips store frames sideways with a rotation flag (display matrix); frames are
    turned upright here and `info.rotation` reports the clockwise turn applied.
    Timestamps come from the container (variable frame rate clips stay honest).
    Frame indices count every frame of the container in presentation order, lost
    frames included, so `frame.index` skips over a damaged stretch.
    """

    def __init__(self, path: str | Path, start_frame: int = 0):
        self._path = Path(path)
        if self._path.is_dir():
            raise VideoUnreadable(f"{self._path} is a folder, not a video file")
        if not self._path.is_file():
            raise VideoUnreadable(f"no such video file: {self._path}")
        if self._path.stat().st_size == 0:
            raise VideoUnreadable(f"the video file is empty (0 bytes): {self._path}")
        try:
            self._container = av.open(str(self._path), metadata_errors="ignore")  # odd tags never stop a clip
        except FFmpegError as exc:
            raise VideoUnreadable(f"not a video file, or damaged beyond reading: {self._path}") from exc
        if not self._container.streams.video:
            self._container.close()
            raise VideoUnreadable(f"no video track in {self._path}")
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"  # frame and slice threads: decoding keeps up with inference
        self._time_base = float(self._stream.time_base or 0) or 1.0 / 90000
        self._start_pts = self._stream.start_time or 0
        fps = self._fps = float(self._stream.average_rate or self._stream.guessed_rate or 0) or _FALLBACK_FPS
        self._start = start_frame
        self._frame_ticks = max(1, round(1.0 / (fps * self._time_base)))  # one frame period in pts units
        self._rotation = 0  # clockwise degrees, read from the frames' display matrix
        # Starting part way: seek by the frame's own time from the packets' timestamps
        # (`frame_times`), not by index / fps, which a variable frame rate makes wrong.
        self._pts_table: np.ndarray | None = None
        if start_frame > 0:
            self._pts_table = frame_pts(self._path)
            if start_frame < self._pts_table.size:
                target = int(self._pts_table[start_frame])
            else:
                target = self._start_pts + round(start_frame / fps / self._time_base)
            # Seek to the keyframe before, then decode forward: frame-accurate.
            self._container.seek(target, stream=self._stream, backward=True)
        self._lost: list[tuple[int, float]] = []
        self._decoded = self._decode()
        first = next(self._decoded, None)
        if first is None:
            self.close()
            raise VideoUnreadable(f"no frame could be decoded from {self._path}")
        self._first: Frame | None = first
        self._info = VideoInfo(
            path=str(self._path),
            fps=fps,
            frame_count=self._container_frame_count(fps),
            width=int(first.image.shape[1]),
            height=int(first.image.shape[0]),
            rotation=self._rotation,
        )

    @property
    def info(self) -> VideoInfo:
        return self._info

    @property
    def disconnected(self) -> bool:
        return False

    @property
    def lost_frames(self) -> tuple[tuple[int, float], ...]:
        """(index, time in s) of each frame whose packet was damaged, in order, so far."""
        return tuple(self._lost)

    def skip_to(self, index: int) -> None:
        """Frames before `index` are still decoded but neither converted nor handed out:
        moving forward a little costs less than seeking back to a keyframe."""
        self._start = max(self._start, int(index))

    def frames(self) -> Iterator[Frame]:
        if self._first is None:
            raise RuntimeError("FileSource.frames() can be iterated once")
        first, self._first = self._first, None
        yield first
        yield from self._decoded

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> FileSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _container_frame_count(self, fps: float) -> int:
        """Frames the container announces; else its duration times the rate; 0 if unknown."""
        if self._stream.frames:
            return int(self._stream.frames)
        if self._stream.duration:
            return max(0, round(self._stream.duration * self._time_base * fps))
        if self._container.duration:
            return max(0, round(self._container.duration / av.time_base * fps))
        return 0

    def _packets(self) -> Iterator[av.Packet]:
        """Packets of the video track; a container that breaks off (truncated) just ends."""
        demuxer = self._container.demux(self._stream)
        while True:
            try:
                packet = next(demuxer)
            except (StopIteration, FFmpegError, EOFError):
                return
            yield packet

    def _decode(self) -> Iterator[Frame]:
        """Decode every packet, skipping damaged ones; upright RGB frames from `start_frame`.

        A packet is one frame of the container. Packets wait (by pts) until their frame
        comes out; a frame coming out after a waiting earlier pts means that packet's
        frame was lost. At the end, packets still waiting were lost too.
        """
        waiting: list[int] = []  # heap of the pts of packets whose frame has not come out
        next_index: int | None = 0 if self._start == 0 else None  # known after a seek from the first frame
        last_pts: int | None = None
        for packet in self._packets():
            if packet.pts is not None and packet.size:
                heapq.heappush(waiting, packet.pts)
            try:
                decoded = packet.decode()
            except FFmpegError:
                continue  # a damaged packet: its frame is counted lost when a later one comes out
            for frame in decoded:
                pts = frame.pts
                if pts is None:  # a stream without timestamps (raw H.264): one frame period on
                    pts = self._start_pts if last_pts is None else last_pts + self._frame_ticks
                elif last_pts is not None and pts <= last_pts:
                    continue  # out of order after damage
                if next_index is None:  # after a seek: the frame number of this timestamp
                    next_index = (
                        index_of(self._pts_table, pts)
                        if self._pts_table is not None and self._pts_table.size
                        else round((pts - self._start_pts) * self._time_base * self._fps)
                    )
                    waiting = [p for p in waiting if p > pts]
                    heapq.heapify(waiting)
                while waiting and waiting[0] < pts:
                    self._note_lost(next_index, heapq.heappop(waiting))
                    next_index += 1
                if waiting and waiting[0] == pts:
                    heapq.heappop(waiting)
                last_pts = pts
                index, next_index = next_index, next_index + 1
                if index >= self._start:
                    yield Frame(index=index, timestamp_s=self._seconds(pts), image=self._upright(frame))
        if next_index is not None:
            while waiting:
                self._note_lost(next_index, heapq.heappop(waiting))
                next_index += 1

    def _note_lost(self, index: int, pts: int) -> None:
        if index >= self._start:
            self._lost.append((index, self._seconds(pts)))

    def _seconds(self, pts: int) -> float:
        return (pts - self._start_pts) * self._time_base

    def _upright(self, frame: av.VideoFrame) -> np.ndarray:
        """RGB pixels turned by the display matrix: the clip as the phone showed it."""
        self._rotation = (-int(frame.rotation or 0)) % 360  # PyAV: counter-clockwise degrees
        image = frame.to_ndarray(format="rgb24")  # FFmpeg's converter: the very pixels OpenCV gave
        if self._rotation:
            image = np.ascontiguousarray(np.rot90(image, k=-(self._rotation // 90)))
        return image
