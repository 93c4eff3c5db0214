"""Take the README's screenshots from the current build, with the real pose model.

Run (needs a display; on a headless machine under Xvfb):
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py [OUT_DIR] [--laptop-only]

review.png: a bundled clip analyzed, saved to a throw-away database and re-opened (the
review then shows what a coach sees on a stored screen); clients.png: that client with
two logged sessions; live.png: live mode on a fake camera replaying a bundled clip; laptop_1366.png: the window
at 1366x700 (a 1366x768 laptop screen less taskbar and title bar) in its default layout,
with the analyzed clip saved through the "Client:" field.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEW_CLIP = ROOT / "sample_videos" / "front_knees_in_left.mp4"
LIVE_CLIP = ROOT / "sample_videos" / "front_knees_in_both.mp4"


def wait(ms: int) -> None:
    """Let Qt run for `ms`. QEventLoop.exec releases the GIL (QTest.qWait does not), so
    the analysis threads make progress meanwhile."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        wait(200)


def log_two_sessions(controller) -> None:
    """Two logged training sessions of the open client, ticking that share of the program."""
    from PySide6.QtCore import Qt

    for day, share, notes in (
        (date(2026, 11, 23), 100, "all done"),
        (date(2026, 11, 25), 60, "short on time, skipped the stretches"),
    ):
        controller.log_session()
        dialog = controller.dialog
        for i in range(min(share * dialog.exercises.count() // 100, dialog.exercises.count())):
            dialog.exercises.item(i).setCheckState(Qt.CheckState.Checked)
        dialog.session_date.setDate(day)
        dialog.share.setValue(share)
        dialog.notes.setPlainText(notes)
        dialog.accept()
        wait(200)


def main(out: Path) -> int:
    from PySide6.QtCore import QDate, QSettings
    from PySide6.QtWidgets import QApplication

    work = Path(tempfile.mkdtemp(prefix="ces-vision-shots-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = QApplication(sys.argv[:1])  # noqa: F841  (kept alive for the windows)
    from ces_vision.gui.main_window import MainWindow, StartOptions
    from ces_vision.session.screen_state import SlotState
    from ces_vision.storage import Database

    with Database.open(work / "clients.sqlite3") as db:
        client = db.clients.add("Sample Client", goals="squat without knee pain")
    window = MainWindow(
        StartOptions(
            database_path=work / "clients.sqlite3",
            recordings_dir=work / "recordings",
            fake_camera=LIVE_CLIP,
            countdown_s=0,
        )
    )
    window.resize(1600, 950)
    window.show()
    window.records.controller.select_client(client.id)
    window.open_videos([REVIEW_CLIP], view="front")
    wait_for(lambda: window.state.slots["front"].status == "done", 180, "the analysis")

    page = window.records.page
    page.screen_date.setDate(QDate(2026, 11, 20))
    page.save_button.click()
    for key in window.state.slots:
        window.state.slots[key] = SlotState()
    page.open_button.click()
    wait(300)
    window.show_slot("front")
    window.review.player.seek(window.state.slots["front"].analysis.kinematics.reps[1].bottom)
    wait(500)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "review.png"))

    log_two_sessions(window.records.controller)
    window.tabs.setCurrentWidget(window.records)
    wait(300)
    window.grab().save(str(out / "clients.png"))

    window.show_live()
    window.live.start_camera()
    wait(5000)
    window.grab().save(str(out / "live.png"))
    window.live.stop()
    wait(500)
    window.close()
    print(f"wrote review.png, clients.png and live.png to {out}")
    return laptop(out)


LAPTOP_SIZE = (1366, 700)


def laptop(out: Path) -> int:
    """laptop_1366.png: the default layout of a laptop-sized window with a screen loaded."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    work = Path(tempfile.mkdtemp(prefix="ces-vision-laptop-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from ces_vision.gui.main_window import MainWindow, StartOptions

    window = MainWindow(StartOptions(database_path=work / "clients.sqlite3", recordings_dir=work / "recordings"))
    window.setWindowState(Qt.WindowState.WindowNoState)  # this exact size, whatever the screen
    window.resize(*LAPTOP_SIZE)
    window.show()
    wait(300)
    window.reset_layout()
    window.slots.client.setText("Sample Client")
    window.open_videos([REVIEW_CLIP], view="front")
    wait_for(lambda: window.state.slots["front"].status == "done", 180, "the analysis")
    window.records.save_screen()  # the "Client:" field adds the client
    window.show_slot("front")
    window.review.player.seek(window.state.slots["front"].analysis.kinematics.reps[1].bottom)
    window.checklist.table.selectRow(window.checklist.row_of("knees_move_in", "front"))
    wait(500)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "laptop_1366.png"))
    window.close()
    print(f"wrote laptop_1366.png to {out}")
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--laptop-only"]
    folder = Path(arguments[0]) if arguments else ROOT / "docs" / "screenshots"
    sys.exit(laptop(folder) if "--laptop-only" in sys.argv else main(folder))
