"""Key-frame data of a stored screen, built one way for the app and `report CLIENT_ID`."""

from __future__ import annotations

from datetime import date

import numpy as np
from synthetic_clip import squat_pose
from videos import marked_frames, write_video

from ces_vision.config import Settings
from ces_vision.reports import FrameData
from ces_vision.session.screen_record import stored_frames
from ces_vision.storage import Database, NewClip


def test_stored_frames_come_from_each_standard_clips_pose(tmp_path):
    pose = squat_pose("front", reps=2)
    front, side, back = (write_video(tmp_path / f"{v}.mp4", marked_frames(4)) for v in ("front", "side", "back"))
    heels = write_video(tmp_path / "heels.mp4", marked_frames(4))
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Ana Souza")
        screen = db.screens.add(
            client.id,
            screened_on=date(2026, 3, 2),
            assessment="ohsa",
            results={"schema_version": 1},
            clips=[
                NewClip("front", front, pose=pose),
                NewClip("front", heels, "heels_elevated", pose=pose),
                NewClip("side", side),
                NewClip("back", back, pose=squat_pose("back", reps=2)),
            ],
        )
        back.unlink()  # a moved video: no stills of it
        estimated = []

        def estimate(video, view):
            estimated.append((video, view))
            return FrameData.from_stored_pose(squat_pose(view, reps=2), view, Settings())

        frames = stored_frames(screen, db.screens.pose, Settings(), estimate)
        without = stored_frames(screen, db.screens.pose, Settings())
    assert sorted(frames) == ["front", "side"] and sorted(without) == ["front"]
    assert frames["front"][0] == front and estimated == [(side, "side")]
    expected = FrameData.from_stored_pose(pose, "front", Settings())
    np.testing.assert_allclose(frames["front"][1].pixels, expected.pixels, equal_nan=True)
    assert frames["front"][1].kinematics.reps == expected.kinematics.reps
