"""Typed values passed between the layers. Frozen dataclasses over numpy arrays.

Shapes use T = number of frames, 33 = BlazePose landmarks (see `landmarks`).
Missing data is NaN, never zero: a frame without a person and a landmark under the
visibility threshold are NaN in every coordinate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

View = Literal["front", "side", "back"]
VIEWS: tuple[View, ...] = ("front", "side", "back")
ModelName = Literal["lite", "full", "heavy"]
MODEL_NAMES: tuple[ModelName, ...] = ("lite", "full", "heavy")
Side = Literal["left", "right"]  # the subject's
Assessment = Literal["ohsa", "single_leg_squat", "push", "pull"]
ASSESSMENTS: tuple[Assessment, ...] = ("ohsa", "single_leg_squat", "push", "pull")

# The overhead squat filmed: the plain one ("standard") or a modified one. One spelling
# everywhere (screening, analysis JSON, screen documents, the database); documents written
# before it (null or "") are upgraded when read, in `document_versions`.
Variant = Literal["standard", "heels_elevated", "hands_on_hips"]
STANDARD_VARIANT: Final = "standard"
OHSA_VARIANTS: tuple[Variant, ...] = ("heels_elevated", "hands_on_hips")  # the modified ones

# Checkpoint ids: a contract of the files written (JSON, database, thresholds).
OhsaCompensation = Literal[
    "feet_turn_out",
    "knees_move_in",
    "knees_move_out",
    "excessive_forward_lean",
    "low_back_arches",
    "low_back_rounds",
    "arms_fall_forward",
    "feet_flatten",
    "heels_rise",
    "asymmetric_weight_shift",
]
SingleLegCompensation = Literal[
    "sls_knee_moves_in", "sls_hip_drop", "sls_hip_hike", "sls_trunk_shift", "sls_trunk_rotation"
]
PressCompensation = Literal["shoulders_elevate", "head_juts_forward", "low_back_arches"]  # push and pull
Compensation = Literal[OhsaCompensation, SingleLegCompensation, PressCompensation]


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """What a video source reports about itself (after rotation is applied)."""

    path: str
    fps: float
    frame_count: int  # best estimate from the container; 0 when unknown (live)
    width: int  # of the upright frames handed out
    height: int
    rotation: int  # degrees clockwise the stored frames were turned to be upright


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded, upright frame. `image` is (H, W, 3) uint8 RGB."""

    index: int
    timestamp_s: float
    image: np.ndarray


@dataclass(frozen=True, slots=True)
class PoseFrame:
    """Pose of one frame; arrays are NaN when no person was found."""

    image_xyz: np.ndarray  # (33, 3) normalized image coords: x/width, y/height (down), z relative depth
    visibility: np.ndarray  # (33,) in [0, 1]
    world_xyz: np.ndarray  # (33, 3) metres, origin between the hips


@dataclass(frozen=True, slots=True)
class PoseSequence:
    """Pose of every frame of a video, one person followed through the clip."""

    image_xyz: np.ndarray  # (T, 33, 3)
    visibility: np.ndarray  # (T, 33)
    world_xyz: np.ndarray  # (T, 33, 3)
    timestamps_s: np.ndarray  # (T,)
    width: int
    height: int

    @property
    def n_frames(self) -> int:
        return int(self.timestamps_s.shape[0])

    @property
    def has_pose(self) -> np.ndarray:
        """(T,) bool: a person was found in the frame."""
        return ~np.all(np.isnan(self.image_xyz[..., 0]), axis=1)

    def pixels(self) -> np.ndarray:
        """(T, 33, 2) image points in pixels, x right, y down (square pixels)."""
        return self.image_xyz[..., :2] * np.array([self.width, self.height], dtype=float)

    def cut(self, first: int, stop: int) -> PoseSequence:
        """Frames first .. stop - 1 as a clip of their own (timestamps from 0)."""
        times = self.timestamps_s[first:stop]
        return PoseSequence(
            self.image_xyz[first:stop],
            self.visibility[first:stop],
            self.world_xyz[first:stop],
            times - (times[0] if times.size else 0.0),
            self.width,
            self.height,
        )

    @staticmethod
    def stack(frames: list[PoseFrame], timestamps_s: np.ndarray, width: int, height: int) -> PoseSequence:
        n = len(frames)
        if n == 0:
            empty3 = np.full((0, 33, 3), np.nan)
            return PoseSequence(empty3, np.full((0, 33), np.nan), empty3.copy(), np.zeros(0), width, height)
        return PoseSequence(
            image_xyz=np.stack([f.image_xyz for f in frames]),
            visibility=np.stack([f.visibility for f in frames]),
            world_xyz=np.stack([f.world_xyz for f in frames]),
            timestamps_s=np.asarray(timestamps_s, dtype=float),
            width=width,
            height=height,
        )


@dataclass(frozen=True, slots=True)
class Rep:
    """One squat repetition, as frame indices: standing -> bottom -> standing.

    A rep cut by the clip's edge (the clip starts mid-descent or stops mid-ascent)
    starts or ends at the clip's first or last frame with a pose instead, and says so.
    """

    start: int
    bottom: int
    end: int
    starts_standing: bool = True
    ends_standing: bool = True

    @property
    def part(self) -> str:
        """Which part of the rep the clip holds, in words."""
        return f"{'standing' if self.starts_standing else 'mid-descent'} to {'standing' if self.ends_standing else 'mid-ascent'}"
