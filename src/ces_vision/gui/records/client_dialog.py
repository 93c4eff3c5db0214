"""Add or edit a client: name, contact, goals, injury and pain history, notes, video consent."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ..dialogs import ok_cancel


class ClientDialog(QDialog):
    """`values()` gives the fields as `storage.clients.add` / `update` keywords."""

    def __init__(self, parent=None, client=None):
        super().__init__(parent)
        self.setWindowTitle("Edit client" if client is not None else "Add client")
        self.name = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("phone or e-mail")
        self.goals = self._text("e.g. squat without knee pain, run a 10k")
        self.injury_history = self._text("past injuries, surgeries, where and when pain was felt")
        self.pain = QCheckBox("The client reports pain now (they will be referred before corrective work)")
        self.notes = self._text("")
        self.video_consent = QCheckBox("The client agrees that videos of them are kept")
        form = QFormLayout()
        for label, widget in (
            ("Name", self.name),
            ("Contact", self.contact),
            ("Goals", self.goals),
            ("Injury and pain history", self.injury_history),
            ("", self.pain),
            ("Notes", self.notes),
            ("", self.video_consent),
        ):
            form.addRow(label, widget)
        self.buttons = ok_cancel(self)
        self.name.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if client is not None:
            self.name.setText(client.name)
            self.contact.setText(client.contact)
            self.goals.setPlainText(client.goals)
            self.injury_history.setPlainText(client.injury_history)
            self.pain.setChecked(client.pain_reported)
            self.notes.setPlainText(client.notes)
            self.video_consent.setChecked(client.video_consent)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    @staticmethod
    def _text(placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(56)
        return box

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "contact": self.contact.text().strip(),
            "goals": self.goals.toPlainText().strip(),
            "injury_history": self.injury_history.toPlainText().strip(),
            "pain_reported": self.pain.isChecked(),
            "notes": self.notes.toPlainText().strip(),
            "video_consent": self.video_consent.isChecked(),
        }

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))
