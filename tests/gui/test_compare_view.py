"""The client page's "Compare with earlier…" and home-exercise sheet, on two real screens
stored in a temporary database (offscreen)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from PySide6.QtWidgets import QFileDialog
from stored_screens import client_with_two_screens

from ces_vision.gui.records.compare_view import STILL_HEIGHT
from ces_vision.storage import Database


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "records" / "clients.sqlite3"
    with Database.open(path) as db:
        client, before, after = client_with_two_screens(db, tmp_path)
    return path, client, before, after


@pytest.fixture
def page_window(make_window, stored):
    path, client, _, _ = stored
    window = make_window(database_path=path)
    window.tabs.setCurrentWidget(window.records)
    window.records.controller.select_client(client.id)
    return window


def _select(page, screen_id: int) -> None:
    row = [page.history.item(r, 0).data(256) for r in range(page.history.rowCount())].index(screen_id)
    page.history.selectRow(row)


def test_compare_with_earlier_opens_stills_plots_and_checklist_change(page_window, stored, qtbot, tmp_path):
    _, _, before, after = stored
    page, controller = page_window.records.page, page_window.records.controller
    _select(page, before.id)
    assert not page.compare_button.isEnabled()  # nothing earlier than the first screen
    _select(page, after.id)
    assert page.compare_button.isEnabled()
    (action,) = page.compare_button.menu().actions()
    assert action.text() == "the screen of 2026-01-05"
    action.trigger()

    dialog = controller.compare_dialog
    qtbot.waitUntil(lambda: dialog.stills_pending == 0, timeout=10000)  # decoded on a worker thread
    assert dialog.isVisible() and "05 Jan 2026" in dialog.windowTitle() and "16 Feb 2026" in dialog.windowTitle()
    assert ("Knees move inward", "seen", "not seen", "no longer seen") in dialog.checklist_rows()
    (panel,) = dialog.panels
    assert dialog.views.tabText(0) == "Front view"
    for still in panel.stills:  # drawn from the stored pose on the decoded key frame
        assert not still.pixmap().isNull() and still.pixmap().height() == STILL_HEIGHT
    assert "bottom of squat 5 of 5" in panel.captions[0].text()
    assert "bottom of squat 3 of 3" in panel.captions[1].text()
    assert panel.metric_name() == "knee_ankle_offset"
    first = panel.chart.pixmap().toImage()
    panel.metric_box.setCurrentIndex(panel.metric_box.findData("knee_fppa"))
    assert panel.chart.pixmap().toImage() != first  # the other metric, redrawn for both screens
    out = tmp_path / "compare.png"
    dialog.save_png(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_screen_whose_video_is_gone_still_compares(page_window, stored, qtbot):
    _, _, before, after = stored
    before.clips[0].video_path.unlink()
    page, controller = page_window.records.page, page_window.records.controller
    _select(page, after.id)
    page.compare_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: controller.compare_dialog.stills_pending == 0, timeout=10000)
    panel = controller.compare_dialog.panels[0]
    assert panel.stills[0].pixmap().isNull() and "missing" in panel.stills[0].text()
    assert not panel.stills[1].pixmap().isNull()
    assert not panel.chart.pixmap().isNull()  # the plot needs only the stored pose


def test_home_sheet_button_writes_the_program_of_the_selected_screen(
    page_window, stored, qtbot, tmp_path, monkeypatch, message_boxes
):
    _, _, before, after = stored
    page, controller = page_window.records.page, page_window.records.controller
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    _select(page, before.id)
    with qtbot.waitSignal(controller.exports.finished, timeout=20000):
        page.export_buttons["home_sheet"].click()
    document = pdfium.PdfDocument(out)
    text = re.sub(r"\s+", " ", " ".join(document[i].get_textpage().get_text_range() for i in range(len(document))))
    names = [e["name"] for items in before.results["program"].values() for e in items]
    assert names and all(name in text for name in names) and len(document) <= 2
    # the re-screen saw nothing, so it has no program: one plain message, no file
    _select(page, after.id)
    message_boxes.expect(1)
    with qtbot.waitSignal(controller.exports.failed, timeout=20000):
        page.export_buttons["home_sheet"].click()
    assert "no corrective program" in message_boxes.shown[0][1]


def test_coach_details_and_the_clinician_summary_button(page_window, stored, qtbot, tmp_path, monkeypatch):
    _, _, before, after = stored
    page, controller = page_window.records.page, page_window.records.controller
    controller.settings_path = tmp_path / "settings" / "settings.toml"
    controller.edit_coach()  # File > Coach details…
    controller.dialog.name.setText("Dana Reyes")
    controller.dialog.contact.setText("dana@example.com")
    controller.dialog.accept()
    assert 'name = "Dana Reyes"' in controller.settings_path.read_text()
    controller.edit_coach()
    assert controller.dialog.name.text() == "Dana Reyes"  # read back from the settings file
    controller.dialog.reject()
    out = tmp_path / "clinician.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    _select(page, after.id)
    with qtbot.waitSignal(controller.exports.finished, timeout=20000):
        page.export_buttons["clinician"].click()
    document = pdfium.PdfDocument(out)
    text = re.sub(r"\s+", " ", document[0].get_textpage().get_text_range())
    assert len(document) == 1 and "Dana Reyes · dana@example.com" in text
    assert "05 Jan 2026, 16 Feb 2026" in text and "Knees move inward no longer seen" in text
