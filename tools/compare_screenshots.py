"""Picture the re-screen comparison and the home-exercise sheet from the current build.

Run (needs a display; on a headless machine under Xvfb):
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/compare_screenshots.py

A made-up client screened twice from bundled clips with the real pose model: first the
left knee moves in (front) and the torso leans forward (side), then at the re-screen
both clips are clean. Writes docs/screenshots/compare.png (the
app's comparison window, front view shown) and docs/home_sheet_page1.png (page 1 of the
home-exercise sheet of the first screen's program; the PDF beside it).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from ces_vision.config import Settings
from ces_vision.prescription import build_screen
from ces_vision.reports.files import json_safe
from ces_vision.reports.home_sheet import home_sheet_from_records, write_home_sheet
from ces_vision.session import analyze_file
from ces_vision.session.stored_reports import load_comparison
from ces_vision.storage import Database, NewClip

ROOT = Path(__file__).resolve().parents[1]
SCREENS = {
    date(2026, 9, 7): {"front": "front_knees_in_left.mp4", "side": "side_forward_lean.mp4"},
    date(2026, 10, 19): {"front": "front_clean.mp4", "side": "side_clean.mp4"},
}


def store_screen(db: Database, client_id: int, day: date, clips: dict[str, str]):
    """Analyze the clips and store them as one screen, as the app saves it."""
    analyses = {view: analyze_file(ROOT / "sample_videos" / name, view, Settings()) for view, name in clips.items()}
    screen = build_screen([a.screen for a in analyses.values()])
    results = screen.to_json()
    results["program_detail"] = results.pop("program")
    results["program"] = screen.program.prescription_json()
    results["views"] = [a.to_json() for a in analyses.values()]
    new = [NewClip(view, ROOT / "sample_videos" / clips[view], pose=a.pose) for view, a in analyses.items()]
    return db.screens.add(
        client_id, screened_on=day, assessment="ohsa", results=json_safe(results), clips=new, score=screen.score
    )


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from ces_vision.gui.records.compare_view import CompareDialog

    work = Path(tempfile.mkdtemp(prefix="ces-vision-compare-"))
    app = QApplication(sys.argv[:1])
    with Database.open(work / "clients.sqlite3") as db:
        client = db.clients.add("Sample Client")
        first, second = (store_screen(db, client.id, day, clips) for day, clips in SCREENS.items())
        comparison = load_comparison(db, first.id, second.id)
    dialog = CompareDialog(comparison)
    dialog.resize(1366, 720)
    dialog.show()
    while dialog.stills_pending:  # the stills are decoded on a worker thread
        app.processEvents()
        time.sleep(0.05)
    app.processEvents()
    shots = ROOT / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    dialog.save_png(shots / "compare.png")

    sheet_pdf = ROOT / "docs" / "home_sheet.pdf"
    write_home_sheet(home_sheet_from_records(client, [first]), sheet_pdf)
    document = pdfium.PdfDocument(sheet_pdf)
    document[0].render(scale=110 / 72).to_pil().save(ROOT / "docs" / "home_sheet_page1.png")
    print(f"wrote docs/screenshots/compare.png, docs/home_sheet.pdf ({len(document)} pages), docs/home_sheet_page1.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
