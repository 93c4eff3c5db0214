"""Opening videos: which files count as videos, and which slot (view) each one fills."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from .dialogs import ok_cancel
from .screen_state import SLOTS, SLOTS_BY_KEY, ScreenState

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".avi", ".mkv", ".webm")
VIDEO_FILTER = "Videos (" + " ".join(f"*{s}" for s in VIDEO_SUFFIXES) + ");;All files (*)"

# Words in a file name that say which clip it is, most specific first.
_NAME_HINTS = (
    (("heel",), "side", "heels_elevated_side"),
    (("heel",), "", "heels_elevated_front"),
    (("hands", "hip"), "", "hands_on_hips_side"),
    (("side", "lateral"), "", "side"),
    (("back", "posterior", "rear"), "", "back"),
    (("front", "anterior"), "", "front"),
)


def video_paths(mime) -> list[Path]:
    """Local video files among dropped URLs."""
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    return [p for p in paths if p.suffix.lower() in VIDEO_SUFFIXES]


def guess_slot(path: Path, taken: set[str]) -> str:
    """The slot a file name suggests, else the first empty standard view."""
    name = path.stem.lower()
    for words, also, key in _NAME_HINTS:
        if any(w in name for w in words) and (not also or also in name):
            return key
    for spec in SLOTS:
        if spec.required and spec.key not in taken:
            return spec.key
    return "front"


class AssignDialog(QDialog):
    """Asks which clip of the screen each video is."""

    def __init__(self, parent, assignment: list[tuple[Path, str]]):
        super().__init__(parent)
        self.setWindowTitle("Which view is each video?")
        form = QFormLayout()
        self._boxes: list[tuple[Path, QComboBox]] = []
        for path, key in assignment:
            box = QComboBox()
            for spec in SLOTS:
                box.addItem(spec.label, spec.key)
            box.setCurrentIndex(box.findData(key))
            form.addRow(QLabel(path.name), box)
            self._boxes.append((path, box))
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def assignment(self) -> list[tuple[Path, str]]:
        return [(path, box.currentData()) for path, box in self._boxes]


def assign_slots(parent, paths: list[Path], state: ScreenState, view: str | None = None,
                 slot: str | None = None) -> list[tuple[Path, str]]:
    """(path, slot key) for each video; asks the coach unless `slot` or `view` decides."""
    if not paths:
        return []
    if slot is not None:
        return [(paths[0], slot)]
    if view is not None and len(paths) == 1:
        return [(paths[0], view)]
    taken = {k for k, s in state.slots.items() if s.status != "empty"}
    guessed = []
    for path in paths:
        key = guess_slot(path, taken)
        taken.add(key)
        guessed.append((path, key))
    dialog = AssignDialog(parent, guessed)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return [(p, k) for p, k in dialog.assignment() if k in SLOTS_BY_KEY]
