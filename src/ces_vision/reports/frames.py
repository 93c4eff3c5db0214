"""Per-frame data for overlays and charts, key-frame choice and key-frame decoding.

Reports are built from the analysis JSON (the record; possibly edited by the coach)
plus, when the video and its pose are at hand, a `FrameData` with per-frame landmarks
and quantities. Rep numbers are 0-based here and 1-based in anything a person reads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..capture import FileSource
from ..kinematics.series import Kinematics
from .wording import COMPENSATIONS, READOUTS

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
        """From a `session.Analysis`: landmarks under MIN_VISIBILITY become NaN."""
        pixels = analysis.pose.pixels().copy()
        pixels[analysis.pose.visibility < MIN_VISIBILITY] = np.nan
        return cls(pixels=pixels, kinematics=analysis.kinematics)

    def readings(
        self, index: int, view: str, metrics: Iterable[str] | None = None,
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


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _rep_values(analysis: dict, metric: str, side: str | None) -> list[float | None]:
    per_rep = analysis.get("metrics", {}).get(metric, {}).get("per_rep", [])
    key = side if side in ("left", "right") else "value"
    values = []
    for entry in per_rep:
        value = _number(entry.get(key))
        values.append(value if value is not None else _number(entry.get("value")))
    return values


def _badness(value: float, worse: int) -> float:
    return abs(value) if worse == 0 else worse * value


def flagged_reps(analysis: dict, finding: dict) -> list[int]:
    """0-based indices of the reps that showed `finding`.

    Uses the finding's own evidence when it carries some (a screening checklist row's
    "evidence", or a list "reps" / "reps_flagged"); otherwise compares the per-rep
    summary of the metric with the finding's threshold (an approximation of the rule).
    """
    n_reps = len(analysis.get("reps", []))
    evidence = finding.get("evidence")
    if isinstance(evidence, (list, tuple)) and evidence:  # a screening checklist row: 1-based reps
        return sorted(int(e["rep"]) - 1 for e in evidence if e.get("flagged") and 0 < int(e["rep"]) <= n_reps)
    for key in ("reps", "reps_flagged"):
        listed = finding.get(key)
        if isinstance(listed, (list, tuple)):
            return sorted(int(i) for i in listed if isinstance(i, int) and 0 <= i < n_reps)
    known = COMPENSATIONS.get(finding.get("compensation", ""))
    threshold = _number(finding.get("threshold"))
    if known is None or threshold is None:
        return []
    metric = analysis.get("metrics", {}).get(known.metric, {})
    if finding.get("unit") and metric.get("unit") and finding["unit"] != metric["unit"]:
        return []
    values = _rep_values(analysis, known.metric, finding.get("side"))
    limit = _badness(threshold, known.worse)
    return [i for i, v in enumerate(values[:n_reps]) if v is not None and _badness(v, known.worse) > limit]


def key_rep(analysis: dict, finding: dict) -> int | None:
    """The 0-based rep that best shows `finding`: its worst value among the flagged reps."""
    reps = analysis.get("reps", [])
    if not reps:
        return None
    known = COMPENSATIONS.get(finding.get("compensation", ""))
    candidates = flagged_reps(analysis, finding) or list(range(len(reps)))
    if known is None:
        return candidates[0]
    values = _rep_values(analysis, known.metric, finding.get("side"))
    scored = [(i, values[i]) for i in candidates if i < len(values) and values[i] is not None]
    if not scored:
        return candidates[0]
    return max(scored, key=lambda item: _badness(item[1], known.worse))[0]


def read_frames(video: str | Path, indices: Iterable[int]) -> dict[int, np.ndarray]:
    """Decode only the frames at `indices` (upright RGB), streaming through the video once."""
    wanted = set(int(i) for i in indices)
    found: dict[int, np.ndarray] = {}
    if not wanted:
        return found
    last = max(wanted)
    with FileSource(video) as source:
        for frame in source.frames():
            if frame.index in wanted:
                found[frame.index] = frame.image
            if frame.index >= last:
                break
    return found
