"""One truth: the app's checklist and the PDF report show the same thing for the same screen.

Same plain names, the same value and threshold (read from the same checklist record),
the coach's overrides in both, and a view without a clip is "not filmed" in both.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from gui_fakes import fake_pose_factory
from report_text import RAW_ID, pdf_text

from ces_vision.gui.checklist_panel import COLUMNS
from ces_vision.reports import render_pdf, report_from_records
from ces_vision.reports.wording import measurement
from ces_vision.session.screen_record import save_screen
from ces_vision.storage import Database


@pytest.fixture(scope="module")
def knees_in(knees_in, tmp_path_factory):
    video, sequence = knees_in  # the conftest's clip, copied rather than encoded again (0.15 s)
    # named so that the file name printed in the coach copy is no snake_case word
    return Path(shutil.copy(video, tmp_path_factory.mktemp("v") / "front.mp4")), sequence


@pytest.fixture
def front_only(make_window, qtbot, knees_in):
    """A window holding a screen of one front clip (knees move inward)."""
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    return window


def _pdf(window, tmp_path, coach: bool) -> str:
    """The PDF text of the window's screen, saved and reported as the Clients tab does."""
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("Ana Souza")
        save_screen(db, client.id, window.state, date(2026, 3, 12))
        screens = db.screens.list_for_client(client.id)
    return pdf_text(render_pdf(report_from_records(client, screens), coach=coach))


def _cell(panel, row: int, column: str) -> str:
    return panel.table.item(row, COLUMNS.index(column)).text()


def test_app_and_pdf_show_the_same_name_value_and_threshold(front_only, tmp_path):
    panel = front_only.checklist
    r = panel.row_of("knees_move_in", "front")
    line = panel.rows[r].line
    measured = measurement(line.to_dict())
    assert measured is not None and measured.metric and measured.value != measured.threshold
    assert _cell(panel, r, "Compensation") == "Knees move inward"
    assert f"{measured.metric}: {measured.value} (threshold {measured.threshold})" in _cell(panel, r, "Evidence")
    text = _pdf(front_only, tmp_path, coach=True)
    # the coach table's row: name, metric, view, side, value, threshold
    assert f"Knees move inward {measured.metric}" in text
    assert f"front {line.side} {measured.value} {measured.threshold}" in text


def test_no_raw_ids_in_the_checklist_plots_or_pdf(front_only, tmp_path):
    panel = front_only.checklist
    texts = [panel.summary_label.text()]
    for r in range(panel.table.rowCount()):
        texts += [panel.table.item(r, c).text() for c in range(panel.table.columnCount()) if panel.table.item(r, c)]
        panel.table.selectRow(r)
        texts.append(panel.detail.text())
    front_only.show_slot("front")
    titles = [plot.title for plot in front_only.review.plots.plots]
    assert titles and "Knee angle seen from the front" in titles
    texts += titles
    texts += [_pdf(front_only, tmp_path, coach=coach) for coach in (False, True)]
    found = [(text, RAW_ID.findall(text)) for text in texts if RAW_ID.search(text)]
    assert not found, found


def test_a_front_only_screen_shows_side_and_back_as_not_filmed(front_only, tmp_path):
    panel = front_only.checklist
    by_view = {}
    for r, row in enumerate(panel.rows):
        by_view.setdefault(row.line.view, set()).add(_cell(panel, r, "Computed"))
    assert by_view["side"] == by_view["back"] == {"Not filmed"}
    assert "Not filmed" not in by_view["front"]
    r = panel.row_of("excessive_forward_lean", "side")
    assert panel.table.cellWidget(r, COLUMNS.index("Coach")) is None  # nothing on video to judge
    assert "side view was not filmed" in _cell(panel, r, "Evidence")
    text = _pdf(front_only, tmp_path, coach=False)
    assert "Not filmed: side and back views." in text
    assert "not assessable" not in text.lower()


def test_the_coachs_overrides_reach_the_pdf(front_only, tmp_path):
    panel = front_only.checklist
    heels = panel.row_of("heels_rise", "front")
    assert panel.rows[heels].computed_status == "not_assessable"  # heels are judged from the back
    before = _pdf(front_only, tmp_path / "before", coach=False)
    assert "heels rise (front view)" in before.split("Not judged from these videos:")[1]
    panel.set_decision(heels, "Override: seen")
    panel.set_decision(panel.row_of("knees_move_in", "front"), "Override: not seen")
    assert front_only.state.effective_compensations() == ["heels_rise"]
    text = _pdf(front_only, tmp_path / "after", coach=False)
    assert "1 compensation stood out: Heels rise." in text
    assert "Marked as seen by your coach" in text
    assert "heels rise (front view)" not in text.lower()  # no longer under "Not judged"
    assert "Knees move inward" not in text


def test_the_checklist_summary_names_the_pattern_the_coachs_word_makes(front_only, tmp_path):
    panel = front_only.checklist
    assert "consistent with" not in panel.summary_label.text()  # knees move inward alone: no pattern
    panel.set_decision(panel.row_of("feet_turn_out", "front"), "Override: seen")
    pattern = (
        "A movement pattern consistent with pronation distortion: feet turn out, knees move inward. "
        "Missing: feet flatten (not filmed)."
    )
    assert pattern in panel.summary_label.text()
    assert pattern in _pdf(front_only, tmp_path, coach=False)  # the client report says the same
    panel.set_decision(panel.row_of("knees_move_in", "front"), "Override: not seen")
    assert "consistent with" not in panel.summary_label.text()


def _tree_titles(item) -> list:
    """(title, children) of a program tree item, down to the exercise names."""
    return [(item.child(i).text(0), _tree_titles(item.child(i))) for i in range(item.childCount())]


def test_the_program_panel_groups_exercises_under_the_pattern_they_serve(front_only):
    tree = front_only.program.tree
    steps = [title for title, _ in _tree_titles(tree.invisibleRootItem())]
    assert [s.split(":")[0] for s in steps] == [
        "1. Inhibit (self-myofascial release)",
        "2. Lengthen (static stretch)",
        "3. Activate (isolated strengthening)",
        "4. Integrate (total-body movement)",
    ]  # no pattern: the four steps, as before
    panel = front_only.checklist
    panel.set_decision(panel.row_of("feet_turn_out", "front"), "Override: seen")
    groups = _tree_titles(tree.invisibleRootItem())
    assert groups[0][0] == "Pattern consistent with pronation distortion"
    pattern_ids = set(front_only.program.exercise_ids())
    grouped = {tree_item for _, steps in groups for _, exercises in steps for tree_item, _ in exercises}
    names = {i.exercise.name for i in front_only.program._effective}
    assert grouped == names and len(pattern_ids) == len(names)  # every exercise once, under a group
    first_steps = [title.split(".")[0] for title, _ in groups[0][1]]
    assert first_steps == sorted(first_steps)  # inhibit -> integrate order kept inside the group
