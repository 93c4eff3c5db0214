"""Opening videos: which files count as videos, and which slot (view) each one fills."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from ..capture import VIDEO_SUFFIXES
from ..session.batch import view_from_name
from ..session.screen_state import SLOTS, SLOTS_BY_KEY, ScreenState
from .dialogs import ok_cancel

VIDEO_FILTER = "Videos (" + " ".join(f"*{s}" for s in sorted(VIDEO_SUFFIXES)) + ");;All files (*)"

# Words in a file name that name an OHSA variant. A compensation named in the file
# ("back_heels_rise.mp4") is not a variant: "heel" alone says nothing about the clip.
_VARIANT_HINTS = (
    (("elevat", "wedge"), "heels_elevated"),
    (("hands_on_hip", "hands_hip", "hand_on_hip"), "hands_on_hips"),
)


def is_video(path: Path) -> bool:
    return path.suffix.lower() in VIDEO_SUFFIXES


def local_paths(mime) -> list[Path]:
    """Local files among dropped URLs."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def not_videos_message(refused: list[Path]) -> str:
    """One plain line saying which files were not opened, and what can be."""
    names = ", ".join(p.name for p in refused)
    kinds = ", ".join(sorted(VIDEO_SUFFIXES))
    what = "is not a video" if len(refused) == 1 else "are not videos"
    return f"{names} {what}: ces-vision opens video files ({kinds})."


def guess_slot(path: Path, taken: set[str]) -> str:
    """The slot a file name suggests, else the first empty standard view."""
    name = "_".join(re.split(r"[^a-z0-9]+", path.stem.lower()))
    view = view_from_name(Path(name), "")
    movement = next((s.key for s in SLOTS if s.assessment != "ohsa" and s.assessment in name.split("_")), None)
    if movement is not None:  # "client_push.mp4": the pushing assessment
        return movement
    variant = next((v for words, v in _VARIANT_HINTS if any(w in name for w in words)), None)
    if variant is not None:
        # a variant filmed from a view it has no slot for keeps only the view
        key = next((s.key for s in SLOTS if s.variant == variant and (s.view == view or not view)), None)
        if key is not None:
            return key
    if view:
        return view
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


def assign_slots(
    parent, paths: list[Path], state: ScreenState, view: str | None = None, slot: str | None = None
) -> list[tuple[Path, str]]:
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
