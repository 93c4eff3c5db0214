"""Labels on the stills: sized to their text, inside the crop, never on top of each other."""

from __future__ import annotations

import cv2
import numpy as np

from ces_vision.landmarks import Landmark
from ces_vision.reports import overlay


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_label_box_fits_the_text_and_the_bounds():
    image = np.zeros((480, 640, 3), np.uint8)
    text = "knee in 0.23"
    bounds = (100, 50, 300, 400)
    for at in ((110, 60), (295, 395), (200, 200)):
        x0, y0, x1, y1 = overlay.label_box(image, text, at, bounds=bounds)
        (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.55 * 640 / 720, max(1, round(1.4 * 640 / 720)))
        assert x1 - x0 > w and y1 - y0 > h + base
        assert bounds[0] <= x0 and x1 <= bounds[2] and bounds[1] <= y0 and y1 <= bounds[3]


def test_labels_at_the_same_joint_do_not_cover_each_other():
    image = np.zeros((480, 640, 3), np.uint8)
    points = np.full((33, 2), np.nan)
    points[Landmark.LEFT_HEEL] = (400, 400)
    points[Landmark.RIGHT_HEEL] = (240, 400)
    readings = {"rearfoot_angle": ("deg", -12.0, 8.0, 8.0), "heel_lift": ("ratio", 0.09, 0.06, 0.09)}
    boxes = overlay.draw_angle_labels(image, points, readings, bounds=(0, 0, 639, 479))
    assert len(boxes) == 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    # The pair spreads outwards: the joint on the image left gets its label on its left.
    right_heel_labels = [b for b in boxes if b[2] <= 240]
    assert len(right_heel_labels) == 2
