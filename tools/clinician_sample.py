"""Regenerate docs/clinician_summary.pdf and its PNG from three bundled sample clips.

    .venv/bin/python tools/clinician_sample.py

The made-up client of `sample_screen` re-screened, the coach marking the feet as turning
out on the front video (an override), compared with an earlier screen that saw the arms
fall forward. The PNG is what the README shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sample_screen import DOCS, SCREENED_ON, sample_report, sample_screen, save_pages

from ces_vision.config import CoachSettings
from ces_vision.prescription import build_program
from ces_vision.reports.clinician import ClinicianSummary, write_clinician_summary

EARLIER = date(2026, 10, 2)
FEET_SEEN_BY_COACH = {
    "kind": "ces-vision-overrides",
    "schema_version": 2,
    "lines": [{"compensation": "feet_turn_out", "view": "front", "variant": "standard", "leg": None, "status": "seen"}],
}


def main() -> None:
    analyses, screen = sample_screen()
    # the program as the app stores it once the coach's word is in: rebuilt from the effective findings
    feet = next(line for line in screen.checklist if line.compensation == "feet_turn_out" and line.view == "front")
    seen = [*screen.findings, replace(feet, status="seen", confidence=0.8, reps_flagged=3, reps_total=5)]
    report = sample_report(
        analyses,
        score=screen.score,
        program=build_program(seen).prescription_json(),
        checklist=tuple(line.to_dict() for line in screen.checklist),
        overrides=FEET_SEEN_BY_COACH,
        previous_findings=({"compensation": "knees_move_in"}, {"compensation": "arms_fall_forward"}),
        previous_date=EARLIER,
        score_history=((EARLIER, 70.0), (SCREENED_ON, screen.score)),
    )
    coach = CoachSettings("Dana Reyes, NASM-CES", "dana@example.com · 555-0100")
    write_clinician_summary(ClinicianSummary(report, (EARLIER, SCREENED_ON), coach), DOCS / "clinician_summary.pdf")
    pages = save_pages(DOCS / "clinician_summary.pdf", 1, "clinician_summary_page")
    print(f"wrote docs/clinician_summary.pdf ({pages} page) and docs/clinician_summary_page1.png")


if __name__ == "__main__":
    main()
