"""Opening files: the view guessed from a file name, and files that are not videos refused."""

from pathlib import Path

import pytest

from ces_vision.gui.open_dialog import guess_slot


@pytest.mark.parametrize(
    "name, slot",
    [
        ("back_heels_rise.mp4", "back"),  # a compensation in the name is not the heels-elevated variant
        ("front_heels_rise.mp4", "front"),
        ("side_clean.mp4", "side"),
        ("front_knees_in_left.mp4", "front"),
        ("Anna heels elevated side.mov", "heels_elevated_side"),
        ("anna-heels-elevated.mp4", "heels_elevated_front"),
        ("anna_heels_elevated_front.mp4", "heels_elevated_front"),
        ("anna_side_hands_on_hips.mp4", "hands_on_hips_side"),
        ("anna_back_heels_elevated.mp4", "back"),  # no such clip: the view still holds
        ("push_clean.mp4", "push_side"),  # the pushing and pulling assessments are filmed from the side
        ("Anna pull side.mov", "pull_side"),
        ("pushup_front.mp4", "front"),  # a word, not part of one
    ],
)
def test_view_guessed_from_the_file_name(name, slot):
    assert guess_slot(Path(name), set()) == slot


def test_no_hint_takes_the_first_empty_standard_view():
    assert guess_slot(Path("clip1.mp4"), set()) == "front"
    assert guess_slot(Path("clip2.mp4"), {"front"}) == "side"


def test_a_text_file_is_refused_as_not_a_video(make_window, tmp_path, message_boxes):
    notes = tmp_path / "notes.txt"
    notes.write_text("client notes")
    window = make_window()
    message_boxes.expect(1)
    window.open_videos([notes], view="front")
    title, text = message_boxes.shown[0]
    assert "notes.txt is not a video" in text and ".mp4" in text and "\n" not in text
    assert all(s.status == "empty" for s in window.state.slots.values()), "nothing analyzed, nothing lost"
