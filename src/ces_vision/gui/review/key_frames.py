"""The frame that best shows each flagged compensation of a clip (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...screening import compensation_name
from ...screening.key_rep import key_rep

if TYPE_CHECKING:
    from ...session import Analysis
    from ...session.screen_record import StoredAnalysis


@dataclass(frozen=True, slots=True)
class KeyFrame:
    """A flagged compensation and the frame that shows it best."""

    label: str
    frame: int
    compensation: str


def key_frames(analysis: Analysis | StoredAnalysis | None) -> list[KeyFrame]:
    """One key frame per compensation seen in the clip's screen.

    The rep the reports' stills show too (`screening.key_rep`), and in it the frame where
    the rule's metric is most extreme (on the flagged side); the rep's bottom as fallback.
    """
    if analysis is None or analysis.kinematics is None:  # no clip, or one stored without its pose
        return []
    screen, kin = analysis.screen, analysis.kinematics
    found = []
    for line in screen.findings:
        index = key_rep(line.evidence, len(kin.reps))
        worst = None if index is None else next((e for e in line.evidence if e.rep == index + 1 and e.flagged), None)
        if index is None or worst is None:
            continue
        above = line.threshold is None or line.value is None or line.value >= line.threshold
        frame = _extreme_frame(kin, line, kin.reps[index], worst.sides, above)
        side = f" ({line.side})" if line.side in ("left", "right") else ""
        label = f"{compensation_name(line.compensation)}{side}, rep {worst.rep}"
        found.append(KeyFrame(label, frame, line.compensation))
    return found


def _extreme_frame(kin, line, rep, sides, above: bool) -> int:
    series = kin.series.get(line.metric) if line.metric else None
    if series is None:
        return rep.bottom
    if series.spec.bilateral and sides:
        stacked = np.vstack([np.asarray(getattr(series, s), dtype=float) for s in sides if s in ("left", "right")])
        values = np.fmax.reduce(stacked) if above else np.fmin.reduce(stacked)  # NaN-ignoring
    else:
        values = np.asarray(series.value, dtype=float)
    window = np.asarray(values[rep.start : rep.end + 1], dtype=float)
    if not np.any(np.isfinite(window)):
        return rep.bottom
    if series.spec.rep_summary == "absmax":
        window = np.abs(window)
    offset = int(np.nanargmax(window) if above else np.nanargmin(window))
    return rep.start + offset
