"""Dialogs of the program panel: swap an exercise (library filtered by target muscle),
edit an exercise's dosage."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
)

from .dialogs import ok_cancel


class SwapDialog(QDialog):
    """Pick a replacement from the library: same step, any target muscle at first (those
    sharing a target with the exercise listed first), or filtered by one muscle."""

    def __init__(self, parent, kb, item):
        super().__init__(parent)
        self.setWindowTitle(f"Swap {item.exercise.name}")
        self._kb, self._item = kb, item
        self.muscle = QComboBox()
        self.muscle.addItem("Any target", None)
        for muscle in item.exercise.targets if item.step != "integrate" else ():
            self.muscle.addItem(kb.muscle_name(muscle), muscle)
        self.muscle.currentIndexChanged.connect(self._fill)
        self.choices = QListWidget()
        self.choices.setWordWrap(True)  # a long list of targets wraps instead of being cut off
        self.choices.setAlternatingRowColors(True)
        self.choices.itemDoubleClicked.connect(lambda _: self.accept())
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow("Target muscle", self.muscle)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.choices)
        layout.addWidget(buttons)
        self._fill()
        self._fit_width()

    def candidates(self, muscle: str | None) -> list:
        """Exercises of the same step (with `muscle` among their targets), those sharing
        the most targets with the exercise being swapped first."""
        step, targets = self._item.step, set(self._item.exercise.targets)
        found = [
            e
            for e in self._kb.by_step(step)
            if e.id != self._item.exercise.id and (muscle is None or muscle in e.targets)
        ]
        return sorted(found, key=lambda e: -len(targets & set(e.targets)))

    def _fill(self) -> None:
        self.choices.clear()
        for exercise in self.candidates(self.muscle.currentData()):
            targets = ", ".join(self._kb.muscle_name(t) for t in exercise.targets)
            entry = QListWidgetItem(f"{exercise.name}\n    {targets}; {exercise.minutes:g} min")
            entry.setData(256, exercise.id)
            entry.setToolTip(exercise.description)
            self.choices.addItem(entry)
        if self.choices.count():
            self.choices.setCurrentRow(0)

    def _fit_width(self) -> None:
        """Wide enough for every line of every entry, within the screen (wrapped beyond it)."""
        metrics = self.choices.fontMetrics()
        lines = [line for i in range(self.choices.count()) for line in self.choices.item(i).text().splitlines()]
        widest = max(map(metrics.horizontalAdvance, lines), default=0)
        margin = self.choices.verticalScrollBar().sizeHint().width() + 4 * self.choices.frameWidth() + 16
        limit = self.screen().availableGeometry().width() - 80
        self.choices.setMinimumWidth(min(widest + margin, limit))
        self.resize(self.sizeHint().width(), max(self.sizeHint().height(), 420))

    def chosen_id(self) -> str | None:
        entry = self.choices.currentItem()
        return None if entry is None else entry.data(256)


class DosageDialog(QDialog):
    """Edit sets, reps or hold time, tempo, minutes and a note."""

    def __init__(self, parent, item):
        super().__init__(parent)
        self.setWindowTitle(f"Edit {item.exercise.name}")
        dosage = item.dosage
        self.sets = QSpinBox()
        self.sets.setRange(1, 10)
        self.sets.setValue(int(dosage.get("sets", 1)))
        self.amount = QSpinBox()
        self.amount.setRange(1, 300)
        self._amount_key = "reps" if "reps" in dosage else "hold_s"
        self.amount.setValue(int(dosage.get(self._amount_key, 30)))
        self.tempo = QLineEdit(str(dosage.get("tempo", "")))
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0.5, 30)
        self.minutes.setSingleStep(0.5)
        self.minutes.setValue(float(item.minutes))
        self.note = QLineEdit(item.note if item.origin == "coach" else "")
        form = QFormLayout()
        form.addRow("Sets", self.sets)
        form.addRow("Reps" if self._amount_key == "reps" else "Hold (s)", self.amount)
        if "tempo" in dosage:
            form.addRow("Tempo", self.tempo)
        form.addRow("Minutes", self.minutes)
        form.addRow("Note", self.note)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def dosage(self) -> dict:
        values: dict[str, int | str] = {"sets": self.sets.value(), self._amount_key: self.amount.value()}
        if self.tempo.text().strip():
            values["tempo"] = self.tempo.text().strip()
        return values
