"""The interface every pose backend keeps."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..landmarks import N_LANDMARKS
from ..types import Frame, PoseFrame


class PoseBackend(Protocol):
    """Turns frames into the pose of one person, frame by frame, in order."""

    @property
    def frames_with_several_people(self) -> int:
        """About how many of the frames processed so far showed more than one person."""
        ...

    def process(self, frame: Frame) -> PoseFrame: ...

    def close(self) -> None: ...


def empty_pose() -> PoseFrame:
    """The pose of a frame with nobody in it: NaN everywhere."""
    return PoseFrame(
        image_xyz=np.full((N_LANDMARKS, 3), np.nan),
        visibility=np.full(N_LANDMARKS, np.nan),
        world_xyz=np.full((N_LANDMARKS, 3), np.nan),
    )


def mask_low_visibility(pose: PoseFrame, threshold: float) -> PoseFrame:
    """NaN out the coordinates of landmarks seen with visibility under `threshold`."""
    hidden = ~(pose.visibility >= threshold)
    image_xyz = pose.image_xyz.copy()
    world_xyz = pose.world_xyz.copy()
    image_xyz[hidden] = np.nan
    world_xyz[hidden] = np.nan
    return PoseFrame(image_xyz=image_xyz, visibility=pose.visibility, world_xyz=world_xyz)
