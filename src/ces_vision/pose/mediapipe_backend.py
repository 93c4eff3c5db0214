"""MediaPipe Tasks PoseLandmarker as a pose backend.

VIDEO mode with real, strictly increasing timestamps (tracking between frames). Live
cameras use the same mode on the newest frame only: `session.live` feeds it through a
one-slot queue that drops stale frames and counts them, which is what LIVE_STREAM mode
would do inside MediaPipe, but testable with the fake backend and with exact counts.

One person is followed: with num_poses=1 MediaPipe tracks that person's region from
frame to frame and runs its person detector only when the track is lost. Asking for
two people would run the detector on every frame (measured: 31 instead of 52 frames/s
on a 640x480 clip), so a second person is noticed by a cheap census instead: every
CENSUS_EVERY frames a separate single-image landmarker counts the people in the frame.
"""

from __future__ import annotations

import mediapipe as mp
import numpy as np
from mediapipe.tasks.python import BaseOptions, vision

from ..config import PoseSettings
from ..types import Frame, PoseFrame
from .backend import empty_pose, mask_low_visibility
from .models import model_path
from .native_log import quiet_native_stderr

CENSUS_EVERY = 30  # frames between two counts of the people in view
_CENSUS_MAX_PEOPLE = 3


def _options(settings: PoseSettings, mode, callback=None, num_poses: int = 1):  # a vision.PoseLandmarkerOptions
    return vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path(settings.model))),
        running_mode=mode,
        num_poses=num_poses,
        min_pose_detection_confidence=settings.min_detection_confidence,
        min_pose_presence_confidence=settings.min_detection_confidence,
        min_tracking_confidence=settings.min_tracking_confidence,
        result_callback=callback,
    )


def _to_pose(result, visibility_threshold: float) -> PoseFrame:
    """MediaPipe result -> PoseFrame of the person followed (NaN when nobody)."""
    if not result.pose_landmarks:
        return empty_pose()
    landmarks, world = result.pose_landmarks[0], result.pose_world_landmarks[0]
    pose = PoseFrame(
        image_xyz=np.array([(p.x, p.y, p.z) for p in landmarks], dtype=float),
        visibility=np.array([p.visibility if p.visibility is not None else 0.0 for p in landmarks]),
        world_xyz=np.array([(p.x, p.y, p.z) for p in world], dtype=float),
    )
    return mask_low_visibility(pose, visibility_threshold)


def _mp_image(frame: Frame) -> mp.Image:
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(frame.image))


class MediaPipeVideoBackend:
    """Pose of each frame of a recorded video, in order (VIDEO running mode)."""

    def __init__(self, settings: PoseSettings):
        self._threshold = settings.visibility_threshold
        with quiet_native_stderr():
            self._landmarker = vision.PoseLandmarker.create_from_options(_options(settings, vision.RunningMode.VIDEO))
            self._census = vision.PoseLandmarker.create_from_options(
                _options(settings, vision.RunningMode.IMAGE, num_poses=_CENSUS_MAX_PEOPLE)
            )
        self._last_ms = -1
        self._first = True
        self._frames_seen = 0
        self._census_hits = 0

    @property
    def frames_with_several_people(self) -> int:
        """Estimated from the census: each count stands for CENSUS_EVERY frames."""
        return self._census_hits * CENSUS_EVERY

    def _count_people(self, image: mp.Image) -> None:
        if len(self._census.detect(image).pose_landmarks) > 1:
            self._census_hits += 1

    def process(self, frame: Frame) -> PoseFrame:
        # MediaPipe needs strictly increasing integer milliseconds.
        ms = max(int(round(frame.timestamp_s * 1000)), self._last_ms + 1)
        self._last_ms = ms
        image = _mp_image(frame)
        if self._first:
            with quiet_native_stderr():
                result = self._landmarker.detect_for_video(image, ms)
                self._count_people(image)
            self._first = False
        else:
            result = self._landmarker.detect_for_video(image, ms)
            if self._frames_seen % CENSUS_EVERY == 0:
                self._count_people(image)
        self._frames_seen += 1
        return _to_pose(result, self._threshold)

    def close(self) -> None:
        with quiet_native_stderr():
            self._landmarker.close()
            self._census.close()

    def __enter__(self) -> MediaPipeVideoBackend:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
