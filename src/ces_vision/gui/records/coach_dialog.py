"""The coach's name and contact (File > Coach details…), printed on the clinician summary.

They live in the settings file (`[coach]`), which `ces-vision settings` changes too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ...config import CoachSettings
from ..dialogs import ok_cancel


class CoachDialog(QDialog):
    """`values()` gives the `[coach]` settings section."""

    def __init__(self, parent=None, coach: CoachSettings | None = None):
        coach = coach or CoachSettings()
        super().__init__(parent)
        self.setWindowTitle("Coach details")
        self.name = QLineEdit(coach.name)
        self.contact = QLineEdit(coach.contact)
        self.contact.setPlaceholderText("e-mail, phone or studio address")
        note = QLabel("Printed on the clinician summary sent to a referring physical therapist.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Contact", self.contact)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "contact": self.contact.text().strip()}
