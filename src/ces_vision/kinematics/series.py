"""Result types of the kinematics core."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..types import Rep, Side, View
from .catalog import MetricSpec

SeriesPart = Literal["left", "right", "value"]


@dataclass(frozen=True, slots=True)
class MetricSeries:
    """One quantity over every frame. Arrays are (T,), NaN where not measurable.

    For a metric that is not bilateral, `left` and `right` are all NaN.
    """

    spec: MetricSpec
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def part(self, which: SeriesPart) -> np.ndarray:
        """The left, right or combined ("value") series."""
        return {"left": self.left, "right": self.right, "value": self.value}[which]


@dataclass(frozen=True, slots=True)
class Kinematics:
    """Every quantity of one clip, plus its reps.

    near_side: the side of the body facing the camera in a side view ("left" /
    "right"), None in front and back views.
    facing: the image direction the subject faces in a side view ("left": towards
    image x decreasing, "right"), None in front and back views.
    """

    view: View
    timestamps_s: np.ndarray  # (T,)
    series: dict[str, MetricSeries]
    reps: tuple[Rep, ...]
    near_side: Side | None
    standing: np.ndarray  # (T,) bool, frames used as the standing baseline
    facing: str | None = None
    # the camera's yaw to the body (`square_on.camera_yaw_deg`), NaN when no world landmarks were given
    camera_yaw_deg: float = float("nan")
    squared: bool = False  # the front view's points were turned back to square-on before measuring
    leg_px: float = float("nan")  # standing hip-knee-ankle length in pixels: how big the person is in the picture
    # (first, last) frame the client stood in their place, when frames with a person walking
    # in or out were left out (`settled`), and how many such frames
    settled_span: tuple[int, int] | None = None
    unsettled_frames: int = 0

    def __getitem__(self, name: str) -> MetricSeries:
        return self.series[name]
