"""Re-opening stored screens (no Qt): with and without the clip's pose."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_inputs import HEIGHT, N_FRAMES, WIDTH, synthetic_analysis, synthetic_pixels  # noqa: E402

from ces_vision.session.errors import ScreenRecordError  # noqa: E402
from ces_vision.session.screen_record import restore_screen  # noqa: E402
from ces_vision.session.screen_state import ScreenState  # noqa: E402
from ces_vision.storage import Database, NewClip  # noqa: E402
from ces_vision.types import PoseSequence  # noqa: E402


def _pose() -> PoseSequence:
    image = np.concatenate([synthetic_pixels() / [WIDTH, HEIGHT], np.zeros((N_FRAMES, 33, 1))], axis=2)
    return PoseSequence(image, np.ones((N_FRAMES, 33)), np.zeros_like(image), np.arange(N_FRAMES) / 30.0, WIDTH, HEIGHT)


def test_a_clip_stored_with_its_pose_reopens_reviewable_and_one_without_says_why(tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"stands in for a video")
    analysis = dict(synthetic_analysis(str(video)), slot="front")
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Gil")
        results = {"schema_version": 1, "views": [analysis]}
        with_pose = db.screens.add(
            client.id,
            screened_on=date(2026, 4, 1),
            assessment="ohsa",
            results=results,
            clips=[NewClip("front", video, pose=_pose())],
        )
        without = db.screens.add(
            client.id, screened_on=date(2026, 4, 2), assessment="ohsa", results=results, clips=[NewClip("front", video)]
        )
        poses = {clip.id: db.screens.pose(clip.id) for clip in with_pose.clips}
        state = ScreenState()
        assert restore_screen(state, with_pose, None, poses=poses) == ["front"]
        slot = state.slots["front"]
        assert slot.reviewable and slot.analysis.kinematics.reps and "no skeleton" not in slot.message
        assert slot.analysis.source.fps == 30.0
        restore_screen(state, without, None, poses={})
        slot = state.slots["front"]
        assert slot.status == "done" and not slot.reviewable
        assert "saved without its pose" in slot.message


def test_an_unreadable_stored_screen_leaves_the_state_unchanged(tmp_path):
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"stands in for a video")
    broken = dict(synthetic_analysis(str(video)), slot="front", checklist=[{"no": "compensation"}])
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Hana")
        screen = db.screens.add(
            client.id,
            screened_on=date(2026, 4, 1),
            assessment="ohsa",
            results={"schema_version": 1, "views": [broken]},
            clips=[NewClip("front", video)],
        )
    state = ScreenState()
    state.client = "Someone being screened"
    before = dict(state.slots)
    with pytest.raises(ScreenRecordError, match="could not be read"):  # a checklist row without a compensation
        restore_screen(state, screen, None, "Hana")
    assert state.slots == before and state.client == "Someone being screened"
