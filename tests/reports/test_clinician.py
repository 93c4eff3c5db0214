"""The one-page clinician summary, read back with pdfium: the client report's facts, the
coach's overrides, the patterns, the program table, the coach's details and the scope."""

from __future__ import annotations

import re
from datetime import date

import pypdfium2 as pdfium
import pytest
from report_text import RAW_ID, pdf_text
from stored_screens import client_with_two_screens

from ces_vision.cli import main
from ces_vision.config import CoachSettings
from ces_vision.prescription import REFERRAL_TEXT, diagnosis_words_in
from ces_vision.reports import render_pdf
from ces_vision.reports.clinician import (
    SCOPE_STATEMENT,
    ClinicianSummary,
    clinician_from_records,
    render_clinician_summary,
)
from ces_vision.storage import Database

COACH = CoachSettings("Dana Reyes", "dana@example.com, 555-0100")


def _override(compensation: str, status: str, view: str = "front") -> dict:
    return {
        "lines": [{"compensation": compensation, "view": view, "variant": "standard", "leg": None, "status": status}]
    }


def _summary(report, **changes) -> ClinicianSummary:
    return ClinicianSummary(report, (date(2026, 1, 10), date(2026, 3, 12)), COACH, **changes)


def _pages(data: bytes) -> int:
    return len(pdfium.PdfDocument(data))


def test_one_page_with_the_client_reports_findings_patterns_program_coach_and_scope(make_report):
    program = {
        "inhibit": [
            {
                "name": "Foam roll adductors",
                "step": "inhibit",
                "for_compensations": ["knees_move_in"],
                "dosage": {"hold_s": 30, "sets": 1, "per_side": True},
            }
        ],
        "activate": [{"name": "Ball cobra", "step": "activate", "origin": "coach", "dosage": {"reps": 12, "sets": 2}}],
    }
    report = make_report(
        program=program,
        previous_findings=({"compensation": "excessive_forward_lean"},),
        previous_date=date(2026, 1, 10),
        score_history=((date(2026, 1, 10), 60.0), (date(2026, 3, 12), 80.0)),
    )
    data = render_clinician_summary(_summary(report, values={"Knees move inward": "0.90 → 0.71"}))
    assert _pages(data) == 1
    text = pdf_text(data)
    assert "Ana Souza" in text and "10 Jan 2026, 12 Mar 2026" in text and "Overhead squat: front view" in text
    # each finding with the measured value and threshold the client report's coach copy prints
    client_copy = pdf_text(render_pdf(report, coach=True))
    for row in (
        "Knees move inward left Knee gap as a share of ankle gap 0.71 0.80 2 of 3",
        "Feet turn out both Foot turn-out angle 14.6° 10.0° 3 of 3",
    ):
        assert row in text
    assert "0.71 0.80" in client_copy and "14.6° 10.0°" in client_copy
    assert "Not assessable from this video: knees move outward." in text
    assert "A movement pattern consistent with pronation distortion: feet turn out, knees move inward." in text
    assert re.search(
        r"Pattern consistent with pronation distortion Inhibit Foam roll adductors hold 30 s, 1 set, "
        r"each side Knees move inward Other findings Activate Ball cobra 2 x 12 reps added by the coach",
        text,
    )
    assert "Screen score 60 → 80" in text
    assert "Knees move inward newly seen 0.90 → 0.71" in text and "Torso leans forward no longer seen" in text
    assert "Dana Reyes · dana@example.com, 555-0100" in text
    assert re.sub(r"\s+", " ", SCOPE_STATEMENT) in text and REFERRAL_TEXT not in text
    assert "Key frame" in text  # the still of the front view, drawn from the video
    assert not RAW_ID.search(text.replace("ces-vision", ""))


def test_the_coachs_override_to_not_seen_is_not_a_finding_and_changes_the_pattern(make_report):
    text = pdf_text(render_clinician_summary(_summary(make_report(overrides=_override("knees_move_in", "not_seen")))))
    assert "Knees move inward" not in text
    assert "Feet turn out both" in text
    assert "form none of the patterns checked" in text and "consistent with" not in text
    seen = pdf_text(render_clinician_summary(_summary(make_report(overrides=_override("knees_move_out", "seen")))))
    assert "Knees move outward (by the coach, on video)" in seen


@pytest.mark.parametrize("pain", [False, True])
def test_pain_means_referral_and_no_forbidden_word(make_report, pain):
    text = pdf_text(render_clinician_summary(_summary(make_report(pain_reported=pain))))
    assert (REFERRAL_TEXT in text) == pain
    assert ("Pain recorded Yes" in text) == pain
    assert diagnosis_words_in(text) == []


def test_a_partial_score_says_what_it_covers(make_report):
    text = pdf_text(render_clinician_summary(_summary(make_report(score_note="covers the front view only"))))
    assert "80 of 100 (overhead squat; partial: covers the front view only)" in text


def test_a_long_screen_still_fits_one_page(make_report, analysis_json):
    from ces_vision.reports import ClipInput

    views = tuple(ClipInput(dict(analysis_json, view=v)) for v in ("front", "side", "back", "front", "side"))
    many = {
        "activate": [
            {"name": f"Exercise {i}", "step": "activate", "for_compensations": ["knees_move_in"]} for i in range(30)
        ]
    }
    data = render_clinician_summary(_summary(make_report(clips=views, program=many, pain_reported=True)))
    assert _pages(data) == 1 and "Exercise 29" in pdf_text(data)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screens")
    path = folder / "db.sqlite3"
    with Database.open(path) as db:
        client, before, after = client_with_two_screens(db, folder)
    return path, client, before, after


def test_from_stored_screens_every_date_and_the_change(stored):
    _, client, before, after = stored
    summary = clinician_from_records(client, [before, after], coach=COACH)
    assert summary.screen_dates == (date(2026, 1, 5), date(2026, 2, 16))
    assert [(t, c) for t, c, _ in summary.changes()] == [("Knees move inward", "no longer seen")]
    assert summary.changes()[0][2]  # the values of both screens, from the progress comparison
    text = pdf_text(render_clinician_summary(summary))
    assert "05 Jan 2026, 16 Feb 2026" in text and "No finding above its threshold." in text
    assert "Knees move inward no longer seen" in text


def test_cli_writes_the_clinician_summary_with_the_coach_from_settings(stored, capsys, tmp_path):
    path, client, *_ = stored
    settings = tmp_path / "settings.toml"
    for key, value in (("coach.name", "Dana Reyes"), ("coach.contact", "dana@example.com")):
        assert main(["settings", "set", key, value, "--settings", str(settings)]) == 0
    out = tmp_path / "pt.pdf"
    assert (
        main(["report", str(client.id), "--clinician", str(out), "--db", str(path), "--settings", str(settings)]) == 0
    )
    assert capsys.readouterr().out.strip().endswith(f"wrote {out}")
    data = out.read_bytes()
    assert _pages(data) == 1 and "Dana Reyes · dana@example.com" in pdf_text(data)
    for argv in (
        ["report", "--analysis", "a.json", "--clinician", str(out)],
        ["report", str(client.id), "--clinician", str(out), "--json", "x.json", "--db", str(path)],
        ["settings", "set", "coach.nme", "x", "--settings", str(settings)],
    ):
        assert main(argv) != 0
        err = capsys.readouterr().err
        assert err.startswith("ces-vision: ") and err.count("\n") == 1 and "Traceback" not in err
    assert "nme" not in settings.read_text()
