"""Fakes for the GUI tests: pose backends and cameras."""

import numpy as np

from ces_vision.capture import CameraUnavailable
from ces_vision.pose import FakePoseBackend
from ces_vision.pose.backend import empty_pose


class NullPose:
    """A pose backend that finds nobody, instantly: for live tests."""

    frames_with_several_people = 0

    def process(self, frame):
        return empty_pose()

    def close(self):
        pass


BLOCK = 40  # px per bit of the frame number drawn into each fake camera frame
BITS = 8


def camera_images(n: int = 256, width: int = 320, height: int = 240) -> list[np.ndarray]:
    """Frames whose number (mod 256) is drawn as 8 black/white blocks along the top,
    so a decoded recording shows whether any frame went missing."""
    images = []
    for i in range(n):
        image = np.full((height, width, 3), 90, np.uint8)
        image[BLOCK:, :, 1] = np.linspace(40, 200, width, dtype=np.uint8)[None, :]
        for bit in range(BITS):
            image[:BLOCK, bit * BLOCK : (bit + 1) * BLOCK] = 255 if (i >> bit) & 1 else 0
        images.append(image)
    return images


def frame_number(image: np.ndarray) -> int:
    """The number `camera_images` drew into a (decoded, RGB or BGR) frame."""
    centres = [image[BLOCK // 2, bit * BLOCK + BLOCK // 2].mean() for bit in range(BITS)]
    return sum(1 << bit for bit, value in enumerate(centres) if value > 127)


def recorded_numbers(path) -> list[int]:
    """Frame numbers of every frame of a recording, decoded with OpenCV."""
    import cv2

    capture = cv2.VideoCapture(str(path))
    numbers = []
    while True:
        ok, image = capture.read()
        if not ok:
            break
        numbers.append(frame_number(image))
    capture.release()
    return numbers


def no_camera(device: int):
    raise CameraUnavailable(f"no camera found at index {device}; is it plugged in and free?")


def fake_pose_factory(sequence):
    return lambda path, slot: FakePoseBackend(sequence)
