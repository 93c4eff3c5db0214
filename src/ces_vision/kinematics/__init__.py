"""Pure-numpy kinematics: joint angles, smoothing and rep segmentation.

Imports neither cv2, mediapipe nor Qt (an import-linter contract enforces it). The
quantities, units, zeros and signs are defined once, in `catalog`; read it before using
any number this package returns. In short: left/right are the subject's, lateral signs
are body-relative (no mirroring between front and back views), angles are degrees on 2D
image points, NaN means not measurable and is never bridged.

Modules, one job each: `geometry` (2D vector and angle helpers), `smoothing`
(gap-aware zero-phase low-pass), `threads` (large array work on every core), `frontal` / `sagittal` (per-frame quantities of each
view), `orientation` (facing direction, near side), `baseline` (hip height, standing
frames, standing medians, heel baselines), `reps` (rep segmentation), `compute` (orchestration),
`summary` (per-rep summaries, per-frame table).
"""

from .baseline import standing_median
from .catalog import METRICS, METRICS_BY_NAME, MetricSpec, metric_label, metrics_for_view
from .compute import compute_kinematics, pose_kinematics
from .reps import segment_reps
from .series import Kinematics, MetricSeries
from .smoothing import smooth_gap_aware
from .summary import kinematics_table, summarise_reps

__all__ = [
    "METRICS",
    "METRICS_BY_NAME",
    "Kinematics",
    "MetricSeries",
    "MetricSpec",
    "compute_kinematics",
    "kinematics_table",
    "metric_label",
    "metrics_for_view",
    "pose_kinematics",
    "segment_reps",
    "smooth_gap_aware",
    "standing_median",
    "summarise_reps",
]
