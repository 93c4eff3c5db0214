"""Vector and angle helpers on 2D image points.

Arrays have shape (..., 2): x right, y down, in pixels. Angles are returned in degrees.
A NaN coordinate gives NaN, never an error.
"""

from __future__ import annotations

import numpy as np

Sides = tuple[np.ndarray, np.ndarray]  # a bilateral quantity: (left, right), each (T,)


def dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[..., 0] * b[..., 0] + a[..., 1] * b[..., 1]


def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """z component of a x b. With y down, > 0 means b is clockwise of a on screen."""
    return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]


def norm(a: np.ndarray) -> np.ndarray:
    return np.hypot(a[..., 0], a[..., 1])


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Unsigned angle between vectors a and b, in [0, 180]."""
    return np.degrees(np.arctan2(np.abs(cross(a, b)), dot(a, b)))


def interior_angle(a: np.ndarray, vertex: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The angle a-vertex-c at `vertex`, in [0, 180] (180 = a, vertex, c in line)."""
    return angle_between(a - vertex, c - vertex)


def bend_angle(proximal: np.ndarray, joint: np.ndarray, distal: np.ndarray) -> np.ndarray:
    """180 minus the interior angle at `joint`: 0 when the three points are in line."""
    return angle_between(joint - proximal, distal - joint)


def signed_bend(proximal: np.ndarray, joint: np.ndarray, distal: np.ndarray, toward: np.ndarray) -> np.ndarray:
    """`bend_angle`, positive when `joint` lies on the side of the proximal-distal line
    that the direction `toward` points to, negative on the other side.

    NaN when `toward` is parallel to the proximal-distal line (no side is defined).
    """
    line = distal - proximal
    side = np.sign(cross(line, toward))
    side = np.where(side == 0, np.nan, side)
    offset = side * cross(line, joint - proximal)  # > 0: joint on the `toward` side
    return np.degrees(np.arctan2(offset, dot(joint - proximal, distal - joint)))


def angle_from_up(v: np.ndarray) -> np.ndarray:
    """Unsigned angle of v from image up, in [0, 180] (0 = straight up)."""
    return np.degrees(np.arctan2(np.abs(v[..., 0]), -v[..., 1]))


def lean_from_vertical(v: np.ndarray, forward: float) -> np.ndarray:
    """Signed angle of v from image up, positive towards image x * `forward` (+1 / -1)."""
    return np.degrees(np.arctan2(forward * v[..., 0], -v[..., 1]))


def signed_angle_forward(reference: np.ndarray, v: np.ndarray, forward: float) -> np.ndarray:
    """Angle from `reference` to v, positive when v is rotated towards the forward
    direction (image x * `forward`) as seen from `reference` pointing up."""
    return np.degrees(np.arctan2(forward * cross(reference, v), dot(reference, v)))


def unit(v: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return v / norm(v)[..., None]


def mean_available(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise mean of a and b, or whichever of the two is not NaN."""
    return np.where(np.isnan(a), b, np.where(np.isnan(b), a, 0.5 * (a + b)))
