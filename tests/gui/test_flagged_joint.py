"""The overlay rings the joint of a flagged compensation, on the subject's side that showed
it, during the reps that showed it."""

from dataclasses import replace

import numpy as np
import pytest
from gui_fakes import fake_pose_factory
from squat_pose import squat_sequence, write_squat_video

from ces_vision.gui.review.flagged_joints import flagged_joints, joints_at
from ces_vision.gui.skeleton import FLAG_COLOUR
from ces_vision.landmarks import Landmark as L


@pytest.fixture(scope="module")
def left_knee_in(tmp_path_factory):
    """Only the subject's left knee moves in."""
    both, clean = squat_sequence(knees_in=0.04), squat_sequence(knees_in=0.0)
    image = both.image_xyz.copy()
    image[:, L.RIGHT_KNEE] = clean.image_xyz[:, L.RIGHT_KNEE]
    sequence = replace(both, image_xyz=image)
    return write_squat_video(tmp_path_factory.mktemp("v") / "left_knee_in_front.mp4", sequence), sequence


def test_the_left_knee_is_ringed_in_the_flagged_reps_only(make_window, qtbot, left_knee_in):
    path, sequence = left_knee_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    analysis = window.state.slots["front"].analysis
    line = next(f for f in analysis.screen.findings if f.compensation == "knees_move_in")
    assert line.side == "left"
    flagged = flagged_joints(analysis)
    assert flagged and {(j.landmark, j.side) for j in flagged} == {(L.LEFT_KNEE, "left")}
    reps = analysis.kinematics.reps
    assert not joints_at(reps[0].start - 1, flagged), "nothing ringed before the first rep"

    review = window.review
    review.key_frame_buttons[0].click()
    key = review.player.position
    rings = review.video.rings
    assert [r.landmark for r in rings] == [L.LEFT_KNEE] and rings[0].label == "Knees move inward"

    # the ring is drawn around the subject's left knee, not the right one
    image = review.video.grab().toImage()
    target = review.video.image_rect()
    scale = target.width() / sequence.width

    def ring_pixels(landmark):
        x, y = sequence.pixels()[key, landmark]
        cx, cy = target.x() + x * scale, target.y() + y * scale
        radius = max(10.0, 0.035 * target.height())
        hits = 0
        for angle in np.linspace(0, 2 * np.pi, 36, endpoint=False):
            colour = image.pixelColor(int(cx + radius * np.cos(angle)), int(cy + radius * np.sin(angle)))
            hits += (
                abs(colour.red() - FLAG_COLOUR.red())
                + abs(colour.green() - FLAG_COLOUR.green())
                + abs(colour.blue() - FLAG_COLOUR.blue())
                < 90
            )
        return hits

    assert ring_pixels(L.LEFT_KNEE) > 18 and ring_pixels(L.RIGHT_KNEE) < 6

    review.player.seek(0)  # standing before the first rep: no ring
    assert review.video.rings == []
