"""Drawing the skeleton, angle labels and banners onto RGB frames (OpenCV).

Colours follow the subject's sides: LEFT_COLOUR for the subject's left limbs,
RIGHT_COLOUR for the right, grey for the midline. Images are (H, W, 3) uint8 RGB and
are drawn on in place.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..landmarks import SKELETON_EDGES, Landmark

LEFT_COLOUR = (0, 158, 255)  # blue (RGB)
RIGHT_COLOUR = (255, 140, 0)  # orange
MID_COLOUR = (225, 225, 225)
FLAG_COLOUR = (220, 38, 38)  # red
TEXT_COLOUR = (255, 255, 255)
PANEL_COLOUR = (20, 24, 31)

# Where each readout label is drawn: metric -> (left landmark, right landmark) or one landmark.
_LABEL_AT = {
    "knee_fppa": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knee_flexion": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "hip_flexion": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "foot_turn_out": (Landmark.LEFT_FOOT_INDEX, Landmark.RIGHT_FOOT_INDEX),
    "rearfoot_angle": (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL),
    "heel_lift": (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL),
    "arm_trunk_angle": (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW),
    "arm_elevation": (Landmark.LEFT_ELBOW, Landmark.RIGHT_ELBOW),
    "trunk_angle": (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    "trunk_thigh_angle": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "shin_angle": (Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE),
}


def _side_colour(a: int, b: int) -> tuple[int, int, int]:
    if a % 2 == 1 and b % 2 == 1 and a > 10:
        return LEFT_COLOUR
    if a % 2 == 0 and b % 2 == 0 and a > 10:
        return RIGHT_COLOUR
    return MID_COLOUR


def _scale(image: np.ndarray) -> float:
    """Line and text scale for an image, so overlays read the same at any resolution."""
    return max(image.shape[0], image.shape[1]) / 720.0


def draw_skeleton(image: np.ndarray, points: np.ndarray, highlight: tuple[int, ...] = ()) -> None:
    """Draw the skeleton of one frame. points: (33, 2) pixels, NaN where not seen.

    Landmarks in `highlight` get a red ring (the joints that show a compensation).
    """
    s = _scale(image)
    thickness = max(2, round(3 * s))
    for a, b in SKELETON_EDGES:
        pa, pb = points[a], points[b]
        if not (np.all(np.isfinite(pa)) and np.all(np.isfinite(pb))):
            continue
        cv2.line(image, _pt(pa), _pt(pb), (0, 0, 0), thickness + 2, cv2.LINE_AA)
        cv2.line(image, _pt(pa), _pt(pb), _side_colour(a, b), thickness, cv2.LINE_AA)
    radius = max(3, round(4 * s))
    for index in {i for edge in SKELETON_EDGES for i in edge}:
        p = points[index]
        if np.all(np.isfinite(p)):
            colour = LEFT_COLOUR if index % 2 == 1 and index > 10 else RIGHT_COLOUR if index > 10 else MID_COLOUR
            cv2.circle(image, _pt(p), radius, (255, 255, 255), -1, cv2.LINE_AA)
            cv2.circle(image, _pt(p), radius, colour, max(1, round(2 * s)), cv2.LINE_AA)
    for index in highlight:
        p = points[index]
        if np.all(np.isfinite(p)):
            cv2.circle(image, _pt(p), round(16 * s), FLAG_COLOUR, max(2, round(3 * s)), cv2.LINE_AA)


def draw_label(image: np.ndarray, text: str, at: tuple[float, float], colour=TEXT_COLOUR, scale: float = 1.0) -> None:
    """A small text label on a dark rounded background, placed beside `at`."""
    s = _scale(image) * scale
    font, size, weight = cv2.FONT_HERSHEY_SIMPLEX, 0.55 * s, max(1, round(1.4 * s))
    (w, h), base = cv2.getTextSize(text, font, size, weight)
    x = int(np.clip(at[0] + 10 * s, 2, image.shape[1] - w - 8))
    y = int(np.clip(at[1] - 6 * s, h + 6, image.shape[0] - base - 4))
    pad = round(4 * s)
    cv2.rectangle(image, (x - pad, y - h - pad), (x + w + pad, y + base + pad // 2), PANEL_COLOUR, -1)
    cv2.putText(image, text, (x, y), font, size, colour, weight, cv2.LINE_AA)


def _value(metric: str, unit: str, v: float) -> str:
    return f"{v:.0f} deg" if unit == "deg" else f"{v:.2f}"


def draw_angle_labels(image: np.ndarray, points: np.ndarray, readings: dict[str, tuple[str, float, float, float]]) -> None:
    """Angle values beside the joints. readings: metric -> (unit, left, right, value) for this frame."""
    for metric, (unit, left, right, value) in readings.items():
        anchors = _LABEL_AT.get(metric)
        if anchors is None:
            continue
        for side_value, landmark, colour in ((left, anchors[0], LEFT_COLOUR), (right, anchors[1], RIGHT_COLOUR)):
            if np.isfinite(side_value) and np.all(np.isfinite(points[landmark])):
                draw_label(image, _value(metric, unit, side_value), points[landmark], _lighter(colour))
        if not (np.isfinite(left) or np.isfinite(right)) and np.isfinite(value):
            for landmark in anchors:
                if np.all(np.isfinite(points[landmark])):
                    draw_label(image, _value(metric, unit, value), points[landmark])
                    break


def draw_panel(image: np.ndarray, lines: list[tuple[str, tuple[int, int, int]]], corner: str = "top-left") -> None:
    """A translucent panel of text lines in a corner (readouts, rep counter)."""
    if not lines:
        return
    s = _scale(image)
    font, size, weight = cv2.FONT_HERSHEY_SIMPLEX, 0.6 * s, max(1, round(1.5 * s))
    sizes = [cv2.getTextSize(text, font, size, weight)[0] for text, _ in lines]
    line_h = max(h for _, h in sizes) + round(12 * s)
    width = max(w for w, _ in sizes) + round(24 * s)
    height = line_h * len(lines) + round(10 * s)
    x0 = round(12 * s) if corner.endswith("left") else image.shape[1] - width - round(12 * s)
    y0 = round(12 * s)
    x1, y1 = min(image.shape[1], x0 + width), min(image.shape[0], y0 + height)
    region = image[y0:y1, x0:x1]
    region[:] = (0.35 * region + 0.65 * np.array(PANEL_COLOUR)).astype(np.uint8)
    for i, (text, colour) in enumerate(lines):
        cv2.putText(image, text, (x0 + round(12 * s), y0 + line_h * (i + 1) - round(4 * s)), font, size, colour, weight, cv2.LINE_AA)


def draw_flag_border(image: np.ndarray, text: str) -> None:
    """A red frame border and a banner along the bottom: this rep was flagged."""
    s = _scale(image)
    t = max(4, round(6 * s))
    cv2.rectangle(image, (0, 0), (image.shape[1] - 1, image.shape[0] - 1), FLAG_COLOUR, t)
    font, size, weight = cv2.FONT_HERSHEY_SIMPLEX, 0.6 * s, max(1, round(1.5 * s))
    (w, h), base = cv2.getTextSize(text, font, size, weight)
    y1 = image.shape[0] - t
    y0 = y1 - h - base - round(14 * s)
    image[y0:y1, t : image.shape[1] - t] = FLAG_COLOUR
    cv2.putText(image, text, (t + round(10 * s), y1 - base - round(6 * s)), font, size, TEXT_COLOUR, weight, cv2.LINE_AA)


def draw_legend(image: np.ndarray) -> None:
    """Which colour is the subject's left and right (top-right corner)."""
    draw_panel(image, [("Left", _lighter(LEFT_COLOUR)), ("Right", _lighter(RIGHT_COLOUR))], corner="top-right")


def crop_to_person(image: np.ndarray, points: np.ndarray, margin: float = 0.18, aspect: float = 0.8) -> np.ndarray:
    """The part of `image` around the visible landmarks, padded to a width/height `aspect`."""
    finite = points[np.all(np.isfinite(points), axis=1)]
    if len(finite) < 4:
        return image
    (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
    h = (y1 - y0) * (1 + 2 * margin)
    w = max((x1 - x0) * (1 + 2 * margin), h * aspect)
    h = max(h, w / aspect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    H, W = image.shape[:2]
    left, top = int(max(0, cx - w / 2)), int(max(0, cy - h / 2))
    right, bottom = int(min(W, cx + w / 2)), int(min(H, cy + h / 2))
    if right - left < 16 or bottom - top < 16:
        return image
    return image[top:bottom, left:right]


def _lighter(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * 0.35) for c in colour)


def _pt(p: np.ndarray) -> tuple[int, int]:
    return int(round(float(p[0]))), int(round(float(p[1])))
