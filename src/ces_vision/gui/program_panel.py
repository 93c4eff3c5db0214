"""The corrective program, grouped inhibit -> lengthen -> activate -> integrate, with
dosage and time per phase. The coach removes, swaps and edits exercises; each change is
a prescription edit kept apart from the computed program."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..prescription import (
    REFERRAL_TEXT,
    STEPS,
    ChangeDosage,
    RemoveExercise,
    SwapExercise,
    dosage_text,
    group_by_pattern,
    left_out_notes,
    load_knowledge_base,
)
from ..screening import compensation_name
from ..session.screen_state import ScreenState
from .program_dialogs import DosageDialog, SwapDialog

STEP_TITLES = {
    "inhibit": "1. Inhibit (self-myofascial release)",
    "lengthen": "2. Lengthen (static stretch)",
    "activate": "3. Activate (isolated strengthening)",
    "integrate": "4. Integrate (total-body movement)",
}
COLUMNS = ("Exercise", "Dosage", "Min", "For", "Note")


class ProgramPanel(QWidget):
    """Tree of the effective program; emits `changed` after an edit."""

    changed = Signal()

    def __init__(self, state: ScreenState, parent=None):
        super().__init__(parent)
        self._state = state
        self._kb = load_knowledge_base()
        self._items = {}  # exercise id -> ProgramItem shown
        self.program = None
        self.edition = QComboBox()
        for edition in ("7th", "4th"):
            self.edition.addItem(f"NASM CPT {edition} ed.", edition)
        self.edition.setToolTip("Which NASM edition's compensation -> muscle table to use")
        self.edition.currentIndexChanged.connect(self._on_edition)
        self.total = QLabel()
        self.total.setWordWrap(True)  # the list of compensations must not widen the panel
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        # Dosage and minutes always in view; the exercise name is cut first (its tooltip
        # describes it), so the panel fits beside the review on a laptop screen
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("Exercise"), QHeaderView.ResizeMode.Stretch)
        for column in ("Dosage", "Min"):
            header.setSectionResizeMode(COLUMNS.index(column), QHeaderView.ResizeMode.ResizeToContents)
        for column, width in (("For", 130), ("Note", 90)):
            header.setSectionResizeMode(COLUMNS.index(column), QHeaderView.ResizeMode.Interactive)
            header.resizeSection(COLUMNS.index(column), width)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button = QPushButton("Remove")
        self.swap_button = QPushButton("Swap…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button.clicked.connect(self.remove_selected)
        self.swap_button.clicked.connect(self.swap_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(self.edition)
        top.addWidget(self.total, 1)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.swap_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.notes)
        self.rebuild()

    def exercise_ids(self, step: str | None = None) -> list[str]:
        return [i.exercise.id for i in self._effective if step is None or i.step == step]

    def rebuild(self) -> None:
        """Recompute from the effective checklist and the edits, and redraw."""
        self.program = self._state.program()
        self._effective = self.program.effective(self._kb)
        self._items = {i.exercise.id: i for i in self._effective}
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        groups = group_by_pattern(self._effective, self._state.patterns())
        if len(groups) == 1 and groups[0][0] is None:
            self._add_steps(self.tree.invisibleRootItem(), self._effective, bold, every_step=True)
        else:  # exercises under the movement pattern they serve, then the rest
            for pattern, items in groups:
                title = f"Pattern consistent with {pattern.pattern.name}" if pattern else "Other exercises"
                head = self._head(self.tree.invisibleRootItem(), title, bold)
                self._add_steps(head, items, bold, every_step=False)
        total = sum(i.minutes for i in self._effective)
        found = ", ".join(compensation_name(c).lower() for c in self._state.effective_compensations())
        self.total.setText(
            f"{total:g} min in total" + (f" — for: {found}" if found else " — no compensation to correct")
        )
        notes = [*self.program.computed.notes, *left_out_notes(self.program.computed, self._kb)]
        if self._state.client_pain:
            notes.insert(0, REFERRAL_TEXT)
        self.notes.setText("\n".join(notes))
        self._update_buttons()

    def _head(self, parent: QTreeWidgetItem, title: str, bold: QFont) -> QTreeWidgetItem:
        head = QTreeWidgetItem([title, "", "", "", ""])
        head.setFont(0, bold)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        parent.addChild(head)
        head.setFirstColumnSpanned(True)  # the title reads whole however narrow the name column
        head.setExpanded(True)
        return head

    def _add_steps(self, parent: QTreeWidgetItem, items: Sequence, bold: QFont, every_step: bool) -> None:
        """One heading per step (inhibit -> integrate) with its exercises under `parent`;
        a pattern's group shows only the steps it has (`every_step` False)."""
        for step in STEPS:
            in_step = [i for i in items if i.step == step]
            if not in_step and not every_step:
                continue
            head = self._head(parent, f"{STEP_TITLES[step]}: {sum(i.minutes for i in in_step):g} min", bold)
            for item in in_step:
                row = QTreeWidgetItem(
                    [
                        item.exercise.name,
                        dosage_text(item.dosage),
                        f"{item.minutes:g}",
                        ", ".join(compensation_name(c).lower() for c in item.for_compensations),
                        item.note,
                    ]
                )
                row.setData(0, Qt.ItemDataRole.UserRole, item.exercise.id)
                row.setToolTip(0, item.exercise.description)
                if item.origin == "coach":
                    row.setForeground(0, QBrush(QColor("#1f5fbf")))
                    row.setToolTip(4, "changed by the coach")
                head.addChild(row)
            head.setExpanded(True)

    def selected_id(self) -> str | None:
        chosen = self.tree.selectedItems()
        return chosen[0].data(0, Qt.ItemDataRole.UserRole) if chosen else None

    def select(self, exercise_id: str) -> None:
        heads = filter(None, (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())))
        for head in heads:
            for child in filter(None, (head.child(j) for j in range(head.childCount()))):
                if child.data(0, Qt.ItemDataRole.UserRole) == exercise_id:
                    self.tree.setCurrentItem(child)
                    return

    def apply_edit(self, edit) -> None:
        self._state.add_program_edit(edit)
        self.rebuild()
        self.changed.emit()

    def remove_selected(self) -> None:
        exercise_id = self.selected_id()
        if exercise_id:
            self.apply_edit(RemoveExercise(exercise_id))

    def swap_selected(self) -> None:
        exercise_id = self.selected_id()
        if not exercise_id:
            return
        dialog = SwapDialog(self, self._kb, self._items[exercise_id])
        if dialog.exec() == QDialog.DialogCode.Accepted and (replacement := dialog.chosen_id()):
            self.apply_edit(SwapExercise(exercise_id, replacement))

    def edit_selected(self) -> None:
        exercise_id = self.selected_id()
        if not exercise_id:
            return
        dialog = DosageDialog(self, self._items[exercise_id])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_edit(ChangeDosage(exercise_id, dialog.dosage(), dialog.minutes.value(), dialog.note.text()))

    def _on_edition(self) -> None:
        self._state.edition = self.edition.currentData()
        self.rebuild()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.remove_button, self.swap_button, self.edit_button):
            button.setEnabled(has)
