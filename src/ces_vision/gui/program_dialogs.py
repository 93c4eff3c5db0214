"""Dialogs of the program panel: swap an exercise (library filtered by target muscle),
edit an exercise's dosage."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem,
    QSpinBox, QVBoxLayout,
)

from .dialogs import ok_cancel


class SwapDialog(QDialog):
    """Pick a replacement from the library: same step, filtered by target muscle."""

    def __init__(self, parent, kb, item):
        super().__init__(parent)
        self.setWindowTitle(f"Swap {item.exercise.name}")
        self._kb, self._item = kb, item
        self.muscle = QComboBox()
        self.muscle.addItem("Any target", None)
        for muscle in item.exercise.targets if item.step != "integrate" else ():
            self.muscle.addItem(kb.muscle_name(muscle), muscle)
        if self.muscle.count() > 1:
            self.muscle.setCurrentIndex(1)
        self.muscle.currentIndexChanged.connect(self._fill)
        self.choices = QListWidget()
        self.choices.itemDoubleClicked.connect(lambda _: self.accept())
        buttons = ok_cancel(self)
        form = QFormLayout()
        form.addRow("Target muscle", self.muscle)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.choices)
        layout.addWidget(buttons)
        self._fill()

    def candidates(self, muscle: str | None) -> list:
        step = self._item.step
        return [
            e for e in self._kb.by_step(step)
            if e.id != self._item.exercise.id and (muscle is None or muscle in e.targets)
        ]

    def _fill(self) -> None:
        self.choices.clear()
        for exercise in self.candidates(self.muscle.currentData()):
            targets = ", ".join(self._kb.muscle_name(t) for t in exercise.targets)
            entry = QListWidgetItem(f"{exercise.name}  ({targets}; {exercise.minutes:g} min)")
            entry.setData(256, exercise.id)
            self.choices.addItem(entry)
        if self.choices.count():
            self.choices.setCurrentRow(0)

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
        values = {"sets": self.sets.value(), self._amount_key: self.amount.value()}
        if self.tempo.text().strip():
            values["tempo"] = self.tempo.text().strip()
        return values
