"""Message boxes in plain words (never a traceback) and the About box."""

from __future__ import annotations

import platform

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from ..prescription import SCOPE_STATEMENT

MODEL_LICENCE = (
    "Pose models: MediaPipe BlazePose GHUM 3D (lite, full, heavy), Copyright Google LLC, "
    "from @mediapipe/pose 0.5.1675469404, Apache License 2.0 (see models/README.md)."
)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal error in the coach's words. `message` is already plain (no traceback)."""
    QMessageBox.warning(parent, title, message)


def versions() -> dict[str, str]:
    """Versions of the app and the libraries it rests on."""
    from importlib.metadata import PackageNotFoundError, version

    import PySide6

    found = {"ces-vision": "?", "Python": platform.python_version(), "PySide6 (Qt)": PySide6.__version__}
    for name in ("ces-vision", "mediapipe", "numpy", "av"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found.setdefault(name, "not installed")
    try:
        import cv2

        found["OpenCV"] = cv2.__version__
    except ImportError:
        pass
    return found


def about_text() -> str:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in versions().items())
    return (
        "<h3>ces-vision</h3>"
        "<p>Movement screening from video for corrective exercise specialists (NASM overhead squat). "
        f"Runs fully offline.</p><p>{SCOPE_STATEMENT}</p>"
        f"<table>{rows}</table>"
        f"<p>Licence: Apache-2.0.<br>{MODEL_LICENCE}</p>"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About ces-vision", about_text())


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK / Cancel buttons wired to accept / reject `dialog`."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
