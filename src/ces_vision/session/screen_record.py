"""The screen being built (in the app, or from an inbox upload) <-> a stored screen. No Qt.

Saved, in one transaction: the screen (results = its `screen.ScreenDocument`: the
screening summary of every clip, the effective program, and each clip's analysis JSON
under ``"views"``), its clips, the
coach's overrides (kept apart from the results), and the program with the coach's edits
(kept apart from the generated plan). Re-opening a stored screen rebuilds each clip's
screening from its analysis JSON, so the checklist and program come back without
re-analysing. Each clip's pose is stored with it (schema v3): re-opened, the review
shows the skeleton, plots and key frames again, the kinematics recomputed from the pose
(milliseconds) and the checklist as it was saved. Clips saved before v3 show the plain
video.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, cast

from ..config import Settings
from ..document_versions import EDITS_KIND, EDITS_VERSION, OVERRIDES_KIND, OVERRIDES_VERSION, upgrade
from ..kinematics import Kinematics, pose_kinematics
from ..prescription import (
    AddExercise,
    ChangeDosage,
    Exercise,
    RemoveExercise,
    SwapExercise,
    build_screen,
)
from ..reports.files import json_safe
from ..reports.frames import FrameData
from ..screening import CheckpointResult, ClipScreen, RepEvidence, stored_line_keys
from ..storage import Clip, NewClip, Program, Screen
from ..types import STANDARD_VARIANT, PoseSequence, VideoInfo, View
from .analysis import Analysis
from .errors import ScreenRecordError
from .screen import NotAScreenDocument, ScreenDocument, app_slot
from .screen_state import SLOTS, SLOTS_BY_KEY, Override, ScreenState, SlotState, slot_of_stored_clip


@dataclass(frozen=True)
class StoredAnalysis:
    """A clip's analysis re-opened from the database: its JSON and screening, and its pose
    and kinematics when the clip was stored with its pose."""

    view: View
    screen: ClipScreen
    data: dict
    warnings: tuple[str, ...] = field(default=())
    pose: PoseSequence | None = None
    kinematics: Kinematics | None = None

    @property
    def source(self) -> VideoInfo:
        src = self.data.get("source") or {}
        return VideoInfo(
            str(src.get("path", "")),
            float(src.get("fps") or 30.0),
            int(src.get("frame_count") or 0),
            int(src.get("width") or 0),
            int(src.get("height") or 0),
            int(src.get("rotation") or 0),
        )

    def to_json(self) -> dict:
        return json_safe(self.data)


def stored_analysis(
    view: View, analysis: dict, pose: PoseSequence | None, settings: Settings, movement: str = "squat"
) -> StoredAnalysis:
    """A stored clip re-opened: the saved checklist, plus kinematics recomputed from its pose
    (movement "push" / "pull" for the pushing and pulling assessments)."""
    kinematics = None
    if pose is not None and pose.n_frames:
        kinematics = pose_kinematics(pose, view, settings.smoothing, settings.reps, movement)
    screen = clip_screen_from_json(analysis)
    return StoredAnalysis(
        view,
        screen,
        analysis,
        tuple(analysis.get("warnings", [])),
        pose if kinematics is not None else None,
        kinematics,
    )


def stored_frames(
    screen: Screen,
    pose_of: Callable[[int], PoseSequence | None],
    settings: Settings,
    estimate: Callable[[Path, View], FrameData] | None = None,
    *,
    video_needed: bool = True,
) -> dict[str, tuple[Path, FrameData]]:
    """view -> (video, FrameData) of a stored screen's standard clips, for the reports' key
    frames: from the pose stored with each clip (`pose_of`: clip id -> pose), its kinematics
    recomputed with `settings`; a clip stored without its pose gets `estimate(video, view)`
    when given, else no frames. The first clip of a view counts. A clip whose video is
    missing has none, unless not `video_needed` (a comparison plots the stored pose alone).
    The app, `report CLIENT_ID` and the re-screen comparison all build them here."""
    frames: dict[str, tuple[Path, FrameData]] = {}
    for clip in screen.clips:
        if clip.variant != STANDARD_VARIANT or clip.view in frames:
            continue
        video = clip.video_path.is_file()
        if not video and video_needed:
            continue
        data = stored_clip_frames(clip, pose_of(clip.id), settings)
        if data is not None:
            frames[clip.view] = (clip.video_path, data)
        elif estimate is not None and video:
            frames[clip.view] = (clip.video_path, estimate(clip.video_path, clip.view))
    return frames


def stored_clip_frames(clip: Clip, pose: PoseSequence | None, settings: Settings) -> FrameData | None:
    """FrameData of one stored clip from the pose stored with it (None without one), its
    kinematics recomputed for the clip's own movement: squat, push or pull."""
    if pose is None or not pose.n_frames:
        return None
    spec = slot_of_stored_clip(clip.view, clip.variant)
    return FrameData.from_stored_pose(pose, clip.view, settings, spec.movement if spec is not None else "squat")


def stored_clip_analysis(screen: Screen, clip: Clip) -> dict | None:
    """The analysis JSON of a stored clip in its screen's results, None when they hold none.

    Found by the clip's app slot: the database names a push or pull clip by its assessment
    ("variant" column "push"), its analysis by view, variant "standard" and assessment.
    """
    spec = slot_of_stored_clip(clip.view, clip.variant)
    try:
        document = ScreenDocument.from_json(screen.results)
    except NotAScreenDocument:  # results of one bare analysis
        analysis = screen.results
        same = spec is not None and spec.required and analysis.get("view") == clip.view
        return dict(analysis) if same and analysis.get("variant") == STANDARD_VARIANT else None
    if spec is None:
        return None
    return next((dict(c.analysis) for c in document.clips if c.slot == spec.key), None)


def _clips_by_slot(screen: Screen) -> dict[str, Clip]:
    """slot key -> the stored clip filling it (the first, should a slot hold two)."""
    out: dict[str, Clip] = {}
    for clip in screen.clips:
        spec = slot_of_stored_clip(clip.view, clip.variant)
        if spec is not None:
            out.setdefault(spec.key, clip)
    return out


# ------------------------------------------------------------------- saving ---
def screen_results(state: ScreenState) -> dict:
    """The results document of the screen in `state` (`screen.ScreenDocument`, JSON-ready)."""
    return screen_document(state).to_json()


def screen_document(state: ScreenState) -> ScreenDocument:
    """The screen in `state` as a document: its clips by slot and the coach-edited program."""
    screen = build_screen(state.clip_screens(), client_pain=state.client_pain, edition=state.edition)
    analyses = [dict(analysis.to_json(), slot=key) for key, _slot, analysis in _done_slots(state)]
    return ScreenDocument.of(screen, analyses, program=state.program())


def program_exercises(results: dict) -> list[tuple[str, str]]:
    """(id, name) of the exercises of a stored screen's program, in step order."""
    program = results.get("program")
    if not isinstance(program, dict):
        program = {}
    return [
        (str(item.get("id")), str(item.get("name") or item.get("id")))
        for items in program.values()
        if isinstance(items, list)
        for item in items
        if isinstance(item, dict)
    ]


def overrides_document(state: ScreenState) -> dict:
    """The coach's overrides as stored beside the results."""
    lines = []
    for (assessment, compensation, view, variant, leg), override in state.overrides.items():
        if override != Override():
            lines.append(
                {
                    "assessment": assessment,
                    "compensation": compensation,
                    "view": view,
                    "variant": variant,
                    "leg": leg,
                    "status": override.status,
                    "confirmed": override.confirmed,
                    "note": override.note,
                }
            )
    return {"kind": OVERRIDES_KIND, "schema_version": OVERRIDES_VERSION, "lines": lines}


def new_clips(state: ScreenState, keep_copies: bool) -> list[NewClip]:
    storage = "copy" if keep_copies else "reference"
    return [
        NewClip(
            SLOTS_BY_KEY[key].view,
            Path(slot.path),
            SLOTS_BY_KEY[key].clip_kind,
            storage,
            pose=analysis.pose,
        )
        for key, slot, analysis in _done_slots(state)
        if slot.path is not None
    ]


def save_screen(db, client_id: int, state: ScreenState, screened_on: date, notes: str = "") -> tuple[Screen, Program]:
    """Store the screen in `state` for the client, with overrides and program; one transaction."""
    if any(slot.status == "analyzing" for slot in state.slots.values()):
        raise ScreenRecordError("an analysis is still running: wait for it to finish, then save the screen")
    if not _done_slots(state):
        raise ScreenRecordError("there is no analyzed clip to save: analyze a video first")
    client = db.clients.get(client_id)
    summary = state.summary()
    program = state.program()
    with db.transaction():
        screen = db.screens.add(
            client_id,
            screened_on=screened_on,
            assessment="ohsa",
            results=screen_results(state),
            clips=new_clips(state, keep_copies=client.video_consent),
            score=summary.score if summary is not None else None,
            notes=notes,
        )
        screen = db.screens.set_overrides(screen.id, overrides_document(state))
        stored = db.programs.add(
            client_id,
            start_date=screened_on,
            weeks=program.computed.cycle.weeks,
            plan=json_safe(program.computed.to_dict()),
            screen_id=screen.id,
        )
        stored = db.programs.set_coach_edits(stored.id, edits_document(state))
    return screen, stored


def state_of_analyses(
    analyses, client_name: str = "", client_pain: bool = False, edition: str = "7th", paths=None
) -> ScreenState:
    """Analysed clips as the app holds a screen, each in its slot (`screen.slot_of`); `paths`,
    the video of each clip when not the path it was analysed from.

    ValueError for a clip the app has no slot for (a single-leg squat, a variant from a
    view the app does not film it from) or two clips of one slot: the app could not
    re-open such a screen.
    """
    state = ScreenState(client=client_name, client_pain=client_pain, edition=edition)
    analyses = list(analyses)
    for analysis, path in zip(analyses, paths or [Path(a.source.path) for a in analyses]):
        key = app_slot(analysis.view, analysis.screen.assessment, analysis.screen.variant)
        if state.slots[key].status == "done":
            raise ScreenRecordError(f"two clips for the {SLOTS_BY_KEY[key].label.lower()} slot: give one")
        state.slots[key] = SlotState(path=Path(path), status="done", analysis=analysis)
    return state


def update_screen(db, screen_id: int, program_id: int | None, state: ScreenState) -> Screen:
    """Store new overrides and program edits for an already stored screen; one transaction.

    The results are rewritten too: they carry the effective program the reports print.
    A screen filed from the inbox counts as reviewed once the coach has saved it.
    """
    summary = state.summary()
    with db.transaction():
        db.screens.set_results(screen_id, screen_results(state), summary.score if summary is not None else None)
        screen = db.screens.set_overrides(screen_id, overrides_document(state))
        db.inbox.mark_reviewed(screen_id)
        if program_id is not None:
            db.programs.set_coach_edits(program_id, edits_document(state))
    return screen


def edits_document(state: ScreenState) -> dict:
    return {
        "kind": EDITS_KIND,
        "schema_version": EDITS_VERSION,
        "edition": state.edition,
        "edits": [json_safe(e.to_dict()) for e in state.program_edits],
    }


# ---------------------------------------------------------------- re-opening ---
def restore_screen(
    state: ScreenState,
    screen: Screen,
    program: Program | None,
    client_name: str = "",
    client_pain: bool = False,
    poses: Mapping[int, PoseSequence] | None = None,
    settings: Settings | None = None,
) -> list[str]:
    """Replace what `state` holds with a stored screen; return the slots filled.

    poses: clip id -> the pose stored with that clip (`ScreenRepository.pose`).
    Everything is read first: a stored document that cannot be read raises
    ScreenRecordError, saying why, and leaves `state` as it was.
    """
    try:
        overrides, program_edits, document, slots = _read_stored_screen(screen, program, poses or {}, settings)
    except ScreenRecordError:
        raise
    except (KeyError, TypeError, ValueError) as exc:  # a document not of the shape its kind promises
        raise ScreenRecordError(f"its stored results could not be read ({exc})") from exc
    for spec in SLOTS:
        state.slots[spec.key] = slots.get(spec.key, SlotState())
    state.overrides, state.program_edits = overrides, program_edits
    state.edition = document.edition if document is not None else state.edition
    state.client, state.client_pain = client_name, client_pain
    return list(slots)


def _read_stored_screen(
    screen: Screen, program: Program | None, poses: Mapping[int, PoseSequence], settings: Settings | None
) -> tuple[dict[tuple, Override], tuple, ScreenDocument | None, dict[str, SlotState]]:
    """What `restore_screen` puts in the state: overrides, program edits, the document and
    each slot filled; the reading raises KeyError, TypeError or ValueError on a bad document."""
    settings = settings or Settings()
    overrides = overrides_from_document(screen.overrides)
    edits = program.coach_edits.get("edits", []) if program is not None else []
    program_edits = tuple(edit_from_dict(item) for item in edits)
    clips = _clips_by_slot(screen)
    try:
        document: ScreenDocument | None = ScreenDocument.from_json(screen.results)
    except NotAScreenDocument:  # results of one bare analysis: no slot to fill
        document = None
    slots: dict[str, SlotState] = {}
    for clip_document in document.clips if document is not None else ():
        key, analysis = clip_document.slot, dict(clip_document.analysis)
        if key is None or key in slots:
            continue
        spec = SLOTS_BY_KEY[key]
        clip = clips.get(key)
        path = clip.video_path if clip else Path(str(analysis.get("source", {}).get("path", "")))
        stored = stored_analysis(spec.view, analysis, poses.get(clip.id) if clip else None, settings, spec.movement)
        message = f"stored screen of {screen.screened_on.isoformat()}"
        if not path.is_file():
            message += f"; the video {path} is missing"
        elif stored.pose is None:
            message += "; saved without its pose, so no skeleton: open the video again to re-analyze it"
        slots[key] = SlotState(path=path, status="done", analysis=stored, message=message)
    return overrides, program_edits, document, slots


def overrides_from_document(document: Any) -> dict[tuple, Override]:
    """line key (`screen_state.line_key`) -> the coach's word, from a stored overrides document."""
    out = {}
    for line in (upgrade(document) or {}).get("lines", []):
        for key in stored_line_keys(line):
            out[key] = Override(line.get("status"), bool(line.get("confirmed")), str(line.get("note") or ""))
    return out


def edit_from_dict(item: dict):
    """A prescription edit from its `to_dict()` form."""
    kind, note = item.get("edit"), str(item.get("note") or "")
    if kind == "remove":
        return RemoveExercise(item["exercise_id"], note)
    if kind == "swap":
        return SwapExercise(item["exercise_id"], item["replacement_id"], note)
    if kind == "dosage":
        return ChangeDosage(item["exercise_id"], dict(item.get("dosage") or {}), item.get("minutes"), note)
    if kind == "add":
        exercise = item["exercise"]
        if isinstance(exercise, dict):
            names = {f.name for f in fields(Exercise)}
            known: dict[str, Any] = {
                k: tuple(v) if isinstance(v, list) else v for k, v in exercise.items() if k in names
            }
            exercise = Exercise(**known)
        return AddExercise(exercise, note)
    raise ValueError(f"unknown program edit {kind!r}")


def clip_screen_from_json(analysis: dict) -> ClipScreen:
    """A clip's screening rebuilt from its analysis JSON ("checklist" rows with evidence)."""
    names = {f.name for f in fields(CheckpointResult)}
    lines = []
    for row in analysis.get("checklist", []) or []:
        # rows written by other tools may leave out what the analysis JSON says elsewhere
        values = {
            "assessment": "ohsa",
            "view": analysis.get("view", ""),
            "variant": analysis.get("variant", STANDARD_VARIANT),
            "status": "not_assessable",
            **{k: v for k, v in row.items() if k in names},
        }
        values["evidence"] = tuple(
            RepEvidence(e["rep"], e["measurable"], e["flagged"], e.get("value"), tuple(e.get("sides", ())))
            for e in row.get("evidence", [])
        )
        lines.append(CheckpointResult(**values))
    first = lines[0] if lines else None
    return ClipScreen(
        view=cast(View, str(analysis.get("view", ""))),  # as `Analysis.to_json` wrote it
        assessment=first.assessment if first else "ohsa",
        variant=analysis.get("variant", STANDARD_VARIANT),
        leg=first.leg if first else None,
        n_reps=len(analysis.get("reps", []) or []),
        checklist=tuple(lines),
        warnings=tuple(analysis.get("warnings", []) or []),
    )


def _done_slots(state: ScreenState) -> list[tuple[str, SlotState, Analysis | StoredAnalysis]]:
    """(key, slot, its analysis) of the analyzed slots."""
    return [
        (key, slot, slot.analysis)
        for key, slot in state.slots.items()
        if slot.status == "done" and slot.analysis is not None
    ]
