"""Corrective prescription: knowledge base (data files with sources) -> program.

Imports neither cv2, mediapipe nor Qt (import-linter enforces it). Depends on
`screening` for its findings.

Public API
----------
build_screen(clips, client_pain=False, edition="7th", budget=None, cycle_weeks=12) -> Screen
    One client, one date, several `screening.ClipScreen`s. Screen: .checklist, .score,
    .findings, .not_assessable, .differential, .program, .referral (text when pain was
    recorded, else None), .with_program(edited), .to_json() (schema_version 1; includes
    the analysis-JSON "findings", "not_assessable" and "prescription" fields, and
    "patterns" of the computed checklist: readers holding the coach's overrides judge
    them again, as `reports.ReportInput.patterns` does).
build_program(findings, edition="7th", budget=None, kb=None, cycle_weeks=12) -> Program
    Program(computed=ComputedProgram, edits=(...)): .with_edits(*edits), .effective(),
    .prescription_json() ({"inhibit": [...], "lengthen": [...], "activate": [...],
    "integrate": [...]}, each item an exercise dict with name, targets, dosage, minutes...),
    .to_dict(). Edits: RemoveExercise, SwapExercise, ChangeDosage, AddExercise.
group_by_pattern(items, patterns) -> ((PatternMatch | None, items), ...): the program's
    exercises under the movement pattern they serve, step order kept within each group.
left_out_notes(computed, kb=None) -> tuple[str, ...]: what the time budget left out, and
    why, in the coach's words.
Budget(total_minutes=20, phase_max_minutes=7); plan_cycle(weeks=12) -> CyclePlan.
load_knowledge_base() -> KnowledgeBase: .muscles_for(compensation, edition) (falls back
    to the 4th edition when the 7th lists nothing, and says so), .exercises, .by_step().
diagnosis_words_in(text) -> list[str]: scope check for generated text.
dosage_text(dosage) -> str: an exercise's dosage in words ("hold 30 s, 1 set, each side").
"""

from .knowledge import (
    DEFAULT_EDITION,
    EDITIONS,
    STEPS,
    Exercise,
    KnowledgeBase,
    MuscleLookup,
    MuscleRef,
    MuscleRow,
    dosage_text,
    load_knowledge_base,
)
from .program import (
    AddExercise,
    Budget,
    ChangeDosage,
    ComputedProgram,
    CycleBlock,
    CyclePlan,
    Program,
    ProgramItem,
    RemoveExercise,
    SwapExercise,
    build_program,
    finding_priority,
    group_by_pattern,
    left_out_notes,
    plan_cycle,
)
from .screen import (
    DIAGNOSIS_WORDS,
    REFERRAL_TEXT,
    SCHEMA_VERSION,
    SCOPE_STATEMENT,
    Screen,
    build_screen,
    diagnosis_words_in,
)

__all__ = [
    "DEFAULT_EDITION",
    "DIAGNOSIS_WORDS",
    "EDITIONS",
    "REFERRAL_TEXT",
    "SCOPE_STATEMENT",
    "SCHEMA_VERSION",
    "STEPS",
    "AddExercise",
    "Budget",
    "ChangeDosage",
    "ComputedProgram",
    "CycleBlock",
    "CyclePlan",
    "Exercise",
    "dosage_text",
    "KnowledgeBase",
    "MuscleLookup",
    "MuscleRef",
    "MuscleRow",
    "Program",
    "ProgramItem",
    "RemoveExercise",
    "Screen",
    "SwapExercise",
    "build_program",
    "build_screen",
    "diagnosis_words_in",
    "finding_priority",
    "group_by_pattern",
    "left_out_notes",
    "load_knowledge_base",
    "plan_cycle",
]
