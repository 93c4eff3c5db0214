"""Drawing the skeleton, angle labels and banners onto RGB frames (OpenCV).

Colours follow the subject's sides: LEFT_COLOUR for the subject's left limbs,
RIGHT_COLOUR for the right, grey for the midline. Images are (H, W, 3) uint8 RGB and
are drawn on in place.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..landmarks import LEFT_SIDE_RGB, RIGHT_SIDE_RGB, SKELETON_EDGES, Landmark
from .wording import readout_text

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, inclusive of the padding

LEFT_COLOUR = LEFT_SIDE_RGB
RIGHT_COLOUR = RIGHT_SIDE_RGB
MID_COLOUR = (225, 225, 225)
FLAG_COLOUR = (220, 38, 38)  # red
TEXT_COLOUR = (255, 255, 255)
PANEL_COLOUR = (20, 24, 31)

# Where each readout label is drawn: metric -> (left landmark, right landmark) or one landmark.
LABEL_AT = {
    "knee_fppa": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knee_flexion": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knee_ankle_offset": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knee_toe_offset": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "knee_ankle_gap_ratio": (Landmark.LEFT_KNEE, Landmark.RIGHT_KNEE),
    "hip_shift": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "pelvis_tilt": (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
    "heel_toe_angle": (Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL),
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


def _label_metrics(image: np.ndarray, text: str, scale: float) -> tuple[float, int, float, int, int, int, int]:
    s = _scale(image) * scale
    font_size, weight = 0.55 * s, max(1, round(1.4 * s))
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, font_size, weight)
    return s, weight, font_size, w, h, base, max(2, round(4 * s))


def label_box(
    image: np.ndarray,
    text: str,
    at: tuple[float, float],
    scale: float = 1.0,
    bounds: Box | None = None,
    taken: list[Box] | None = None,
    direction: int = 1,
) -> Box:
    """Where `draw_label` puts `text`: a box sized to the text plus padding, to the right of
    `at` (left with direction=-1), inside `bounds` (default: the image) and clear of the boxes
    in `taken` when possible (moved down, then up, in steps of its own height)."""
    s, _, _, w, h, base, pad = _label_metrics(image, text, scale)
    bx0, by0, bx1, by1 = bounds if bounds is not None else (0, 0, image.shape[1] - 1, image.shape[0] - 1)
    width, height = w + 2 * pad, h + base + 2 * pad
    x_home = at[0] + 10 * s - pad if direction >= 0 else at[0] - 10 * s + pad - width
    x0 = int(np.clip(x_home, bx0 + 1, max(bx0 + 1, bx1 - width - 1)))
    y_home = int(np.clip(at[1] - 6 * s - h - pad, by0 + 1, max(by0 + 1, by1 - height - 1)))
    taken = taken or []
    step = height + max(1, round(2 * s))
    for k in (0, 1, -1, 2, -2, 3, -3):
        y0 = y_home + k * step
        if y0 < by0 + 1 or y0 + height > by1 - 1:
            continue
        box = (x0, y0, x0 + width, y0 + height)
        if not any(_overlap(box, other) for other in taken):
            return box
    return (x0, y_home, x0 + width, y_home + height)


def draw_label(
    image: np.ndarray,
    text: str,
    at: tuple[float, float],
    colour=TEXT_COLOUR,
    scale: float = 1.0,
    bounds: Box | None = None,
    taken: list[Box] | None = None,
    direction: int = 1,
) -> Box:
    """A small text label on a dark background sized to the text, placed beside `at`.

    `bounds` keeps the whole label inside a region (e.g. the crop of a still); the box is
    appended to `taken`, so labels drawn with the same list never cover each other.
    """
    _, weight, font_size, _, h, _, pad = _label_metrics(image, text, scale)
    box = label_box(image, text, at, scale, bounds, taken, direction)
    x0, y0, x1, y1 = box
    cv2.rectangle(image, (x0, y0), (x1, y1), PANEL_COLOUR, -1)
    cv2.putText(image, text, (x0 + pad, y0 + pad + h), cv2.FONT_HERSHEY_SIMPLEX, font_size, colour, weight, cv2.LINE_AA)
    if taken is not None:
        taken.append(box)
    return box


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def draw_angle_labels(
    image: np.ndarray,
    points: np.ndarray,
    readings: dict[str, tuple[str, float, float, float]],
    bounds: Box | None = None,
) -> list[Box]:
    """Values beside the joints ("knee 14 deg", "lift 0.09"), none covering another.

    readings: metric -> (unit, left, right, value) for this frame. Returns the label boxes.
    """
    taken: list[Box] = []
    for metric, (unit, left, right, value) in readings.items():
        anchors = LABEL_AT.get(metric)
        if anchors is None:
            continue
        for side_value, landmark, other, colour in (
            (left, anchors[0], anchors[1], LEFT_COLOUR),
            (right, anchors[1], anchors[0], RIGHT_COLOUR),
        ):
            if np.isfinite(side_value) and np.all(np.isfinite(points[landmark])):
                # Away from the other side's joint: the two labels of a pair spread outwards.
                away = -1 if np.isfinite(points[other][0]) and points[other][0] > points[landmark][0] + 1 else 1
                draw_label(
                    image,
                    readout_text(metric, unit, side_value),
                    points[landmark],
                    _lighter(colour),
                    bounds=bounds,
                    taken=taken,
                    direction=away,
                )
        if not (np.isfinite(left) or np.isfinite(right)) and np.isfinite(value):
            for landmark in anchors:
                if np.all(np.isfinite(points[landmark])):
                    draw_label(image, readout_text(metric, unit, value), points[landmark], bounds=bounds, taken=taken)
                    break
    return taken


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
        cv2.putText(
            image,
            text,
            (x0 + round(12 * s), y0 + line_h * (i + 1) - round(4 * s)),
            font,
            size,
            colour,
            weight,
            cv2.LINE_AA,
        )


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
    cv2.putText(
        image, text, (t + round(10 * s), y1 - base - round(6 * s)), font, size, TEXT_COLOUR, weight, cv2.LINE_AA
    )


def draw_legend(image: np.ndarray) -> None:
    """Which colour is the subject's left and right (top-right corner)."""
    draw_panel(image, [("Left", _lighter(LEFT_COLOUR)), ("Right", _lighter(RIGHT_COLOUR))], corner="top-right")


def person_box(image: np.ndarray, points: np.ndarray, margin: float = 0.18, aspect: float = 0.8) -> Box | None:
    """The region of `image` around the visible landmarks, padded to a width/height `aspect`
    (x0, y0, x1, y1, exclusive ends); None when too few landmarks are seen."""
    finite = points[np.all(np.isfinite(points), axis=1)]
    if len(finite) < 4:
        return None
    (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
    h = (y1 - y0) * (1 + 2 * margin)
    w = max((x1 - x0) * (1 + 2 * margin), h * aspect)
    h = max(h, w / aspect)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    H, W = image.shape[:2]
    left, top = int(max(0, cx - w / 2)), int(max(0, cy - h / 2))
    right, bottom = int(min(W, cx + w / 2)), int(min(H, cy + h / 2))
    if right - left < 16 or bottom - top < 16:
        return None
    return left, top, right, bottom


def annotated_still(
    image: np.ndarray,
    points: np.ndarray,
    highlight: tuple[int, ...],
    readings: dict,
) -> np.ndarray:
    """A key-frame still: skeleton and angle labels drawn on a copy of `image` (RGB), cropped
    to the person with the labels kept inside the crop so none is cut off."""
    image = image.copy()
    draw_skeleton(image, points, highlight)
    box = person_box(image, points)
    if box is None:
        draw_angle_labels(image, points, readings)
        return image
    x0, y0, x1, y1 = box
    draw_angle_labels(image, points, readings, bounds=(x0, y0, x1 - 1, y1 - 1))
    return np.ascontiguousarray(image[y0:y1, x0:x1])


def _lighter(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    red, green, blue = (int(c + (255 - c) * 0.35) for c in colour)
    return red, green, blue


def _pt(p: np.ndarray) -> tuple[int, int]:
    return int(round(float(p[0]))), int(round(float(p[1])))
