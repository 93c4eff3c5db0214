"""The main window: wires the widgets to the controllers, and nothing more.

Left: the screen's clip slots. Centre: review and live tabs. Right: checklist and
program. Work happens in `workers.AnalysisController` (files) and
`live.camera_worker.CameraController` (camera); state lives in `ScreenState`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QTabWidget

from ..config import Settings, overlay
from .checklist_panel import ChecklistPanel
from .dialogs import show_about, show_error
from .live.camera_worker import CameraController, default_backend_factory, default_source_factory
from .live.live_view import LivePanel
from .open_dialog import VIDEO_FILTER, assign_slots, video_paths
from .program_panel import ProgramPanel
from .records import RecordsPanel, with_banner
from .review.key_frames import key_frames
from .review.review_panel import ReviewPanel
from .screen_slots import ScreenSlots
from .screen_state import SLOTS_BY_KEY, ScreenState
from .workers import AnalysisController


@dataclass(frozen=True)
class StartOptions:
    """What the app is started with; tests swap in fakes here."""

    model: str | None = None
    fake_camera: Path | None = None
    analysis_backend_factory: object | None = None  # (path, slot) -> pose backend, for tests
    live_source_factory: object | None = None  # camera number -> video source
    live_backend_factory: object | None = None  # () -> pose backend
    recordings_dir: Path | None = None
    countdown_s: int = 3
    database_path: Path | None = None  # client records; None: the File > Database… choice or the default


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ces-vision", "ces-vision")


class MainWindow(QMainWindow):
    def __init__(self, options: StartOptions = StartOptions()):
        super().__init__()
        self.setWindowTitle("ces-vision")
        self.setAcceptDrops(True)
        settings = Settings() if options.model is None else overlay(Settings(), {"pose": {"model": options.model}})
        self.state = ScreenState()
        self.analyses = AnalysisController(settings, options.analysis_backend_factory, self)
        recordings = options.recordings_dir or Path.home() / "ces-vision" / "recordings"
        self.camera = CameraController(
            settings,
            options.live_source_factory or default_source_factory(options.fake_camera),
            options.live_backend_factory or default_backend_factory(settings),
            recordings, self,
        )
        self.review = ReviewPanel()
        self.live = LivePanel(self.camera, options.countdown_s)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.review, "Review")
        self.tabs.addTab(self.live, "Live")
        self.records = RecordsPanel(self.state, app_settings, options.database_path)
        self.tabs.addTab(self.records, "Clients")
        self.setCentralWidget(self.tabs)
        self.slots = ScreenSlots(self.state)
        self.checklist = ChecklistPanel(self.state)
        self.program = ProgramPanel(self.state)
        self._left = self._dock("Screen", self.slots, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._right = self._dock("Checklist", self.checklist, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Program", with_banner(self.records.program_banner, self.program), Qt.DockWidgetArea.RightDockWidgetArea)
        self.live_stats = QLabel()
        self.statusBar().addPermanentWidget(self.live_stats)
        self.current_slot: str | None = None
        self._wire()
        self._menus()
        self._shortcuts()
        self._restore()

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
        self.checklist.changed.connect(self.program.rebuild)
        self.checklist.line_activated.connect(self._show_line)
        self.live.stats.connect(self.live_stats.setText)
        self.live.recording_ready.connect(self._on_recording)
        self.tabs.currentChanged.connect(lambda _: self.review.player.pause())
        self.records.state_changed.connect(self._on_records_changed)
        self.records.controller.status.connect(lambda text: self.statusBar().showMessage(text, 5000))

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open videos…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_files)
        file_menu.addAction(open_action)
        save_action = QAction("&Save screen to client", self, shortcut=QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.records.save_screen)
        file_menu.addAction(save_action)
        database_action = QAction("&Database…", self)
        database_action.triggered.connect(self.records.choose_database)
        file_menu.addAction(database_action)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        for dock in self.findChildren(QDockWidget):
            view_menu.addAction(dock.toggleViewAction())
        live_action = QAction("&Live capture", self, shortcut="Ctrl+L")
        live_action.triggered.connect(lambda: self.show_live())
        view_menu.addAction(live_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About ces-vision", self)
        about.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about)

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
        path, _ = QFileDialog.getOpenFileName(self, f"Video for the {SLOTS_BY_KEY[slot].label} clip", self._last_folder(), VIDEO_FILTER)
        if path:
            self.open_videos([Path(path)], slot=slot)

    def open_videos(self, paths: list[Path], view: str | None = None, slot: str | None = None) -> None:
        """Assign each video a slot (asking when unclear) and analyze it."""
        assignment = assign_slots(self, [Path(p) for p in paths], self.state, view=view, slot=slot)
        for path, key in assignment:
            self._remember_folder(path)
            self.analyze(key, path)

    def analyze(self, key: str, path: Path) -> None:
        spec = SLOTS_BY_KEY[key]
        state = self.state.slots[key]
        state.path, state.status, state.analysis, state.message = Path(path), "analyzing", None, ""
        self.analyses.analyze(key, path, spec.view, spec.variant)
        self.slots.refresh()
        self._refresh_results()
        self.current_slot = key
        self.tabs.setCurrentWidget(self.review)
        self.review.show_clip(path, notice=f"Analyzing {Path(path).name} ({spec.label})…")

    def _on_analyzed(self, key: str, analysis) -> None:
        state = self.state.slots[key]
        state.status, state.analysis = "done", analysis
        warnings = list(analysis.warnings) + list(getattr(analysis.screen, "warnings", ()))
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

    def _show_line(self, line_key: tuple) -> None:
        compensation, view, variant, _ = line_key
        for key, spec in SLOTS_BY_KEY.items():
            if spec.view == view and spec.variant == variant and self.state.slots[key].status == "done":
                self.show_slot(key)
                slot = self.state.slots[key]
                for frame in key_frames(slot.analysis if slot.reviewable else None):
                    if frame.compensation == compensation:
                        self.review.player.seek(frame.frame)
                return

    # ------------------------------------------------------------------ live
    def show_live(self, slot: str | None = None) -> None:
        if slot:
            self.live.select_slot(slot)
        self.tabs.setCurrentWidget(self.live)

    def _on_recording(self, result, slot: str) -> None:
        self.live_stats.setText(f"Recorded {result.frames} frames to {result.path.name}")
        self.analyze(slot or "front", result.path)

    # -------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event) -> None:
        if video_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = video_paths(event.mimeData())
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
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1500, int(screen.width() * 0.95)), min(920, int(screen.height() * 0.95)))
        if layout is not None:
            self.restoreState(layout)
        else:
            # after the first layout pass, or Qt spreads the extra width over the docks
            QTimer.singleShot(0, lambda: self.resizeDocks([self._left, self._right], [300, 560], Qt.Orientation.Horizontal))

    def closeEvent(self, event) -> None:
        stored = app_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("window_state", self.saveState())
        self.live.stop()
        self.analyses.cancel_all()
        self.analyses.wait(5000)
        self.records.close_database()
        super().closeEvent(event)
