"""The checklist's evidence line of a one-rep clip reads "1 rep"."""

from __future__ import annotations

from dataclasses import replace

from ces_vision.screening import CheckpointResult
from ces_vision.session.screen_state import evidence_text


def test_the_evidence_of_one_rep_reads_one_rep():
    line = CheckpointResult(
        "excessive_forward_lean",
        "ohsa",
        "side",
        "standard",
        "seen",
        value=20.0,
        threshold=10.0,
        unit="deg",
        metric="trunk_shin_diff",
        reps_flagged=1,
        reps_total=1,
        confidence=0.2,
    )
    text = evidence_text(line)
    assert "1 of 1 rep," in text and "confidence 20%" in text
    assert "2 of 3 reps," in evidence_text(replace(line, reps_flagged=2, reps_total=3))
