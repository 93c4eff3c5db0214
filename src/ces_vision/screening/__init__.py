"""Compensation screening: rules as data, one engine, a checklist and a score.

Imports neither cv2, mediapipe nor Qt (import-linter enforces it). Consumes the
`kinematics.Kinematics` value; the metric names, units and signs are in
`kinematics.catalog`.

Public API
----------
screen_clip(kin, view=None, assessment="ohsa", variant="standard", visibility=None,
            thresholds=None, leg=None, points_px=None) -> ClipScreen
    Judge every checkpoint of one clip. assessment: "ohsa" | "single_leg_squat";
    variant (OHSA): "standard" | "heels_elevated" | "hands_on_hips"; leg (single-leg squat):
    the stance leg, "left" | "right"; visibility: optional (T, 33); points_px with
    visibility: checks the view and attaches a warning to `ClipScreen.warnings`. An
    overhead squat whose arms were not overhead is named there too, and its arm
    checkpoint does not apply (`arms_overhead`). One measurable rep is judged on its own.
ClipScreen: .findings, .not_assessable (ids), .checklist (CheckpointResult per
    checkpoint, with per-rep evidence), .findings_json() (the analysis-JSON "findings"
    list: compensation, side, value, threshold, unit, reps_flagged, reps_total,
    confidence), .to_json().
summarize_clips(clips) -> ScreenSummary: checklist of every checkpoint by view (views
    without a clip are "not_filmed"), merged findings, screen score (SCORE_VERSION) with what
    it covers (`coverage`, `score_text()`: views not filmed or not assessable make it
    partial), and the modified-OHSA differential conclusions. `prescription.build_screen` wraps it with the
    corrective program.
estimate_view(points_px (T,33,2), visibility (T,33)) -> (view | None, confidence)
view_warning(given_view, points_px, visibility) -> str | None
load_thresholds(coach_file=None, values=None) -> Thresholds; threshold_info() gives the
    unit and source of every default (screening/thresholds.toml).
RULES, NOT_ASSESSABLE, CHECKPOINTS, OHSA_COMPENSATIONS: the rules as data.
compensation_name(id) -> the plain name everything shown to people uses ("Knees move inward").
effective_status(computed, coach) -> a line's status after the coach's override.
patterns_of(lines) -> PatternMatch per movement pattern present (patterns.toml: pronation
    distortion, lower crossed, upper crossed) in a screen's effective checklist lines;
    find_patterns(statuses), screen_statuses(lines), load_patterns().
"""

from ..types import OHSA_VARIANTS
from .engine import CheckpointResult, ClipScreen, RepEvidence, judge_checkpoint, screen_clip
from .patterns import Pattern, PatternMatch, find_patterns, load_patterns, patterns_of, screen_statuses
from .rules import (
    ARM_ASSESSMENTS,
    CHECKPOINTS,
    COMPENSATION_NAMES,
    NOT_ASSESSABLE,
    OHSA_COMPENSATIONS,
    RULES,
    NotAssessable,
    Rule,
    compensation_name,
)
from .status import STATUS_NAMES, coach_line_key, effective_status, stored_line_keys
from .summary import (
    DIFFERENTIALS,
    SCORE_VERSION,
    SCORE_WEIGHTS,
    DifferentialConclusion,
    ScoreCoverage,
    ScreenSummary,
    clip_name,
    merge_status,
    score_coverage,
    screen_score,
    summarize_clips,
    unassessed_reason,
)
from .thresholds import Thresholds, default_thresholds, load_thresholds, threshold_info
from .view_check import estimate_view, view_warning

__all__ = [
    "ARM_ASSESSMENTS",
    "CHECKPOINTS",
    "COMPENSATION_NAMES",
    "DIFFERENTIALS",
    "NOT_ASSESSABLE",
    "OHSA_COMPENSATIONS",
    "OHSA_VARIANTS",
    "RULES",
    "SCORE_VERSION",
    "SCORE_WEIGHTS",
    "STATUS_NAMES",
    "CheckpointResult",
    "ClipScreen",
    "DifferentialConclusion",
    "NotAssessable",
    "Pattern",
    "PatternMatch",
    "RepEvidence",
    "Rule",
    "ScoreCoverage",
    "ScreenSummary",
    "Thresholds",
    "clip_name",
    "compensation_name",
    "default_thresholds",
    "effective_status",
    "coach_line_key",
    "stored_line_keys",
    "estimate_view",
    "find_patterns",
    "judge_checkpoint",
    "load_patterns",
    "load_thresholds",
    "merge_status",
    "patterns_of",
    "score_coverage",
    "screen_clip",
    "screen_score",
    "screen_statuses",
    "summarize_clips",
    "threshold_info",
    "unassessed_reason",
    "view_warning",
]
