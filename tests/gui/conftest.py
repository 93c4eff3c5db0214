"""GUI test fixtures: offscreen Qt, fake camera and pose backends, and no surprise dialogs."""

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
sys.path.insert(0, str(Path(__file__).parent))  # gui test helpers

import pytest  # noqa: E402
from gui_fakes import NullPose, camera_images  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from squat_pose import squat_sequence, write_squat_video  # noqa: E402

from ces_vision.capture import FakeSource  # noqa: E402


class MessageBoxes:
    """Every message box the code tried to show; unexpected ones fail the test."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []
        self.allowed = 0

    def expect(self, n: int = 1) -> None:
        self.allowed += n


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    boxes = MessageBoxes()

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            boxes.shown.append((title, text))
            if len(boxes.shown) > boxes.allowed:
                pytest.fail(f"unexpected {kind} message box: {title}: {text}")
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail(f"unexpected message box: {self.text()}"))
    return boxes


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """QSettings (window layout, last folder) go to a temporary folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(scope="session")
def knees_in(tmp_path_factory):
    """A front-view clip of five squats whose knees move in, and its exact poses."""
    sequence = squat_sequence(knees_in=0.03)
    return write_squat_video(tmp_path_factory.mktemp("v") / "client_front.mp4", sequence), sequence


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A main window with fakes; keyword arguments go to StartOptions."""
    from ces_vision.gui.main_window import MainWindow, StartOptions

    def make(**options):
        options.setdefault("recordings_dir", tmp_path / "recordings")
        options.setdefault("countdown_s", 0)
        options.setdefault("live_backend_factory", NullPose)
        window = MainWindow(StartOptions(**options))
        # a test ends without the quit prompt (test_gui_lifecycle asks for it on purpose)
        qtbot.addWidget(window, before_close_func=lambda w: w.state.mark_saved())
        window.show()
        return window

    yield make


@pytest.fixture
def fake_camera():
    """A source factory for a realtime 30 fps fake camera; options go to FakeSource."""

    def factory(**options):
        options.setdefault("fps", 30.0)
        options.setdefault("realtime", True)
        options.setdefault("n_frames", 10_000)
        images = options.pop("images", None) or camera_images()
        opened = []

        def open_source(device: int):
            source = FakeSource(images, **options)
            opened.append(source)
            return source

        open_source.opened = opened
        return open_source

    return factory
