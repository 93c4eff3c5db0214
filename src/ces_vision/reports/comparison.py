"""Two stored screens of one client side by side: a re-screen against the earlier one.

For every view filmed (standard overhead squat) in both screens: the key-frame still of
each, drawn from the stored pose (never estimated again), and one metric of the key rep
of each screen on a shared axis with time as 0-100 % of the rep, so clips of different
length and pace line up. Per compensation, the checklist status in each screen comes
from `reports.progress` (the coach's overrides applied). No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from ..capture import VideoUnreadable
from ..kinematics.catalog import metric_label
from ..kinematics.series import MetricSeries
from ..screening.rules import compensation_name
from ..types import STANDARD_VARIANT
from .content import analyses_of
from .files import ReportError
from .frames import FrameData, key_rep, read_frames
from .overlay import annotated_still
from .progress import STATUS_WORDS, CompensationProgress, build_progress
from .threshold_lines import finding_metric
from .video import highlight_joints
from .wording import READOUTS, STILL_READOUTS, VIEW_NAMES

REP_POINTS = 101  # 0, 1, ..., 100 % of the rep


def to_rep_percent(values: np.ndarray, start: int, end: int, points: int = REP_POINTS) -> np.ndarray:
    """values[start..end] (frames, both ends included) resampled at `points` even steps of
    0-100 % of the rep; NaN wherever a neighbouring frame is NaN (no bridging of gaps)."""
    segment = np.asarray(values, dtype=float)[max(start, 0) : end + 1]
    target = np.linspace(0.0, 100.0, points)
    if len(segment) < 2:
        return np.full(points, np.nan)
    source = np.linspace(0.0, 100.0, len(segment))
    below = np.clip(np.searchsorted(source, target, side="right") - 1, 0, len(segment) - 2)
    fraction = (target - source[below]) / (source[below + 1] - source[below])
    curve = np.interp(target, source, np.nan_to_num(segment))
    missing = np.isnan(segment[below]) | ((fraction > 0) & np.isnan(segment[below + 1]))
    curve[missing] = np.nan
    return curve


@dataclass(frozen=True)
class RepCurve:
    """One metric over one rep, at `REP_POINTS` steps of 0-100 %; left/right None when not bilateral."""

    value: np.ndarray
    left: np.ndarray | None
    right: np.ndarray | None


def rep_curve(series: MetricSeries, start: int, end: int) -> RepCurve:
    """The metric of `series` over the rep from frame `start` to `end`."""
    sides = series.spec.bilateral
    return RepCurve(
        value=to_rep_percent(series.value, start, end),
        left=to_rep_percent(series.left, start, end) if sides else None,
        right=to_rep_percent(series.right, start, end) if sides else None,
    )


@dataclass(frozen=True)
class ScreenClip:
    """One screen's clip of a view: its analysis JSON, video, frames from the stored pose
    (None when the clip was stored without one) and the 0-based key rep (None: no rep)."""

    screen_id: int
    screened_on: date
    analysis: dict
    video: Path | None
    frames: FrameData | None
    rep: int | None

    @property
    def rep_frames(self) -> tuple[int, int, int] | None:
        """(start, bottom, end) frames of the key rep."""
        if self.rep is None:
            return None
        rep = self.analysis["reps"][self.rep]
        return int(rep["start"]), int(rep["bottom"]), int(rep["end"])

    def curve(self, metric: str) -> RepCurve | None:
        """`metric` over the key rep; None without the stored pose, a rep or the metric."""
        frames = self.rep_frames
        if self.frames is None or frames is None or metric not in self.frames.kinematics.series:
            return None
        return rep_curve(self.frames.kinematics.series[metric], frames[0], frames[2])


@dataclass(frozen=True)
class ViewComparison:
    """One view filmed in both screens. `compensation`: what the stills show (the first
    finding of the earlier screen in this view, else of the later one; None if neither
    saw anything); `metric`: the one plotted by default."""

    view: str
    earlier: ScreenClip
    later: ScreenClip
    compensation: str | None
    metric: str

    @property
    def title(self) -> str:
        return VIEW_NAMES.get(self.view, self.view).capitalize()

    def metrics(self) -> list[str]:
        """Metrics both screens can plot, the default first, then the view's readouts."""
        names = dict.fromkeys([self.metric, *(m for m, _ in READOUTS.get(self.view, ()))])
        return [m for m in names if self.earlier.curve(m) is not None and self.later.curve(m) is not None]

    def still_metrics(self) -> list[str]:
        """What the stills label: the plotted metric (or what it is made of)."""
        return list(STILL_READOUTS.get(self.metric, (self.metric,)))


@dataclass(frozen=True)
class ScreenComparison:
    """Everything the comparison shows: views in both screens, views in only one, checklist."""

    client_name: str
    earlier_date: date
    later_date: date
    views: tuple[ViewComparison, ...]
    only_earlier: tuple[str, ...]
    only_later: tuple[str, ...]
    checklist: tuple[CompensationProgress, ...]  # statuses: (earlier, later)

    def checklist_rows(self) -> list[tuple[str, str, str, str]]:
        """(title, earlier status, later status, change) per compensation judged in either."""
        words = {**STATUS_WORDS, None: STATUS_WORDS["not_filmed"]}
        rows = []
        for comp in self.checklist:
            before, after = comp.statuses
            rows.append((comp.title, words[before], words[after], _change(before, after)))
        return rows


def _change(before: str | None, after: str | None) -> str:
    """The change of one compensation from the earlier screen to the later one, in words."""
    if before == "seen" and after == "not_seen":
        return "no longer seen"
    if before == "not_seen" and after == "seen":
        return "newly seen"
    if before == after == "seen":
        return "still seen"
    if before == after == "not_seen":
        return "not seen"
    if before in ("seen", "not_seen") or after in ("seen", "not_seen"):
        return "judged in one screen only"
    return "not judged"


def compare_screens(
    client, first, second, frames: Mapping[int, Mapping[str, tuple[Path, FrameData]]]
) -> ScreenComparison:
    """Compare two stored `Screen`s of `client` (in either order: the older is "earlier").

    frames: screen id -> view -> (video, FrameData) for the standard clips with a stored pose.
    """
    earlier, later = sorted((first, second), key=lambda s: (s.screened_on, s.id))
    if earlier.id == later.id:
        raise ReportError("choose two different screens to compare")
    by_view = [_standard_views(screen) for screen in (earlier, later)]
    views = []
    for view in [v for v in by_view[1] if v in by_view[0]]:
        analyses = (by_view[0][view], by_view[1][view])
        compensation = next(
            (
                f.get("compensation")
                for a in analyses
                for f in a.get("findings", [])
                if isinstance(f, dict) and f.get("compensation")
            ),
            None,
        )
        readouts = [name for name, _ in READOUTS.get(view, ())]
        metric = (finding_metric({"compensation": compensation}) if compensation else None) or next(iter(readouts), "")
        clips = [
            _screen_clip(screen, analysis, compensation, frames.get(screen.id, {}).get(view))
            for screen, analysis in zip((earlier, later), analyses)
        ]
        views.append(ViewComparison(view, clips[0], clips[1], compensation, metric))
    progress = build_progress(client, [earlier, later])
    return ScreenComparison(
        client.name,
        earlier.screened_on,
        later.screened_on,
        tuple(views),
        only_earlier=tuple(v for v in by_view[0] if v not in by_view[1]),
        only_later=tuple(v for v in by_view[1] if v not in by_view[0]),
        checklist=progress.compensations,
    )


def _standard_views(screen) -> dict[str, dict]:
    """view -> analysis JSON of the screen's standard overhead-squat clips, in stored order."""
    out: dict[str, dict] = {}
    for analysis in analyses_of(screen.results):
        view = analysis.get("view")
        if isinstance(view, str) and analysis.get("variant", STANDARD_VARIANT) == STANDARD_VARIANT and view not in out:
            out[view] = analysis
    return out


def _screen_clip(screen, analysis: dict, compensation: str | None, frames) -> ScreenClip:
    video, data = frames if frames is not None else (None, None)
    rep = key_rep(analysis, _finding(analysis, compensation)) if analysis.get("reps") else None
    return ScreenClip(screen.id, screen.screened_on, analysis, video, data, rep)


def _finding(analysis: dict, compensation: str | None) -> dict:
    """The clip's finding of `compensation`, or a bare one when this clip did not see it."""
    found = next((f for f in analysis.get("findings", []) if f.get("compensation") == compensation), None)
    return found or {"compensation": compensation or ""}


def key_stills(comparison: ViewComparison) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(earlier, later) RGB stills of the key rep's bottom frame with the skeleton drawn;
    None for a screen whose video is missing or unreadable, or stored without its pose."""
    highlight = highlight_joints(comparison.compensation or "", None)
    stills = []
    for clip in (comparison.earlier, comparison.later):
        frames = clip.rep_frames
        if clip.frames is None or frames is None or clip.video is None or not Path(clip.video).is_file():
            stills.append(None)
            continue
        bottom = frames[1]
        try:
            image = read_frames(clip.video, [bottom]).get(bottom)
        except VideoUnreadable:
            image = None
        if image is None or bottom >= clip.frames.n_frames:
            stills.append(None)
            continue
        readings = clip.frames.readings(bottom, comparison.view, comparison.still_metrics())
        stills.append(annotated_still(image, clip.frames.pixels[bottom], highlight, readings))
    return stills[0], stills[1]


def overlay_chart_png(comparison: ViewComparison, metric: str, width_in: float = 5.6, height_in: float = 2.4) -> bytes:
    """PNG of `metric` over the key rep of both screens on one axis (0-100 % of the rep):
    the earlier screen dashed, the later one solid; the subject's left blue, right orange."""
    from .charts import ACCENT, INK, LEFT, MUTED, RIGHT, _figure, _png, _style

    fig = _figure(width_in, height_in)
    ax = fig.subplots()
    _style(ax)
    percent = np.linspace(0.0, 100.0, REP_POINTS)
    for clip, style, when in ((comparison.earlier, (0, (4, 2.5)), "earlier"), (comparison.later, "-", "now")):
        curve = clip.curve(metric)
        if curve is None:
            continue
        date_text = f"{clip.screened_on:%d %b %Y}"
        if curve.left is not None and curve.right is not None:
            ax.plot(percent, curve.left, color=LEFT, linestyle=style, linewidth=1.4, label=f"left, {date_text}")
            ax.plot(percent, curve.right, color=RIGHT, linestyle=style, linewidth=1.4, label=f"right, {date_text}")
        else:
            colour = ACCENT if when == "now" else MUTED
            ax.plot(percent, curve.value, color=colour, linestyle=style, linewidth=1.5, label=date_text)
    spec = None
    frames = comparison.later.frames or comparison.earlier.frames
    if frames is not None and metric in frames.kinematics.series:
        spec = frames.kinematics.series[metric].spec
    unit = {"deg": "degrees", "ratio": "ratio"}.get(spec.unit, spec.unit) if spec is not None else ""
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the squat (start - bottom - stand up)", fontsize=7, color=MUTED)
    ax.set_ylabel(unit, fontsize=7, color=MUTED)
    ax.set_title(metric_label(metric), fontsize=8.5, color=INK, loc="left")
    if ax.lines:
        ax.legend(fontsize=6.5, frameon=False, loc="best")
    fig.tight_layout()
    return _png(fig)


def view_names(views: tuple[str, ...]) -> str:
    """ "front view, back view" for a line of text."""
    return ", ".join(VIEW_NAMES.get(v, v) for v in views)


def compensation_label(comparison: ViewComparison) -> str:
    """What the stills of a view show, in words."""
    if comparison.compensation is None:
        return "No compensation seen in this view in either screen"
    return compensation_name(comparison.compensation)
