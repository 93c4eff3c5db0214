"""Charts for the reports, drawn with matplotlib's Agg backend (no display needed).

Each function returns PNG bytes. Figures are built with the object API, never pyplot,
so nothing touches global state or a GUI backend.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..landmarks import LEFT_SIDE_RGB, RIGHT_SIDE_RGB, hex_colour

INK = "#1f2933"
MUTED = "#7b8794"
ACCENT = "#1f6feb"
LEFT = hex_colour(LEFT_SIDE_RGB)
RIGHT = hex_colour(RIGHT_SIDE_RGB)
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


def _png(fig: Figure, tight: bool = True) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight" if tight else None, facecolor="white")
    return buffer.getvalue()


def _fixed_margins(fig: Figure, width_in: float, height_in: float) -> None:
    """The same plot area in every finding chart (in inches), whatever the tick labels,
    legend or side tags: charts stacked in a report then line up."""
    fig.subplots_adjust(
        left=0.55 / width_in, right=1 - 0.42 / width_in, bottom=0.36 / height_in, top=1 - 0.24 / height_in
    )


Line = tuple[float, str | None]  # (y, side): a threshold line on a side's series, or on the value (None)


def _thresholds(ax, lines: list[Line], label: str) -> None:
    """Dashed threshold lines; when the sides have their own lines, each is tagged at its right end."""
    ys = [y for y, _ in lines if np.isfinite(y)]
    for i, y in enumerate(ys):
        ax.axhline(y, color=THRESHOLD, linewidth=0.9, linestyle=(0, (4, 3)), label=label if i == 0 else None)
    sided = [(y, side) for y, side in lines if side in ("left", "right") and np.isfinite(y)]
    if len({round(y, 9) for y, _ in sided}) < 2:
        return
    low, high = ax.get_ylim()
    close = abs(sided[0][0] - sided[1][0]) < 0.08 * (high - low) if len(sided) == 2 else False
    order = sorted(sided, key=lambda item: item[0])
    for rank, (y, side) in enumerate(order):
        nudge = (-3.5 if rank == 0 else 3.5) if close else 0.0
        ax.annotate(
            side,
            xy=(1.0, y),
            xycoords=("axes fraction", "data"),
            xytext=(3, nudge),
            textcoords="offset points",
            fontsize=6,
            va="center",
            ha="left",
            color=LEFT if side == "left" else RIGHT,
        )


def _legend(ax, n_entries: int, has_title: bool) -> None:
    """The legend in one row above the plot (under the title when there is one), never on it."""
    if n_entries == 0:
        return
    ax.legend(
        fontsize=6.5,
        frameon=False,
        ncols=n_entries,
        loc="lower left" if has_title else "lower right",
        bbox_to_anchor=(0.0, 1.01) if has_title else (1.0, 1.01),
        borderaxespad=0,
        handlelength=1.6,
        columnspacing=1.2,
    )


def metric_chart(
    times_s: np.ndarray,
    left: np.ndarray | None,
    right: np.ndarray | None,
    value: np.ndarray | None,
    *,
    title: str = "",
    unit_label: str,
    threshold: float | None = None,
    threshold_lines: Sequence[Line] = (),
    threshold_label: str = "Threshold",
    reps: Sequence[tuple[float, float]] = (),
    flagged: AbstractSet[int] = frozenset(),
    width_in: float = 3.4,
    height_in: float = 1.9,
) -> bytes:
    """A quantity over time (per side when bilateral), reps shaded, flagged reps in red, threshold dashed.

    threshold: one line for the whole chart; threshold_lines: (y, side) lines where the rule
    fires, e.g. per side from the client's standing position (`threshold_lines` module).
    """
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    for i, (start, end) in enumerate(reps):
        ax.axvspan(start, end, color=FLAG_SHADE if i in flagged else REP_SHADE, linewidth=0)
    plotted = 0
    for series, colour, label in ((left, LEFT, "Left"), (right, RIGHT, "Right")):
        if series is not None and np.any(np.isfinite(series)):
            ax.plot(times_s, series, color=colour, linewidth=1.2, label=label)
            plotted += 1
    if not plotted and value is not None:
        ax.plot(times_s, value, color=ACCENT, linewidth=1.2)
    lines = list(threshold_lines) or ([(threshold, None)] if threshold is not None else [])
    _thresholds(ax, lines, threshold_label)
    if title:
        ax.set_title(title, fontsize=8.5, color=INK, loc="left", pad=16 if (plotted or lines) else 4)
    ax.set_xlabel("time (s)", fontsize=7, color=MUTED)
    ax.set_ylabel(unit_label, fontsize=7, color=MUTED)
    ax.margins(x=0.01)
    _legend(ax, plotted + (1 if lines else 0), bool(title))
    if title:
        return _png(fig)
    _fixed_margins(fig, width_in, height_in)
    return _png(fig, tight=False)


def per_rep_chart(
    values: list[float | None],
    *,
    title: str = "",
    unit_label: str,
    threshold: float | None = None,
    threshold_lines: Sequence[Line] = (),
    threshold_label: str = "Threshold",
    width_in: float = 3.4,
    height_in: float = 1.9,
) -> bytes:
    """A per-rep value as points joined by a line (when only the analysis JSON is at hand)."""
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    reps = np.arange(1, len(values) + 1)
    data = np.array([np.nan if v is None else v for v in values], dtype=float)
    ax.plot(reps, data, color=ACCENT, marker="o", markersize=3.5, linewidth=1.2)
    lines = list(threshold_lines) or ([(threshold, None)] if threshold is not None else [])
    _thresholds(ax, lines, threshold_label)
    ax.set_xticks(reps)
    if title:
        ax.set_title(title, fontsize=8.5, color=INK, loc="left", pad=16 if lines else 4)
    ax.set_xlabel("rep", fontsize=7, color=MUTED)
    ax.set_ylabel(unit_label, fontsize=7, color=MUTED)
    _legend(ax, 1 if lines else 0, bool(title))
    if title:
        return _png(fig)
    _fixed_margins(fig, width_in, height_in)
    return _png(fig, tight=False)


def score_history_chart(points: list[tuple[date, float]], width_in: float = 6.8, height_in: float = 1.9) -> bytes:
    """Screen score over the client's screens, oldest first."""
    fig = _figure(width_in, height_in)
    ax = fig.add_subplot()
    _style(ax)
    days = [d for d, _ in points]
    scores = [s for _, s in points]
    # matplotlib converts dates itself (its units registry); its stubs only list numbers
    ax.plot(days, scores, color=ACCENT, marker="o", markersize=4, linewidth=1.5)  # pyright: ignore[reportArgumentType]
    for d, s in points:
        ax.annotate(f"{s:.0f}", (d, s), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7, color=INK)
    ax.set_xticks(days)  # pyright: ignore[reportArgumentType]  # dates, as above
    ax.set_xticklabels([d.strftime("%d %b %Y") for d in days])
    low, high = min(scores), max(scores)
    ax.set_ylim(max(0.0, low - 10), high + 12)
    return _png(fig)
