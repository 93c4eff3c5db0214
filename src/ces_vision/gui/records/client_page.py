"""One client's page: details, referral prompt, screen history, score chart, re-screen
comparison, the session log with adherence, and the buttons that save, open and export
screens and log sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...reports.progress import STATUS_WORDS, ProgressReport
from ...types import STANDARD_VARIANT
from .date_field import DateField
from .referral import ReferralBanner
from .score_chart import ScoreChart

STATUS_COLOURS = {"seen": "#f4c7c3", "not_seen": "#d6ecd2", "not_assessable": "#e6e6e6"}
# (export kind, button text)
EXPORTS = (
    ("pdf", "PDF report"),
    ("pdf_coach", "PDF (coach copy)"),
    ("screen_json", "Screen JSON"),
    ("rep_csv", "Per-rep CSV"),
    ("video", "Annotated video"),
    ("client_json", "Client data (JSON)"),
    ("home_sheet", "Home-exercise sheet (PDF)"),
    ("clinician", "Clinician summary (PDF)"),
)


def _table(columns: list[str], stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # rows grow to wrap
    _set_columns(table, columns, stretch)
    return table


def _set_columns(table: QTableWidget, columns: list[str], stretch: int = -1) -> None:
    """Every column as wide as its contents except `stretch` (index), which takes the room
    left and wraps: nothing is cut off and no sideways scrolling on a laptop screen."""
    table.setColumnCount(len(columns))
    table.setHorizontalHeaderLabels(columns)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(len(columns)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch % len(columns)
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table cell, "" for a cell never filled."""
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _item(text: str, colour: str | None = None, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if colour:
        item.setBackground(QBrush(QColor(colour)))
        item.setForeground(QBrush(QColor("black")))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ClientPage(QWidget):
    edit_requested = Signal()
    save_requested = Signal(object)  # datetime.date of the screen, None when the date typed is not valid
    open_requested = Signal(int)  # screen id
    export_requested = Signal(str)  # export kind
    screen_selected = Signal(int)
    log_session_requested = Signal()
    compare_requested = Signal(int, int)  # earlier screen id, selected screen id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.screens = []
        self.name = QLabel("Choose or add a client")
        self.name.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: #444;")
        self.edit_button = QPushButton("Edit client…")
        self.edit_button.clicked.connect(self.edit_requested)
        self.banner = ReferralBanner()
        self.history = _table(["Date", "Score", "Compensations seen", "Clips"], stretch=2)
        self.history.itemSelectionChanged.connect(self._on_selection)
        self.history.cellDoubleClicked.connect(lambda row, _: self._open_row(row))
        self.history.setMinimumHeight(120)
        self.chart = ScoreChart()
        self.chart.setMaximumHeight(220)
        self.screen_date = DateField()
        self.save_button = QPushButton("Save current screen")
        self.save_button.setToolTip(
            "Store the screen being built (clips, checklist with overrides, program) for this client"
        )
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.screen_date.date()))
        self.open_button = QPushButton("Open screen")
        self.open_button.setToolTip("Show a stored screen in the checklist and program (no re-analysis)")
        self.open_button.clicked.connect(lambda: self._open_row(self.history.currentRow()))
        self.compare_button = QPushButton("Compare with earlier…")
        self.compare_button.setToolTip(
            "The selected screen beside an earlier one: stills, plots over the rep, checklist"
        )
        self.compare_button.setMenu(QMenu(self.compare_button))
        self.checklist = _table(["Compensation"])
        self.metrics = _table(["Compensation"])
        for table in (self.checklist, self.metrics):
            table.setMinimumHeight(210)
        self.adherence = QLabel()
        self.adherence.setWordWrap(True)
        self.sessions = _table(["Date", "Done", "Exercises", "Notes"], stretch=3)
        self.log_button = QPushButton("Log a session…")
        self.log_button.setToolTip("Record a training session: exercises done, share of the plan, pain")
        self.log_button.clicked.connect(self.log_session_requested)
        self.clip = QComboBox()
        self.clip.setToolTip("Clip of the selected screen for the annotated video")
        self.export_buttons = {kind: QPushButton(text) for kind, text in EXPORTS}
        for kind, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setStyleSheet("color: #555;")
        self._layout()
        self.set_enabled(False)

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.edit_button)
        history = QGroupBox("Screens")
        box = QVBoxLayout(history)
        box.addWidget(self.history, 1)
        actions = QGridLayout()
        actions.addWidget(QLabel("Date:"), 0, 0)
        actions.addWidget(self.screen_date, 0, 1)
        actions.addWidget(self.save_button, 0, 2)
        actions.addWidget(self.open_button, 1, 2)
        actions.addWidget(self.compare_button, 1, 1)
        actions.setColumnStretch(3, 1)
        box.addLayout(actions)
        comparison = QTabWidget()
        comparison.tabBar().setUsesScrollButtons(False)  # short labels, all in view
        for table, label, tip in (
            (self.checklist, "Checklist", "Each checklist line across the screens, side by side"),
            (self.metrics, "Measured values", "What was measured for each compensation, screen by screen"),
            (self.sessions, "Sessions", "The training sessions logged, newest first"),
        ):
            comparison.setTabToolTip(comparison.addTab(table, label), tip)
        compare = QGroupBox("Re-screen comparison and sessions")
        box = QVBoxLayout(compare)
        box.addWidget(comparison, 1)
        adherence = QHBoxLayout()
        adherence.addWidget(self.adherence, 1)
        adherence.addWidget(self.log_button)
        box.addLayout(adherence)
        exports = QGroupBox("Export the selected screen")
        grid = QGridLayout(exports)
        files = [kind for kind, _ in EXPORTS if kind != "video"]
        for i, kind in enumerate(files):
            grid.addWidget(self.export_buttons[kind], i // 2, i % 2)
        row = QHBoxLayout()
        row.addWidget(QLabel("Clip:"))
        row.addWidget(self.clip, 1)
        row.addWidget(self.export_buttons["video"])
        rows = (len(files) + 1) // 2
        grid.addLayout(row, rows, 0, 1, 2)
        grid.addWidget(self.export_status, rows + 1, 0, 1, 2)
        middle = QSplitter(Qt.Orientation.Vertical)
        for widget, stretch in ((history, 2), (self.chart, 2), (compare, 3)):
            middle.addWidget(widget)
            middle.setStretchFactor(middle.count() - 1, stretch)
        middle.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.details)
        layout.addWidget(self.banner)
        layout.addWidget(middle, 1)
        layout.addWidget(exports)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.edit_button,
            self.save_button,
            self.open_button,
            self.compare_button,
            self.screen_date,
            self.log_button,
            *self.export_buttons.values(),
        ):
            widget.setEnabled(enabled)

    # ----------------------------------------------------------------- filling
    def show_client(self, client, screens, progress: ProgressReport, select: int | None = None, sessions=()) -> None:
        self.screens = list(screens)
        self.name.setText(client.name)
        parts = [
            f"Contact: {client.contact}" if client.contact else "",
            f"Goals: {client.goals}" if client.goals else "",
            f"Injury and pain history: {client.injury_history}" if client.injury_history else "",
            "Video consent: yes" if client.video_consent else "Video consent: no (clips kept by reference)",
        ]
        self.details.setText("  ·  ".join(p for p in parts if p))
        self.banner.set_pain(client.pain_reported)
        self.set_enabled(True)
        self._fill_history(progress)
        self.chart.set_points(progress.score_points())
        self._fill_comparison(progress)
        self._fill_sessions(sessions)
        if self.screens:
            ids = [s.id for s in self.screens]
            self.history.selectRow(ids.index(select) if select in ids else len(ids) - 1)
        self._on_selection()

    def clear(self) -> None:
        self.screens = []
        self.name.setText("Choose or add a client")
        self.details.setText("")
        self.banner.set_pain(False)
        for table in (self.history, self.checklist, self.metrics, self.sessions):
            table.setRowCount(0)
        self.chart.set_points([])
        self.adherence.setText("")
        self.clip.clear()
        self.set_enabled(False)

    def selected_screen_id(self) -> int | None:
        row = self.history.currentRow()
        item = self.history.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_clip_id(self) -> int | None:
        return self.clip.currentData()

    def history_rows(self) -> list[tuple[str, ...]]:
        return [
            tuple(cell_text(self.history, r, c) for c in range(self.history.columnCount()))
            for r in range(self.history.rowCount())
        ]

    def _fill_history(self, progress: ProgressReport) -> None:
        seen_by_screen = {
            point.screen_id: [c.title for c in progress.compensations if c.statuses[i] == "seen"]
            for i, point in enumerate(progress.screens)
        }
        self.history.setRowCount(len(self.screens))
        for r, screen in enumerate(self.screens):
            seen = seen_by_screen.get(screen.id, [])
            self.history.setItem(r, 0, _item(screen.screened_on.isoformat(), data=screen.id))
            self.history.setItem(r, 1, _item("-" if screen.score is None else f"{screen.score:g}"))
            self.history.setItem(r, 2, _item(", ".join(seen) or "none"))
            self.history.setItem(r, 3, _item(", ".join(_clip_name(c) for c in screen.clips)))

    def _fill_comparison(self, progress: ProgressReport) -> None:
        dates = [s.screened_on.isoformat() for s in progress.screens]
        _set_columns(self.checklist, ["Compensation", *dates, "Outcome"])
        self.checklist.setRowCount(len(progress.compensations))
        for r, comp in enumerate(progress.compensations):
            self.checklist.setItem(r, 0, _item(comp.title))
            for c, (status, coach) in enumerate(zip(comp.statuses, comp.coach_overridden), start=1):
                text = STATUS_WORDS[status] + (" (coach)" if coach else "")
                self.checklist.setItem(r, c, _item(text, STATUS_COLOURS.get(status) if status is not None else None))
            self.checklist.setItem(r, len(dates) + 1, _item(comp.outcome))
        measured = [c for c in progress.compensations if any(v is not None for v in c.values)]
        _set_columns(self.metrics, ["Compensation", *dates, "Change"])
        self.metrics.setRowCount(len(measured))
        for r, comp in enumerate(measured):
            self.metrics.setItem(r, 0, _item(f"{comp.title} ({comp.unit})" if comp.unit else comp.title))
            for c, value in enumerate(comp.values, start=1):
                self.metrics.setItem(r, c, _item("-" if value is None else f"{value:.3g}"))
            self.metrics.setItem(r, len(dates) + 1, _item("-" if comp.change is None else f"{comp.change:+.3g}"))
        self.adherence.setText(_adherence_text(progress))

    def _fill_sessions(self, sessions) -> None:
        """Newest first."""
        entries = sorted(sessions, key=lambda e: (e.session_date, e.id), reverse=True)
        self.sessions.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            self.sessions.setItem(r, 0, _item(entry.session_date.isoformat(), data=entry.id))
            self.sessions.setItem(r, 1, _item(f"{entry.adherence:.0%}"))
            self.sessions.setItem(r, 2, _item(str(len(entry.exercises)) if entry.exercises else "-"))
            self.sessions.setItem(r, 3, _item(entry.notes))

    def session_rows(self) -> list[tuple[str, ...]]:
        return [
            tuple(cell_text(self.sessions, r, c) for c in range(self.sessions.columnCount()))
            for r in range(self.sessions.rowCount())
        ]

    def _on_selection(self) -> None:
        screen_id = self.selected_screen_id()
        screen = next((s for s in self.screens if s.id == screen_id), None)
        self.clip.clear()
        for clip in screen.clips if screen is not None else ():
            self.clip.addItem(_clip_name(clip), clip.id)
        has_screen = screen is not None
        for kind, button in self.export_buttons.items():
            button.setEnabled(kind == "client_json" or (has_screen and (kind != "video" or bool(screen.clips))))
        self.open_button.setEnabled(has_screen)
        self._fill_compare_menu(screen)
        if screen_id is not None:
            self.screen_selected.emit(screen_id)

    def _fill_compare_menu(self, screen) -> None:
        """One entry per screen stored before the selected one, newest first."""
        menu = self.compare_button.menu()
        menu.clear()
        earlier = []
        if screen is not None:
            earlier = [s for s in self.screens if (s.screened_on, s.id) < (screen.screened_on, screen.id)]
            for other in reversed(earlier):
                action = menu.addAction(f"the screen of {other.screened_on.isoformat()}")
                action.triggered.connect(lambda _=False, a=other.id, b=screen.id: self.compare_requested.emit(a, b))
        self.compare_button.setEnabled(bool(earlier))

    def _open_row(self, row: int) -> None:
        item = self.history.item(row, 0) if row >= 0 else None
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))


def _clip_name(clip) -> str:
    return clip.view if clip.variant == STANDARD_VARIANT else f"{clip.view} ({clip.variant.replace('_', ' ')})"


def _adherence_text(progress: ProgressReport) -> str:
    parts = []
    for period in progress.adherence:
        if period.mean_adherence is None:
            parts.append(f"{period.label}: no session logged")
        else:
            parts.append(f"{period.label}: {period.sessions} session(s), {period.mean_adherence:.0%} done")
    return "Adherence (session log) — " + "; ".join(parts) if parts else ""
