"""The window on a laptop screen: its minimum size with a screen loaded fits 1366x768, every
checklist and program column is in view at 1366 px, and the dock layout is remembered."""

from __future__ import annotations

from gui_fakes import fake_pose_factory
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from ces_vision.gui.checklist_panel import COLUMNS as CHECKLIST_COLUMNS
from ces_vision.gui.main_window import app_settings
from ces_vision.gui.program_panel import COLUMNS as PROGRAM_COLUMNS
from ces_vision.gui.review.key_frames import KeyFrame

LAPTOP = (1366, 768)
TASKBAR, TITLE_BAR = 40, 30  # px a laptop desktop takes from the screen's height
WINDOW = (LAPTOP[0], LAPTOP[1] - TASKBAR - TITLE_BAR)
EVIDENCE_MIN = 60  # px of the Evidence column still readable (its full text is below the table)


def _laptop_window(make_window, qtbot, knees_in, analyzed: bool = True):
    """A window the size of a 1366x768 laptop's desktop, in the default layout, a clip analyzed."""
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*WINDOW)
    _settle(qtbot)
    window.reset_layout()
    if analyzed:
        with qtbot.waitSignal(window.analyses.finished, timeout=20000):
            window.open_videos([path], view="front")
    _settle(qtbot)
    return window


def _settle(qtbot) -> None:
    """Let the posted layout requests run."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def _minimum(window) -> tuple[int, int]:
    window.layout().activate()
    return window.minimumSizeHint().width(), window.minimumSizeHint().height()


def test_minimum_size_with_a_screen_loaded_fits_a_laptop(make_window, qtbot, knees_in):
    window = _laptop_window(make_window, qtbot, knees_in, analyzed=False)
    empty = _minimum(window)
    path, _ = knees_in
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    _settle(qtbot)
    loaded = _minimum(window)
    assert window.state.slots["front"].status == "done" and window.checklist.rows
    assert loaded[0] <= WINDOW[0] and loaded[1] <= WINDOW[1], f"minimum {loaded} does not fit {WINDOW}"
    assert loaded[0] <= empty[0], "results must not widen the window"

    # many flagged findings scroll in their row rather than widening the window
    window.review._set_key_frames([KeyFrame(f"compensation number {i} (left), rep {i}", i, "x") for i in range(12)])
    _settle(qtbot)
    assert _minimum(window)[0] <= loaded[0]

    # an analysis running (Cancel and progress shown) keeps the Screen panel as narrow
    slots_width = window.slots.minimumSizeHint().width()
    window.state.slots["side"].status = "analyzing"
    window.slots.refresh()
    assert window.slots.minimumSizeHint().width() <= slots_width
    window.state.slots["side"].status = "empty"


def test_checklist_and_program_columns_in_view_at_1366(make_window, qtbot, knees_in):
    window = _laptop_window(make_window, qtbot, knees_in)
    assert window.width() == WINDOW[0]
    table = window.checklist.table
    header = table.horizontalHeader()
    for column, name in enumerate(CHECKLIST_COLUMNS):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert 0 <= header.sectionViewportPosition(column) and right <= table.viewport().width(), f"{name} off-screen"
    assert header.sectionSize(CHECKLIST_COLUMNS.index("Evidence")) >= EVIDENCE_MIN
    tree = window.program.tree
    for column, name in enumerate(PROGRAM_COLUMNS):
        right = tree.header().sectionViewportPosition(column) + tree.header().sectionSize(column)
        assert right <= tree.viewport().width(), f"program {name} off-screen"
    dosage = PROGRAM_COLUMNS.index("Dosage")
    widest = max(
        tree.fontMetrics().horizontalAdvance(tree.topLevelItem(0).child(i).text(dosage))
        for i in range(tree.topLevelItem(0).childCount())
    )
    assert tree.header().sectionSize(dosage) >= widest, "the dosage reads whole"
    # the review keeps a usable width between the docks
    assert window.centralWidget().width() >= window.centralWidget().minimumSizeHint().width()


def test_dock_layout_and_geometry_are_saved_and_restored(make_window, qtbot, knees_in):
    first = _laptop_window(make_window, qtbot, knees_in, analyzed=False)
    first.resizeDocks([first._right, first._bottom_right], [480, 150], Qt.Orientation.Vertical)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first._bottom_right)  # the coach moves Program
    first._left.hide()  # ... and closes the Screen panel
    _settle(qtbot)
    checklist_height = first._right.height()
    first.close()
    assert app_settings().value("window_state") is not None

    second = make_window()
    _settle(qtbot)
    assert not second._left.isVisible() and second._right.isVisible() and second._bottom_right.isVisible()
    assert second.dockWidgetArea(second._bottom_right) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert abs(second._right.height() - checklist_height) <= 2
    # the saved geometry comes back, kept within the screen (the test screen is narrower than a laptop)
    assert second.height() == WINDOW[1] and second.width() <= WINDOW[0]
    assert second.geometry().intersects(second.screen().availableGeometry())

    # View > Reset layout brings every panel back where it starts
    second._right.setFloating(True)
    second.reset_layout()
    _settle(qtbot)
    assert all(d.isVisible() and not d.isFloating() for d in (second._left, second._right, second._bottom_right))
    assert second.dockWidgetArea(second._bottom_right) == Qt.DockWidgetArea.RightDockWidgetArea
    assert second.dockWidgetArea(second._left) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_a_layout_saved_by_another_version_is_not_restored(make_window, qtbot):
    first = make_window()
    first._right.hide()
    stored = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ces-vision", "ces-vision")
    stored.setValue("window_state", first.saveState(1))  # the layout of an older build
    stored.sync()
    second = make_window()
    _settle(qtbot)
    assert second._right.isVisible()
