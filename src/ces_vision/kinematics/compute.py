"""compute_kinematics: landmark pixels of one clip -> every catalogue quantity + reps."""

from __future__ import annotations

import numpy as np

from ..config import RepSettings, SmoothingSettings
from ..landmarks import N_LANDMARKS, SIDE_PAIRS, Landmark
from .baseline import heel_lift, heel_toe_angle, hip_height, standing_frames
from .catalog import MetricSpec, metrics_for_view
from .frontal import frontal_metrics
from .geometry import Sides, mean_available
from .orientation import facing_sign, near_side
from .quality import feet_not_planted, without_unreliable_lower_body
from .reps import segment_reps
from .sagittal import sagittal_metrics
from .series import Kinematics, MetricSeries
from .smoothing import sampling_rate, smooth_gap_aware

FRONTAL_VIEWS = ("front", "back")
USED_LANDMARKS = [Landmark.NOSE] + [i for pair in SIDE_PAIRS.values() for i in pair]


def _combine(spec: MetricSpec, left: np.ndarray, right: np.ndarray, near: str | None) -> np.ndarray:
    if spec.combine == "max":
        return np.fmax(left, right)
    if spec.combine == "mean":
        return mean_available(left, right)
    if spec.combine == "near" and near is not None:
        return left if near == "left" else right
    raise ValueError(f"metric {spec.name}: cannot combine sides with rule {spec.combine!r}")


def _series(spec: MetricSpec, quantity: np.ndarray | Sides, near: str | None) -> MetricSeries:
    if spec.bilateral:
        left, right = quantity
        return MetricSeries(spec, left, right, _combine(spec, left, right, near))
    missing = np.full(quantity.shape, np.nan)
    return MetricSeries(spec, missing, missing.copy(), quantity)


def compute_kinematics(
    points_px: np.ndarray,
    timestamps_s: np.ndarray,
    view: str,
    smoothing: SmoothingSettings,
    reps: RepSettings,
    visibility: np.ndarray | None = None,
) -> Kinematics:
    """Smooth the landmarks, compute every metric of `view`, find standing frames and reps.

    Parameters
    ----------
    points_px : (T, 33, 2) image points in pixels, x right, y down, NaN where missing.
    timestamps_s : (T,) seconds; the smoothing uses the median frame rate.
    view : "front", "back" or "side".
    visibility : optional (T, 33) landmark visibility, used to tell the near side in a
        side view (otherwise the side with fewer missing landmarks).
    """
    points = np.asarray(points_px, dtype=float)
    times = np.asarray(timestamps_s, dtype=float)
    if points.ndim != 3 or points.shape[1:] != (N_LANDMARKS, 2) or times.shape != points.shape[:1]:
        raise ValueError(
            f"expected points (T, {N_LANDMARKS}, 2) and timestamps (T,), got {points.shape}, {times.shape}"
        )
    if view not in (*FRONTAL_VIEWS, "side"):
        raise ValueError(f"unknown view {view!r}")

    # Only the landmarks a metric reads are smoothed (19 of 33: eyes, mouth and hand
    # points feed nothing here), which is most of the time this function takes.
    points = points.copy()
    points[:, USED_LANDMARKS] = smooth_gap_aware(
        points[:, USED_LANDMARKS], sampling_rate(times), smoothing.cutoff_hz, smoothing.order, smoothing.min_run_frames
    )
    height = hip_height(points)
    standing = standing_frames(height, reps.standing_leg)
    near = facing = None
    if view in FRONTAL_VIEWS:
        # hip_height (reps) is kept from all frames; the angles only from trusted ones.
        points = without_unreliable_lower_body(points, feet_not_planted(points, standing))
    quantities: dict[str, np.ndarray | Sides] = {"hip_height": height, "heel_lift": heel_lift(points, standing)}
    if view in FRONTAL_VIEWS:
        quantities.update(frontal_metrics(points, view))
    else:
        forward = facing_sign(points)
        facing = "right" if forward > 0 else "left"
        near = near_side(points, visibility, forward)
        quantities.update(sagittal_metrics(points, forward, near))
        quantities["heel_toe_angle"] = heel_toe_angle(points, forward, standing)

    series = {spec.name: _series(spec, quantities[spec.name], near) for spec in metrics_for_view(view)}
    return Kinematics(
        view=view,
        timestamps_s=times,
        series=series,
        reps=tuple(segment_reps(height, times, reps)),
        near_side=near,
        standing=standing,
        facing=facing,
    )
