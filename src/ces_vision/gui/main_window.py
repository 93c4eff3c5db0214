"""The main window: wires the widgets to the controllers, and nothing more.

Left: the screen's clip slots. Centre: review and live tabs. Right: checklist and
program. Work happens in `workers.AnalysisController` (files) and
`live.camera_worker.CameraController` (camera); state lives in `ScreenState`.

The docks can be resized, closed (View menu) and floated; their layout is remembered, and
the default one fits a 1366x768 laptop screen with every checklist and program column in view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QStyle, QTabWidget

from ..config import Settings, SettingsError, load_settings, overlay
from ..screening import CheckpointResult
from ..session.screen import slot_of
from ..session.screen_state import SLOTS_BY_KEY, ScreenState
from ..storage import default_recordings_dir, user_settings_file
from .checklist_panel import ChecklistPanel
from .dialogs import show_about, show_error
from .help_dialog import HowToDialog
from .live.camera_worker import BackendFactory as LiveBackendFactory
from .live.camera_worker import CameraController, SourceFactory, default_backend_factory, default_source_factory
from .live.live_view import LivePanel
from .open_dialog import VIDEO_FILTER, assign_slots, is_video, local_paths, not_videos_message
from .program_panel import ProgramPanel
from .records import RecordsPanel, with_banner
from .review.key_frames import key_frames
from .review.review_panel import ReviewPanel
from .screen_slots import ScreenSlots
from .workers import AnalysisController, BackendFactory


@dataclass(frozen=True)
class StartOptions:
    """What the app is started with; tests swap in fakes here."""

    model: str | None = None
    fake_camera: Path | None = None
    analysis_backend_factory: BackendFactory | None = None  # (path, slot) -> pose backend, for tests
    live_source_factory: SourceFactory | None = None  # camera number -> video source
    live_backend_factory: LiveBackendFactory | None = None  # () -> pose backend
    recordings_dir: Path | None = None
    countdown_s: int = 3
    database_path: Path | None = None  # client records; None: the File > Database… choice or the default


LAYOUT_VERSION = 2  # of the saved dock layout; a layout saved by another version is not restored
DEFAULT_SIZE = (1600, 950)  # px; smaller screens get the window maximized
RIGHT_DOCK_WIDTH = 800  # px at most for checklist and program; the review takes the rest
CHECKLIST_SHARE = 0.55  # of the right column's height


def _user_settings(model: str | None) -> tuple[Settings, str | None]:
    """The user's settings file, as the CLI reads it, with the --model choice on top; a file
    that cannot be read gives the defaults and a sentence saying so."""
    problem = None
    try:
        settings = load_settings(user_settings_file())
    except SettingsError as error:
        settings, problem = Settings(), f"Your settings file was not used (defaults instead): {error}"
    return (settings if model is None else overlay(settings, {"pose": {"model": model}})), problem


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ces-vision", "ces-vision")


class MainWindow(QMainWindow):
    def __init__(self, options: StartOptions = StartOptions()):
        super().__init__()
        self.setWindowTitle("ces-vision")
        self.setAcceptDrops(True)
        settings, settings_problem = _user_settings(options.model)
        self.state = ScreenState()
        self.analyses = AnalysisController(settings, options.analysis_backend_factory, self)
        recordings = options.recordings_dir or default_recordings_dir()
        self.camera = CameraController(
            settings,
            options.live_source_factory or default_source_factory(options.fake_camera),
            options.live_backend_factory or default_backend_factory(settings),
            recordings,
            self,
        )
        self.review = ReviewPanel()
        self.live = LivePanel(self.camera, options.countdown_s)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.review, "Review")
        self.tabs.addTab(self.live, "Live")
        self.records = RecordsPanel(self.state, app_settings, options.database_path, analysis_settings=settings)
        self.tabs.addTab(self.records, "Clients")
        self.setCentralWidget(self.tabs)
        self.slots = ScreenSlots(self.state)
        self.checklist = ChecklistPanel(self.state)
        self.program = ProgramPanel(self.state)
        self._left = self._dock("Screen", self.slots, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._right = self._dock("Checklist", self.checklist, Qt.DockWidgetArea.RightDockWidgetArea)
        self._bottom_right = self._dock(
            "Program", with_banner(self.records.program_banner, self.program), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.live_stats = QLabel()
        self.statusBar().addPermanentWidget(self.live_stats)
        self.current_slot: str | None = None
        self._wire()
        self._menus()
        self._shortcuts()
        self._restore()
        if settings_problem:
            QTimer.singleShot(0, lambda: show_error(self, "Settings file", settings_problem))

    def _dock(self, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _wire(self) -> None:
        self.analyses.progress.connect(self.slots.set_progress)
        self.analyses.finished.connect(self._on_analyzed)
        self.analyses.failed.connect(self._on_failed)
        self.analyses.cancelled.connect(self._on_cancelled)
        self.slots.open_requested.connect(self.choose_file_for)
        self.slots.live_requested.connect(self.show_live)
        self.slots.cancel_requested.connect(self.analyses.cancel)
        self.slots.show_requested.connect(self.show_slot)
        self.slots.clear_requested.connect(self.clear_slot)
        self.checklist.changed.connect(self.program.rebuild)
        self.checklist.line_activated.connect(self._show_line)
        self.live.stats.connect(self.live_stats.setText)
        self.live.recording_ready.connect(self._on_recording)
        self.tabs.currentChanged.connect(lambda _: self.review.player.pause())
        self.records.state_changed.connect(self._on_records_changed)
        self.records.controller.status.connect(lambda text: self.statusBar().showMessage(text, 5000))

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open videos…", self, shortcut=QKeySequence(QKeySequence.StandardKey.Open))
        open_action.triggered.connect(self.choose_files)
        file_menu.addAction(open_action)
        save_action = QAction("&Save screen to client", self, shortcut=QKeySequence(QKeySequence.StandardKey.Save))
        save_action.triggered.connect(self.records.save_screen)
        file_menu.addAction(save_action)
        database_action = QAction("&Database…", self)
        database_action.triggered.connect(self.records.choose_database)
        file_menu.addAction(database_action)
        coach_action = QAction("&Coach details…", self)
        coach_action.triggered.connect(self.records.edit_coach)
        file_menu.addAction(coach_action)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        for dock in self.findChildren(QDockWidget):
            view_menu.addAction(dock.toggleViewAction())
        reset_action = QAction("&Reset layout", self)
        reset_action.setToolTip("Put the panels back where they start, sized for this window")
        reset_action.triggered.connect(self.reset_layout)
        view_menu.addAction(reset_action)
        live_action = QAction("&Live capture", self, shortcut=QKeySequence("Ctrl+L"))
        live_action.triggered.connect(lambda: self.show_live())
        view_menu.addAction(live_action)
        help_menu = self.menuBar().addMenu("&Help")
        how_to = QAction("&How to screen a client", self, shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents))
        how_to.triggered.connect(self.show_how_to)
        help_menu.addAction(how_to)
        about = QAction("&About ces-vision", self)
        about.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about)

    def show_how_to(self) -> None:
        self.how_to = getattr(self, "how_to", None) or HowToDialog(self)
        self.how_to.show()
        self.how_to.raise_()

    def _shortcuts(self) -> None:
        def in_review(action):
            return lambda: self.tabs.currentWidget() is self.review and action()

        for key, action in (
            (Qt.Key.Key_Space, self.review.player.toggle),
            (Qt.Key.Key_Left, lambda: self.review.player.step(-1)),
            (Qt.Key.Key_Right, lambda: self.review.player.step(1)),
        ):
            QShortcut(QKeySequence(key), self, in_review(action))

    # ----------------------------------------------------------------- files
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open videos", self._last_folder(), VIDEO_FILTER)
        if paths:
            self.open_videos([Path(p) for p in paths])

    def choose_file_for(self, slot: str) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, f"Video for the {SLOTS_BY_KEY[slot].label} clip", self._last_folder(), VIDEO_FILTER
        )
        if path:
            self.open_videos([Path(path)], slot=slot)

    def open_videos(self, paths: list[Path], view: str | None = None, slot: str | None = None) -> None:
        """Assign each video a slot (asking when unclear) and analyze it; other files are refused."""
        paths = [Path(p) for p in paths]
        refused = [p for p in paths if not is_video(p)]
        if refused:
            show_error(self, "Not a video", not_videos_message(refused))
        assignment = assign_slots(self, [p for p in paths if is_video(p)], self.state, view=view, slot=slot)
        for path, key in assignment:
            self._remember_folder(path)
            self.analyze(key, path)

    def analyze(self, key: str, path: Path) -> None:
        spec = SLOTS_BY_KEY[key]
        self.state.start_clip(key, path)
        self.analyses.analyze(key, path, spec.view, spec.variant, spec.assessment)
        self.slots.refresh()
        self._refresh_results()
        self.current_slot = key
        self.tabs.setCurrentWidget(self.review)
        self.review.show_clip(path, notice=f"Analyzing {Path(path).name} ({spec.label})…")

    def _on_analyzed(self, key: str, analysis) -> None:
        state = self.state.slots[key]
        state.status, state.analysis = "done", analysis
        # the screen's own warnings are in the analysis's already; once each
        warnings = list(dict.fromkeys([*analysis.warnings, *analysis.screen.warnings]))
        state.message = "; ".join(warnings)
        self.slots.refresh()
        self._refresh_results()
        if self.current_slot in (key, None):
            self.show_slot(key)
        self.statusBar().showMessage(f"{SLOTS_BY_KEY[key].label}: analysis done", 5000)

    def _on_failed(self, key: str, message: str) -> None:
        state = self.state.slots[key]
        state.status, state.message = "failed", message
        self.slots.refresh()
        if self.current_slot == key:
            self.review.clear()
        show_error(self, "The video could not be analyzed", message[:1].upper() + message[1:])

    def _on_cancelled(self, key: str) -> None:
        state = self.state.slots[key]
        state.status, state.message = "empty", "analysis cancelled"
        state.path = None
        self.slots.refresh()
        if self.current_slot == key:
            self.review.clear()
        self.statusBar().showMessage("Analysis cancelled", 5000)

    def clear_slot(self, key: str) -> None:
        """Forget a failed clip, so the slot reads "missing" again."""
        self.state.clear_slot(key)
        self.slots.refresh()
        self._refresh_results()
        if self.current_slot == key:
            self.review.clear()

    def _refresh_results(self) -> None:
        self.checklist.refresh()
        self.program.rebuild()

    def _on_records_changed(self) -> None:
        self.slots.client.setText(self.state.client)
        self.slots.refresh()
        self._refresh_results()

    def show_slot(self, key: str) -> None:
        state = self.state.slots[key]
        if state.status != "done":
            return
        self.current_slot = key
        self.tabs.setCurrentWidget(self.review)
        analysis = state.analysis if state.reviewable else None  # screens stored before v3 have no pose
        self.review.show_clip(state.path, analysis, key_frames(analysis), notice=state.message)

    def _show_line(self, line: CheckpointResult) -> None:
        """Show the clip a checklist line was judged on, at its key frame: the slot of the
        line's view, variant and assessment (push and pull share the side view with the squat)."""
        key = slot_of(line.view, line.variant, line.assessment)
        if key is None or self.state.slots[key].status != "done":
            return
        self.show_slot(key)
        slot = self.state.slots[key]
        for frame in key_frames(slot.analysis if slot.reviewable else None):
            if frame.compensation == line.compensation:
                self.review.player.seek(frame.frame)

    # ------------------------------------------------------------------ live
    def show_live(self, slot: str | None = None) -> None:
        if slot:
            self.live.select_slot(slot)
        self.tabs.setCurrentWidget(self.live)

    def _on_recording(self, result, slot: str) -> None:
        self.live_stats.setText(f"Recorded {result.frames} frames to {result.path}")
        self.analyze(slot or "front", result.path)

    # -------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = local_paths(event.mimeData())  # files that are not videos are refused in words
        if paths:
            event.acceptProposedAction()
            self.open_videos(paths)

    # -------------------------------------------------------------- settings
    def _last_folder(self) -> str:
        return str(app_settings().value("last_folder", str(Path.home())))

    def _remember_folder(self, path: Path) -> None:
        app_settings().setValue("last_folder", str(Path(path).resolve().parent))

    def _restore(self) -> None:
        stored = app_settings()
        geometry, layout = stored.value("geometry"), stored.value("window_state")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            if screen.width() < DEFAULT_SIZE[0] or screen.height() < DEFAULT_SIZE[1]:
                self.resize(screen.size())
                self.setWindowState(Qt.WindowState.WindowMaximized)
            else:
                self.resize(*DEFAULT_SIZE)
        if layout is None or not self.restoreState(layout, LAYOUT_VERSION):
            # after the first layout pass, or Qt spreads the extra width over the docks
            QTimer.singleShot(0, self._size_docks)

    def reset_layout(self) -> None:
        """Every panel docked and shown where it starts, sized for the window as it is."""
        for dock, area in (
            (self._left, Qt.DockWidgetArea.LeftDockWidgetArea),
            (self._right, Qt.DockWidgetArea.RightDockWidgetArea),
            (self._bottom_right, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock.setFloating(False)
            self.addDockWidget(area, dock, Qt.Orientation.Vertical)
            dock.show()
        self._size_docks()

    def _size_docks(self) -> None:
        """Screen panel as narrow as it goes, the review at its minimum width or more, checklist
        and program the rest (up to RIGHT_DOCK_WIDTH)."""
        left = self._left.minimumSizeHint().width()
        separators = 4 * self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
        spare = self.width() - left - self.tabs.minimumSizeHint().width() - separators
        right = max(self._right.minimumSizeHint().width(), min(RIGHT_DOCK_WIDTH, spare))
        self.resizeDocks([self._left, self._right], [left, right], Qt.Orientation.Horizontal)
        height = self._right.height() + self._bottom_right.height()
        checklist = int(height * CHECKLIST_SHARE)
        self.resizeDocks([self._right, self._bottom_right], [checklist, height - checklist], Qt.Orientation.Vertical)

    def closeEvent(self, event) -> None:
        if not self._may_close():
            event.ignore()
            return
        stored = app_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("window_state", self.saveState(LAYOUT_VERSION))
        self.live.stop()
        self.analyses.cancel_all()
        self.analyses.wait(5000)
        self.records.close_database()
        super().closeEvent(event)

    def _may_close(self) -> bool:
        """Ask before analysed clips or the coach's changes not saved to a client are lost."""
        unsaved = self.state.unsaved_clips()
        if not unsaved:
            return True
        clips = ", ".join(spec.label for spec in unsaved)
        running = any(self.state.slots[s.key].status == "analyzing" for s in unsaved)
        answer = QMessageBox.question(
            self,
            "Save the screen?",
            f"The screen ({clips}) is not saved to a client{' and an analysis is still running' if running else ''}. "
            "Save it before quitting?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.records.controller.save_screen() is not None
        return answer == QMessageBox.StandardButton.Discard
