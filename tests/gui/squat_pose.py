"""A synthetic front-view overhead squat, as a pose sequence and a matching small video.

Normalised image coordinates (x right, y down); the subject faces the camera, so the
subject's left (odd landmarks) is on the image's right. `knees_in` moves both knees
towards the midline at the bottom of every rep (the gap ratio falls well below 0.9).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ces_vision.landmarks import Landmark as L
from ces_vision.types import PoseSequence

FPS = 30
# legs 92 px tall standing: big enough to be judged (screening.clip_quality.MIN_LEG_PX)
WIDTH, HEIGHT = 336, 256

# Standing pose: (x, y) of the subject's left side; the right side mirrors it about x = 0.5.
_LEFT = {
    L.LEFT_SHOULDER: (0.58, 0.30),
    L.LEFT_ELBOW: (0.59, 0.18),
    L.LEFT_WRIST: (0.60, 0.07),
    L.LEFT_PINKY: (0.60, 0.05),
    L.LEFT_INDEX: (0.60, 0.05),
    L.LEFT_THUMB: (0.60, 0.05),
    L.LEFT_HIP: (0.545, 0.54),
    L.LEFT_KNEE: (0.56, 0.72),
    L.LEFT_ANKLE: (0.56, 0.90),
    L.LEFT_HEEL: (0.56, 0.91),
    L.LEFT_FOOT_INDEX: (0.56, 0.94),
    L.LEFT_EYE_INNER: (0.51, 0.21),
    L.LEFT_EYE: (0.515, 0.21),
    L.LEFT_EYE_OUTER: (0.52, 0.21),
    L.LEFT_EAR: (0.53, 0.22),
    L.MOUTH_LEFT: (0.51, 0.245),
}


def _standing() -> np.ndarray:
    xy = np.zeros((33, 2))
    xy[L.NOSE] = (0.5, 0.225)
    for left, (x, y) in _LEFT.items():
        xy[left] = (x, y)
        xy[left + 1] = (1.0 - x, y)  # the right landmark follows its left one
    return xy


def _depths(n_reps: int) -> np.ndarray:
    down = np.sin(np.linspace(0, np.pi, 41)) ** 2  # an odd count: one deepest frame, no tie to break
    parts = [np.zeros(20)]
    for _ in range(n_reps):
        parts += [down, np.zeros(12)]
    return np.concatenate(parts)


def squat_sequence(n_reps: int = 5, knees_in: float = 0.03) -> PoseSequence:
    """(T, 33) poses of `n_reps` squats; the hips drop a third of a leg length."""
    depth = _depths(n_reps)
    base = _standing()
    frames = np.repeat(base[None], len(depth), axis=0)
    for part in (
        L.LEFT_HIP,
        L.RIGHT_HIP,
        L.LEFT_SHOULDER,
        L.RIGHT_SHOULDER,
        L.LEFT_ELBOW,
        L.RIGHT_ELBOW,
        L.LEFT_WRIST,
        L.RIGHT_WRIST,
        L.LEFT_PINKY,
        L.RIGHT_PINKY,
        L.LEFT_INDEX,
        L.RIGHT_INDEX,
        L.LEFT_THUMB,
        L.RIGHT_THUMB,
        L.NOSE,
        L.LEFT_EAR,
        L.RIGHT_EAR,
        L.LEFT_EYE,
        L.RIGHT_EYE,
        L.LEFT_EYE_INNER,
        L.RIGHT_EYE_INNER,
        L.LEFT_EYE_OUTER,
        L.RIGHT_EYE_OUTER,
        L.MOUTH_LEFT,
        L.MOUTH_RIGHT,
    ):
        frames[:, part, 1] += 0.13 * depth
    for knee, inward in ((L.LEFT_KNEE, -1.0), (L.RIGHT_KNEE, 1.0)):
        frames[:, knee, 1] += 0.04 * depth
        frames[:, knee, 0] += inward * knees_in * depth
    t = len(depth)
    image = np.concatenate([frames, np.zeros((t, 33, 1))], axis=2)
    return PoseSequence(
        image_xyz=image,
        visibility=np.full((t, 33), 0.95),
        world_xyz=np.zeros((t, 33, 3)),
        timestamps_s=np.arange(t) / FPS,
        width=WIDTH,
        height=HEIGHT,
    )


def draw_frames(sequence: PoseSequence) -> list[np.ndarray]:
    """Frames showing the stick figure (for a video the fake backend is paired with)."""
    import cv2

    from ces_vision.landmarks import SKELETON_EDGES

    frames = []
    for points in sequence.pixels():
        image = np.full((HEIGHT, WIDTH, 3), 60, np.uint8)
        for a, b in SKELETON_EDGES:
            cv2.line(image, tuple(int(v) for v in points[a]), tuple(int(v) for v in points[b]), (230, 230, 230), 1)
        frames.append(image)
    return frames


def write_squat_video(path: Path, sequence: PoseSequence) -> Path:
    from videos import write_video

    return write_video(path, draw_frames(sequence), fps=FPS)
