"""Movement patterns read from several findings together, as data (`patterns.toml`).

A coach reads findings together: feet turning out with knees moving in is "a movement
pattern consistent with pronation distortion". The tool says exactly that, with the
findings that support it and those that are missing, and never names a cause.

Patterns are judged on the screen's effective statuses (the coach's overrides applied,
`status.effective_status`), one status per checkpoint merged across views as the screen
summary merges them (seen beats not seen beats not assessable beats not filmed). Lines
of a modified-OHSA variant clip do not count: a variant is a differential test, not the
client's movement.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..types import STANDARD_VARIANT
from .engine import CheckpointResult
from .rules import compensation_name
from .status import STATUS_NAMES, STATUS_RANK
from .summary import merge_status

# How a missing finding reads; "not_assessed": no assessment of the screen checks it.
MISSING_WORDS: dict[str, str] = {**{k: v.lower() for k, v in STATUS_NAMES.items()}, "not_assessed": "not assessed"}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern of `patterns.toml`: every `required` group needs a finding seen."""

    id: str
    name: str
    required: tuple[tuple[str, ...], ...]
    supporting: tuple[str, ...]
    source: str

    @property
    def compensations(self) -> tuple[str, ...]:
        """Every checkpoint the pattern reads, in data order."""
        return tuple(dict.fromkeys([c for group in self.required for c in group] + list(self.supporting)))


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """A pattern present in a screen: the findings seen for it and those missing (id, status)."""

    pattern: Pattern
    supporting: tuple[str, ...]
    missing: tuple[tuple[str, str], ...]

    @property
    def statement(self) -> str:
        return f"A movement pattern consistent with {self.pattern.name}"

    def text(self) -> str:
        """The statement with its evidence, in plain words (no ids)."""
        seen = ", ".join(compensation_name(c).lower() for c in self.supporting)
        out = f"{self.statement}: {seen}."
        if self.missing:
            missing = ", ".join(f"{compensation_name(c).lower()} ({MISSING_WORDS[s]})" for c, s in self.missing)
            out += f" Missing: {missing}."
        return out

    def to_dict(self) -> dict:
        return {
            "pattern": self.pattern.id,
            "name": self.pattern.name,
            "statement": self.statement,
            "supporting": list(self.supporting),
            "missing": [{"compensation": c, "status": s} for c, s in self.missing],
            "source": self.pattern.source,
        }


@lru_cache(maxsize=1)
def load_patterns() -> tuple[Pattern, ...]:
    """The patterns of the packaged data file (read once)."""
    text = resources.files("ces_vision.screening").joinpath("patterns.toml").read_text(encoding="utf-8")
    return tuple(
        Pattern(p["id"], p["name"], tuple(tuple(g) for g in p["required"]), tuple(p.get("supporting", ())), p["source"])
        for p in tomllib.loads(text)["pattern"]
    )


def screen_statuses(lines: Iterable[CheckpointResult | Mapping[str, Any]]) -> dict[str, str]:
    """Checkpoint id -> one status across the screen's lines (`CheckpointResult`s or checklist
    dicts, already the effective statuses); variant clips' lines are left out."""
    by_compensation: dict[str, list] = {}
    for line in lines:
        if isinstance(line, Mapping):
            variant, comp, status = line.get("variant", STANDARD_VARIANT), line.get("compensation"), line.get("status")
        else:
            variant, comp, status = line.variant, line.compensation, line.status
        if variant != STANDARD_VARIANT or not comp:
            continue
        if status in STATUS_RANK:
            by_compensation.setdefault(comp, []).append(line)
    merged = {comp: merge_status(group) for comp, group in by_compensation.items()}
    return {comp: line["status"] if isinstance(line, Mapping) else line.status for comp, line in merged.items()}


def find_patterns(statuses: Mapping[str, str], patterns: tuple[Pattern, ...] | None = None) -> tuple[PatternMatch, ...]:
    """The patterns present given checkpoint id -> effective status (`screen_statuses`)."""
    found = []
    for pattern in patterns if patterns is not None else load_patterns():
        if not all(any(statuses.get(c) == "seen" for c in group) for group in pattern.required):
            continue
        reads = pattern.compensations
        found.append(
            PatternMatch(
                pattern,
                tuple(c for c in reads if statuses.get(c) == "seen"),
                tuple((c, statuses.get(c, "not_assessed")) for c in reads if statuses.get(c) != "seen"),
            )
        )
    return tuple(found)


def patterns_of(lines: Iterable[CheckpointResult | Mapping[str, Any]]) -> tuple[PatternMatch, ...]:
    """The patterns present in a screen's effective checklist lines."""
    return find_patterns(screen_statuses(lines))
