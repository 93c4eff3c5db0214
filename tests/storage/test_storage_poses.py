"""A clip's pose sequence is stored with it, so a stored screen re-opens with its skeleton."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ces_vision.storage import Database, NewClip, StorageError
from ces_vision.types import PoseSequence


def _pose(n: int = 90) -> PoseSequence:
    rng = np.random.default_rng(0)
    image = rng.uniform(0, 1, (n, 33, 3))
    image[10:13] = np.nan  # frames without a person
    return PoseSequence(
        image, rng.uniform(0, 1, (n, 33)), rng.normal(0, 0.5, (n, 33, 3)), np.arange(n) / 30.0, 1280, 720
    )


def test_pose_round_trips_with_the_clip(db: Database, video: Path, ohsa_results) -> None:
    client = db.clients.add("Pia")
    pose = _pose()
    screen = db.screens.add(
        client.id,
        screened_on=date(2026, 11, 2),
        assessment="ohsa",
        results=ohsa_results(),
        clips=[NewClip("front", video, pose=pose), NewClip("side", video)],
    )
    front, side = screen.clips
    back = db.screens.pose(front.id)
    assert (back.width, back.height, back.n_frames) == (1280, 720, 90)
    np.testing.assert_array_equal(np.isnan(back.image_xyz), np.isnan(pose.image_xyz))
    np.testing.assert_allclose(back.image_xyz, pose.image_xyz, rtol=1e-6)  # float32 on disk
    np.testing.assert_allclose(back.visibility, pose.visibility, rtol=1e-6)
    np.testing.assert_array_equal(back.timestamps_s, pose.timestamps_s)
    assert db.screens.pose(side.id) is None


def test_a_damaged_pose_blob_is_a_clear_storage_error(db: Database, video: Path, ohsa_results) -> None:
    client = db.clients.add("Quin")
    screen = db.screens.add(
        client.id,
        screened_on=date(2026, 11, 2),
        assessment="ohsa",
        results=ohsa_results(),
        clips=[NewClip("front", video, pose=_pose())],
    )
    with db.transaction():
        db._connection().execute("UPDATE clip_poses SET pose = ?", (b"not an npz",))
    with pytest.raises(StorageError, match="stored pose could not be read"):
        db.screens.pose(screen.clips[0].id)


def test_a_clip_pose_must_be_a_pose_sequence(db: Database, video: Path, ohsa_results) -> None:
    client = db.clients.add("Rui")
    with pytest.raises(TypeError, match="PoseSequence"):
        db.screens.add(
            client.id,
            screened_on=date(2026, 11, 2),
            assessment="ohsa",
            results=ohsa_results(),
            clips=[NewClip("front", video, pose=np.zeros((3, 33, 3)))],
        )
    assert db.screens.list_for_client(client.id) == []
