"""Per-frame data for overlays and charts, key-frame choice and key-frame decoding.

Reports are built from the analysis JSON (the record; possibly edited by the coach)
plus, when the video and its pose are at hand, a `FrameData` with per-frame landmarks
and quantities. Rep numbers are 0-based here and 1-based in anything a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..capture import FileSource
from ..config import Settings
from ..kinematics import pose_kinematics
from ..kinematics.series import Kinematics
from ..screening.key_rep import key_rep as screening_key_rep
from ..types import PoseSequence, View
from .wording import READOUTS

MIN_VISIBILITY = 0.5


@dataclass(frozen=True, slots=True)
class FrameData:
    """Landmarks and quantities of every frame of one clip.

    pixels: (T, 33, 2) image points in pixels, NaN where a landmark was not seen.
    """

    pixels: np.ndarray
    kinematics: Kinematics

    @property
    def n_frames(self) -> int:
        return int(self.pixels.shape[0])

    @classmethod
    def from_analysis(cls, analysis) -> FrameData:
        """From a `session.Analysis` (its pose and kinematics)."""
        return cls.from_pose(analysis.pose, analysis.kinematics)

    @classmethod
    def from_pose(cls, pose: PoseSequence, kinematics: Kinematics) -> FrameData:
        """Landmarks under MIN_VISIBILITY become NaN."""
        pixels = pose.pixels().copy()
        pixels[pose.visibility < MIN_VISIBILITY] = np.nan
        return cls(pixels=pixels, kinematics=kinematics)

    @classmethod
    def from_stored_pose(cls, pose: PoseSequence, view: View, settings: Settings, movement: str = "squat") -> FrameData:
        """From a pose stored with a clip: its kinematics are recomputed (milliseconds), for the
        clip's `movement` ("squat", or "push" / "pull")."""
        return cls.from_pose(pose, pose_kinematics(pose, view, settings.smoothing, settings.reps, movement))

    def readings(
        self,
        index: int,
        view: str,
        metrics: Iterable[str] | None = None,
    ) -> dict[str, tuple[str, float, float, float]]:
        """metric -> (unit, left, right, value) at frame `index`, for `metrics` (default: the view's readouts)."""
        out = {}
        names = [metric for metric, _ in READOUTS.get(view, ())] if metrics is None else list(metrics)
        for metric in names:
            series = self.kinematics.series.get(metric)
            if series is None or index >= len(series.value):
                continue
            out[metric] = (
                series.spec.unit,
                float(series.left[index]),
                float(series.right[index]),
                float(series.value[index]),
            )
        return out


def _evidence(analysis: dict, finding: dict) -> list[dict]:
    """The screening engine's per-rep judgement behind `finding`: its own "evidence", or
    the matching row of the clip's checklist (every analysis JSON carries one)."""
    evidence = finding.get("evidence")
    if isinstance(evidence, (list, tuple)) and evidence:
        return list(evidence)
    for row in analysis.get("checklist", []):
        if row.get("compensation") == finding.get("compensation") and row.get("evidence"):
            return list(row["evidence"])
    return []


def flagged_reps(analysis: dict, finding: dict) -> list[int]:
    """0-based indices of the reps the screen flagged for `finding` (none without evidence)."""
    n_reps = len(analysis.get("reps", []))
    return sorted(
        int(e["rep"]) - 1 for e in _evidence(analysis, finding) if e.get("flagged") and 0 < int(e["rep"]) <= n_reps
    )


def key_rep(analysis: dict, finding: dict) -> int | None:
    """The 0-based rep that best shows `finding` (`screening.key_rep.key_rep`, as the app
    chooses): with no rep flagged, the judged rep that came closest, so a re-screen's
    still shows the same movement at its worst."""
    return screening_key_rep(_evidence(analysis, finding), len(analysis.get("reps", [])))


def read_frames(video: str | Path, indices: Iterable[int]) -> dict[int, np.ndarray]:
    """The frames at `indices` (upright RGB), streaming through the video once; the frames
    between are decoded but not converted to RGB (`FileSource.skip_to`), which is most of
    the cost of a frame. A lost frame is left out."""
    wanted = set(int(i) for i in indices)
    found: dict[int, np.ndarray] = {}
    if not wanted:
        return found
    with FileSource(video) as source:
        frames = source.frames()
        for index in sorted(wanted):
            if index in found:
                continue
            source.skip_to(index)
            for frame in frames:
                if frame.index in wanted:
                    found[frame.index] = frame.image
                if frame.index >= index:
                    break
            else:
                break  # the end of the video
    return found
