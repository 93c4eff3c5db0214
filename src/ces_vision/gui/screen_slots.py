"""The screen's clip slots (front, side, back, variants): which are filled, analyzing,
failed or missing, with a progress bar and cancel per analysis.

Each slot takes two lines (name and status, then its buttons, or Cancel and progress while
analyzing) so the panel stays narrow: it shares a laptop screen with the review, checklist and program.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..session.screen_state import SLOTS, ScreenState

PROGRESS_WIDTH = 90  # px, where File / Live / Show stand while analyzing
BUTTON_GAP = 3  # px between a slot's buttons
SLOT_GAP = 6  # px below each slot's buttons, so the slots read apart
STATUS_STYLE = {
    "empty": ("missing", "color: #b36b00;"),
    "analyzing": ("analyzing…", "color: #1f5fbf;"),
    "done": ("done", "color: #2e7d32; font-weight: bold;"),
    "failed": ("failed", "color: #b00020; font-weight: bold;"),
}


class ScreenSlots(QWidget):
    """Per slot: name and status, and below them File / Live / Show / Clear, or Cancel and progress."""

    open_requested = Signal(str)  # slot key: pick a file
    live_requested = Signal(str)  # slot key: record it live
    cancel_requested = Signal(str)
    show_requested = Signal(str)  # slot key: review it
    clear_requested = Signal(str)  # slot key: forget its failed clip

    def __init__(self, state: ScreenState, parent=None):
        super().__init__(parent)
        self._state = state
        self.client = QLineEdit()
        self.client.setPlaceholderText("Client name")
        self.client.setToolTip("Saving the screen stores it for the client of this name (added if new)")
        self.client.textChanged.connect(lambda text: setattr(self._state, "client", text))
        rows = QVBoxLayout()
        rows.setSpacing(0)
        self._status: dict[str, QLabel] = {}
        self._progress: dict[str, QProgressBar] = {}
        self._cancel: dict[str, QToolButton] = {}
        self._show: dict[str, QToolButton] = {}
        self._clear: dict[str, QToolButton] = {}
        self._pick: dict[str, tuple[QToolButton, ...]] = {}
        for spec in SLOTS:
            name = QLabel(spec.label)
            name.setToolTip("standard view" if spec.required else "modified overhead squat (optional)")
            status = QLabel()
            # a long file name is cut, not allowed to widen the panel (the tooltip has it whole)
            status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            status.setMinimumWidth(50)
            progress = QProgressBar()
            progress.setRange(0, 100)
            progress.setTextVisible(False)
            progress.setMaximumWidth(PROGRESS_WIDTH)
            progress.setVisible(False)
            open_button = QToolButton()
            open_button.setText("File…")
            open_button.setToolTip(f"Open a video file for the {spec.label} clip")
            open_button.clicked.connect(lambda _=False, k=spec.key: self.open_requested.emit(k))
            live_button = QToolButton()
            live_button.setText("Live…")
            live_button.setToolTip(f"Record the {spec.label} clip with the camera")
            live_button.clicked.connect(lambda _=False, k=spec.key: self.live_requested.emit(k))
            cancel = QToolButton()
            cancel.setText("Cancel")
            cancel.setVisible(False)
            cancel.clicked.connect(lambda _=False, k=spec.key: self.cancel_requested.emit(k))
            show = QToolButton()
            show.setText("Show")
            show.clicked.connect(lambda _=False, k=spec.key: self.show_requested.emit(k))
            clear = QToolButton()
            clear.setText("Clear")
            clear.setToolTip(f"Forget the failed {spec.label} clip")
            clear.setVisible(False)
            clear.clicked.connect(lambda _=False, k=spec.key: self.clear_requested.emit(k))
            buttons = QHBoxLayout()
            buttons.setSpacing(BUTTON_GAP)  # set here: a nested layout takes its parent's spacing, 0
            for widget in (open_button, live_button, show, clear, cancel, progress):
                buttons.addWidget(widget)
            buttons.addStretch(1)
            heading = QHBoxLayout()  # a short name leaves its status more room
            heading.setSpacing(3 * BUTTON_GAP)
            heading.addWidget(name)
            heading.addWidget(status, 1)
            rows.addLayout(heading)
            rows.addLayout(buttons)
            rows.addSpacing(SLOT_GAP)
            self._status[spec.key], self._progress[spec.key] = status, progress
            self._cancel[spec.key], self._show[spec.key], self._clear[spec.key] = cancel, show, clear
            self._pick[spec.key] = (open_button, live_button, show)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(QLabel("Client:"))
        head.addWidget(self.client, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addLayout(rows)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        self.refresh()

    def set_progress(self, key: str, done: int, total: int) -> None:
        bar = self._progress[key]
        if total:
            bar.setRange(0, total)
            bar.setValue(min(done, total))
        else:
            bar.setRange(0, 0)  # busy indicator: length unknown

    def refresh(self) -> None:
        for spec in SLOTS:
            slot = self._state.slots[spec.key]
            text, style = STATUS_STYLE[slot.status]
            if slot.path is not None and slot.status != "empty":
                name = slot.path.name if len(slot.path.name) <= 30 else slot.path.name[:28] + "…"
                text = f"{text}: {name}"
            label = self._status[spec.key]
            label.setText(text if spec.required or slot.status != "empty" else "optional")
            label.setStyleSheet(style if spec.required or slot.status != "empty" else "color: #777;")
            label.setToolTip("\n".join(filter(None, [str(slot.path) if slot.path else "", slot.message])))
            analyzing = slot.status == "analyzing"
            visible: dict[QWidget, bool] = {widget: not analyzing for widget in self._pick[spec.key]}  # Cancel first
            visible.update(
                {
                    self._progress[spec.key]: analyzing,
                    self._cancel[spec.key]: analyzing,
                    self._clear[spec.key]: slot.status == "failed",
                }
            )
            # hide before showing: the panel never holds both sets at once, so its dock keeps its width
            for widget in sorted(visible, key=lambda w: visible[w]):
                widget.setVisible(visible[widget])
            self._show[spec.key].setEnabled(slot.status == "done")
            if analyzing:
                self._progress[spec.key].setValue(0)
        missing = [s.label for s in self._state.missing()]
        self.missing.setText("Missing views: " + ", ".join(missing) if missing else "All standard views are in.")
        self.missing.setStyleSheet("color: #b36b00;" if missing else "color: #2e7d32;")
