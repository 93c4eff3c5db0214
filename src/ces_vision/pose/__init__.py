"""Pose estimation behind a small protocol: MediaPipe for real, a fake for tests.

`mediapipe` is imported only when a MediaPipe backend is asked for, so the rest of the
package (and its tests) load without it.
"""

from .backend import PoseBackend, empty_pose, mask_low_visibility
from .fake import FakePoseBackend
from .models import ModelError, model_path


def video_backend(settings):
    """A backend for recorded video (MediaPipe, VIDEO mode)."""
    from .mediapipe_backend import MediaPipeVideoBackend

    return MediaPipeVideoBackend(settings)


__all__ = [
    "FakePoseBackend",
    "ModelError",
    "PoseBackend",
    "empty_pose",
    "mask_low_visibility",
    "model_path",
    "video_backend",
]
