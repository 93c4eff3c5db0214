"""The PDF report, rendered to PNG and read back as text with pdfium."""

from __future__ import annotations

from datetime import date

import numpy as np
import pypdfium2 as pdfium
import pytest
from report_text import RAW_ID, pdf_text

from ces_vision.prescription import diagnosis_words_in
from ces_vision.reports import ClipInput, render_pdf, write_pdf_report
from ces_vision.reports.wording import REFERRAL_TITLE


def test_client_report_shows_findings_program_and_scope(make_report, tmp_path):
    path = tmp_path / "report.pdf"
    write_pdf_report(make_report(), path)
    document = pdfium.PdfDocument(path)
    page = document[0].render(scale=1.0).to_numpy()
    assert page.shape[0] > 700 and np.std(page) > 10  # a real, non-blank page
    text = pdf_text(path.read_bytes())
    assert "Ana Souza" in text and "12 March 2026" in text
    assert "Knees move inward" in text and "Feet turn out" in text
    assert "In 2 of 3 squats, your left knee moved inward as you lowered." in text
    for exercise in ("Foam roll adductors", "Kneeling adductor stretch", "Side-lying hip abduction", "Ball wall squat"):
        assert exercise in text
    for phase in ("Inhibit", "Lengthen", "Activate", "Integrate"):
        assert phase in text
    assert "2 x 12 reps" in text  # the dosage dict in words (prescription.dosage_text)
    assert "Describes movement, suggests exercise; not a medical assessment" in text
    assert "Bottom of squat 1" in text  # the key frame of the knees finding: its worst rep
    assert REFERRAL_TITLE not in text
    assert "Per-rep values" not in text  # raw tables are for the coach copy only


@pytest.mark.parametrize("coach", [False, True])
def test_no_diagnosis_words_and_referral_when_pain(make_report, coach):
    text = pdf_text(render_pdf(make_report(pain_reported=True), coach=coach)).lower()
    assert REFERRAL_TITLE.lower() in text
    assert "physical therapist" in text
    assert diagnosis_words_in(text) == []


def test_coach_copy_adds_raw_values(default_report_text):
    text = default_report_text[True]
    assert "Per-rep values, front view" in text
    assert "0.71" in text and "0.80" in text  # value and threshold of the knees finding
    assert "high (0.86)" in text
    assert "L 14.0°" in text and "0.86" in text


def test_progress_and_score_history(make_report):
    report = make_report(
        previous_findings=({"compensation": "knees_move_in"}, {"compensation": "excessive_forward_lean"}),
        previous_date=date(2026, 1, 10),
        score_history=((date(2026, 1, 10), 60.0), (date(2026, 3, 12), 80.0)),
    )
    text = pdf_text(render_pdf(report))
    assert "Progress since your last screen" in text
    assert "Torso leans forward no longer seen" in text
    assert "Knees move inward still seen" in text
    assert "Feet turn out newly seen" in text
    assert "Movement score" in text


def test_report_without_video_or_findings(analysis_json, make_report):
    clean = dict(analysis_json, findings=[], prescription={})
    text = pdf_text(render_pdf(make_report(clips=(ClipInput(clean),), score=None)))
    assert "No compensation stood out" in text
    assert "Your corrective program" not in text


def test_report_from_json_only_draws_per_rep_charts(analysis_json, make_report):
    text = pdf_text(render_pdf(make_report(clips=(ClipInput(analysis_json),))))
    assert "Knees move inward" in text and "Bottom of squat" not in text  # no video: no still


def test_unicode_client_name(make_report):
    assert "Zoë Łukasiewicz-Ñúñez" in pdf_text(render_pdf(make_report(client_name="Zoë Łukasiewicz-Ñúñez")))


@pytest.mark.parametrize("coach", [False, True])
def test_chart_titles_are_plain_language_and_no_raw_id_is_printed(default_report_text, coach):
    from ces_vision.kinematics.catalog import metric_label

    text = default_report_text[coach]
    assert metric_label("foot_turn_out") in text and metric_label("knee_ankle_gap_ratio") in text
    assert not RAW_ID.findall(text), RAW_ID.findall(text)  # neither knee_fppa nor "knee fppa"


def _override(compensation: str, status: str, view: str = "front") -> dict:
    return {
        "schema_version": 1,
        "lines": [
            {
                "compensation": compensation,
                "view": view,
                "variant": "standard",
                "leg": None,
                "status": status,
                "confirmed": False,
                "note": "",
            }
        ],
    }


@pytest.mark.parametrize("coach", [False, True])
def test_an_override_to_seen_prints_as_seen_and_not_as_not_judged(make_report, default_report_text, coach):
    # knees move outward could not be judged from the front clip; the coach saw it on the video
    before = default_report_text[coach]
    assert "Not judged from these videos: knees move outward (front view)" in before
    assert "Knees move outward" not in before
    text = pdf_text(render_pdf(make_report(overrides=_override("knees_move_out", "seen")), coach=coach))
    assert "stood out: Knees move inward, Feet turn out, Knees move outward" in text
    assert "Marked as seen by your coach" in text
    assert "Not judged" not in text  # knees move outward was the only line not judged
    if coach:
        assert "Knees move outward (coach)" in text


def test_an_override_to_not_seen_leaves_the_report(make_report):
    text = pdf_text(render_pdf(make_report(overrides=_override("feet_turn_out", "not_seen"))))
    assert "stood out: Knees move inward." in text and "Feet turn out" not in text


def test_views_not_filmed_are_named(make_report):
    # a screen stored before "not filmed" existed: its checklist says "not assessable"
    old = {
        "compensation": "heels_rise",
        "assessment": "ohsa",
        "view": "back",
        "variant": "standard",
        "status": "not_assessable",
        "reason": "no standard back-view clip in this screen",
    }
    text = pdf_text(render_pdf(make_report(checklist=(old,))))
    assert "Not filmed: side and back views." in text
    assert "heels rise" not in text.lower()  # not listed as "not judged (back view)"


def test_not_judged_views_are_grouped(analysis_json, make_report):
    side = dict(analysis_json, view="side", findings=[], not_assessable=["knees_move_out"])
    text = pdf_text(render_pdf(make_report(clips=(ClipInput(analysis_json), ClipInput(side)))))
    assert "knees move outward (front and side views)" in text


def test_a_stored_screen_report_follows_the_coachs_overrides_and_keeps_variant_clips_apart(
    analysis_json, frame_data, test_video
):
    from types import SimpleNamespace

    from ces_vision.reports import report_from_records

    variant = dict(analysis_json, variant="heels_elevated")
    screen = SimpleNamespace(
        screened_on=date(2026, 3, 12),
        score=None,
        results={"views": [analysis_json, variant]},
        overrides={
            "lines": [
                {
                    "compensation": "knees_move_out",
                    "view": "front",
                    "variant": "standard",
                    "leg": None,
                    "status": "seen",
                }
            ]
        },
    )
    report = report_from_records(
        SimpleNamespace(name="Ana Souza", pain_reported=False), [screen], frame_data={"front": (test_video, frame_data)}
    )
    standard, heels_elevated = report.clips
    assert standard.frame_data is frame_data and heels_elevated.frame_data is None  # another video
    seen = [(clip.analysis.get("variant"), row["compensation"]) for clip, row in report.findings()]
    assert (None, "knees_move_out") in seen and ("heels_elevated", "knees_move_out") not in seen


def test_the_pattern_the_findings_form_is_named_and_groups_the_program(make_report, default_report_text):
    text = default_report_text[False]
    assert (
        "A movement pattern consistent with pronation distortion: feet turn out, knees move inward. "
        "Missing: feet flatten (not assessed)."
    ) in text  # no line of the screen checks it
    back = {
        "compensation": "feet_flatten",
        "assessment": "ohsa",
        "view": "back",
        "variant": "standard",
        "status": "not_filmed",
    }
    assert "Missing: feet flatten (not filmed)." in pdf_text(render_pdf(make_report(checklist=(back,))))
    program = {
        "inhibit": [
            {"name": "Foam roll adductors", "for_compensations": ["knees_move_in"]},
            {"name": "Foam roll lats", "for_compensations": ["arms_fall_forward"]},
        ],
        "integrate": [{"name": "Ball wall squat", "for_compensations": ["feet_turn_out", "knees_move_in"]}],
    }
    text = pdf_text(render_pdf(make_report(program=program)))
    pronation, other = text.index("For the pronation distortion pattern"), text.index("For the other findings")
    assert pronation < text.index("Foam roll adductors") < text.index("Ball wall squat") < other
    assert other < text.index("Foam roll lats")
    # the coach judged the knees not seen: no pattern, and the program is not grouped
    text = pdf_text(render_pdf(make_report(overrides=_override("knees_move_in", "not_seen")))).lower()
    assert "consistent with" not in text and "for the pronation distortion pattern" not in text
