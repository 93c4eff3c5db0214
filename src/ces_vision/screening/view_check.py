"""Which way the camera looks at the subject: front, back or side, from the landmarks.

Cues, per frame (frames missing a shoulder or hip are skipped):

* Side vs frontal: shoulder width (horizontal distance between the shoulders) over
  torso height (mid-shoulder to mid-hip). A person seen side-on has the shoulders
  nearly on top of each other: ratio below `SIDE_RATIO`.
* Front vs back, two votes:
  - label order: in a front view the subject's LEFT shoulder and hip have the larger
    image x (they appear on the image's right); in a back view the smaller.
  - the face: the nose is well visible in a front view and hidden in a back view.
  MediaPipe tends to label a back view as if the person faced the camera, so the two
  votes can disagree; disagreement lowers the confidence rather than being hidden.

The camera's yaw from MediaPipe's world landmarks says more than the picture can: a
camera 25-62 deg off square (`camera_check`) is named oblique, and nothing is judged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np

from ..kinematics.square_on import MAX_SQUARE_YAW_DEG, MIN_YAW_DEG
from ..landmarks import Landmark as L
from ..types import View

SIDE_RATIO = 0.4  # (our choice) frontal views give ~0.6-0.9, true side views ~0.0-0.25
_ORDER_WEIGHT, _FACE_WEIGHT = 0.6, 0.4  # (our choice) label order is the stronger cue


def estimate_view(points_px: np.ndarray, visibility: np.ndarray) -> tuple[View | None, float]:
    """(view, confidence in [0, 1]) from (T, 33, 2) pixel points and (T, 33) visibility.

    Returns (None, 0.0) when no frame has both shoulders and both hips.
    """
    pts = np.asarray(points_px, dtype=float)
    vis = np.asarray(visibility, dtype=float)
    ls, rs, lh, rh = (pts[:, i, :] for i in (L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP))
    valid = np.all(np.isfinite(np.concatenate([ls, rs, lh, rh], axis=1)), axis=1)
    if not np.any(valid):
        return None, 0.0
    ls, rs, lh, rh, vis = ls[valid], rs[valid], lh[valid], rh[valid], vis[valid]
    torso = np.linalg.norm((ls + rs) / 2 - (lh + rh) / 2, axis=1)
    ratio = np.abs(ls[:, 0] - rs[:, 0]) / np.maximum(torso, 1e-9)
    side_share = float(np.mean(ratio < SIDE_RATIO))
    if side_share > 0.5:
        return "side", round(side_share, 3)

    frontal = ratio >= SIDE_RATIO
    scale = np.maximum(torso[frontal], 1e-9)
    order = ((ls[frontal, 0] - rs[frontal, 0]) + (lh[frontal, 0] - rh[frontal, 0])) / scale
    order_vote = float(np.mean(np.sign(order)))  # +1 every frame front-like, -1 back-like
    nose_visibility = vis[frontal, L.NOSE]
    face_vote = (
        float(np.clip((np.nanmean(nose_visibility) - 0.45) / 0.3, -1, 1))
        if np.any(np.isfinite(nose_visibility))
        else 0.0
    )
    combined = _ORDER_WEIGHT * order_vote + _FACE_WEIGHT * face_vote
    if combined == 0:
        return None, 0.0
    view = "front" if combined > 0 else "back"
    return view, round(abs(combined) * (1 - side_share), 3)


def view_warning(given: str, points_px: np.ndarray, visibility: np.ndarray, min_confidence: float = 0.5) -> str | None:
    """A message for the coach when the landmarks say another view than the one given."""
    estimated, confidence = estimate_view(points_px, visibility)
    if estimated is None or estimated == given or confidence < min_confidence:
        return None
    return (
        f"This clip was labelled as a {given} view but the landmarks look like a {estimated} view "
        f"(confidence {confidence:.2f}). Check the view before relying on its results."
    )


# The camera's yaw to the body (`kinematics.square_on.camera_yaw_deg`, MediaPipe world
# landmarks): a front or back view is squared up to MAX_SQUARE_YAW_DEG; from there to
# OBLIQUE_TO_DEG the camera is neither frontal nor side-on and nothing is judged. Measured:
# the real oblique-front clip (yousufk1729, filmed ~40 deg off) read 43.6, the real side
# clips 67 and 74, the real front clips 6-10; the rendered side samples 72-81 and front
# samples 1-4. (our choice, from those readings) Back views are never named oblique:
# MediaPipe reads their world depth as if the person faced the camera, and the square
# rendered back samples read 8-26 deg.
OBLIQUE_FROM_DEG = MAX_SQUARE_YAW_DEG
OBLIQUE_TO_DEG = 62.0
CameraStatus = Literal["square", "squared", "off_square", "oblique", "unknown"]


@dataclass(frozen=True, slots=True)
class CameraCheck:
    """How square the camera stood to the body: the analysis JSON's `view_check`.

    status: "square" (nothing to correct), "squared" (a front view turned back to
    square-on), "off_square" (a back or side view a few degrees off, measured as filmed),
    "oblique" (nothing can be judged) or "unknown" (no world landmarks).
    yaw_deg: the body's yaw from a front-on camera, 0-90 (a side view reads near 90);
    off_view_deg: how far that is from the view named."""

    status: CameraStatus
    yaw_deg: float | None
    off_view_deg: float | None
    reason: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# Every checkpoint's confidence falls with how far the camera stood off the view named (the
# measures' error grows with it: `clip_quality.KNEES_MAX_YAW_DEG`), linear from 1 at
# MIN_YAW_DEG off to CONFIDENCE_AT_OBLIQUE at OBLIQUE_FROM_DEG. A back view's yaw lowers
# nothing: MediaPipe reads it wrongly, even its sign. (our choice)
CONFIDENCE_AT_OBLIQUE = 0.5


def camera_confidence(view: str, check: CameraCheck) -> float:
    """The factor the camera puts on every checkpoint's confidence: 1 for a square or
    unknown camera and for back views, down to `CONFIDENCE_AT_OBLIQUE` at the oblique limit."""
    if view == "back" or check.off_view_deg is None:
        return 1.0
    share = (check.off_view_deg - MIN_YAW_DEG) / (OBLIQUE_FROM_DEG - MIN_YAW_DEG)
    return float(1.0 - (1.0 - CONFIDENCE_AT_OBLIQUE) * np.clip(share, 0.0, 1.0))


def camera_check(view: str, yaw_deg: float, squared: bool) -> CameraCheck:
    """Judge the camera of a clip labelled `view` from its signed yaw (NaN: unknown)."""
    if not np.isfinite(yaw_deg):
        return CameraCheck("unknown", None, None)
    yaw = abs(float(yaw_deg))
    off = 90.0 - yaw if view == "side" else yaw
    numbers = (round(yaw, 1), round(off, 1))
    if view != "back" and OBLIQUE_FROM_DEG <= yaw <= OBLIQUE_TO_DEG:
        reason = (
            f"oblique camera: the body was turned about {yaw:.0f} deg to the camera, neither a front/back "
            f"nor a side view, so no check can be judged; film square to the front, back or side"
        )
        return CameraCheck("oblique", *numbers, reason=reason)
    if squared:
        return CameraCheck("squared", *numbers)
    return CameraCheck("square" if off < MIN_YAW_DEG else "off_square", *numbers)
