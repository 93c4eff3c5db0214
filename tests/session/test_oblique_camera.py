"""An oblique camera (the body turned 25-62 deg to it, read from the world landmarks) is
named in the analysis JSON's view_check, nothing is judged, the CLI's 'not assessed'
status follows, and telling the view from the landmarks refuses to guess."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from synthetic_clip import squat_pose

from ces_vision.config import Settings
from ces_vision.screening import unassessed_reason
from ces_vision.session import UnusableInput
from ces_vision.session.analysis import analyze_pose, view_of
from ces_vision.types import PoseSequence, VideoInfo


def turned_world(pose: PoseSequence, yaw_deg: float) -> PoseSequence:
    """The same picture, its world landmarks turned about the vertical by `yaw_deg`."""
    phi = np.radians(yaw_deg)
    world = pose.world_xyz.copy()
    x, z = world[..., 0].copy(), world[..., 2].copy()
    world[..., 0], world[..., 2] = x * np.cos(phi) - z * np.sin(phi), x * np.sin(phi) + z * np.cos(phi)
    return replace(pose, world_xyz=world)


def analyze(pose: PoseSequence, view="front"):
    info = VideoInfo("clip.mp4", 30.0, pose.n_frames, pose.width, pose.height, 0)
    return analyze_pose(pose, info, view, Settings())


def test_an_oblique_clip_is_named_and_not_assessed():
    result = analyze(turned_world(squat_pose("front"), 41.0))
    check = result.to_json()["view_check"]
    assert check["status"] == "oblique" and check["yaw_deg"] == pytest.approx(41.0, abs=0.05)
    assert {line["status"] for line in result.to_json()["checklist"]} == {"not_assessable"}
    reason = unassessed_reason(result.screen)
    assert reason is not None and reason.startswith("oblique camera")
    with pytest.raises(UnusableInput, match="oblique camera"):
        view_of(turned_world(squat_pose("front"), 41.0), Path("clip.mp4"))


def test_a_square_clip_is_judged_and_its_view_told():
    pose = squat_pose("front")
    result = analyze(pose)
    assert result.to_json()["view_check"]["status"] == "square"
    assert result.to_json()["quality"]["not_assessable_reason"] is None
    assert unassessed_reason(result.screen) is None
    assert view_of(pose, Path("clip.mp4")) == "front"
