"""The Clients page reads on a laptop: every tab label and column header in full, no
sideways scrolling, at the width the page gets on a 1366 px screen."""

from datetime import date

from gui_fakes import fake_pose_factory
from PySide6.QtWidgets import QScrollArea, QTableWidget, QTabWidget

from ces_vision.storage import Database

PAGE_WIDTH = 520  # the Clients tab beside the docks on 1366 px, less the client list
NARROWEST = 400  # the page never asks for more, so a narrow window does not scroll it sideways


def test_clients_page_columns_and_tabs_fit_a_laptop(make_window, qtbot, knees_in, tmp_path):
    path, sequence = knees_in
    db_path = tmp_path / "clients.sqlite3"
    with Database.open(db_path) as db:
        client = db.clients.add("Ana Souza")
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence), database_path=db_path)
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    window.tabs.setCurrentWidget(window.records)
    controller, page = window.records.controller, window.records.page
    controller.select_client(client.id)
    for day in (date(2026, 1, 5), date(2026, 2, 16)):  # two screens: two date columns
        page.screen_date.setDate(day)
        page.save_button.click()
    with Database.open(db_path) as db:
        db.sessions.log(
            client.id,
            session_date=date(2026, 1, 7),
            adherence=0.8,
            exercises=[],
            notes="short on time, skipped the stretches and the last set of squats",
        )
    controller.select_client(client.id)

    page.screen_date.edit.setText("14/03/2025")  # a refusal wraps, it does not widen the page
    assert page.minimumSizeHint().width() <= NARROWEST
    page.screen_date.setDate(date(2026, 2, 16))
    window.records.findChild(QScrollArea).takeWidget()  # the page alone, at a set width
    page.show()
    qtbot.waitExposed(page)
    page.resize(PAGE_WIDTH, 900)
    qtbot.waitUntil(lambda: page.width() == PAGE_WIDTH)
    tabs = page.findChild(QTabWidget)
    bar = tabs.tabBar()
    assert bar.rect().right() <= tabs.width() and not bar.usesScrollButtons()
    for i in range(tabs.count()):
        assert bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(tabs.tabText(i)), tabs.tabText(i)
        assert bar.tabRect(i).right() <= tabs.width(), f"tab {tabs.tabText(i)!r} out of view"
    for table in (page.history, page.checklist, page.metrics, page.sessions):
        if tabs.indexOf(table) >= 0:
            tabs.setCurrentWidget(table)
            qtbot.wait(20)  # laid out once shown
        _assert_readable(table)


def _assert_readable(table: QTableWidget) -> None:
    header = table.horizontalHeader()
    assert table.rowCount() > 0
    assert header.length() <= table.viewport().width() + 1, (
        f"the table scrolls sideways: {[table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]} {table.window().width()}"
    )
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), f"header {title!r} cut"
        for row in range(table.rowCount()):
            item = table.item(row, column)
            text = item.text() if item else ""
            width = table.fontMetrics().horizontalAdvance(text)
            fits = width <= header.sectionSize(column) or table.rowHeight(row) > 1.5 * table.fontMetrics().height()
            assert fits, (
                f"{title!r}: {text!r} cut off ({width} > {header.sectionSize(column)}, row {table.rowHeight(row)}, vp {table.viewport().width()}, len {header.length()})"
            )
