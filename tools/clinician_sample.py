"""Regenerate docs/clinician_summary.pdf and its PNG from three bundled sample clips.

    .venv/bin/python tools/clinician_sample.py

A made-up client re-screened: front (left knee moves in), side (forward lean) and back
(heels rise) clips analysed by the real pipeline, the coach marking the feet as turning
out on the front video (an override), compared with an earlier screen that saw the arms
fall forward. The PNG (pypdfium2, from the test extra) is what the README shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from ces_vision.config import CoachSettings, Settings
from ces_vision.prescription import build_program, build_screen
from ces_vision.reports import ClipInput, FrameData, ReportInput
from ces_vision.reports.clinician import ClinicianSummary, write_clinician_summary
from ces_vision.session import analyze_file

ROOT = Path(__file__).resolve().parents[1]
CLIPS = {"front": "front_knees_in_left.mp4", "side": "side_forward_lean.mp4", "back": "back_heels_rise.mp4"}
FEET_SEEN_BY_COACH = {
    "lines": [{"compensation": "feet_turn_out", "view": "front", "variant": None, "leg": None, "status": "seen"}]
}


def main() -> None:
    analyses = {view: analyze_file(ROOT / "sample_videos" / name, view, Settings()) for view, name in CLIPS.items()}
    screen = build_screen([a.screen for a in analyses.values()])
    # the program as the app stores it once the coach's word is in: rebuilt from the effective findings
    feet = next(line for line in screen.checklist if line.compensation == "feet_turn_out" and line.view == "front")
    seen = [*screen.findings, replace(feet, status="seen", confidence=0.8, reps_flagged=3, reps_total=5)]
    report = ReportInput(
        client_name="Sample Client",
        screened_on=date(2026, 11, 27),
        clips=tuple(
            ClipInput(a.to_json(), ROOT / "sample_videos" / CLIPS[view], FrameData.from_analysis(a))
            for view, a in analyses.items()
        ),
        score=screen.score,
        program=build_program(seen).prescription_json(),
        checklist=tuple(line.to_dict() for line in screen.checklist),
        overrides=FEET_SEEN_BY_COACH,
        previous_findings=({"compensation": "knees_move_in"}, {"compensation": "arms_fall_forward"}),
        previous_date=date(2026, 10, 2),
        score_history=((date(2026, 10, 2), 70.0), (date(2026, 11, 27), screen.score)),
    )
    summary = ClinicianSummary(
        report,
        (date(2026, 10, 2), date(2026, 11, 27)),
        CoachSettings("Dana Reyes, NASM-CES", "dana@example.com · 555-0100"),
    )
    docs = ROOT / "docs"
    write_clinician_summary(summary, docs / "clinician_summary.pdf")
    pdf = pdfium.PdfDocument(docs / "clinician_summary.pdf")
    pdf[0].render(scale=110 / 72).to_pil().save(docs / "clinician_summary_page1.png")
    print(f"wrote docs/clinician_summary.pdf ({len(pdf)} page) and docs/clinician_summary_page1.png")


if __name__ == "__main__":
    main()
