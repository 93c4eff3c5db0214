"""Regenerate docs/sample_report.pdf (and page PNGs) from three bundled sample clips.

    .venv/bin/python tools/sample_report.py

One screen of a made-up client: front (left knee moves in), side (forward lean) and
back (heels rise) clips, analyzed by the real pipeline, with the program and score of
`prescription.build_screen`. The PNGs (pypdfium2, from the test extra) are what the
README shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from ces_vision.config import Settings
from ces_vision.prescription import build_screen
from ces_vision.reports import ClipInput, FrameData, ReportInput, write_pdf_report
from ces_vision.session import analyze_file

ROOT = Path(__file__).resolve().parents[1]
CLIPS = {"front": "front_knees_in_left.mp4", "side": "side_forward_lean.mp4", "back": "back_heels_rise.mp4"}


def main() -> None:
    analyses = {view: analyze_file(ROOT / "sample_videos" / name, view, Settings()) for view, name in CLIPS.items()}
    screen = build_screen([a.screen for a in analyses.values()]).to_json()
    report = ReportInput(
        client_name="Sample Client",
        screened_on=date(2026, 11, 27),
        clips=tuple(
            ClipInput(a.to_json(), ROOT / "sample_videos" / CLIPS[view], FrameData.from_analysis(a))
            for view, a in analyses.items()
        ),
        score=screen["score"]["value"],
        program=screen["prescription"],
        checklist=tuple(screen["checklist"]),
    )
    docs = ROOT / "docs"
    for coach, name in ((False, "sample_report"), (True, "sample_report_coach")):
        write_pdf_report(report, docs / f"{name}.pdf", coach=coach)
    pdf = pdfium.PdfDocument(docs / "sample_report.pdf")
    for i in range(min(2, len(pdf))):
        pdf[i].render(scale=110 / 72).to_pil().save(docs / f"sample_report_page{i + 1}.png")
    print(f"wrote docs/sample_report.pdf ({len(pdf)} pages), docs/sample_report_coach.pdf and page PNGs")


if __name__ == "__main__":
    main()
