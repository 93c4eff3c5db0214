"""The printable home-exercise sheet: the current program on its own, read back with pdfium."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pypdfium2 as pdfium
import pytest
from stored_screens import client_with_two_screens, store_screen

from ces_vision.cli import main
from ces_vision.prescription import dosage_text
from ces_vision.reports.home_sheet import (
    HomeSheet,
    home_sheet_from_records,
    render_home_sheet,
    short_cue,
    works_on,
)
from ces_vision.reports.wording import REFERRAL_TITLE
from ces_vision.storage import Database


def pdf_pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    return [re.sub(r"\s+", " ", document[i].get_textpage().get_text_range()) for i in range(len(document))]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screens")
    path = folder / "db.sqlite3"
    with Database.open(path) as db:
        client, before, after = client_with_two_screens(db, folder)
    return path, client, before, after


def exercises(program: dict) -> list[dict]:
    return [e for phase in ("inhibit", "lengthen", "activate", "integrate") for e in program.get(phase, [])]


def test_sheet_prints_each_exercise_with_dose_cue_and_tick_boxes(stored):
    _, client, before, _ = stored
    sheet = home_sheet_from_records(client, [before])
    assert sheet.program_date == date(2026, 1, 5) and sheet.weeks == 6  # up to the week-6 re-screen
    pages = pdf_pages(render_home_sheet(sheet))
    assert 1 <= len(pages) <= 2
    text = " ".join(pages)
    assert "Your home exercises" in text and "Ana Souza" in text and "5 January 2026" in text
    listed = exercises(before.results["program"])
    assert len(listed) >= 5
    for exercise in listed:
        assert exercise["name"] in text
        assert dosage_text(exercise["dosage"]) in text  # "hold 30 s, 1 set, each side", "2 x 12 reps, ..."
    assert "Helps with: knees move inward." in text
    steps = [p for p in ("inhibit", "lengthen", "activate", "integrate") if before.results["program"].get(p)]
    assert text.count("W6") == 1 + len(steps)  # the intro, then a tick column per week in each step
    for absent in ("What we saw", "Threshold", "score"):  # findings and numbers stay in the report
        assert absent not in text
    assert REFERRAL_TITLE not in text
    assert REFERRAL_TITLE in " ".join(pdf_pages(render_home_sheet(replace(sheet, pain_reported=True))))


def test_the_current_program_is_that_of_the_latest_screen(stored):
    _, client, before, after = stored
    assert home_sheet_from_records(client, [after, before]).program_date == date(2026, 1, 5)
    edited = replace(before, results=dict(before.results, program={"integrate": [{"name": "Coach's squat"}]}))
    assert home_sheet_from_records(client, [edited]).program == {
        "inhibit": [],
        "lengthen": [],
        "activate": [],
        "integrate": [{"name": "Coach's squat"}],
    }
    with pytest.raises(ValueError, match="the screen of 2026-02-16 has no corrective program"):
        home_sheet_from_records(client, [before, after])  # the re-screen saw nothing: no program to print


def test_cue_and_targets_in_words():
    text = "Sit on the roller. Roll slowly from the knee to the ankle. Stop on the tender spot and breathe."
    assert short_cue(text, limit=60) == "Sit on the roller. Roll slowly from the knee to the ankle."
    assert short_cue(text, limit=5) == "Sit on the roller."  # always one sentence
    exercise = {"step": "inhibit", "targets": ["tfl", "adductors"], "for_compensations": ["knees_move_in"]}
    assert works_on(exercise) == ("Helps with: knees move inward. Works on: tensor fasciae latae (TFL), adductors.")


def test_a_long_program_runs_onto_a_second_page_at_most():
    many = {
        "activate": [
            {
                "name": f"Exercise {i}",
                "step": "activate",
                "dosage": {"reps": 12, "sets": 2},
                "description": "Stand tall and move slowly. " * 3,
            }
            for i in range(14)
        ]
    }
    pages = pdf_pages(render_home_sheet(HomeSheet("Bo", date(2026, 3, 1), many)))
    assert len(pages) == 2 and "Exercise 13" in pages[1] and "W6" in pages[1]  # header row repeated


def test_cli_writes_the_home_sheet(stored, capsys, tmp_path):
    path, client, before, _ = stored
    with Database.open(path) as db:
        other = db.clients.add("Bo Lind")
        store_screen(db, other.id, date(2026, 3, 2), tmp_path, knees_in=0.03, n_reps=3)
    out = tmp_path / "sheet.pdf"
    assert main(["report", str(other.id), "--home-sheet", str(out), "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = " ".join(pdf_pages(out.read_bytes()))
    assert "Bo Lind" in text and all(e["name"] in text for e in exercises(before.results["program"]))
    for argv in (
        ["report", "--analysis", "a.json", "--home-sheet", str(out)],
        ["report", str(other.id), "--home-sheet", str(out), "--csv", "x.csv", "--db", str(path)],
        ["report", str(client.id), "--home-sheet", str(tmp_path / "none.pdf"), "--db", str(path)],
    ):
        assert main(argv) != 0
        err = capsys.readouterr().err
        assert err.startswith("ces-vision: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "none.pdf").exists()
