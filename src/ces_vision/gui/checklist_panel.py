"""The NASM checklist, filled from the screening, with the coach's word beside it.

Each line shows what was computed and its evidence; the coach can confirm it, override
it (seen / not seen) and add a note. Overrides go to `ScreenState.overrides`, never into
the computed result. A line of a view not filmed has nothing to judge: no decision box.
Names are the plain ones the reports print (`screening.compensation_name`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..prescription import REFERRAL_TEXT
from ..screening import STATUS_NAMES, compensation_name
from ..session.screen_state import ChecklistRow, ScreenState, evidence_text
from ..types import STANDARD_VARIANT

# Coach decisions offered for each line: (label, override status, confirmed)
DECISIONS = (
    ("Not reviewed", None, False),
    ("Confirm", None, True),
    ("Override: seen", "seen", False),
    ("Override: not seen", "not_seen", False),
)
STATUS_COLOURS = {
    "seen": QColor("#f4c7c3"),
    "not_seen": QColor("#d6ecd2"),
    "not_assessable": QColor("#e6e6e6"),
    "not_filmed": QColor("#f2f2f2"),
}
COLUMNS = ("Clip", "Compensation", "Computed", "Coach", "Result", "Evidence", "Note")
NOTE_WIDTH = 90  # px; the coach can widen it
DETAIL_HINT = "Select a line to see its evidence; double-click it to show its key frame."


def clip_label(line) -> str:
    label = line.view
    if line.variant != STANDARD_VARIANT:
        label += f", {line.variant.replace('_', ' ')}"
    if line.leg:
        label += f", {line.leg} leg"
    return label


class ChecklistPanel(QWidget):
    """Table of checklist lines. Emits `changed` after an override or a note."""

    changed = Signal()
    # the line (CheckpointResult) the coach double-clicked: the window opens the clip it was judged on
    line_activated = Signal(object)

    def __init__(self, state: ScreenState, parent=None):
        super().__init__(parent)
        self._state = state
        self._rows: list[ChecklistRow] = []
        self._filling = False
        self.summary_label = QLabel("Analyze a clip to fill the checklist.")
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Evidence takes what is left (cut short; the line below the table has it whole), so
        # Result and Note stay in view on a laptop screen
        header.setSectionResizeMode(COLUMNS.index("Evidence"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMNS.index("Note"), QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COLUMNS.index("Note"), NOTE_WIDTH)
        header.setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.detail = QLabel(DETAIL_HINT)
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #333; padding: 2px;")
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    @property
    def rows(self) -> list[ChecklistRow]:
        return list(self._rows)

    def refresh(self) -> None:
        """Rebuild from the screen state (after an analysis or an override)."""
        self._filling = True
        self._rows = self._state.checklist_rows()
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            line = row.line
            self._set(r, "Clip", clip_label(line))
            self._set(r, "Compensation", compensation_name(line.compensation))
            self._set(r, "Computed", STATUS_NAMES[row.computed_status], STATUS_COLOURS[row.computed_status])
            self._show_result(r, row)
            self._set(r, "Evidence", evidence_text(line))
            self._set(r, "Note", row.override.note, editable=True)
            if line.status == "not_filmed":
                self.table.removeCellWidget(r, COLUMNS.index("Coach"))
                self._set(r, "Coach", "")
            else:
                self.table.setCellWidget(r, COLUMNS.index("Coach"), self._decision_box(r, row))
        self.detail.setText(DETAIL_HINT)  # the evidence shown may be of a clip just replaced
        self._filling = False
        self._update_summary()

    def set_decision(self, row: int, decision: str) -> None:
        """Choose a coach decision by label (as the combo box does)."""
        box = self.table.cellWidget(row, COLUMNS.index("Coach"))
        if not isinstance(box, QComboBox):  # a line of a view not filmed has no decision to take
            raise ValueError(f"checklist row {row} takes no coach decision")
        box.setCurrentIndex([d[0] for d in DECISIONS].index(decision))

    def row_of(
        self,
        compensation: str,
        view: str | None = None,
        variant: str = STANDARD_VARIANT,
        assessment: str | None = None,
    ) -> int:
        """The first row of that line (push and pull both check low back arches: name the
        assessment to tell them apart)."""
        for i, row in enumerate(self._rows):
            line = row.line
            if (
                line.compensation == compensation
                and (view is None or line.view == view)
                and line.variant == variant
                and (assessment is None or line.assessment == assessment)
            ):
                return i
        raise KeyError(compensation)

    def _decision_box(self, r: int, row: ChecklistRow) -> QComboBox:
        box = QComboBox()
        for label, _, _ in DECISIONS:
            box.addItem(label)
        current = next(
            (
                i
                for i, (_, status, confirmed) in enumerate(DECISIONS)
                if status == row.override.status and confirmed == row.override.confirmed
            ),
            0,
        )
        box.setCurrentIndex(current)
        box.currentIndexChanged.connect(lambda index, r=r: self._on_decision(r, index))
        return box

    def _set(self, r: int, column: str, text: str, colour: QColor | None = None, editable: bool = False) -> None:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
        if colour is not None:
            item.setBackground(QBrush(colour))
            item.setForeground(QBrush(QColor("black")))
        if column == "Evidence":
            item.setToolTip(text)
        self.table.setItem(r, COLUMNS.index(column), item)

    def _on_decision(self, r: int, index: int) -> None:
        _, status, confirmed = DECISIONS[index]
        key = self._rows[r].key
        self._state.set_override(key, status=status, confirmed=confirmed)
        self._rows[r] = ChecklistRow(key, self._rows[r].line, self._state.overrides[key])
        self._filling = True
        self._show_result(r, self._rows[r])
        self._filling = False
        self._update_summary()
        self.changed.emit()

    def _show_result(self, r: int, row: ChecklistRow) -> None:
        self._set(
            r,
            "Result",
            STATUS_NAMES[row.effective_status] + (" (coach)" if row.overridden else ""),
            STATUS_COLOURS[row.effective_status],
        )

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != COLUMNS.index("Note"):
            return
        self._state.set_override(self._rows[item.row()].key, note=item.text())
        self.changed.emit()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._rows):
            row = self._rows[rows[0].row()]
            line = row.line
            self.detail.setText(f"{compensation_name(line.compensation)} ({clip_label(line)}): {evidence_text(line)}")

    def _on_double_click(self, r: int, column: int) -> None:
        if 0 <= r < len(self._rows) and column != COLUMNS.index("Note"):
            self.line_activated.emit(self._rows[r].line)

    def _update_summary(self) -> None:
        summary = self._state.summary()
        if summary is None:
            self.summary_label.setText("Analyze a clip to fill the checklist.")
            return
        seen = ", ".join(compensation_name(c).lower() for c in self._state.effective_compensations()) or "none"
        overrides = sum(1 for row in self._rows if row.overridden)
        text = f"Screen score (computed): {summary.score_text()}.  Compensations (with coach overrides): {seen}."
        if overrides:
            text += f"  {overrides} line(s) overridden by the coach."
        for conclusion in summary.differential:
            text += f"\n{conclusion.text}"
        for match in self._state.patterns():
            text += f"\n{match.text()}"
        for warning in summary.warnings:
            text += f"\nWarning, {warning}"
        if self._state.client_pain:
            text += "\n" + REFERRAL_TEXT
        self.summary_label.setText(text)
