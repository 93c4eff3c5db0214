"""BlazePose landmark indices (MediaPipe pose landmarker, 33 points).

Odd indices are the subject's LEFT, even the subject's RIGHT, whatever the camera
view: in a front view the subject's left appears on the image's right. Everything in
ces-vision speaks of the subject's sides.
"""

from enum import IntEnum

N_LANDMARKS = 33


class Landmark(IntEnum):
    NOSE = 0
    LEFT_EYE_INNER = 1
    LEFT_EYE = 2
    LEFT_EYE_OUTER = 3
    RIGHT_EYE_INNER = 4
    RIGHT_EYE = 5
    RIGHT_EYE_OUTER = 6
    LEFT_EAR = 7
    RIGHT_EAR = 8
    MOUTH_LEFT = 9
    MOUTH_RIGHT = 10
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_PINKY = 17
    RIGHT_PINKY = 18
    LEFT_INDEX = 19
    RIGHT_INDEX = 20
    LEFT_THUMB = 21
    RIGHT_THUMB = 22
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


# Pairs (left, right) of the joints the screen uses, by body part name.
SIDE_PAIRS: dict[str, tuple[int, int]] = {
    "shoulder": (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    "elbow": (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW),
    "wrist": (Landmark.LEFT_WRIST, Landmark.RIGHT_WRIST),
    "hip": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "knee": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "ankle": (Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE),
    "heel": (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL),
    "foot_index": (Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX),
    "ear": (Landmark.LEFT_EAR, Landmark.RIGHT_EAR),
}

# One colour per side of the SUBJECT wherever a side is drawn (app, PDF stills and
# charts, annotated video), so a coach never has to re-learn which is which.
LEFT_SIDE_RGB: tuple[int, int, int] = (0, 158, 255)  # blue: the subject's left
RIGHT_SIDE_RGB: tuple[int, int, int] = (255, 140, 0)  # orange: the subject's right


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


# The skeleton drawn on overlays: (from, to) landmark pairs.
SKELETON_EDGES: tuple[tuple[int, int], ...] = (
    (11, 12),
    (11, 13),
    (13, 15),
    (12, 14),
    (14, 16),
    (11, 23),
    (12, 24),
    (23, 24),
    (23, 25),
    (25, 27),
    (27, 29),
    (29, 31),
    (27, 31),
    (24, 26),
    (26, 28),
    (28, 30),
    (30, 32),
    (28, 32),
    (0, 7),
    (0, 8),
)
