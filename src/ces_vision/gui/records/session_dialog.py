"""Log a training session: date, the program's exercises done, share of the plan done,
notes, and pain felt (which flags the client for referral)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from ..dialogs import ok_cancel
from .date_field import DateField


class SessionDialog(QDialog):
    """`values()` gives the session as `storage.SessionLog.log` keywords, plus "pain".

    exercises: (exercise id, name) of the client's current program. Ticking them sets the
    share done (ticked / listed) until the coach types a share of their own.
    """

    def __init__(self, parent=None, exercises: Sequence[tuple[str, str]] = ()):
        super().__init__(parent)
        self.setWindowTitle("Log a session")
        self.session_date = DateField()
        self.exercises = QListWidget()
        for exercise_id, name in exercises:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, exercise_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.exercises.addItem(item)
        self.exercises.setVisible(bool(exercises))
        self.exercises.itemChanged.connect(self._share_from_ticks)
        self.share = QSpinBox()
        self.share.setRange(0, 100)
        self.share.setSuffix(" %")
        self.share.setValue(0 if exercises else 100)
        self.share.valueChanged.connect(self._typed)
        self._share_typed = False
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("how it went, what was hard, what changed")
        self.notes.setFixedHeight(64)
        self.pain = QCheckBox("The client felt pain during the session")
        self.pain.setToolTip("Recorded on the client: they will be referred before more corrective work")
        form = QFormLayout()
        form.addRow("Date", self.session_date)
        if exercises:
            form.addRow("Exercises done", self.exercises)
        else:
            form.addRow("", QLabel("No stored program for this client: log the share of the plan done."))
        form.addRow("Share of the plan done", self.share)
        form.addRow("Notes", self.notes)
        form.addRow("", self.pain)
        self.buttons = ok_cancel(self)
        self.session_date.changed.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._update_ok()

    def ticked(self) -> list[str]:
        return [
            self.exercises.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.exercises.count())
            if self.exercises.item(i).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict:
        return {
            "session_date": self.session_date.date(),
            "adherence": self.share.value() / 100.0,
            "exercises": self.ticked(),
            "notes": self.notes.toPlainText().strip(),
            "pain": self.pain.isChecked(),
        }

    def _update_ok(self) -> None:
        """No session is logged on a date that is not valid; the field says why."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.session_date.date() is not None)

    def _share_from_ticks(self) -> None:
        if not self._share_typed and self.exercises.count():
            self.share.blockSignals(True)
            self.share.setValue(round(100 * len(self.ticked()) / self.exercises.count()))
            self.share.blockSignals(False)

    def _typed(self) -> None:
        self._share_typed = True
