import numpy as np
import pytest

from ces_vision.config import PoseSettings
from ces_vision.pose import video_backend
from ces_vision.types import Frame

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model


def test_empty_frame_gives_nan_pose():
    with video_backend(PoseSettings(model="lite")) as backend:
        pose = backend.process(Frame(0, 0.0, np.zeros((240, 320, 3), np.uint8)))
        again = backend.process(Frame(1, 0.0, np.zeros((240, 320, 3), np.uint8)))  # same time: still accepted
    assert np.isnan(pose.image_xyz).all() and np.isnan(again.world_xyz).all()
    assert pose.image_xyz.shape == (33, 3) and pose.visibility.shape == (33,)
