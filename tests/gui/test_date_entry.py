"""Dates typed in the records are read in full, or refused in words: never a silently wrong year."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from ces_vision.gui.records.date_field import DateField, describe, parse_date
from ces_vision.gui.records.session_dialog import SessionDialog
from ces_vision.storage import Database

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-14", date(2025, 3, 14)),
        (" 2025-3-4 ", date(2025, 3, 4)),
        ("2026/12/02", TODAY),
    ],
)
def test_a_whole_date_is_read_as_typed(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("14/03/2025", "not a date"),
        ("03-14", "not a date"),
        ("25-3-14", "not a date"),
        ("", "not a date"),
        ("2025-02-30", "not a day of the calendar"),
        ("2062-12-01", "in the future"),
    ],
)
def test_a_partial_impossible_or_future_date_is_refused_in_words(text, words):
    with pytest.raises(ValueError, match=words):
        parse_date(text, TODAY)


def test_the_weekday_and_age_are_shown_beside_the_date():
    assert describe(date(2026, 11, 30), TODAY) == "Monday, 2 days ago"
    assert describe(date(2025, 12, 2), TODAY) == "Tuesday, 12 months ago"


def _type(widget, text: str) -> None:
    target = widget.focusProxy() or widget
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(target, text)


def test_a_session_date_typed_over_today_keeps_the_year_typed(qtbot):
    dialog = SessionDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    last_year = date.today().replace(day=1) - timedelta(days=365)
    _type(dialog.session_date, last_year.isoformat())
    assert dialog.values()["session_date"] == last_year and ok.isEnabled()
    _type(dialog.session_date, f"{last_year.day:02d}/{last_year.month:02d}/{last_year.year}")
    assert not ok.isEnabled() and "not a date" in dialog.session_date.note.text()
    _type(dialog.session_date, (date.today() + timedelta(days=400)).isoformat())
    assert not ok.isEnabled() and "in the future" in dialog.session_date.note.text()


def test_a_date_picked_on_the_calendar_is_taken(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.calendar.clicked.emit(QDate(2026, 1, 5))
    assert field.date() == date(2026, 1, 5) and field.edit.text() == "2026-01-05"


def test_saving_a_screen_on_a_wrong_date_is_refused_in_words(make_window, tmp_path, message_boxes):
    db_path = tmp_path / "clients.sqlite3"
    with Database.open(db_path) as db:
        client = db.clients.add("Ana")
    window = make_window(database_path=db_path)
    window.tabs.setCurrentWidget(window.records)
    window.records.controller.select_client(client.id)
    page = window.records.page
    page.screen_date.edit.setText("2026-13-01")
    message_boxes.expect(1)
    page.save_button.click()
    assert message_boxes.shown == [("Check the screen's date", "2026-13-01 is not a day of the calendar.")]
    with Database.open(db_path) as db:
        assert db.screens.list_for_client(client.id) == []
