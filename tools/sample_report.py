"""Regenerate docs/sample_report.pdf (and page PNGs) from three bundled sample clips.

    .venv/bin/python tools/sample_report.py

One screen of a made-up client (`sample_screen`), with the program and score of
`prescription.build_screen`. The PNGs are what the README shows.
"""

from __future__ import annotations

from sample_screen import DOCS, sample_report, sample_screen, save_pages

from ces_vision.reports import write_pdf_report


def main() -> None:
    analyses, screen = sample_screen()
    data = screen.to_json()
    report = sample_report(
        analyses, score=data["score"]["value"], program=data["prescription"], checklist=tuple(data["checklist"])
    )
    for coach, name in ((False, "sample_report"), (True, "sample_report_coach")):
        write_pdf_report(report, DOCS / f"{name}.pdf", coach=coach)
    pages = save_pages(DOCS / "sample_report.pdf", 2, "sample_report_page")
    print(f"wrote docs/sample_report.pdf ({pages} pages), docs/sample_report_coach.pdf and page PNGs")


if __name__ == "__main__":
    main()
