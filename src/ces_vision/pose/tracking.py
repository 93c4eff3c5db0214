"""Follow one person through a clip when the detector sees more than one."""

from __future__ import annotations

import numpy as np

from ..landmarks import Landmark

_TORSO = [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER, Landmark.LEFT_HIP, Landmark.RIGHT_HIP]


class PersonTracker:
    """Picks, frame after frame, the detected person who continues the one followed so far.

    The first person followed is the largest in the image (the client stands nearest
    the camera); after that the candidate whose torso centre is nearest the last one.
    """

    def __init__(self) -> None:
        self._last_centre: np.ndarray | None = None
        self.frames_with_several = 0

    def choose(self, candidates: list[np.ndarray]) -> int | None:
        """Index of the person to follow among `candidates` ((33, 3) normalized landmarks)."""
        if not candidates:
            return None
        if len(candidates) > 1:
            self.frames_with_several += 1
        centres = np.array([c[_TORSO, :2].mean(axis=0) for c in candidates])
        if self._last_centre is None or len(candidates) == 1:
            extents = [np.ptp(c[:, :2], axis=0).prod() for c in candidates]
            chosen = int(np.argmax(extents)) if self._last_centre is None else 0
        else:
            chosen = int(np.argmin(np.linalg.norm(centres - self._last_centre, axis=1)))
        self._last_centre = centres[chosen]
        return chosen

    def lost(self) -> None:
        """Nobody in this frame: the next person seen is chosen afresh."""
        self._last_centre = None
