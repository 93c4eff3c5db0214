"""Screenshots of the app on a 1366x768 laptop screen, and of its dialogs, from the current build.

Run (needs a display; on a headless machine under Xvfb):
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots_laptop.py [OUT_DIR]

review_ring.png: review at a key frame, the flagged joint ringed; clients_1366.png: the
Clients page; live_recordings.png: live mode saying where recordings go; program_notes.png:
the program when the time budget left work out; swap.png, help.png, session_date.png (a
wrongly typed date refused) and not_a_video.png: the dialogs.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from screenshots import LIVE_CLIP, REVIEW_CLIP, ROOT, log_two_sessions, wait, wait_for


def grab_modal_later(path: Path, ms: int = 800) -> None:
    """Save and close the modal dialog that will be open in `ms` (a message box blocks the caller)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def grab():
        dialog = QApplication.activeModalWidget()
        dialog.grab().save(str(path))
        dialog.close()

    QTimer.singleShot(ms, grab)


def main(out: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    work = Path(tempfile.mkdtemp(prefix="ces-vision-shots-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = QApplication(sys.argv[:1])  # noqa: F841  (kept alive for the windows)
    from ces_vision.gui.main_window import MainWindow, StartOptions
    from ces_vision.gui.program_dialogs import SwapDialog
    from ces_vision.storage import Database

    out.mkdir(parents=True, exist_ok=True)
    with Database.open(work / "clients.sqlite3") as db:
        client = db.clients.add("Sample Client", goals="squat without knee pain")
    window = MainWindow(StartOptions(database_path=work / "clients.sqlite3", fake_camera=LIVE_CLIP, countdown_s=0))
    window.resize(1366, 768)
    window.show()
    window.records.controller.select_client(client.id)
    window.open_videos([REVIEW_CLIP], view="front")
    wait_for(lambda: window.state.slots["front"].status == "done", 180, "the analysis")

    window.review.key_frame_buttons[0].click()
    wait(500)
    window.grab().save(str(out / "review_ring.png"))

    page, controller = window.records.page, window.records.controller
    page.screen_date.setDate(date(2026, 11, 20))
    page.save_button.click()
    log_two_sessions(controller)
    window.tabs.setCurrentWidget(window.records)
    wait(300)
    window.grab().save(str(out / "clients_1366.png"))

    controller.log_session()
    controller.dialog.session_date.edit.setText("14/03/2025")
    wait(200)
    controller.dialog.grab().save(str(out / "session_date.png"))
    controller.dialog.reject()

    window.show_how_to()
    wait(300)
    window.how_to.grab().save(str(out / "help.png"))
    window.how_to.close()

    notes = work / "client notes.txt"
    notes.write_text("not a video")
    grab_modal_later(out / "not_a_video.png")
    window.open_videos([notes])

    panel = window.program
    item = panel._items[panel.exercise_ids("inhibit")[0]]
    swap = SwapDialog(panel, panel._kb, item)
    swap.show()
    wait(300)
    swap.grab().save(str(out / "swap.png"))
    swap.reject()

    checklist = window.checklist
    for compensation in ("feet_turn_out", "asymmetric_weight_shift", "knees_move_out"):  # a long program
        checklist.set_decision(checklist.row_of(compensation, "front"), "Override: seen")
    wait(300)
    dock = next(d for d in window.findChildren(type(window._right)) if d.windowTitle() == "Program")
    dock.grab().save(str(out / "program_notes.png"))

    window.show_live()
    window.live.start_camera()
    wait(4000)
    window.grab().save(str(out / "live_recordings.png"))
    window.live.stop()
    wait(500)
    window.close()
    print(f"wrote the laptop screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
