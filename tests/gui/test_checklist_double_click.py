"""Double-clicking a checklist line shows the clip that line was judged on: a push or pull
line opens the push or pull clip, not the overhead squat's side clip of the same view."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))
from test_push_pull import SAMPLES, _screen  # noqa: E402

from ces_vision.gui.checklist_panel import COLUMNS  # noqa: E402
from ces_vision.session.screen_record import save_screen, state_of_analyses  # noqa: E402
from ces_vision.storage import Database  # noqa: E402


def test_a_push_or_pull_line_opens_its_own_clip(make_window, tmp_path):
    names = {"side": ("side_clean", "ohsa"), "push_side": ("push_clean", "push"), "pull_side": ("pull_clean", "pull")}
    analyses = [_screen(name, assessment)[0] for name, assessment in names.values()]
    state = state_of_analyses(analyses, paths=[SAMPLES / f"{name}.mp4" for name, _ in names.values()])
    path = tmp_path / "records" / "clients.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza")
        stored, _ = save_screen(db, client.id, state, date(2026, 3, 2))
    window = make_window(database_path=path)
    window.records.controller.select_client(client.id, select_screen=stored.id)
    window.records.controller.open_screen(stored.id)
    panel = window.checklist
    shown = {}
    for r, row in enumerate(panel.rows):
        panel.table.cellDoubleClicked.emit(r, COLUMNS.index("Compensation"))
        shown[(row.line.assessment, row.line.compensation)] = window.current_slot
    # the three assessments share the side view and the standard variant, and
    # low_back_arches is judged in each of them
    assert shown[("ohsa", "low_back_arches")] == "side"
    assert shown[("push", "low_back_arches")] == "push_side"
    assert shown[("pull", "low_back_arches")] == "pull_side"
    assert {slot for (assessment, _), slot in shown.items() if assessment == "push"} == {"push_side"}
    assert {slot for (assessment, _), slot in shown.items() if assessment == "pull"} == {"pull_side"}
    # and the panel finds each assessment's own line of it
    rows = {a: panel.row_of("low_back_arches", "side", assessment=a) for a in ("ohsa", "push", "pull")}
    assert len(set(rows.values())) == 3
    assert all(panel.rows[r].line.assessment == a for a, r in rows.items())
