"""A stored push or pull clip finds its own analysis and pose: the database names the clip
by its assessment ("variant" column "push"), the analysis by view, variant and assessment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_push_pull import SAMPLES, _screen

from ces_vision.config import Settings
from ces_vision.session.screen_record import (
    save_screen,
    state_of_analyses,
    stored_clip_analysis,
    stored_clip_frames,
    stored_frames,
)
from ces_vision.storage import Database


def test_a_stored_push_and_pull_clip_each_find_their_analysis_and_movement(tmp_path):
    push, _, _ = _screen("push_clean", "push")
    pull, _, _ = _screen("pull_clean", "pull")
    paths = [SAMPLES / "push_clean.mp4", SAMPLES / "pull_clean.mp4"]
    state = state_of_analyses([push, pull], paths=paths)
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Ana Souza")
        screen, _ = save_screen(db, client.id, state, date(2026, 3, 2))
        screen = db.screens.get(screen.id)
        assert sorted(clip.variant for clip in screen.clips) == ["pull", "push"]  # the database's names
        for clip, analysis in zip(screen.clips, (push, pull)):
            found = stored_clip_analysis(screen, clip)
            assert found is not None, clip.variant
            assert (
                found["assessment"] == found["checklist"][0]["assessment"] == clip.variant
                and found["variant"] == "standard"
            )
            frames = stored_clip_frames(clip, db.screens.pose(clip.id), Settings())
            assert frames is not None and frames.kinematics.reps == analysis.kinematics.reps  # press reps, not squats
            assert Path(clip.video_path) == paths[[push, pull].index(analysis)]
        # neither is a standard clip: the reports' key frames take none of them
        assert stored_frames(screen, db.screens.pose, Settings()) == {}
