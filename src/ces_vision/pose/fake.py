"""A pose backend that replays a known pose sequence: tests without a model."""

from __future__ import annotations

from ..types import Frame, PoseFrame, PoseSequence
from .backend import empty_pose


class FakePoseBackend:
    """Returns frame i of `sequence` for the i-th frame processed (NaN past its end)."""

    def __init__(self, sequence: PoseSequence):
        self._sequence = sequence
        self.calls = 0

    @property
    def frames_with_several_people(self) -> int:
        return 0  # the sequence is of one person

    def process(self, frame: Frame) -> PoseFrame:
        self.calls += 1
        i = frame.index
        if i >= self._sequence.n_frames:
            return empty_pose()
        return PoseFrame(
            image_xyz=self._sequence.image_xyz[i],
            visibility=self._sequence.visibility[i],
            world_xyz=self._sequence.world_xyz[i],
        )

    def close(self) -> None:
        pass
