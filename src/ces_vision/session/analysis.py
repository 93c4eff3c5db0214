"""Analyze one clip end to end: video -> pose -> kinematics -> reps (-> findings).

The same function serves the CLI, the batch runner and the desktop app; it never
touches Qt and keeps only landmarks in memory, never frames.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..capture import FileSource, LostSpan, VideoSource, VideoUnreadable, lost_spans
from ..config import Settings
from ..document_versions import ANALYSIS_KIND
from ..document_versions import ANALYSIS_VERSION as SCHEMA_VERSION
from ..kinematics import Kinematics, pose_kinematics, summarise_reps
from ..kinematics.baseline import hip_height
from ..kinematics.square_on import camera_yaw_deg, upright_frames
from ..pose import PoseBackend, video_backend
from ..prescription import Program, build_program
from ..screening import ARM_ASSESSMENTS, ClipScreen, Thresholds, estimate_view, screen_clip
from ..screening.view_check import camera_check
from ..types import STANDARD_VARIANT, Assessment, PoseSequence, Side, Variant, VideoInfo, View
from . import pose_cache as pose_cache_file
from .errors import UnusableInput
from .movement_check import check_arm_movement
from .parallel import collect_poses_parallel, plan_segments
from .person_check import check_person
from .pose_run import ProgressFn, collect_poses

# A clip that decodes to fewer frames than this cannot show a squat.
MIN_FRAMES = 10
# Below this the view check is a guess; a clip of unnamed view is then refused, not guessed.
VIEW_CHECK_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Analysis:
    """Everything computed for one clip."""

    source: VideoInfo
    view: View
    model: str
    pose: PoseSequence
    kinematics: Kinematics
    screen: ClipScreen
    program: Program
    warnings: tuple[str, ...] = ()
    lost_frames: tuple[LostSpan, ...] = ()  # stretches the decoder lost to damaged data
    several_people: int = 0  # frames showing more than one person (kept with the pose cache)

    @property
    def frames_with_pose(self) -> int:
        return int(self.pose.has_pose.sum())

    def to_json(self) -> dict:
        """The analysis JSON (`document_versions.ANALYSIS_VERSION`); later fields are added, none removed."""
        result = {
            "kind": ANALYSIS_KIND,
            "schema_version": SCHEMA_VERSION,
            "source": {
                "path": self.source.path,
                "fps": self.source.fps,
                "frame_count": self.source.frame_count,
                "width": self.source.width,
                "height": self.source.height,
                "rotation": self.source.rotation,
            },
            "view": self.view,
            "assessment": self.screen.assessment,  # since ANALYSIS_VERSION 2
            "model": self.model,
            "frames_with_pose": self.frames_with_pose,
            "reps": [
                {"start": r.start, "bottom": r.bottom, "end": r.end, "part": r.part} for r in self.kinematics.reps
            ],
            "metrics": summarise_reps(self.kinematics),
            "findings": self.screen.findings_json(),
            "not_assessable": list(self.screen.not_assessable),
            "prescription": self.program.prescription_json(),
            "checklist": [item.to_dict() for item in self.screen.checklist],
            "variant": self.screen.variant,
            "warnings": list(self.warnings),
            "frames_lost": [span.to_dict() for span in self.lost_frames],
        }
        if self.screen.camera is not None:
            result["view_check"] = self.screen.camera.to_dict()
        if self.screen.quality is not None:
            result["quality"] = self.screen.quality.to_dict()
        return result


@dataclass(frozen=True)
class ScreenOptions:
    """What the coach says about a clip beyond its view."""

    assessment: Assessment = "ohsa"  # or "single_leg_squat", "push", "pull"
    variant: Variant = STANDARD_VARIANT  # the plain overhead squat, or a modified one
    leg: Side | None = None  # stance leg of a single-leg squat
    thresholds: Thresholds | None = None  # None: the defaults in screening/thresholds.toml


def analyze_pose(
    pose: PoseSequence,
    info: VideoInfo,
    view: View,
    settings: Settings,
    warnings: list[str] | None = None,
    options: ScreenOptions = ScreenOptions(),
    lost_frames: tuple[LostSpan, ...] = (),
    several_people: int = 0,
) -> Analysis:
    """Kinematics, reps, findings and program of an already estimated pose sequence.

    Every warning of the clip is kept on its screening too (`ClipScreen.warnings`), so a
    whole screen, stored or not, shows them all. Raises WrongMovement when a squat clip is
    given as a push or pull clip.
    """
    check_person(pose, view)
    points = pose.pixels()
    arm_movement = options.assessment in ARM_ASSESSMENTS
    movement = options.assessment if arm_movement else "squat"
    kinematics = pose_kinematics(pose, view, settings.smoothing, settings.reps, movement)
    if arm_movement:
        check_arm_movement(kinematics, options.assessment, settings.reps)
    screen = screen_clip(
        kinematics,
        view,
        assessment=options.assessment,
        variant=options.variant,
        visibility=pose.visibility,
        thresholds=options.thresholds,
        leg=options.leg,
        points_px=points,
    )
    warnings = list(warnings or []) + list(screen.warnings) + _cut_rep_warnings(kinematics.reps)
    if not kinematics.reps and arm_movement:
        warnings.append(
            f"no complete {options.assessment} rep was found: film the whole set from the side, both hands in the picture"
        )
    elif not kinematics.reps:
        warnings.append("no complete squat rep was found: squat to about chair height and stand fully up between reps")
    screen = replace(screen, warnings=tuple(warnings))
    return Analysis(
        source=info,
        view=view,
        model=settings.pose.model,
        pose=pose,
        kinematics=kinematics,
        screen=screen,
        program=build_program(screen.findings),
        warnings=tuple(warnings),
        lost_frames=lost_frames,
        several_people=several_people,
    )


def _cut_rep_warnings(reps) -> list[str]:
    """Say which part of a rep the clip's edge cut off was judged."""
    return [
        f"rep {number} was judged from {rep.part} only: the clip "
        f"{'starts after the descent began' if not rep.starts_standing else 'stops before the client stood up'}"
        for number, rep in enumerate(reps, 1)
        if not (rep.starts_standing and rep.ends_standing)
    ]


def collect_source_poses(
    source: VideoSource,
    settings: Settings,
    backend: PoseBackend | None = None,
    progress: ProgressFn | None = None,
    should_stop=None,
    workers: int = 1,
) -> tuple[PoseSequence, int, tuple[LostSpan, ...]]:
    """Poses of every frame of `source`, how many frames showed several people, and the
    stretches of frames lost to damaged data (their pose rows are empty).

    workers > 1 splits a video file into segments analyzed by separate processes
    (see `parallel`); live sources and injected backends always run in-process.
    """
    info = source.info
    parallel = workers > 1 and backend is None and isinstance(source, FileSource) and info.frame_count > 0
    if parallel and len(plan_segments(info.frame_count, workers)) > 1:
        pose, several, lost = collect_poses_parallel(info.path, info.frame_count, settings.pose, workers, progress)
        return pose, several, lost_spans(lost)
    own_backend = backend is None
    backend = video_backend(settings.pose) if own_backend else backend
    try:
        pose = collect_poses(source, backend, progress, should_stop)
        return pose, backend.frames_with_several_people, lost_spans(source.lost_frames)
    finally:
        if own_backend:
            backend.close()


def _decoding_warnings(pose: PoseSequence, info: VideoInfo, several: int, lost: tuple[LostSpan, ...] = ()) -> list[str]:
    n_lost = sum(span.n_frames for span in lost)
    decoded = pose.n_frames - sum(
        min(span.last + 1, pose.n_frames) - span.first for span in lost if span.first < pose.n_frames
    )
    if decoded < MIN_FRAMES:
        raise UnusableInput(f"{info.path}: only {decoded} frames could be decoded; the video is too short or damaged")
    warnings = []
    if info.frame_count and pose.n_frames < 0.9 * info.frame_count:
        warnings.append(
            f"the video ended early: {pose.n_frames} of {info.frame_count} frames could be decoded (damaged or truncated file)"
        )
    if n_lost:
        where = ", ".join(span.text() for span in lost[:5]) + (", ..." if len(lost) > 5 else "")
        warnings.append(
            f"{n_lost} frames could not be decoded (damaged data) at {where}; decoding went on past them "
            "and their pose is missing"
        )
    if several > 0.1 * pose.n_frames:
        warnings.append(
            f"more than one person was visible in about {several} frames; one person was followed throughout: "
            "check on the overlay that it is the client"
        )
    return warnings


def analyze_source(
    source: VideoSource,
    view: View,
    settings: Settings,
    backend: PoseBackend | None = None,
    progress: ProgressFn | None = None,
    should_stop=None,
    workers: int = 1,
    options: ScreenOptions = ScreenOptions(),
) -> Analysis:
    """Pose-estimate every frame of `source`, then analyze."""
    pose, several, lost = collect_source_poses(source, settings, backend, progress, should_stop, workers)
    warnings = _decoding_warnings(pose, source.info, several, lost)
    return analyze_pose(pose, source.info, view, settings, warnings, options, lost, several)


def analyze_file(
    path: str | Path,
    view: View | None,
    settings: Settings,
    backend: PoseBackend | None = None,
    progress: ProgressFn | None = None,
    should_stop=None,
    workers: int = 1,
    pose_cache: Path | None = None,
    options: ScreenOptions = ScreenOptions(),
    write_pose_cache: bool = True,
) -> Analysis:
    """Analyze the video file at `path`. Raises UnusableInput or NotEnoughPerson.

    view None: told from the landmarks (`view_of`). pose_cache: a .npz file where the
    poses are kept; when it matches this video and these pose settings, inference is
    skipped entirely. write_pose_cache False leaves writing it to the caller (a Dask
    worker writes no files).
    """
    path = Path(path)
    try:
        source = FileSource(path)
    except VideoUnreadable as exc:
        raise UnusableInput(str(exc)) from exc
    with source:
        cached = pose_cache_file.load(pose_cache, path, settings.pose) if pose_cache else None
        if cached is not None:
            pose, several, lost = cached
        else:
            pose, several, lost = collect_source_poses(source, settings, backend, progress, should_stop, workers)
            if pose_cache and write_pose_cache:
                pose_cache_file.save(pose_cache, path, settings.pose, pose, several, lost)
        warnings = _decoding_warnings(pose, source.info, several, lost)
        return analyze_pose(pose, source.info, view or view_of(pose, path), settings, warnings, options, lost, several)


def view_of(pose: PoseSequence, path: Path) -> View:
    """The camera view the landmarks show; UnusableInput when the view check is unsure or
    the camera is oblique (neither view: a guess would screen it as one)."""
    points = pose.pixels()
    view, confidence = estimate_view(points, pose.visibility)
    upright = upright_frames(hip_height(points))
    camera = camera_check(view or "front", camera_yaw_deg(pose.world_xyz, upright), False)
    if camera.status == "oblique":
        raise UnusableInput(f"{path.name}: the camera view could not be told: {camera.reason}")
    if view is None or confidence < VIEW_CHECK_MIN_CONFIDENCE:
        raise UnusableInput(
            f"{path.name}: the camera view could not be told from the video; "
            "put front, side or back in the file name (e.g. squat_side.mp4)"
        )
    return view
