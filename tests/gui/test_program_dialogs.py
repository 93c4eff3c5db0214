"""The Swap dialog: alternatives listed as soon as it opens, each in full."""

import pytest
from PySide6.QtCore import QRect, Qt

from ces_vision.gui.program_dialogs import SwapDialog
from ces_vision.prescription import load_knowledge_base
from ces_vision.prescription.program import ProgramItem

KB = load_knowledge_base()


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_swap_lists_alternatives_straight_away_with_full_names(qtbot, exercise_id):
    exercise = KB.exercises[exercise_id]
    dialog = SwapDialog(None, KB, ProgramItem(exercise, dict(exercise.dosage), exercise.minutes, (), (), 0.0))
    qtbot.addWidget(dialog)
    dialog.show()
    others = [e for e in KB.by_step(exercise.step) if e.id != exercise_id]
    assert dialog.choices.count() == len(others) > 0, "every other exercise of the step, without choosing a filter"
    assert dialog.chosen_id() is not None
    first = KB.exercises[dialog.chosen_id()]
    shared = set(exercise.targets) & set(first.targets)
    assert shared or not any(set(exercise.targets) & set(e.targets) for e in others), (
        "an exercise for the same muscles comes first"
    )
    view = dialog.choices
    for i in range(view.count()):
        entry = view.item(i)
        name = KB.exercises[entry.data(256)].name
        assert entry.text().startswith(name)
        rect = view.visualItemRect(entry)
        needed = view.fontMetrics().boundingRect(
            QRect(0, 0, rect.width(), 10_000), Qt.TextFlag.TextWordWrap, entry.text()
        )
        assert view.fontMetrics().horizontalAdvance(name) <= rect.width() <= view.viewport().width(), f"cut off: {name}"
        assert needed.height() <= rect.height(), f"cut off: {entry.text()}"
