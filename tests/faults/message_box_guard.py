"""Offscreen Qt for the fault tests, and message boxes recorded instead of shown (a modal box
would block an offscreen test forever)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from PySide6.QtWidgets import QMessageBox  # noqa: E402


def record_message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Replace QMessageBox's static dialogs; return the list (kind, title, text) they fill.

    Questions are recorded only when not the quit question ("Save the screen?"), which is
    answered Discard so that a test's window closes.
    """
    shown: list[tuple[str, str, str]] = []

    def recorder(kind):
        def show(parent, title, text, *args, **kwargs):
            if title == "Save the screen?":
                return QMessageBox.StandardButton.Discard
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(("exec", self.windowTitle(), self.text())) or 0)
    return shown
