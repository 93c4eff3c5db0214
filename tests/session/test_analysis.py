import json

import numpy as np
import pytest
from synthetic_clip import HEIGHT, WIDTH, squat_pose, without

from ces_vision.capture import FakeSource
from ces_vision.config import Settings
from ces_vision.kinematics import metrics_for_view
from ces_vision.landmarks import Landmark
from ces_vision.pose import FakePoseBackend
from ces_vision.reports.files import json_safe
from ces_vision.session import NotEnoughPerson, analyze_source
from ces_vision.types import PoseSequence

BLANK = np.zeros((HEIGHT, WIDTH, 3), np.uint8)


def run(pose: PoseSequence, view: str):
    source = FakeSource([BLANK], fps=30, n_frames=pose.n_frames)
    return analyze_source(source, view, Settings(), backend=FakePoseBackend(pose))


@pytest.mark.parametrize("view", ["front", "side", "back"])
def test_squat_clip_gives_reps_and_the_json_contract(view):
    analysis = run(squat_pose(view, reps=3), view)
    result = json.loads(json.dumps(json_safe(analysis.to_json())))
    assert result["schema_version"] == 2 and result["view"] == view and result["model"] == "full"
    assert set(result["source"]) == {"path", "fps", "frame_count", "width", "height", "rotation"}
    assert result["frames_with_pose"] == analysis.pose.n_frames
    assert len(result["reps"]) == 3
    for rep, true_bottom in zip(result["reps"], [60, 120, 180]):
        assert rep["start"] < rep["bottom"] < rep["end"]
        assert abs(rep["bottom"] - true_bottom) <= 3
    assert set(result["metrics"]) == {m.name for m in metrics_for_view(view)}
    for metric in result["metrics"].values():
        assert len(metric["per_rep"]) == 3 and set(metric["per_rep"][0]) == {"left", "right", "value"}
    assert isinstance(result["findings"], list)


def test_side_view_knee_flexion_per_rep_matches_the_skeleton():
    result = run(squat_pose("side", reps=2), "side").to_json()
    depth = [r["value"] for r in result["metrics"]["knee_flexion"]["per_rep"]]
    # SQUAT: shin 35 deg forward, thigh 70 deg back from vertical -> knee flexion 105 deg
    assert depth == pytest.approx([105.0, 105.0], abs=1.0)


def test_feet_out_of_frame_says_step_back():
    feet = [Landmark.LEFT_ANKLE, Landmark.RIGHT_ANKLE, Landmark.LEFT_HEEL, Landmark.RIGHT_HEEL]
    with pytest.raises(NotEnoughPerson, match="feet are out of frame"):
        run(without(squat_pose("front"), feet), "front")


def test_nobody_in_the_video():
    with pytest.raises(NotEnoughPerson, match="no person"):
        run(without(squat_pose("front"), list(range(33))), "front")


def test_no_reps_is_a_warning_not_an_error():
    pose = squat_pose("front", reps=0)
    analysis = run(pose, "front")
    assert analysis.kinematics.reps == () and any("no complete squat rep" in w for w in analysis.warnings)


def test_the_source_lost_frames_and_the_backend_several_people_reach_the_analysis():
    """collect_source_poses reads both from the protocols (VideoSource.lost_frames,
    PoseBackend.frames_with_several_people): a fake source and backend that report them."""
    pose = squat_pose("front", reps=3)

    class DamagedSource(FakeSource):
        @property
        def lost_frames(self):
            return ((40, 40 / 30), (41, 41 / 30))

    class CrowdedBackend(FakePoseBackend):
        @property
        def frames_with_several_people(self):
            return pose.n_frames // 2

    source = DamagedSource([BLANK], fps=30, n_frames=pose.n_frames)
    analysis = analyze_source(source, "front", Settings(), backend=CrowdedBackend(pose))
    assert analysis.several_people == pose.n_frames // 2
    assert [(span.first, span.last) for span in analysis.lost_frames] == [(40, 41)]
    assert any("more than one person" in warning for warning in analysis.warnings)
    assert any("2 frames could not be decoded" in warning for warning in analysis.warnings)
