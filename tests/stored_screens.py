"""Real screens of a client stored in a temporary database: a synthetic front-view squat
(tests/gui/squat_pose.py) screened by the real pipeline and saved with its clip and pose,
in the shape the app saved before the screen document's schema_version 2 (results with
"views", "checklist", "program" by step and "program_detail"), which readers still take."""

from __future__ import annotations

import functools
import tempfile
from datetime import date
from pathlib import Path

from gui.squat_pose import FPS, squat_sequence, write_squat_video

from ces_vision.config import Settings
from ces_vision.prescription import build_screen
from ces_vision.reports.files import json_safe
from ces_vision.session.analysis import analyze_pose
from ces_vision.storage import Database, NewClip
from ces_vision.types import VideoInfo


@functools.cache
def _encoded_squat(knees_in: float, n_reps: int) -> bytes:
    """The mp4 of a synthetic squat, encoded once per test process: encoding was most of a stored
    screen's cost (0.25 of 0.3 s) and several modules store the same two. Bytes, so no test can
    change what another one gets; each writes its own file."""
    with tempfile.TemporaryDirectory() as folder:
        return write_squat_video(
            Path(folder) / "front.mp4", squat_sequence(n_reps=n_reps, knees_in=knees_in)
        ).read_bytes()


def store_screen(db: Database, client_id: int, day: date, folder: Path, knees_in: float, n_reps: int):
    """Screen a synthetic squat (`knees_in`: how far the knees move in) and store it; the Screen."""
    sequence = squat_sequence(n_reps=n_reps, knees_in=knees_in)
    video = folder / f"front_{day.isoformat()}.mp4"
    video.write_bytes(_encoded_squat(knees_in, n_reps))
    info = VideoInfo(str(video), float(FPS), sequence.n_frames, sequence.width, sequence.height, 0)
    analysis = analyze_pose(sequence, info, "front", Settings())
    screen = build_screen([analysis.screen])
    results = screen.to_json()
    results["program_detail"] = results.pop("program")
    results["program"] = screen.program.prescription_json()
    results["views"] = [analysis.to_json()]
    return db.screens.add(
        client_id,
        screened_on=day,
        assessment="ohsa",
        results=json_safe(results),
        clips=[NewClip("front", video, pose=sequence)],
        score=screen.score,
    )


def client_with_two_screens(db: Database, folder: Path):
    """A client screened with knees moving in (5 reps), then re-screened without (3 reps)."""
    client = db.clients.add("Ana Souza")
    before = store_screen(db, client.id, date(2026, 1, 5), folder, knees_in=0.03, n_reps=5)
    after = store_screen(db, client.id, date(2026, 2, 16), folder, knees_in=0.0, n_reps=3)
    return client, before, after
