"""Which rep best shows a checklist line: one choice for the app's key frames and the reports' stills."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .engine import RepEvidence


def key_rep(evidence: Iterable[RepEvidence | dict], n_reps: int) -> int | None:
    """The 0-based rep that best shows a line, from its per-rep evidence (`RepEvidence` or its dict).

    The flagged rep whose judged value is largest in size (the engine's values are signed
    so that larger is worse; a magnitude rule's sign only says which way); the later rep
    on a tie. With no rep flagged, the judged rep that came closest. None without reps.
    """
    if n_reps <= 0:
        return None
    rows = [_row(e) for e in evidence]
    rows = [(rep, flagged, value) for rep, flagged, value in rows if 0 < rep <= n_reps]
    flagged = sorted(rep - 1 for rep, is_flagged, _ in rows if is_flagged)
    scored = [
        (abs(value), rep - 1) for rep, is_flagged, value in rows if (is_flagged or not flagged) and value is not None
    ]
    if scored:
        return max(scored)[1]
    return flagged[0] if flagged else 0


def _row(evidence: RepEvidence | dict) -> tuple[int, bool, float | None]:
    """(1-based rep, flagged, finite value or None) of one evidence item."""
    if isinstance(evidence, RepEvidence):
        return evidence.rep, evidence.flagged, finite_number(evidence.value)
    return int(evidence.get("rep") or 0), bool(evidence.get("flagged")), finite_number(evidence.get("value"))


def finite_number(value: object) -> float | None:
    """`value` as a float when it is a finite number (not a bool), else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None
