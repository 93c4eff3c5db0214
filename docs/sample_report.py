"""Regenerate docs/sample_report.pdf and docs/sample_report_page1.png from a sample video.

    .venv/bin/python docs/sample_report.py sample_videos/NAME.mp4 --view front

Runs the whole pipeline (pose, kinematics, screening when present), then writes the
client-facing report and a PNG of its first page (pypdfium2, from the test extra).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from ces_vision.config import load_settings
from ces_vision.reports import ClipInput, FrameData, ReportInput, write_pdf_report
from ces_vision.session import analyze_file

DOCS = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("--view", default="front", choices=("front", "side", "back"))
    parser.add_argument("--client-name", default="Sample Client")
    args = parser.parse_args()
    analysis = analyze_file(args.video, args.view, load_settings(None))
    result = analysis.to_json()
    report = ReportInput(
        client_name=args.client_name,
        screened_on=date.today(),
        clips=(ClipInput(result, args.video, FrameData.from_analysis(analysis)),),
        score=result.get("score") if isinstance(result.get("score"), (int, float)) else None,
    )
    pdf_path = DOCS / "sample_report.pdf"
    write_pdf_report(report, pdf_path)
    page = pdfium.PdfDocument(pdf_path)[0].render(scale=150 / 72).to_pil()
    page.save(DOCS / "sample_report_page1.png")
    print(f"wrote {pdf_path} and {DOCS / 'sample_report_page1.png'}")


if __name__ == "__main__":
    main()
