"""Client records in the app: add and search clients, save a screen to a client and see it
in the history, re-open it, the pain referral prompt, exports, and the database choice."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
from gui_fakes import fake_pose_factory
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from ces_vision.gui.records import REFERRAL_PROMPT
from ces_vision.gui.review.key_frames import key_frames
from ces_vision.prescription import REFERRAL_TEXT, RemoveExercise
from ces_vision.reports import FrameData
from ces_vision.session.screen_state import SlotState
from ces_vision.storage import Database


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "records" / "clients.sqlite3"


@pytest.fixture
def records_window(make_window, knees_in, db_path):
    """A window on a temporary database with the Clients tab shown."""
    _, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence), database_path=db_path)
    window.tabs.setCurrentWidget(window.records)
    return window


def _add_client(window, name: str, pain: bool = False, consent: bool = False, **text) -> None:
    window.records.clients.add_button.click()
    dialog = window.records.controller.dialog
    assert dialog.isVisible() and not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.name.setText(name)
    dialog.contact.setText(text.get("contact", ""))
    dialog.goals.setPlainText(text.get("goals", ""))
    dialog.injury_history.setPlainText(text.get("injury_history", ""))
    dialog.notes.setPlainText(text.get("notes", ""))
    dialog.pain.setChecked(pain)
    dialog.video_consent.setChecked(consent)
    dialog.accept()


def _analyze(window, qtbot, path) -> None:
    window.tabs.setCurrentWidget(window.review)
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    window.tabs.setCurrentWidget(window.records)


def test_add_client_via_dialog_and_search(records_window, db_path):
    window = records_window
    _add_client(
        window,
        "Ana Souza",
        contact="ana@example.org",
        goals="squat deeper",
        injury_history="ankle sprain 2021",
        notes="prefers mornings",
        consent=True,
    )
    _add_client(window, "Bruno Lima")
    _add_client(window, "Mariana Costa")
    clients = window.records.clients
    assert clients.visible_names() == ["Ana Souza", "Bruno Lima", "Mariana Costa"]
    assert window.records.page.name.text() == "Mariana Costa"  # the new client is selected

    clients.search.setText("ana")  # live, case-insensitive, substring
    assert clients.visible_names() == ["Ana Souza", "Mariana Costa"]
    clients.search.setText("LIMA")
    assert clients.visible_names() == ["Bruno Lima"]
    clients.search.clear()
    assert len(clients.visible_names()) == 3

    with Database.open(db_path) as db:
        ana = db.clients.search("Ana Souza")[0]
    assert (ana.contact, ana.goals, ana.injury_history, ana.notes) == (
        "ana@example.org",
        "squat deeper",
        "ankle sprain 2021",
        "prefers mornings",
    )
    assert ana.video_consent and not ana.pain_reported


def test_save_screen_shows_in_history_and_reopens(records_window, qtbot, knees_in, db_path):
    window = records_window
    path, _ = knees_in
    _add_client(window, "Ana Souza", consent=True)
    _analyze(window, qtbot, path)
    score = window.state.summary().score
    row = window.checklist.row_of("feet_turn_out", "front")
    window.checklist.set_decision(row, "Override: seen")
    removed = window.program.exercise_ids()[0]
    window.program.apply_edit(RemoveExercise(removed))
    page = window.records.page
    page.screen_date.setDate(QDate(2026, 1, 5))
    page.save_button.click()

    assert page.history_rows()[0][:2] == ("2026-01-05", f"{score:g}")
    assert "Knees move inward" in page.history_rows()[0][2] and "Feet turn out" in page.history_rows()[0][2]
    with Database.open(db_path) as db:
        client = db.clients.search("Ana")[0]
        (screen,) = db.screens.list_for_client(client.id)
        (program,) = db.programs.list_for_client(client.id)
    assert screen.score == score and screen.screened_on == date(2026, 1, 5)
    assert [v["view"] for v in screen.results["views"]] == ["front"]
    assert screen.clips[0].storage == "copy" and screen.clips[0].video_path.is_file()  # consent given
    assert {line["compensation"]: line["status"] for line in screen.overrides["lines"]} == {"feet_turn_out": "seen"}
    assert program.screen_id == screen.id and program.coach_edits["edits"][0]["exercise_id"] == removed
    assert "knees_move_in" not in str(screen.overrides)  # computed results stay apart from overrides

    # a new screen wipes the app's state; re-opening the stored one brings it all back
    original = window.state.slots["front"].analysis
    for key in window.state.slots:
        window.state.slots[key] = SlotState()
    window.state.overrides.clear()
    window.state.program_edits = ()
    page.open_button.click()
    restored = window.state.slots["front"]
    assert restored.status == "done" and restored.reviewable  # the pose was stored with the clip
    np.testing.assert_allclose(restored.analysis.pose.image_xyz, original.pose.image_xyz, rtol=1e-6)
    assert restored.analysis.kinematics.reps == original.kinematics.reps
    statuses = {(r.line.compensation, r.line.view): r.effective_status for r in window.checklist.rows}
    assert statuses[("knees_move_in", "front")] == "seen"
    assert statuses[("feet_turn_out", "front")] == "seen"  # the coach's override
    assert removed not in window.program.exercise_ids()
    window.show_slot("front")  # skeleton, plots, rep timeline and key frames, as before saving
    assert window.review._points is not None and window.review.key_frame_buttons
    assert [b.text() for b in window.review.key_frame_buttons] == [k.label for k in key_frames(original)]

    # saving the re-opened screen again updates it instead of adding a copy, and the
    # program the reports print follows the coach's later edit
    second = window.program.exercise_ids()[0]
    window.program.apply_edit(RemoveExercise(second))
    page.save_button.click()
    with Database.open(db_path) as db:
        (screen,) = db.screens.list_for_client(client.id)
    printed = [item["id"] for step in screen.results["program"].values() for item in step]
    assert printed and second not in printed and removed not in printed


def test_pain_shows_referral_prompt(records_window):
    window = records_window
    _add_client(window, "Carla Dias", pain=True, injury_history="low back pain when lifting")
    page = window.records.page
    assert not page.banner.isHidden() and page.banner.text() == REFERRAL_PROMPT
    assert "physical therapist" in REFERRAL_PROMPT
    assert REFERRAL_PROMPT == REFERRAL_TEXT  # the one referral text the reports and screen JSON say
    assert not window.records.program_banner.isHidden()  # above the program panel too
    assert window.state.client_pain and window.slots.client.text() == "Carla Dias"
    assert "(pain)" in window.records.clients.list.item(0).text()

    _add_client(window, "Dora Reis")
    assert page.banner.isHidden() and window.records.program_banner.isHidden()
    assert not window.state.client_pain


def test_export_buttons_write_files(records_window, qtbot, knees_in, tmp_path, monkeypatch):
    window = records_window
    path, _ = knees_in
    _add_client(window, "Ana Souza")
    _analyze(window, qtbot, path)
    window.records.page.save_button.click()
    page, controller = window.records.page, window.records.controller
    out = tmp_path / "exports"
    names = {
        "pdf": "report.pdf",
        "pdf_coach": "coach.pdf",
        "screen_json": "screen.json",
        "rep_csv": "reps.csv",
        "video": "annotated.mp4",
        "client_json": "client.json",
    }
    for kind, name in names.items():
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, n=name, **k: (str(out / n), "")))
        with qtbot.waitSignal(controller.exports.finished, timeout=60000):
            page.export_buttons[kind].click()
    assert (out / "report.pdf").read_bytes()[:4] == b"%PDF"
    assert (out / "coach.pdf").read_bytes()[:4] == b"%PDF"
    assert json.loads((out / "screen.json").read_text())["views"][0]["view"] == "front"
    assert (out / "reps.csv").read_text().startswith("view,rep,")
    assert (out / "annotated.mp4").stat().st_size > 1000
    assert json.loads((out / "client.json").read_text())["client"]["name"] == "Ana Souza"
    assert page.export_status.text().startswith("Wrote")


def test_export_failure_is_a_plain_message(records_window, qtbot, knees_in, tmp_path, message_boxes):
    window = records_window
    _add_client(window, "Ana Souza")
    _analyze(window, qtbot, knees_in[0])
    window.records.page.save_button.click()
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    message_boxes.expect(1)
    with qtbot.waitSignal(window.records.controller.exports.failed, timeout=20000):
        window.records.controller.start_export("pdf", blocker / "report.pdf")
    title, text = message_boxes.shown[0]
    assert "could not" in text.lower() and "Traceback" not in text


def test_save_without_client_is_a_plain_message(records_window, qtbot, knees_in, message_boxes):
    window = records_window
    _analyze(window, qtbot, knees_in[0])
    message_boxes.expect(1)
    assert window.records.save_screen() is None
    assert message_boxes.shown[0][0] == "Choose a client first"


def test_database_menu_choice_is_remembered(make_window, tmp_path, monkeypatch):
    chosen = tmp_path / "elsewhere" / "studio.sqlite3"
    window = make_window()  # no database_path: the remembered choice or the default
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    window.records.choose_database()
    assert chosen.is_file()
    _add_client(window, "Eva Rocha")
    window.close()
    again = make_window()
    again.tabs.setCurrentWidget(again.records)
    assert again.records.controller.db.path == chosen
    assert again.records.clients.visible_names() == ["Eva Rocha"]


def test_log_a_session_on_the_stored_program_and_pain_raises_the_referral(records_window, qtbot, knees_in, db_path):
    from PySide6.QtCore import Qt

    window = records_window
    path, _ = knees_in
    _add_client(window, "Dora Reis")
    _analyze(window, qtbot, path)
    page = window.records.page
    page.save_button.click()
    program_ids = window.program.exercise_ids()
    assert page.banner.isHidden()

    page.log_button.click()
    dialog = window.records.controller.dialog
    assert dialog.exercises.count() == len(program_ids)
    for i in (0, 1):
        dialog.exercises.item(i).setCheckState(Qt.CheckState.Checked)
    assert dialog.share.value() == round(200 / len(program_ids))  # ticked / listed
    dialog.session_date.setDate(QDate(2026, 1, 12))
    dialog.notes.setPlainText("foam rolling felt easier")
    dialog.pain.setChecked(True)
    dialog.accept()

    with Database.open(db_path) as db:
        client = db.clients.search("Dora")[0]
        (entry,) = db.sessions.list_for_client(client.id)
        (program,) = db.programs.list_for_client(client.id)
    assert entry.session_date == date(2026, 1, 12) and entry.program_id == program.id
    assert list(entry.exercises) == [dialog.exercises.item(i).data(Qt.ItemDataRole.UserRole) for i in (0, 1)]
    assert entry.adherence == pytest.approx(round(200 / len(program_ids)) / 100)
    assert entry.notes == "foam rolling felt easier; pain during the session"
    assert client.pain_reported and not page.banner.isHidden() and window.state.client_pain
    assert page.session_rows() == [("2026-01-12", f"{entry.adherence:.0%}", "2", entry.notes)]
    assert "session(s)" in page.adherence.text()


def test_a_typed_share_wins_over_ticked_exercises(qtbot):
    from PySide6.QtCore import Qt

    from ces_vision.gui.records.session_dialog import SessionDialog

    dialog = SessionDialog(None, [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")])
    qtbot.addWidget(dialog)
    dialog.exercises.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.share.value() == 25
    dialog.share.setValue(60)  # the coach knows better
    dialog.exercises.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.values()["adherence"] == 0.6 and dialog.values()["exercises"] == ["a", "b"]
    assert SessionDialog(None, []).values()["adherence"] == 1.0  # no program: the coach types the share


def test_exports_of_a_stored_screen_take_stills_and_skeleton_from_its_stored_pose(
    records_window, qtbot, knees_in, tmp_path
):
    window = records_window
    _add_client(window, "Eva Lopes")
    _analyze(window, qtbot, knees_in[0])
    analysis = window.state.slots["front"].analysis
    window.records.page.save_button.click()
    controller = window.records.controller
    controller._open = None  # the app has moved on to another screen
    screens = tuple(window.records.page.screens)
    request = controller._request("video", tmp_path / "a.mp4", list(screens))
    assert request.video_frames is not None
    expected = FrameData.from_analysis(analysis)
    np.testing.assert_allclose(request.video_frames.pixels, expected.pixels, rtol=1e-5, equal_nan=True)
    assert request.video_frames.kinematics.reps == analysis.kinematics.reps
    assert set(controller._request("pdf", tmp_path / "r.pdf", list(screens)).frames) == {"front"}


def test_inbox_screens_to_review_show_in_the_client_list_until_the_coach_saves_them(
    records_window, qtbot, knees_in, db_path
):
    window, clients = records_window, records_window.records.clients
    _add_client(window, "Ana Souza")
    _analyze(window, qtbot, knees_in[0])
    window.records.page.save_button.click()
    with Database.open(db_path) as db:  # as `ces-vision watch` files it
        client = db.clients.named("Ana Souza")[0]
        (screen,) = db.screens.list_for_client(client.id)
        db.inbox.record("f" * 64, screen.id)
    window.records.controller.open_database(db_path, remember=False)
    assert clients.list.item(0).text() == "Ana Souza \u2014 1 inbox screen to review"
    assert "inbox" in clients.list.item(0).toolTip() and clients.visible_names() == ["Ana Souza"]
    clients.select(client.id)
    window.records.page.open_button.click()
    window.records.page.save_button.click()
    assert clients.list.item(0).text() == "Ana Souza"


def test_a_screen_saved_by_the_cli_for_a_client_reopens_in_the_app(records_window, knees_in, db_path, monkeypatch):
    """`ces-vision screen --front V --client ID` saves what the app's own save would."""
    from ces_vision.cli import main
    from ces_vision.cli import screen as screen_cli
    from ces_vision.pose import FakePoseBackend
    from ces_vision.session import analyze_file

    video, sequence = knees_in
    window = records_window
    _add_client(window, "Ana Souza")
    with Database.open(db_path) as db:
        client = db.clients.named("Ana Souza")[0]
    monkeypatch.setattr(
        screen_cli,
        "analyze_file",
        lambda path, view, settings, **kw: analyze_file(
            path, view, settings, backend=FakePoseBackend(sequence), options=kw["options"]
        ),
    )
    assert (
        main(
            [
                "screen",
                "--front",
                str(video),
                "--client",
                str(client.id),
                "--db",
                str(db_path),
                "--json",
                str(db_path.parent / "screen.json"),
            ]
        )
        == 0
    )
    window.records.controller.open_database(db_path, remember=False)
    window.records.clients.select(client.id)
    window.records.page.open_button.click()
    restored = window.state.slots["front"]
    assert restored.status == "done" and restored.reviewable and restored.path == video
    statuses = {(r.line.compensation, r.line.view): r.effective_status for r in window.checklist.rows}
    assert statuses[("knees_move_in", "front")] == "seen"
    assert window.program.exercise_ids()
