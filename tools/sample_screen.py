"""The made-up client's screen the sample documents are drawn from: three bundled clips
(front: left knee moves in, side: forward lean, back: heels rise) analysed by the real
pipeline. Shared by tools/sample_report.py and tools/clinician_sample.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from ces_vision.config import Settings
from ces_vision.prescription import Screen, build_screen
from ces_vision.reports import ClipInput, FrameData, ReportInput
from ces_vision.session import Analysis, analyze_file

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CLIPS = {"front": "front_knees_in_left.mp4", "side": "side_forward_lean.mp4", "back": "back_heels_rise.mp4"}
SCREENED_ON = date(2026, 11, 27)


def sample_screen() -> tuple[dict[str, Analysis], Screen]:
    """Each view's analysis of the sample clips, and the screen they make."""
    analyses = {view: analyze_file(ROOT / "sample_videos" / name, view, Settings()) for view, name in CLIPS.items()}
    return analyses, build_screen([a.screen for a in analyses.values()])


def sample_report(analyses: dict[str, Analysis], **fields: Any) -> ReportInput:
    """The report input of the sample client's screen: its clips with their key-frame data,
    and `fields` (score, program, checklist, overrides, history, ...)."""
    clips = tuple(
        ClipInput(a.to_json(), ROOT / "sample_videos" / CLIPS[view], FrameData.from_analysis(a))
        for view, a in analyses.items()
    )
    return ReportInput(client_name="Sample Client", screened_on=SCREENED_ON, clips=clips, **fields)


def save_pages(pdf_path: Path, pages: int, stem: str) -> int:
    """Render the first `pages` pages of `pdf_path` as docs/<stem><n>.png (as the README shows
    them; pypdfium2 is in the test extra); the PDF's page count."""
    pdf = pdfium.PdfDocument(pdf_path)
    for i in range(min(pages, len(pdf))):
        pdf[i].render(scale=110 / 72).to_pil().save(DOCS / f"{stem}{i + 1}.png")
    return len(pdf)
