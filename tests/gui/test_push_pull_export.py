"""The Clients page exports the annotated video of a stored push or pull clip: the database
names the clip "push" / "pull", its analysis says so by assessment, not by variant."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))
from test_push_pull import SAMPLES, _screen  # noqa: E402

from ces_vision.session.screen_record import save_screen, state_of_analyses  # noqa: E402
from ces_vision.storage import Database  # noqa: E402


def test_the_video_export_of_a_stored_push_and_pull_clip_finds_its_analysis(make_window, tmp_path):
    analyses = [_screen("push_clean", "push")[0], _screen("pull_clean", "pull")[0]]
    state = state_of_analyses(analyses, paths=[SAMPLES / "push_clean.mp4", SAMPLES / "pull_clean.mp4"])
    path = tmp_path / "records" / "clients.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza")
        stored, _ = save_screen(db, client.id, state, date(2026, 3, 2))
    window = make_window(database_path=path)
    window.tabs.setCurrentWidget(window.records)
    controller, page = window.records.controller, window.records.page
    controller.select_client(client.id, select_screen=stored.id)
    assert page.selected_screen_id() == stored.id and page.clip.count() == 2
    for row, (clip, analysis) in enumerate(zip(stored.clips, analyses)):
        page.clip.setCurrentIndex(row)
        request = controller._request("video", tmp_path / f"{clip.variant}.mp4", list(page.screens))
        assert request.video == clip.video_path and request.analysis is not None
        assert request.analysis["assessment"] == clip.variant  # "push", "pull"
        assert request.video_frames is not None  # the skeleton, from the stored pose
        assert request.video_frames.kinematics.reps == analysis.kinematics.reps  # press reps, not squats
