"""The app's analysis worker screens a clip for its slot's variant, warnings included."""

from __future__ import annotations

from dataclasses import replace

from squat_pose import squat_sequence, write_squat_video

from ces_vision.config import Settings
from ces_vision.gui.workers import AnalysisRequest, run_analysis
from ces_vision.landmarks import Landmark as L
from ces_vision.pose import FakePoseBackend
from ces_vision.screening.arms_overhead import ARMS_NOT_OVERHEAD_WARNING


def test_a_hands_on_hips_slot_is_not_named_arms_not_overhead(tmp_path):
    sequence = squat_sequence(n_reps=3, knees_in=0.0)
    image = sequence.image_xyz.copy()
    for elbow, shoulder in ((L.LEFT_ELBOW, L.LEFT_SHOULDER), (L.RIGHT_ELBOW, L.RIGHT_SHOULDER)):
        image[:, elbow, :2] = image[:, shoulder, :2] + (0.0, 0.12)  # upper arms down: not overhead
    sequence = replace(sequence, image_xyz=image)
    path = write_squat_video(tmp_path / "squat.mp4", sequence)

    def analysis(variant):
        request = AnalysisRequest("side", 1, path, "side", variant)
        return run_analysis(request, Settings(), FakePoseBackend(sequence), None, None)

    standard = analysis("standard")
    assert standard.warnings.count(ARMS_NOT_OVERHEAD_WARNING) == 1
    hands_on_hips = analysis("hands_on_hips")
    assert hands_on_hips.screen.variant == "hands_on_hips"
    assert ARMS_NOT_OVERHEAD_WARNING not in hands_on_hips.warnings
    arms = next(c for c in hands_on_hips.screen.checklist if c.compensation == "arms_fall_forward")
    assert "hands are on the hips" in arms.reason


def test_progress_goes_to_the_gui_at_most_ten_times_a_second_and_always_ends_full():
    from ces_vision.gui.workers import throttled

    now = [0]
    sent = []
    # a clock in ms (whole numbers: no rounding at the boundaries) and an update every 100 ms
    progress = throttled(lambda done, total: sent.append(done), every_s=100, clock=lambda: now[0])
    for done in range(1, 301):  # 300 frames at 1 ms a frame
        now[0] = done
        progress(done, 300)
    assert sent == [1, 101, 201, 300]  # the first at once, then one per 100 ms, and the last
    assert len(set(sent)) == len(sent)
