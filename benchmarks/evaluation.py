"""Compare an analysis with the exact ground truth of a rendered sample clip.

A rendered clip NAME.mp4 has NAME.truth.json (view, reps, injected compensations,
expected findings) and NAME.truth.npz (exact keypoints and, as `metric__<name>__<part>`,
the per-frame values the kinematics core gives on those exact keypoints). Used by the
end-to-end tests and `benchmarks/accuracy.py`; a measuring tool, not part of the product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ces_vision.kinematics import Kinematics


@dataclass(frozen=True)
class GroundTruth:
    video: Path
    info: dict
    arrays: dict[str, np.ndarray]

    @property
    def view(self) -> str:
        return self.info["view"]

    @property
    def assessment(self) -> str:
        """ "push" / "pull" for a pushing / pulling clip, else "ohsa" (truth files before
        push and pull existed have no movement)."""
        movement = self.info.get("movement", "squat")
        return movement if movement in ("push", "pull") else "ohsa"

    @property
    def reps(self) -> list[dict]:
        return self.info["reps"]

    @property
    def expected_findings(self) -> set[str]:
        return set(self.info["expected_findings"])

    def metric(self, name: str, part: str = "value") -> np.ndarray | None:
        return self.arrays.get(f"metric__{name}__{part}")


def truth_for(video: Path) -> GroundTruth | None:
    """The ground truth beside `video`, or None if it has none."""
    stem = video.with_suffix("")
    json_path, npz_path = Path(f"{stem}.truth.json"), Path(f"{stem}.truth.npz")
    if not (json_path.exists() and npz_path.exists()):
        return None
    with np.load(npz_path) as data:
        arrays = {k: data[k] for k in data.files}
    return GroundTruth(video, json.loads(json_path.read_text()), arrays)


def sample_videos(folder: Path) -> list[GroundTruth]:
    return [t for t in (truth_for(v) for v in sorted(folder.glob("*.mp4"))) if t is not None]


def metric_diffs(kin: Kinematics, truth: GroundTruth, in_reps_only: bool = True) -> dict[tuple[str, str], np.ndarray]:
    """{(metric, part): absolute per-frame errors} where both values are finite
    (frames inside the true reps by default)."""
    mask = np.zeros(len(kin.timestamps_s), bool)
    if in_reps_only:
        for rep in truth.reps:
            mask[rep["start"] : rep["end"] + 1] = True
    else:
        mask[:] = True
    diffs = {}
    for name, series in kin.series.items():
        for part in ("left", "right", "value"):
            true = truth.metric(name, part)
            if true is None or len(true) != len(mask):
                continue
            diff = np.abs(getattr(series, part) - true)[mask]
            diff = diff[np.isfinite(diff)]
            if diff.size:
                diffs[(name, part)] = diff
    return diffs


def summarise_errors(diff: np.ndarray) -> tuple[float, float]:
    """(median, 90th percentile) of absolute errors."""
    return float(np.median(diff)), float(np.percentile(diff, 90))


def rep_match(found: list[dict], truth: GroundTruth) -> tuple[bool, float]:
    """(same rep count, largest bottom-frame error in frames) against the truth."""
    true = truth.reps
    if len(found) != len(true):
        return False, float("nan")
    worst = max((abs(f["bottom"] - t["bottom"]) for f, t in zip(found, true)), default=0)
    return True, float(worst)


# Standing frames kept on each side of a whole rep cut from a rendered clip.
ONE_REP_MARGIN = 8


def one_rep_cuts(rep: dict, n_frames: int) -> dict[str, tuple[int, int, str]]:
    """1-rep clips cut from one true rep of a rendered clip: name -> (first frame, stop
    frame exclusive, the part of the rep the cut holds). A short phone clip is often
    started a moment late (here half way down) or stopped a moment early (half way up)."""
    start, bottom, end = rep["start"], rep["bottom"], rep["end"]
    before, after = max(0, start - ONE_REP_MARGIN), min(n_frames, end + ONE_REP_MARGIN + 1)
    return {
        "whole": (before, after, "standing to standing"),
        "late_start": (start + (bottom - start) // 2, after, "mid-descent to standing"),
        "early_stop": (before, bottom + (end - bottom) // 2 + 1, "standing to mid-ascent"),
    }
