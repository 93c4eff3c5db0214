"""The live-capture core, free of Qt: capture, record, infer, count reps.

Threads, after DeepLabCut-live-GUI:

* the capture thread reads the camera and hands EVERY frame to the recorder (which
  never drops) and the newest frame to the display slot and to a one-slot inference
  queue, which drops the oldest frame when inference is busy and counts the drops;
* the inference thread runs the pose backend on whatever frame is newest;
* the display (the GUI's timer) only reads `snapshot()`; nothing here waits on it.

A camera that disconnects ends the capture; an open recording is then closed cleanly
with the frames captured so far.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

from ..capture import VideoSource
from ..capture.recorder import Recorder, RecordingError
from ..config import RepSettings
from ..landmarks import Landmark
from ..pose import PoseBackend
from ..types import Frame, PoseFrame, VideoInfo

T = TypeVar("T")


class OneSlotQueue(Generic[T]):
    """Holds at most one item: a put replaces (drops) the unread one and counts it."""

    def __init__(self):
        self._item: T | None = None
        self._has = False
        self._cond = threading.Condition()
        self.dropped = 0

    def put(self, item: T) -> None:
        with self._cond:
            if self._has:
                self.dropped += 1
            self._item, self._has = item, True
            self._cond.notify()

    def get(self, timeout: float) -> T | None:
        """The item, or None after `timeout` seconds without one."""
        with self._cond:
            if not self._has and not self._cond.wait_for(lambda: self._has, timeout):
                return None
            item, self._item, self._has = self._item, None, False
            return item


class RepCounter:
    """Counts squat reps online from the hip height, in leg lengths below standing.

    A rep is a descent of at least `min_depth_leg` followed by a return to within
    `standing_leg` of the standing height (the same settings the file pipeline uses).
    """

    def __init__(self, settings: RepSettings):
        self._settings = settings
        self._standing_y: float | None = None
        self._leg: float | None = None
        self._down = False
        self.count = 0
        self.depth = 0.0  # current hip drop in leg lengths

    def update(self, pose: PoseFrame) -> None:
        xyz = pose.image_xyz
        hips = xyz[[Landmark.LEFT_HIP, Landmark.RIGHT_HIP], 1]
        ankles = xyz[[Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE], 1]
        if np.all(np.isnan(hips)) or np.all(np.isnan(ankles)):
            return
        hip_y, ankle_y = float(np.nanmean(hips)), float(np.nanmean(ankles))
        leg = ankle_y - hip_y
        if leg <= 0:
            return
        if self._standing_y is None or self._leg is None or hip_y < self._standing_y:
            self._standing_y, self._leg = hip_y, leg  # highest hip seen = standing
        self.depth = (hip_y - self._standing_y) / self._leg
        if not self._down and self.depth >= self._settings.min_depth_leg:
            self._down = True
        elif self._down and self.depth <= self._settings.standing_leg:
            self._down = False
            self.count += 1


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    """What the display needs, taken at one moment."""

    frame: Frame | None
    pose: PoseFrame | None
    pose_index: int  # frame index the pose belongs to, -1 before the first
    reps: int
    captured: int
    inferred: int
    dropped: int
    recording: Path | None
    recorded_frames: int
    ended: bool
    disconnected: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class RecordingResult:
    path: Path
    frames: int
    error: str | None  # plain message when the recording stopped early (disk full)


class LiveSession:
    """Runs a live source through capture, recording and inference threads."""

    def __init__(self, source: VideoSource, backend: PoseBackend, reps: RepSettings):
        self._source = source
        self._backend = backend
        self._rep_settings = reps
        self._lock = threading.Lock()
        self._queue: OneSlotQueue[Frame] = OneSlotQueue()
        self._frame: Frame | None = None
        self._pose: PoseFrame | None = None
        self._pose_index = -1
        self._counter = RepCounter(reps)
        self._recorder: Recorder | None = None
        self._captured = 0
        self._inferred = 0
        self._ended = threading.Event()
        self._error: str | None = None
        self._last_recording: RecordingResult | None = None
        self._capture_thread = threading.Thread(target=self._capture, name="live-capture", daemon=True)
        self._infer_thread = threading.Thread(target=self._infer, name="live-inference", daemon=True)

    @property
    def info(self) -> VideoInfo:
        return self._source.info

    def start(self) -> None:
        self._capture_thread.start()
        self._infer_thread.start()

    def start_recording(self, path: str | Path) -> None:
        """Record every frame from now on to `path` (H.264 mp4); resets the rep count."""
        info = self._source.info
        frame = self._frame
        width, height = (frame.image.shape[1], frame.image.shape[0]) if frame is not None else (info.width, info.height)
        recorder = Recorder(path, info.fps, width, height)
        with self._lock:
            self._counter = RepCounter(self._rep_settings)
            self._recorder = recorder

    def stop_recording(self) -> RecordingResult | None:
        """Finish the file; the result of the last recording (also after a disconnect)."""
        with self._lock:
            recorder, self._recorder = self._recorder, None
        if recorder is not None:
            self._last_recording = _finish(recorder)
        return self._last_recording

    def snapshot(self) -> LiveSnapshot:
        with self._lock:
            recorder = self._recorder
            return LiveSnapshot(
                frame=self._frame,
                pose=self._pose,
                pose_index=self._pose_index,
                reps=self._counter.count,
                captured=self._captured,
                inferred=self._inferred,
                dropped=self._queue.dropped,
                recording=recorder.path if recorder else None,
                recorded_frames=recorder.frames_written if recorder else 0,
                ended=self._ended.is_set(),
                disconnected=self._source.disconnected,
                error=self._error or (recorder.error if recorder else None),
            )

    def close(self) -> RecordingResult | None:
        """Stop the camera and the threads; finish any recording."""
        self._source.close()
        if self._capture_thread.is_alive():
            self._capture_thread.join(5.0)
        self._ended.set()
        if self._infer_thread.is_alive():
            self._infer_thread.join(5.0)
        result = self.stop_recording()
        self._backend.close()
        return result

    def _capture(self) -> None:
        try:
            for frame in self._source.frames():
                with self._lock:
                    self._frame = frame
                    self._captured += 1
                    recorder = self._recorder
                if recorder is not None:
                    recorder.write(frame)
                self._queue.put(frame)
                if self._ended.is_set():
                    break
        except Exception as exc:  # a driver error ends the capture like an unplug
            self._error = f"The camera stopped delivering frames: {exc}"
        finally:
            self._ended.set()
            with self._lock:
                recorder, self._recorder = self._recorder, None
            if recorder is not None:
                self._last_recording = _finish(recorder)

    def _infer(self) -> None:
        while not self._ended.is_set():
            frame = self._queue.get(timeout=0.1)
            if frame is None:
                continue
            pose = self._backend.process(frame)
            with self._lock:
                self._pose, self._pose_index = pose, frame.index
                self._inferred += 1
                self._counter.update(pose)


def _finish(recorder: Recorder) -> RecordingResult:
    recorder.close()
    return RecordingResult(recorder.path, recorder.frames_written, recorder.error)


__all__ = ["LiveSession", "LiveSnapshot", "OneSlotQueue", "RecordingError", "RecordingResult", "RepCounter"]
