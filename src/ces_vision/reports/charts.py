"""Charts for the reports, drawn with matplotlib's Agg backend (no display needed).

Each function returns PNG bytes. Figures are built with the object API, never pyplot,
so nothing touches global state or a GUI backend.
"""

from __future__ import annotations

import io
from datetime import date

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

INK = "#1f2933"
MUTED = "#7b8794"
ACCENT = "#1f6feb"
LEFT = "#009eff"
RIGHT = "#ff8c00"
THRESHOLD = "#d64545"
REP_SHADE = "#eef2f7"
FLAG_SHADE = "#fde8e8"


def _figure(width_in: float, height_in: float) -> Figure:
    fig = Figure(figsize=(width_in, height_in), dpi=200)
    FigureCanvasAgg(fig)
    return fig


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#cbd2d9")
    ax.tick_params(colors=MUTED, labelsize=7, length=2)
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    ax.set_axisbelow(True)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def metric_chart(
    times_s: np.ndarray,
    left: np.ndarray | None,
    right: np.ndarray | None,
    value: np.ndarray | None,
    *,
    title: str,
    unit_label: str,
    threshold: float | None = None,
    reps: list[tuple[float, float]] = (),
    flagged: set[int] = frozenset(),
    width_in: float = 3.4,
    height_in: float = 1.9,
) -> bytes:
    """A quantity over time (per side when bilateral), reps shaded, flagged reps in red, threshold dashed."""
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    for i, (start, end) in enumerate(reps):
        ax.axvspan(start, end, color=FLAG_SHADE if i in flagged else REP_SHADE, linewidth=0)
    plotted = False
    for series, colour, label in ((left, LEFT, "Left"), (right, RIGHT, "Right")):
        if series is not None and np.any(np.isfinite(series)):
            ax.plot(times_s, series, color=colour, linewidth=1.2, label=label)
            plotted = True
    if not plotted and value is not None:
        ax.plot(times_s, value, color=ACCENT, linewidth=1.2)
    if threshold is not None:
        ax.axhline(threshold, color=THRESHOLD, linewidth=0.9, linestyle=(0, (4, 3)), label="Threshold")
    ax.set_title(title, fontsize=8.5, color=INK, loc="left", pad=4)
    ax.set_xlabel("time (s)", fontsize=7, color=MUTED)
    ax.set_ylabel(unit_label, fontsize=7, color=MUTED)
    if plotted or threshold is not None:
        ax.legend(fontsize=6.5, frameon=False, loc="lower right", bbox_to_anchor=(1.0, 0.98), ncols=3,
                  borderaxespad=0, handlelength=1.6)
    return _png(fig)


def per_rep_chart(
    values: list[float | None], *, title: str, unit_label: str, threshold: float | None = None,
    width_in: float = 3.4, height_in: float = 1.9,
) -> bytes:
    """A per-rep value as points joined by a line (when only the analysis JSON is at hand)."""
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    reps = np.arange(1, len(values) + 1)
    data = np.array([np.nan if v is None else v for v in values], dtype=float)
    ax.plot(reps, data, color=ACCENT, marker="o", markersize=3.5, linewidth=1.2)
    if threshold is not None:
        ax.axhline(threshold, color=THRESHOLD, linewidth=0.9, linestyle=(0, (4, 3)), label="Threshold")
        ax.legend(fontsize=6.5, frameon=False, loc="lower right", bbox_to_anchor=(1.0, 0.98), borderaxespad=0)
    ax.set_xticks(reps)
    ax.set_title(title, fontsize=8.5, color=INK, loc="left", pad=4)
    ax.set_xlabel("rep", fontsize=7, color=MUTED)
    ax.set_ylabel(unit_label, fontsize=7, color=MUTED)
    return _png(fig)


def score_history_chart(points: list[tuple[date, float]], width_in: float = 6.8, height_in: float = 1.9) -> bytes:
    """Screen score over the client's screens, oldest first."""
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    days = [d for d, _ in points]
    scores = [s for _, s in points]
    ax.plot(days, scores, color=ACCENT, marker="o", markersize=4, linewidth=1.5)
    for d, s in points:
        ax.annotate(f"{s:.0f}", (d, s), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7, color=INK)
    ax.set_xticks(days)
    ax.set_xticklabels([d.strftime("%d %b %Y") for d in days])
    low, high = min(scores), max(scores)
    ax.set_ylim(max(0.0, low - 10), high + 12)
    return _png(fig)
