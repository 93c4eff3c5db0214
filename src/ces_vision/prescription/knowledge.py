"""The corrective knowledge base: compensation -> muscles (per NASM edition) and exercises.

Both live in data files next to this module, each row with its source:
`data/muscles.toml` (CPT 4th ed. table 7.6, CPT 7th ed. table 12-5, marked common
teaching where no primary source was to hand) and `data/exercises.toml`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

EDITIONS: tuple[str, ...] = ("4th", "7th")
DEFAULT_EDITION = "7th"
STEPS: tuple[str, ...] = ("inhibit", "lengthen", "activate", "integrate")


@dataclass(frozen=True, slots=True)
class MuscleRef:
    """A muscle id; `side` is "shift" / "opposite" for an asymmetric weight shift, else None."""

    muscle: str
    side: str | None = None


@dataclass(frozen=True, slots=True)
class MuscleRow:
    compensation: str
    edition: str
    overactive: tuple[MuscleRef, ...]
    underactive: tuple[MuscleRef, ...]
    source: str


@dataclass(frozen=True, slots=True)
class MuscleLookup:
    """The row used for a compensation; `note` says when it is not the edition asked for."""

    compensation: str
    edition_requested: str
    row: MuscleRow | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    step: str
    targets: tuple[str, ...]
    description: str
    equipment: tuple[str, ...]
    dosage: dict[str, Any]
    minutes: float
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    source: str
    compensations: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "step": self.step,
            "targets": list(self.targets),
            "compensations": list(self.compensations),
            "description": self.description,
            "equipment": list(self.equipment),
            "dosage": dict(self.dosage),
            "minutes": self.minutes,
            "regressions": list(self.regressions),
            "progressions": list(self.progressions),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    muscle_names: dict[str, str]
    rows: tuple[MuscleRow, ...]
    exercises: dict[str, Exercise]
    aliases: dict[str, tuple[str, str]]  # screening id -> (compensation, source)

    def muscles_for(self, compensation: str, edition: str = DEFAULT_EDITION) -> MuscleLookup:
        """The muscles of `compensation` in `edition`; the 4th-edition row when the 7th lists none."""
        if edition not in EDITIONS:
            raise ValueError(f"unknown edition {edition!r}; expected one of {EDITIONS}")
        alias_note = None
        if compensation in self.aliases:
            target, source = self.aliases[compensation]
            alias_note = f"{_label(compensation)} uses the muscles of {_label(target)} ({source})"
            compensation_row = target
        else:
            compensation_row = compensation
        rows = {r.edition: r for r in self.rows if r.compensation == compensation_row}
        if edition in rows:
            return MuscleLookup(compensation, edition, rows[edition], alias_note)
        for other in EDITIONS:
            if other in rows:
                note = (
                    f"NASM CPT {edition} edition lists no muscles for {_label(compensation_row)}; "
                    f"using the {other} edition row"
                )
                return MuscleLookup(compensation, edition, rows[other], "; ".join(filter(None, [alias_note, note])))
        return MuscleLookup(
            compensation, edition, None, f"NASM lists no muscles for {_label(compensation)}: integration work only"
        )

    def by_step(self, step: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises.values() if e.step == step)

    def muscle_name(self, muscle: str) -> str:
        return self.muscle_names.get(muscle, muscle.replace("_", " "))


def _label(compensation: str) -> str:
    return compensation.replace("_", " ")


def _data(name: str) -> dict[str, Any]:
    text = resources.files("ces_vision.prescription").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _refs(items: list[Any]) -> tuple[MuscleRef, ...]:
    return tuple(MuscleRef(i) if isinstance(i, str) else MuscleRef(i["muscle"], i.get("side")) for i in items)


def dosage_text(dosage: dict) -> str:
    """`{reps: 12, sets: 2, tempo: "4-2-1", per_side: true}` -> "2 x 12 reps, tempo 4-2-1, each side"."""
    parts = []
    sets = dosage.get("sets")
    if "reps" in dosage:
        parts.append(f"{sets} x {dosage['reps']} reps" if sets else f"{dosage['reps']} reps")
    elif "hold_s" in dosage:
        parts.append(f"hold {dosage['hold_s']} s" + (f", {sets} set{'s' if sets != 1 else ''}" if sets else ""))
    if dosage.get("tempo"):
        parts.append(f"tempo {dosage['tempo']}")
    if dosage.get("per_side"):
        parts.append("each side")
    known = {"reps", "sets", "hold_s", "tempo", "per_side"}
    parts += [f"{k.replace('_', ' ')} {v}" for k, v in dosage.items() if k not in known]
    return ", ".join(parts)


@lru_cache(maxsize=1)
def load_knowledge_base() -> KnowledgeBase:
    """The knowledge base of the packaged data files (read once)."""
    muscles = _data("muscles.toml")
    rows = tuple(
        MuscleRow(r["compensation"], r["edition"], _refs(r["overactive"]), _refs(r["underactive"]), r["source"])
        for r in muscles["row"]
    )
    exercises = {}
    for e in _data("exercises.toml")["exercise"]:
        exercises[e["id"]] = Exercise(
            id=e["id"],
            name=e["name"],
            step=e["step"],
            targets=tuple(e["targets"]),
            description=e["description"],
            equipment=tuple(e["equipment"]),
            dosage=dict(e["dosage"]),
            minutes=float(e["minutes"]),
            regressions=tuple(e["regressions"]),
            progressions=tuple(e["progressions"]),
            source=e["source"],
            compensations=tuple(e.get("compensations", ())),
        )
    aliases = {k: (v["compensation"], v["source"]) for k, v in muscles.get("aliases", {}).items()}
    return KnowledgeBase(dict(muscles["muscles"]), rows, exercises, aliases)
