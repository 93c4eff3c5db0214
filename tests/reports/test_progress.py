"""Re-screen comparison: three stored screens (week 0, 6, 12) with known lines and scores."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ces_vision.cli import main as cli_main
from ces_vision.reports.progress import format_table, progress_chart_png, write_progress_chart
from ces_vision.session.stored_reports import load_progress
from ces_vision.storage import Database

WEEK0, WEEK6, WEEK12 = date(2026, 1, 5), date(2026, 2, 16), date(2026, 3, 30)


def _line(comp: str, view: str, status: str, value: float | None, threshold: float, unit: str = "deg") -> dict:
    return {
        "compensation": comp,
        "assessment": "ohsa",
        "view": view,
        "variant": None,
        "leg": None,
        "status": status,
        "value": value,
        "threshold": threshold,
        "unit": unit,
        "confidence": 0.9,
    }


def _results(knee_ratio: float, knees_status: str, lean: float, lean_status: str, extra: list | None = None) -> dict:
    lines = [
        _line("knees_move_in", "front", knees_status, knee_ratio, 0.9, "ratio"),
        _line("feet_turn_out", "front", "not_seen", 4.0, 10.0),
        _line("excessive_forward_lean", "side", lean_status, lean, 10.0),
        _line("heels_rise", "back", "not_assessable", None, 2.0, "cm"),
        # a variant line must not count for the standard checklist
        {**_line("knees_move_in", "front", "not_seen", 1.0, 0.9, "ratio"), "variant": "heels_elevated"},
    ]
    return {"schema_version": 1, "checklist": lines + (extra or []), "views": []}


@pytest.fixture
def client_db(tmp_path):
    path = tmp_path / "records.sqlite3"
    with Database.open(path) as db:
        client = db.clients.add("Ana Souza", pain_reported=True)
        db.screens.add(
            client.id, screened_on=WEEK0, assessment="ohsa", score=60.0, results=_results(0.70, "seen", 22.0, "seen")
        )
        db.screens.add(
            client.id,
            screened_on=WEEK12,
            assessment="ohsa",
            score=90.0,
            results=_results(0.95, "not_seen", 8.0, "not_seen"),
        )
        week6 = db.screens.add(
            client.id, screened_on=WEEK6, assessment="ohsa", score=75.0, results=_results(0.80, "seen", 12.5, "seen")
        )
        # the coach judged forward lean not seen at week 6
        db.screens.set_overrides(
            week6.id,
            {
                "lines": [
                    {
                        "compensation": "excessive_forward_lean",
                        "view": "side",
                        "variant": None,
                        "leg": None,
                        "status": "not_seen",
                        "confirmed": False,
                        "note": "borderline",
                    }
                ]
            },
        )
        for day, adherence in (
            (date(2026, 1, 10), 1.0),
            (date(2026, 2, 1), 0.5),
            (date(2026, 2, 20), 0.8),
            (date(2026, 3, 1), 0.6),
        ):
            db.sessions.log(client.id, session_date=day, adherence=adherence)
    return path, client.id


def test_comparison_side_by_side(client_db):
    path, client_id = client_db
    with Database.open(path) as db:
        report = load_progress(db, client_id)
    assert [s.screened_on for s in report.screens] == [WEEK0, WEEK6, WEEK12]  # by date, not insertion
    assert [s.score for s in report.screens] == [60.0, 75.0, 90.0]
    assert report.score_change == pytest.approx(30.0)
    rows = {c.compensation: c for c in report.compensations}
    assert set(rows) == {"knees_move_in", "feet_turn_out", "excessive_forward_lean", "heels_rise"}

    knees = rows["knees_move_in"]
    assert knees.statuses == ("seen", "seen", "not_seen")
    assert knees.values == (0.70, 0.80, 0.95)  # the standard line, not the heels-elevated one
    assert knees.change == pytest.approx(0.25)
    assert knees.outcome == "no longer seen"

    lean = rows["excessive_forward_lean"]
    assert lean.statuses == ("seen", "not_seen", "not_seen")  # coach override applied at week 6
    assert lean.coach_overridden == (False, True, False)
    assert lean.change == pytest.approx(-14.0)

    assert rows["feet_turn_out"].outcome == "not seen"
    assert rows["heels_rise"].statuses == ("not_assessable",) * 3
    assert rows["heels_rise"].values == (None, None, None) and rows["heels_rise"].change is None


def test_adherence_overall_and_between_screens(client_db):
    path, client_id = client_db
    with Database.open(path) as db:
        report = load_progress(db, client_id)
    periods = {a.label: a for a in report.adherence}
    overall = report.adherence[0]
    assert overall.label == "whole program" and overall.sessions == 4
    assert overall.mean_adherence == pytest.approx(0.725)
    first = periods["2026-01-05 to 2026-02-16"]
    assert first.sessions == 2 and first.mean_adherence == pytest.approx(0.75)
    second = periods["2026-02-16 to 2026-03-30"]
    assert second.sessions == 2 and second.mean_adherence == pytest.approx(0.7)
    assert periods["since 2026-03-30"].sessions == 0 and periods["since 2026-03-30"].mean_adherence is None


def test_chart_is_a_png(client_db, tmp_path):
    path, client_id = client_db
    with Database.open(path) as db:
        report = load_progress(db, client_id)
    assert [c.compensation for c in report.key_metrics()] == ["knees_move_in", "excessive_forward_lean"]
    out = tmp_path / "charts" / "progress.png"
    write_progress_chart(report, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(out.read_bytes()) > 5000


def test_empty_client_has_an_empty_comparison(tmp_path):
    with Database.open(tmp_path / "db.sqlite3") as db:
        client = db.clients.add("New Client")
        report = load_progress(db, client.id)
    assert report.screens == () and report.compensations == () and report.score_change is None
    assert "No screens stored yet" in format_table(report)
    assert progress_chart_png(report)[:4] == b"\x89PNG"


def test_cli_progress_round_trip(client_db, tmp_path, capsys):
    path, client_id = client_db
    out_json, out_png = tmp_path / "progress.json", tmp_path / "progress.png"
    status = cli_main(["progress", str(client_id), "--db", str(path), "--json", str(out_json), "--chart", str(out_png)])
    printed = capsys.readouterr().out
    assert status == 0
    assert "Ana Souza" in printed and "refer to a physical therapist" in printed
    knees_line = next(
        line for line in printed.splitlines() if line.strip().startswith("Knees move inward") and "ratio" in line
    )
    assert "0.70" in knees_line and "0.95" in knees_line and "+0.25" in knees_line
    assert "no longer seen" in printed and "not seen*" in printed
    data = json.loads(out_json.read_text())
    assert data["format"] == "ces-vision-progress" and data["score_change"] == 30.0
    assert [s["screened_on"] for s in data["screens"]] == ["2026-01-05", "2026-02-16", "2026-03-30"]
    assert out_png.read_bytes()[:4] == b"\x89PNG"


def test_cli_progress_unknown_client_is_one_line(tmp_path, capsys):
    status = cli_main(["progress", "42", "--db", str(tmp_path / "db.sqlite3")])
    assert status != 0
    assert "No client with id 42" in capsys.readouterr().err


def test_a_view_not_filmed_reads_not_filmed_whatever_the_override(tmp_path):
    with Database.open(tmp_path / "records.sqlite3") as db:
        client = db.clients.add("Bea Lopes")
        results = {
            "schema_version": 1,
            "views": [],
            "checklist": [_line("feet_flatten", "back", "not_filmed", None, 5.0)],
        }
        screen = db.screens.add(client.id, screened_on=WEEK0, assessment="ohsa", results=results)
        # an override left on a line whose clip is gone: there is no video to judge
        db.screens.set_overrides(
            screen.id,
            {
                "lines": [
                    {"compensation": "feet_flatten", "view": "back", "variant": None, "leg": None, "status": "seen"}
                ]
            },
        )
        report = load_progress(db, client.id)
    (row,) = report.compensations
    assert row.statuses == ("not_filmed",) and row.coach_overridden == (False,)
    assert "not filmed" in format_table(report)
