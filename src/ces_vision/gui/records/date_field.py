"""A date typed or picked from a calendar, read in full or refused in words.

QDateEdit edits one section at a time: a date typed over it ("2025-03-14" over
2026-12-02) kept the current year and gave 2026-03-14 without a word. Here the whole
text is read as year-month-day, and a date that is incomplete, impossible or in the
future is refused with a plain line; beside a valid one the weekday and how long ago it
was are shown, so a wrong year is seen at once.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

_YMD = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*")


class NotADate(ValueError):
    """What the coach typed is not a day that can be used; the message says why."""


def parse_date(text: str, today: date) -> date:
    """`text` (YYYY-MM-DD, single-digit month and day allowed) as a date no later than
    `today`; NotADate with a plain message otherwise."""
    match = _YMD.fullmatch(text)
    if match is None:
        raise NotADate(f"'{text.strip()}' is not a date: type it as year-month-day, e.g. {today.isoformat()}")
    try:
        value = date(*map(int, match.groups()))
    except ValueError:  # datetime's: month 13, February 30
        raise NotADate(f"{text.strip()} is not a day of the calendar") from None
    if value > today:
        raise NotADate(f"{value.isoformat()} is in the future")
    return value


def describe(value: date, today: date) -> str:
    """The weekday and how long ago, e.g. "Monday, 3 days ago"."""
    days = (today - value).days
    ago = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
    if days >= 60:
        ago = f"{days // 30} months ago" if days < 730 else f"{days // 365} years ago"
    return f"{value.strftime('%A')}, {ago}"


class DateField(QWidget):
    """A line for the date, a calendar button, and a note: the weekday, or what is wrong."""

    changed = Signal()

    def __init__(self, value: date | None = None, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("year-month-day")
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-000") + 16)
        self.edit.textChanged.connect(self._check)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        self.pick = QToolButton()
        self.pick.setText("…")
        self.pick.setToolTip("Pick the date on a calendar")
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.pick)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.pick.setMenu(menu)
        self.note = QLabel()
        self.note.setWordWrap(True)  # a refusal wraps under the date instead of widening the form
        row = QHBoxLayout()
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self._value: date | None = None
        self._error = ""
        self.setDate(value or date.today())

    def date(self) -> date | None:
        """The date entered, or None while the text is not a valid date (see `error`)."""
        return self._value

    def error(self) -> str:
        return self._error

    def setDate(self, value: date | QDate) -> None:
        day = date(value.year(), value.month(), value.day()) if isinstance(value, QDate) else value
        self.edit.setText(day.isoformat())

    def _check(self) -> None:
        today = date.today()
        try:
            self._value, self._error = parse_date(self.edit.text(), today), ""
            self.note.setText(describe(self._value, today))
            self.note.setStyleSheet("color: #555;")
        except NotADate as exc:
            self._value, self._error = None, str(exc)
            self.note.setText(self._error)
            self.note.setStyleSheet("color: #b00020;")
        self.changed.emit()

    def _prepare_calendar(self) -> None:
        self.calendar.setMaximumDate(QDate.currentDate())
        if self._value is not None:
            self.calendar.setSelectedDate(QDate(self._value.year, self._value.month, self._value.day))

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        self.pick.menu().close()
