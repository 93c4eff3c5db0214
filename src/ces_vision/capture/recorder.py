"""Record live frames to an H.264 mp4 in a thread of its own, keeping every frame.

The capture thread hands frames to `Recorder.write`, which only queues them; a writer
thread encodes with PyAV (libx264). The file is a fragmented mp4, so whatever was
written before a crash, an unplugged camera or a full disk is still a playable file.
A full disk stops the recording with a plain message in `error`; the file is cut back to
its last whole fragment, so it plays to its end.
"""

from __future__ import annotations

import errno
import os
import queue
import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.error import FFmpegError

from ..private_files import create_private_file, make_private_dirs
from ..types import Frame

# Frames waiting for the encoder before `write` blocks the caller (never drops).
# Generous: at 1280x720 this is ~10 s of video, ~830 MB in the worst case.
MAX_BACKLOG = 300
_STOP = object()


class RecordingError(Exception):
    """The recording could not be started or continued; the message is for the coach."""


def _plain(exc: BaseException, path: Path, frames: int) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"The disk is full. The recording stopped; its first {frames} frames were kept in {path}."
    return f"Recording to {path} stopped after {frames} frames: {exc}"


class Recorder:
    """Encodes frames to `path` (H.264, fragmented mp4) on a background thread.

    fps: the nominal frame rate written to the file (frames are stored one per tick,
    none dropped). `close()` flushes the queue and the encoder and returns once the
    file is complete.
    """

    def __init__(self, path: str | Path, fps: float, width: int, height: int, crf: int = 23):
        self.path = Path(path)
        self.frames_written = 0
        self.error: str | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=MAX_BACKLOG)
        self._closed = False
        try:
            make_private_dirs(self.path.parent)
            create_private_file(self.path)  # client video: 0600 before a frame is written
            self._container = av.open(
                str(self.path),
                "w",
                format="mp4",
                options={"movflags": "frag_keyframe+empty_moov+default_base_moof"},
            )
            rate = Fraction(round(fps * 1000), 1000).limit_denominator(1001)
            self._stream = self._container.add_stream("h264", rate=rate)
            # H.264 with yuv420p needs even dimensions.
            self._stream.width, self._stream.height = width - width % 2, height - height % 2
            self._stream.pix_fmt = "yuv420p"
            # A key frame (and so a new mp4 fragment) every second: a file cut short
            # by a crash or a full disk loses at most the last second.
            self._stream.codec_context.gop_size = max(1, round(fps))
            self._stream.options = {"preset": "veryfast", "crf": str(crf)}
        except (OSError, FFmpegError) as exc:
            raise RecordingError(f"Cannot record to {self.path}: {exc}") from exc
        self._thread = threading.Thread(target=self._run, name="recorder", daemon=True)
        self._thread.start()

    @property
    def failed(self) -> bool:
        return self.error is not None

    def write(self, frame: Frame) -> None:
        """Queue one frame (RGB uint8). Blocks only if the encoder is far behind."""
        if self._closed or self.error is not None:
            return
        self._queue.put(frame.image)

    def close(self, timeout: float | None = None) -> None:
        """Encode everything queued, finish the file, stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _encode(self, image: np.ndarray) -> None:
        h, w = self._stream.height, self._stream.width
        video_frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image[:h, :w]), format="rgb24")
        video_frame.pts = self.frames_written
        for packet in self._stream.encode(video_frame):
            self._container.mux(packet)
        self.frames_written += 1

    def _run(self) -> None:
        stopped = False
        failure: BaseException | None = None
        try:
            while not stopped:
                item = self._queue.get()
                stopped = item is _STOP
                if not stopped:
                    self._encode(item)
            for packet in self._stream.encode():
                self._container.mux(packet)
        except (OSError, FFmpegError) as exc:
            failure = exc
            self.error = _plain(exc, self.path, self.frames_written)  # stops `write` at once
            if not stopped:
                self._drain()
        finally:
            try:
                self._container.close()
            except (OSError, FFmpegError):
                pass  # the fragments already on disk stay playable
            if failure is not None:
                self.frames_written = _keep_whole_fragments(self.path, self.frames_written)
                self.error = _plain(failure, self.path, self.frames_written)

    def _drain(self) -> None:
        """After a failure, empty the queue so writers never block, until close()."""
        while True:
            item = self._queue.get()
            if item is _STOP:
                return


def _keep_whole_fragments(path: Path, encoded: int) -> int:
    """Trim a recording cut short to its whole fragments; return the frames it still holds."""
    try:
        trim_to_whole_boxes(path)
        with av.open(str(path)) as container:
            return min(encoded, sum(1 for packet in container.demux(video=0) if packet.size))
    except (OSError, FFmpegError):
        return 0


def trim_to_whole_boxes(path: Path) -> None:
    """Cut an mp4 cut short (full disk) back to its last whole fragment.

    A fragment whose data was only partly written would end the file with a broken
    frame that decoders stumble on; the top-level boxes are walked and the file is
    truncated after the last complete one (a ``moof`` counts only with its ``mdat``).
    """
    with open(path, "r+b") as stream:
        size = os.fstat(stream.fileno()).st_size
        position = keep = 0
        while position + 8 <= size:
            stream.seek(position)
            header = stream.read(16)
            box_size, kind = int.from_bytes(header[:4], "big"), header[4:8]
            if box_size == 1 and len(header) == 16:
                box_size = int.from_bytes(header[8:16], "big")
            if box_size < 8 or position + box_size > size:
                break  # size 0 ("to the end") is never written by the fragmenting muxer
            position += box_size
            if kind != b"moof":
                keep = position
        if keep < size:
            stream.truncate(keep)
