"""Build one corrective warm-up from a screen's findings, and the coach's edits on top.

Building (`build_program`):

1. Each finding's priority = confidence * share of reps that showed it *
   (1 + how far past the threshold, relative to the threshold, capped at 1).
2. Targets are merged across findings: an overactive muscle (inhibit, lengthen), an
   underactive muscle (activate) or a compensation (integrate) needed by several
   findings appears once. Each finding spreads its priority over its muscles in each
   step (a row of 4 overactive muscles gives each a quarter), so every step weighs a
   finding the same; a target's weight is the sum over the findings that need it.
3. Each step picks exercises greedily, the one covering the most still-uncovered weight
   first (fewer minutes on a tie), so one exercise serves every finding that needs it.
4. Time budget: first every step gets an equal share of `total_minutes` (at most
   `phase_max_minutes`), so no step is starved; the time left then goes, one exercise
   at a time and up to `phase_max_minutes` per step, to the exercise (any step) that
   serves the most finding priority per minute. Targets that did not fit are listed in
   `left_out`; `left_out_notes` says in the coach's words what was left out and why.
5. Order: inhibit -> lengthen -> activate -> integrate. When the screen shows a movement
   pattern (`screening.patterns_of`), `group_by_pattern` lists the exercises under the
   pattern whose findings they serve, in that order within each group.

The coach's changes never overwrite the computation: `Program(computed, edits)` keeps
them apart, and `effective()` applies the edits in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from ..screening import CheckpointResult, PatternMatch, compensation_name
from .knowledge import DEFAULT_EDITION, STEPS, Exercise, KnowledgeBase, load_knowledge_base


@dataclass(frozen=True, slots=True)
class Budget:
    total_minutes: float = 20.0  # docs/DOMAIN.md: a corrective warm-up of ~15-20 min
    phase_max_minutes: float = 7.0  # docs/DOMAIN.md: 5-10 min per step


@dataclass(frozen=True, slots=True)
class ProgramItem:
    exercise: Exercise
    dosage: dict
    minutes: float
    for_compensations: tuple[str, ...]
    covers: tuple[str, ...]  # muscle ids (compensation ids for integrate) it was chosen for
    priority: float
    note: str = ""
    origin: str = "computed"  # "computed" | "coach"

    @property
    def step(self) -> str:
        return self.exercise.step

    def to_dict(self) -> dict:
        data = self.exercise.to_dict()
        data.update(
            {
                "dosage": dict(self.dosage),
                "minutes": self.minutes,
                "for_compensations": list(self.for_compensations),
                "covers": list(self.covers),
                "priority": round(self.priority, 3),
                "note": self.note,
                "origin": self.origin,
            }
        )
        return data


@dataclass(frozen=True, slots=True)
class CycleBlock:
    first_week: int
    last_week: int
    corrective_volume: float  # share of the week-1 corrective warm-up
    focus: str

    def to_dict(self) -> dict:
        return {
            "first_week": self.first_week,
            "last_week": self.last_week,
            "corrective_volume": self.corrective_volume,
            "focus": self.focus,
        }


@dataclass(frozen=True, slots=True)
class CyclePlan:
    weeks: int
    rescreen_weeks: tuple[int, ...]
    blocks: tuple[CycleBlock, ...]

    def to_dict(self) -> dict:
        return {
            "weeks": self.weeks,
            "rescreen_weeks": list(self.rescreen_weeks),
            "blocks": [b.to_dict() for b in self.blocks],
        }


def plan_cycle(weeks: int = 12) -> CyclePlan:
    """A 12-16 week corrective cycle: full volume, re-screen at weeks 6 and 12, tapering.

    The volume after a re-screen is planned here; the program itself is rebuilt from the
    re-screen's findings, so exercises for compensations no longer seen drop out.
    """
    if not 12 <= weeks <= 16:
        raise ValueError("a corrective cycle lasts 12 to 16 weeks")
    blocks = [
        CycleBlock(1, 5, 1.0, "full corrective warm-up before every training session"),
        CycleBlock(6, 6, 1.0, "re-screen (film the overhead squat again) and rebuild the program from it"),
        CycleBlock(7, 11, 0.75, "rebuilt program: compensations no longer seen drop out; progress the exercises"),
        CycleBlock(12, 12, 0.75, "re-screen and compare the screen score with weeks 1 and 6"),
    ]
    if weeks > 12:
        blocks.append(CycleBlock(13, weeks, 0.5, "maintenance: integration work for what remains"))
    return CyclePlan(weeks, (6, 12), tuple(blocks))


@dataclass(frozen=True, slots=True)
class ComputedProgram:
    items: tuple[ProgramItem, ...]
    edition: str
    budget: Budget
    left_out: tuple[str, ...]  # "step: target" that no exercise fitted the time budget for
    notes: tuple[str, ...]  # edition fallbacks, compensations with no muscle row
    cycle: CyclePlan

    def to_dict(self) -> dict:
        return {
            "items": [i.to_dict() for i in self.items],
            "edition": self.edition,
            "budget": {"total_minutes": self.budget.total_minutes, "phase_max_minutes": self.budget.phase_max_minutes},
            "left_out": list(self.left_out),
            "notes": list(self.notes),
            "cycle": self.cycle.to_dict(),
        }


def left_out_notes(computed: ComputedProgram, kb: KnowledgeBase | None = None) -> tuple[str, ...]:
    """What the program leaves out and why, in the coach's words (one sentence per reason)."""
    kb = kb or load_knowledge_base()
    skipped: dict[str, list[str]] = {}  # step -> exercises no time was left for
    unserved: list[str] = []
    for entry in computed.left_out:
        step, key = entry.split(": ", 1)
        fitting = sorted((e for e in kb.by_step(step) if key in _covers(e)), key=lambda e: (e.minutes, e.id))
        if fitting:
            names = skipped.setdefault(step, [])
            if fitting[0].name not in names:
                names.append(fitting[0].name)
        else:
            unserved.append(f"{compensation_name(key) if step == 'integrate' else kb.muscle_name(key)} ({step})")
    notes = []
    if skipped:
        budget = computed.budget
        notes.append(
            f"Left out to keep the session within {budget.total_minutes:g} minutes "
            f"(at most {budget.phase_max_minutes:g} per step): "
            + "; ".join(f"{step} — {', '.join(names)}" for step, names in skipped.items())
            + ". Add or swap them in if there is time."
        )
    if unserved:
        notes.append("No exercise in the library for: " + "; ".join(unserved) + ".")
    return tuple(notes)


# ---------------------------------------------------------------- coach edits ---
@dataclass(frozen=True, slots=True)
class RemoveExercise:
    exercise_id: str
    note: str = ""

    def apply(self, items: list[ProgramItem], kb: KnowledgeBase) -> list[ProgramItem]:
        return [i for i in items if i.exercise.id != self.exercise_id]

    def to_dict(self) -> dict:
        return {"edit": "remove", "exercise_id": self.exercise_id, "note": self.note}


@dataclass(frozen=True, slots=True)
class SwapExercise:
    exercise_id: str
    replacement_id: str
    note: str = ""

    def apply(self, items: list[ProgramItem], kb: KnowledgeBase) -> list[ProgramItem]:
        new = kb.exercises[self.replacement_id]
        return [
            replace(i, exercise=new, dosage=dict(new.dosage), minutes=new.minutes, origin="coach", note=self.note)
            if i.exercise.id == self.exercise_id
            else i
            for i in items
        ]

    def to_dict(self) -> dict:
        return {
            "edit": "swap",
            "exercise_id": self.exercise_id,
            "replacement_id": self.replacement_id,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class ChangeDosage:
    exercise_id: str
    dosage: dict
    minutes: float | None = None
    note: str = ""

    def apply(self, items: list[ProgramItem], kb: KnowledgeBase) -> list[ProgramItem]:
        return [
            replace(
                i,
                dosage={**i.dosage, **self.dosage},
                minutes=self.minutes if self.minutes is not None else i.minutes,
                origin="coach",
                note=self.note or i.note,
            )
            if i.exercise.id == self.exercise_id
            else i
            for i in items
        ]

    def to_dict(self) -> dict:
        return {
            "edit": "dosage",
            "exercise_id": self.exercise_id,
            "dosage": dict(self.dosage),
            "minutes": self.minutes,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class AddExercise:
    """Add a library exercise (by id) or the coach's own `Exercise`."""

    exercise: str | Exercise
    note: str = ""

    def apply(self, items: list[ProgramItem], kb: KnowledgeBase) -> list[ProgramItem]:
        ex = kb.exercises[self.exercise] if isinstance(self.exercise, str) else self.exercise
        return items + [ProgramItem(ex, dict(ex.dosage), ex.minutes, (), (), 0.0, self.note, "coach")]

    def to_dict(self) -> dict:
        ex = self.exercise if isinstance(self.exercise, str) else self.exercise.to_dict()
        return {"edit": "add", "exercise": ex, "note": self.note}


Edit = RemoveExercise | SwapExercise | ChangeDosage | AddExercise


@dataclass(frozen=True, slots=True)
class Program:
    """What was computed, and the coach's edits kept apart from it."""

    computed: ComputedProgram
    edits: tuple[Edit, ...] = field(default=())

    def with_edits(self, *edits: Edit) -> Program:
        return replace(self, edits=self.edits + tuple(edits))

    def effective(self, kb: KnowledgeBase | None = None) -> tuple[ProgramItem, ...]:
        """The program the client does: computed items with every edit applied, in step order."""
        kb = kb or load_knowledge_base()
        items = list(self.computed.items)
        for edit in self.edits:
            items = edit.apply(items, kb)
        return tuple(sorted(items, key=lambda i: STEPS.index(i.step)))

    def minutes(self) -> float:
        return round(sum(i.minutes for i in self.effective()), 2)

    def prescription_json(self) -> dict[str, list[dict]]:
        """The analysis-JSON `prescription` field: effective exercises by step."""
        effective = self.effective()
        return {step: [i.to_dict() for i in effective if i.step == step] for step in STEPS}

    def to_dict(self) -> dict:
        return {
            "computed": self.computed.to_dict(),
            "edits": [e.to_dict() for e in self.edits],
            "effective_minutes": self.minutes(),
        }


# ---------------------------------------------------------------- grouping ---
Item = TypeVar("Item", "ProgramItem", dict)


def group_by_pattern(
    items: Sequence[Item], patterns: Sequence[PatternMatch]
) -> tuple[tuple[PatternMatch | None, tuple[Item, ...]], ...]:
    """The program's exercises (`ProgramItem`s or exercise dicts) grouped under the first
    pattern whose seen findings they serve, then the rest (None), each group in step order.

    Without a pattern, one group (None) of every item; empty groups are left out.
    """
    groups: dict[int, list[Item]] = {}
    for item in items:
        serves = set((item.get("for_compensations") if isinstance(item, dict) else item.for_compensations) or ())
        home = next((n for n, p in enumerate(patterns) if serves & set(p.supporting)), len(patterns))
        groups.setdefault(home, []).append(item)

    def step_of(item) -> int:
        step = item.get("step") if isinstance(item, dict) else item.step
        return STEPS.index(step) if step in STEPS else len(STEPS)

    return tuple(
        (patterns[n] if n < len(patterns) else None, tuple(sorted(groups[n], key=step_of))) for n in sorted(groups)
    )


# ---------------------------------------------------------------- building ---
def finding_priority(finding: CheckpointResult) -> float:
    """confidence * share of reps flagged * (1 + relative excess over the threshold, <= 1)."""
    share = finding.reps_flagged / finding.reps_total if finding.reps_total else 0.0
    excess = 0.0
    if finding.value is not None and finding.threshold:
        excess = min(1.0, abs(finding.value - finding.threshold) / abs(finding.threshold))
    return finding.confidence * share * (1.0 + excess)


@dataclass(slots=True)
class _Need:
    weight: float = 0.0
    compensations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build_program(
    findings: Sequence[CheckpointResult],
    edition: str = DEFAULT_EDITION,
    budget: Budget | None = None,
    kb: KnowledgeBase | None = None,
    cycle_weeks: int = 12,
) -> Program:
    """One corrective warm-up for the seen findings (see the module docstring)."""
    kb = kb or load_knowledge_base()
    budget = budget or Budget()
    needs: dict[str, dict[str, _Need]] = {step: {} for step in STEPS}
    notes: list[str] = []
    for finding in (f for f in findings if f.seen):
        priority = max(finding_priority(finding), 1e-6)
        comp = finding.compensation
        lookup = kb.muscles_for(comp, edition)
        if lookup.note:
            notes.append(lookup.note)
        if lookup.row is not None:
            for step, refs in (
                ("inhibit", lookup.row.overactive),
                ("lengthen", lookup.row.overactive),
                ("activate", lookup.row.underactive),
            ):
                for ref in refs:
                    need = needs[step].setdefault(ref.muscle, _Need())
                    _add(need, comp, priority / len(refs), _side_note(ref.side, finding))
        _add(needs["integrate"].setdefault(comp, _Need()), comp, priority, None)

    chosen: dict[str, list[ProgramItem]] = {step: [] for step in STEPS}
    covered: dict[str, set[str]] = {step: set() for step in STEPS}
    used = {step: 0.0 for step in STEPS}
    active = [s for s in STEPS if needs[s]]
    remaining = budget.total_minutes
    if active:
        share = min(budget.phase_max_minutes, budget.total_minutes / len(active))
        for step in active:  # an equal share each, so no step is starved
            while pick := _best(step, needs[step], kb, share - used[step], remaining, chosen[step], covered[step]):
                remaining -= _take(pick, step, needs[step], kb, chosen[step], covered[step], used)
        while True:  # the time left: the most finding priority served per minute, any step
            picks = [
                (p[0] / p[1].minutes, step, p)
                for step in active
                if (
                    p := _best(
                        step,
                        needs[step],
                        kb,
                        budget.phase_max_minutes - used[step],
                        remaining,
                        chosen[step],
                        covered[step],
                    )
                )
            ]
            if not picks:
                break
            _, step, pick = max(picks, key=lambda x: (x[0], -STEPS.index(x[1])))
            remaining -= _take(pick, step, needs[step], kb, chosen[step], covered[step], used)
    left_out = tuple(f"{step}: {key}" for step in STEPS for key in needs[step] if key not in covered[step])
    items = tuple(item for step in STEPS for item in chosen[step])
    computed = ComputedProgram(items, edition, budget, left_out, tuple(dict.fromkeys(notes)), plan_cycle(cycle_weeks))
    return Program(computed)


def _add(need: _Need, compensation: str, priority: float, note: str | None) -> None:
    need.weight += priority
    if compensation not in need.compensations:
        need.compensations.append(compensation)
    if note and note not in need.notes:
        need.notes.append(note)


def _side_note(ref_side: str | None, finding: CheckpointResult) -> str | None:
    """Which body side a weight-shift muscle is on, in the subject's terms."""
    if ref_side is None:
        return None
    label = finding.compensation.replace("_", " ")
    if finding.side not in ("left", "right"):
        return f"{ref_side} side for {label}"
    other = "right" if finding.side == "left" else "left"
    return f"{finding.side if ref_side == 'shift' else other} side for {label}"


def _covers(exercise: Exercise) -> tuple[str, ...]:
    return exercise.compensations if exercise.step == "integrate" else exercise.targets


def _best(
    step: str,
    needs: dict[str, _Need],
    kb: KnowledgeBase,
    step_left: float,
    total_left: float,
    chosen: list[ProgramItem],
    covered: set[str],
) -> tuple[float, Exercise, list[str]] | None:
    """The exercise of `step` covering the most uncovered need weight that fits the time
    left (fewer minutes, then id, on a tie): (gain, exercise, newly covered keys)."""
    taken = {i.exercise.id for i in chosen}
    best = None
    for ex in kb.by_step(step):
        if ex.id in taken or ex.minutes > min(step_left, total_left) + 1e-9:
            continue
        new = [k for k in _covers(ex) if k in needs and k not in covered]
        gain = sum(needs[k].weight for k in new)
        if gain > 0 and (best is None or (gain, -ex.minutes, ex.id) > (best[0], -best[1].minutes, best[1].id)):
            best = (gain, ex, new)
    return best


def _take(
    pick,
    step: str,
    needs: dict[str, _Need],
    kb: KnowledgeBase,
    chosen: list[ProgramItem],
    covered: set[str],
    used: dict[str, float],
) -> float:
    _, ex, new = pick
    covered.update(new)
    used[step] += ex.minutes
    chosen.append(_item(ex, new, needs, kb))
    return ex.minutes


def _item(ex: Exercise, keys: Iterable[str], needs: dict[str, _Need], kb: KnowledgeBase) -> ProgramItem:
    keys = tuple(keys)
    compensations = tuple(dict.fromkeys(c for k in keys for c in needs[k].compensations))
    side_notes = [f"{kb.muscle_name(k)}: {', '.join(needs[k].notes)}" for k in keys if needs[k].notes]
    note = "; ".join(side_notes)
    return ProgramItem(
        ex, dict(ex.dosage), ex.minutes, compensations, keys, round(sum(needs[k].weight for k in keys), 6), note
    )
