"""compute_kinematics: landmark pixels of one clip -> every catalogue quantity + reps."""

from __future__ import annotations

import warnings

import numpy as np

from ..config import RepSettings, SmoothingSettings
from ..landmarks import N_LANDMARKS, SIDE_PAIRS, Landmark
from ..types import PoseSequence, View
from .baseline import FOOT_LANDMARKS, heel_lift, heel_toe_angle, hip_height, standing_frames, standing_leg_px
from .catalog import MetricSpec, metrics_for_view
from .frontal import frontal_metrics
from .geometry import Sides, mean_available
from .orientation import facing_sign, near_side
from .press import ARM_MOVEMENTS, MOVEMENTS, PRESS_REP_SETTINGS, press_reps, press_trace
from .quality import blank_unreliable_lower_body, feet_not_planted
from .reps import segment_reps
from .sagittal import sagittal_metrics
from .series import Kinematics, MetricSeries
from .settled import blank_unsettled, settled_span
from .side_swaps import unswap_sides
from .smoothing import smooth_on_clock_in_place
from .square_on import (
    MAX_SQUARE_YAW_DEG,
    MIN_YAW_DEG,
    camera_yaw_deg,
    depth_from_hips,
    pixels_per_metre,
    square_on,
    upright_frames,
)

FRONTAL_VIEWS = ("front", "back")
# Landmarks the kinematics reads. Only the positions of the body points are smoothed:
# the nose just tells presence and facing, which smoothing cannot change.
READ_LANDMARKS = [Landmark.NOSE] + [i for pair in SIDE_PAIRS.values() for i in pair]
UNREAD_LANDMARKS = sorted(set(range(N_LANDMARKS)) - set(READ_LANDMARKS))
SMOOTHED_PARTS = ("shoulder", "elbow", "wrist", "hip", "knee", "ankle", "heel", "foot_index", "ear")
SMOOTHED_LANDMARKS = [i for part in SMOOTHED_PARTS for i in SIDE_PAIRS[part]]


def _combine(spec: MetricSpec, left: np.ndarray, right: np.ndarray, near: str | None) -> np.ndarray:
    if spec.combine == "max":
        return np.fmax(left, right)
    if spec.combine == "mean":
        return mean_available(left, right)
    if spec.combine == "near" and near is not None:
        return left if near == "left" else right
    raise ValueError(f"metric {spec.name}: cannot combine sides with rule {spec.combine!r}")


def _series(spec: MetricSpec, quantity: np.ndarray | Sides, near: str | None) -> MetricSeries:
    if isinstance(quantity, tuple):
        left, right = quantity
        return MetricSeries(spec, left, right, _combine(spec, left, right, near))
    missing = np.full(quantity.shape, np.nan)
    return MetricSeries(spec, missing, missing.copy(), quantity)


def _series_store(points: np.ndarray) -> np.ndarray:
    """A private (33, 2, T) copy of the landmarks this module reads, NaN for the others.

    Every coordinate's series is contiguous in memory, so the filter and the metrics
    stream through memory instead of striding across all 33 landmarks of each frame
    (about 5x faster on long clips)."""
    store = np.empty((N_LANDMARKS, 2, points.shape[0]))
    store[UNREAD_LANDMARKS] = np.nan
    for landmark in READ_LANDMARKS:
        store[landmark] = points[:, landmark].T
    return store


def pose_kinematics(
    pose: PoseSequence, view: View, smoothing: SmoothingSettings, reps: RepSettings, movement: str = "squat"
) -> Kinematics:
    """`compute_kinematics` of a pose sequence: its pixels, timestamps, visibility and world landmarks."""
    return compute_kinematics(
        pose.pixels(),
        pose.timestamps_s,
        view,
        smoothing,
        reps,
        visibility=pose.visibility,
        movement=movement,
        world_xyz=pose.world_xyz,
    )


def _square_front_view(
    points: np.ndarray,
    world_xyz: np.ndarray,
    hip: np.ndarray,
    standing: np.ndarray,
    times: np.ndarray,
    smoothing: SmoothingSettings,
) -> tuple[np.ndarray, float, bool]:
    """The points as a square camera would see them, the camera's yaw and whether they were turned.

    The depth is smoothed like the picture points, so its frame-to-frame noise does not
    come back in as sideways jitter."""
    world = np.asarray(world_xyz, dtype=float)
    if world.shape != (*points.shape[:2], 3):
        raise ValueError(f"expected world landmarks {(*points.shape[:2], 3)}, got {world.shape}")
    yaw = camera_yaw_deg(world, upright_frames(hip))
    if not (np.isfinite(yaw) and MIN_YAW_DEG <= abs(yaw) < MAX_SQUARE_YAW_DEG):
        return points, yaw, False
    depth = np.ascontiguousarray(depth_from_hips(world).T[:, None, :])  # (33, 1, T)
    block = depth[SMOOTHED_LANDMARKS]
    smooth_on_clock_in_place(block, times, smoothing.cutoff_hz, smoothing.order, smoothing.min_run_frames)
    depth[SMOOTHED_LANDMARKS] = block
    # The feet stay planted: how far each foot point is ahead of the others is their
    # standing one; only their mean depth follows the frame (it carries the hips moving
    # back, the depths being from the hips). At the bottom of a squat MediaPipe moved one
    # rendered ankle 7 cm back and the other 15 cm forward, which turned back read as the
    # stance narrowing by a quarter: the lower body was then distrusted in 60% of the rep
    # (`quality.feet_not_planted`) and nothing in the front view could be judged.
    feet = depth[FOOT_LANDMARKS]  # (6, 1, T)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # frames or points never seen: NaN, as meant
        centre = np.nanmean(feet, axis=0, keepdims=True)
        spread = np.nanmedian(np.where(standing, feet - centre, np.nan), axis=-1, keepdims=True)
    depth[FOOT_LANDMARKS] = np.where(np.isfinite(spread) & np.isfinite(feet), centre + spread, feet)
    scale = pixels_per_metre(points, world, standing)
    return square_on(points, depth[:, 0, :].T, yaw, scale), yaw, True


def compute_kinematics(
    points_px: np.ndarray,
    timestamps_s: np.ndarray,
    view: View,
    smoothing: SmoothingSettings,
    reps: RepSettings,
    visibility: np.ndarray | None = None,
    movement: str = "squat",
    world_xyz: np.ndarray | None = None,
) -> Kinematics:
    """Smooth the landmarks, compute every metric of `view`, find standing frames and reps.

    Parameters
    ----------
    points_px : (T, 33, 2) image points in pixels, x right, y down, NaN where missing.
    timestamps_s : (T,) seconds; the smoothing uses the median frame rate, on an even
        clock when the rate varies (`smoothing.smooth_on_clock_in_place`).
    view : "front", "back" or "side".
    visibility : optional (T, 33) landmark visibility, used to tell the near side in a
        side view (otherwise the side with fewer missing landmarks).
    movement : "squat" (reps from hip_height), or "push" / "pull" (side view only: reps
        from the wrist's reach, standing frames = the rep's start position; `press`).
    world_xyz : optional (T, 33, 3) MediaPipe world landmarks (metres, origin between the
        hips): the camera's yaw is read from them (`square_on.camera_yaw_deg`), and a front
        view filmed 3-25 deg off square is turned back to square-on before it is measured.
        Back views are not turned: MediaPipe read their yaw at a third of the truth.
    """
    points = np.asarray(points_px, dtype=float)
    times = np.asarray(timestamps_s, dtype=float)
    if points.ndim != 3 or points.shape[1:] != (N_LANDMARKS, 2) or times.shape != points.shape[:1]:
        raise ValueError(
            f"expected points (T, {N_LANDMARKS}, 2) and timestamps (T,), got {points.shape}, {times.shape}"
        )
    if view not in (*FRONTAL_VIEWS, "side"):
        raise ValueError(f"unknown view {view!r}")
    if movement not in MOVEMENTS or (movement in ARM_MOVEMENTS and view != "side"):
        raise ValueError(f"movement {movement!r} cannot be measured in the {view} view")

    if view in FRONTAL_VIEWS:
        points, world_xyz, _ = unswap_sides(points, world_xyz)
    store = _series_store(points)
    body = store[SMOOTHED_LANDMARKS]  # one (L, 2, T) block: one filter call per stretch
    smooth_on_clock_in_place(body, times, smoothing.cutoff_hz, smoothing.order, smoothing.min_run_frames)
    store[SMOOTHED_LANDMARKS] = body
    points = store.transpose(2, 0, 1)  # (T, 33, 2) again, a view
    # a client walking in or out: only the frames where they stand in their place count
    span = settled_span(points) if movement == "squat" else None
    unsettled = blank_unsettled(points, span)
    height = hip_height(points)
    standing = standing_frames(height, reps.standing_leg)
    leg_px = standing_leg_px(points, standing)
    yaw, squared = float("nan"), False
    if world_xyz is not None and view == "front":
        points, yaw, squared = _square_front_view(points, world_xyz, height, standing, times, smoothing)
    elif world_xyz is not None:
        yaw = camera_yaw_deg(world_xyz, upright_frames(height))
    near = facing = None
    if view in FRONTAL_VIEWS:
        # hip_height (reps) is kept from all frames; the angles only from trusted ones.
        blank_unreliable_lower_body(points, feet_not_planted(points, standing))
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
    if movement in ARM_MOVEMENTS:
        trace = press_trace(series["wrist_reach"].value, movement)
        standing = standing_frames(trace, PRESS_REP_SETTINGS.standing_leg)
        found = press_reps(trace, times)
    else:
        found = segment_reps(height, times, reps)
    return Kinematics(
        view=view,
        timestamps_s=times,
        series=series,
        reps=tuple(found),
        near_side=near,
        standing=standing,
        facing=facing,
        camera_yaw_deg=yaw,
        squared=squared,
        leg_px=leg_px,
        settled_span=span if unsettled else None,
        unsettled_frames=unsettled,
    )
