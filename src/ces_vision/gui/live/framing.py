"""Framing guidance for live capture: what the client or the coach should change.

Pure functions of one pose (normalised image coordinates, NaN = not seen); no Qt.
"""

from __future__ import annotations

import numpy as np

from ...landmarks import Landmark as L
from ...types import PoseFrame

_EDGE = 0.02  # a landmark this close to the frame border is taken as cut off
# Shoulder width / trunk length above which a "side view" still shows the chest.
_SIDE_MAX_SHOULDER_RATIO = 0.45
# Below this, a "front/back view" sees the client side-on.
_FRONTAL_MIN_SHOULDER_RATIO = 0.35
_MIN_HEIGHT = 0.4  # of the frame: smaller than this, the client is too far away


def _seen(xyz: np.ndarray, *marks: int) -> bool:
    points = xyz[list(marks), :2]
    return bool(np.all(np.isfinite(points)) and np.all((points > _EDGE) & (points < 1 - _EDGE)))


def framing_advice(pose: PoseFrame | None, view: str, aspect: float = 1.0) -> str:
    """One short instruction, or "" when the framing is good for `view`.

    aspect: frame width / height, to compare horizontal and vertical lengths.
    """
    if pose is None or np.all(np.isnan(pose.image_xyz[:, 0])):
        return "No one in view: step into the frame"
    xyz = pose.image_xyz
    feet = (L.LEFT_ANKLE, L.RIGHT_ANKLE, L.LEFT_HEEL, L.RIGHT_HEEL)
    if view == "side":
        feet_seen = any(_seen(xyz, a, h) for a, h in ((L.LEFT_ANKLE, L.LEFT_HEEL), (L.RIGHT_ANKLE, L.RIGHT_HEEL)))
    else:
        feet_seen = _seen(xyz, *feet)
    if not feet_seen:
        return "Step back: feet not visible"
    if not (_seen(xyz, L.NOSE) or _seen(xyz, L.LEFT_EAR) or _seen(xyz, L.RIGHT_EAR)):
        return "Step back: head not visible"
    if not (_seen(xyz, L.LEFT_SHOULDER) or _seen(xyz, L.RIGHT_SHOULDER)):
        return "Step back: shoulders not visible"
    ys = xyz[:, 1][np.isfinite(xyz[:, 1])]
    if ys.size and ys.max() - ys.min() < _MIN_HEIGHT:
        return "Step closer to the camera"
    ratio = _shoulder_ratio(xyz, aspect)
    if ratio is not None:
        if view == "side" and ratio > _SIDE_MAX_SHOULDER_RATIO:
            return "Turn sideways for the side view"
        if view in ("front", "back") and ratio < _FRONTAL_MIN_SHOULDER_RATIO:
            return "Face the camera" if view == "front" else "Turn your back to the camera"
    return ""


def _shoulder_ratio(xyz: np.ndarray, aspect: float) -> float | None:
    """Horizontal shoulder width over trunk length (mid-shoulder to mid-hip), in pixels."""
    scale = np.array([aspect, 1.0])
    sh = xyz[[L.LEFT_SHOULDER, L.RIGHT_SHOULDER], :2] * scale
    hp = xyz[[L.LEFT_HIP, L.RIGHT_HIP], :2] * scale
    if not (np.all(np.isfinite(sh)) and np.all(np.isfinite(hp))):
        return None
    trunk = float(np.linalg.norm(sh.mean(axis=0) - hp.mean(axis=0)))
    if trunk <= 0:
        return None
    return abs(float(sh[0, 0] - sh[1, 0])) / trunk
