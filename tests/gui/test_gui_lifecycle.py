"""Never losing work: the quit prompt, the "Client:" field on save, overrides of a replaced
clip, and clearing a failed clip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_fakes import fake_pose_factory
from PySide6.QtWidgets import QMessageBox

from ces_vision.session.screen_state import ScreenState, SlotState
from ces_vision.storage import Database

SIDE_LINE = ("ohsa", "excessive_forward_lean", "side", "standard", None)


@pytest.fixture(scope="module")
def knees_in(knees_in, tmp_path_factory):
    """Two files of the conftest's clip (copies: encoding it again costs 0.15 s each)."""
    video, sequence = knees_in
    folder = tmp_path_factory.mktemp("v")
    first = Path(shutil.copy(video, folder / "client_front.mp4"))
    second = Path(shutil.copy(video, folder / "client_front_again.mp4"))
    return first, second, sequence


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "records" / "clients.sqlite3"


@pytest.fixture
def window(make_window, knees_in, db_path):
    return make_window(analysis_backend_factory=fake_pose_factory(knees_in[2]), database_path=db_path)


@pytest.fixture
def answers(monkeypatch):
    """The quit prompt's answers, in order; the questions asked are kept in `asked`."""

    class Answers(list):
        asked: list[str] = []

    replies = Answers()

    def question(parent, title, text, *args, **kwargs):
        replies.asked.append(f"{title}: {text}")
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return replies


def _analyze(window, qtbot, path, view="front") -> None:
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view=view)


def test_unsaved_work_is_what_saving_would_store():
    state = ScreenState()
    assert not state.unsaved_clips(), "an empty screen has nothing to lose"
    state.slots["front"] = SlotState(status="done", analysis=object())
    assert [s.key for s in state.unsaved_clips()] == ["front"]
    state.mark_saved()
    assert not state.unsaved_clips()
    state.set_override(SIDE_LINE, note="check the arms")
    assert state.unsaved_clips(), "a note after saving is unsaved work"
    state.mark_saved()
    state.slots["front"] = SlotState(status="done", analysis=object())  # the clip re-analyzed
    assert state.unsaved_clips()
    state.clear_slot("front")
    assert not state.unsaved_clips()


def test_quit_asks_only_with_unsaved_work_and_cancel_keeps_the_window(window, qtbot, knees_in, answers):
    assert window.close(), "nothing analyzed: the window closes without asking"
    assert answers.asked == []

    window.show()
    _analyze(window, qtbot, knees_in[0])
    answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and window.state.slots["front"].status == "done"
    assert "Front" in answers.asked[0] and "not saved" in answers.asked[0]

    answers.append(QMessageBox.StandardButton.Discard)
    assert window.close() and not window.isVisible()


def test_quit_with_save_stores_the_screen_to_the_typed_client(window, qtbot, knees_in, answers, db_path):
    _analyze(window, qtbot, knees_in[0])
    window.slots.client.setText("Dana Reyes")
    answers.append(QMessageBox.StandardButton.Save)
    assert window.close()
    with Database.open(db_path) as db:
        [client] = db.clients.list()
        assert client.name == "Dana Reyes" and len(db.screens.list_for_client(client.id)) == 1


def test_an_analyzed_recording_asks_before_quitting(window, qtbot, knees_in, answers):
    """A live recording is analyzed like a file: quitting before saving it asks."""
    from ces_vision.session.live import RecordingResult

    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.live.recording_ready.emit(RecordingResult(knees_in[0], 252, None), "front")
    answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert answers.asked


def test_client_field_picks_or_creates_the_client_on_save(window, qtbot, knees_in, db_path, message_boxes):
    with Database.open(db_path) as db:
        ana = db.clients.add("Ana Souza")
        db.clients.add("Carla Dias")
        db.clients.add("Carla Dias")
    _analyze(window, qtbot, knees_in[0])

    window.slots.client.setText("  ana souza ")
    window.records.save_screen()
    with Database.open(db_path) as db:
        assert len(db.clients.list()) == 3, "an existing client is picked, not added again"
        assert len(db.screens.list_for_client(ana.id)) == 1
    assert window.slots.client.text() == "Ana Souza" and window.records.controller.client.id == ana.id

    window.slots.client.setText("Bruno Lima")
    window.records.save_screen()
    with Database.open(db_path) as db:
        bruno = next(c for c in db.clients.list() if c.name == "Bruno Lima")
        assert len(db.screens.list_for_client(bruno.id)) == 1
    assert not window.state.unsaved_clips()

    message_boxes.expect(1)
    window.slots.client.setText("Carla Dias")
    window.records.save_screen()
    assert message_boxes.shown[-1][0] == "Several clients have this name"
    with Database.open(db_path) as db:
        assert len(db.clients.list()) == 4


def test_replacing_a_clip_clears_its_overrides_and_evidence(window, qtbot, knees_in):
    first, second, _ = knees_in
    _analyze(window, qtbot, first)
    checklist = window.checklist
    row = checklist.row_of("knees_move_in", "front")
    checklist.set_decision(row, "Override: not seen")
    window.state.set_override(("ohsa", "knees_move_in", "front", "standard", None), note="was filmed too close")
    window.state.set_override(SIDE_LINE, status="seen")
    checklist.table.selectRow(row)
    assert "threshold" in checklist.detail.text() and "reps" in checklist.detail.text()

    _analyze(window, qtbot, second)
    assert ("ohsa", "knees_move_in", "front", "standard", None) not in window.state.overrides
    assert window.state.overrides[SIDE_LINE].status == "seen", "other views keep the coach's word"
    row = checklist.row_of("knees_move_in", "front")
    assert checklist.rows[row].effective_status == "seen" and "(coach)" not in checklist.table.item(row, 4).text()
    assert "threshold" not in checklist.detail.text() and "reps" not in checklist.detail.text()
    assert window.state.effective_compensations() == ["knees_move_in"]


def test_a_failed_clip_slot_can_be_cleared(window, qtbot, tmp_path, message_boxes):
    bad = tmp_path / "broken.mp4"
    bad.write_text("not a video")
    message_boxes.expect(1)
    with qtbot.waitSignal(window.analyses.failed, timeout=10000):
        window.open_videos([bad], view="side")
    clear = window.slots._clear["side"]
    assert window.state.slots["side"].status == "failed" and clear.isVisible()
    clear.click()
    assert window.state.slots["side"] == SlotState()
    assert not clear.isVisible() and window.slots._status["side"].text() == "missing"
    assert "Side" in window.slots.missing.text()
