"""`ces-vision clients`, `report`, `export-video` and `backup` on a temporary database."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_inputs import HEIGHT, N_FRAMES, WIDTH, synthetic_analysis, synthetic_kinematics, synthetic_pixels  # noqa: E402
from videos import marked_frames, write_video  # noqa: E402

from ces_vision.cli import main  # noqa: E402
from ces_vision.cli import report as report_cli  # noqa: E402
from ces_vision.reports import FrameData  # noqa: E402
from ces_vision.storage import Database  # noqa: E402


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "clients.sqlite3"


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_plain_error(status: int, err: str) -> None:
    assert status != 0
    assert err.startswith("ces-vision: ") and err.count("\n") == 1 and "Traceback" not in err


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    return " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_client_round_trip(capsys, db_path, tmp_path):
    status, out, _ = run(capsys, "clients", "add", "Ana Souza", "--pain", "--goals", "run a 10k", "--db", db_path)
    assert status == 0 and "added client 1" in out
    status, out, _ = run(capsys, "clients", "list", "--db", db_path)
    assert status == 0 and "Ana Souza" in out and "pain reported" in out
    status, out, _ = run(capsys, "clients", "edit", "1", "--name", "Ana S. Souza", "--no-pain", "--db", db_path)
    assert status == 0
    status, out, _ = run(capsys, "clients", "show", "1", "--db", db_path)
    assert "Ana S. Souza" in out and "run a 10k" in out and "pain reported: no" in out

    export = tmp_path / "ana.json"
    status, out, _ = run(capsys, "clients", "export", "1", "--out", export, "--db", db_path)
    data = json.loads(export.read_text(encoding="utf-8"))
    assert status == 0 and data["client"]["name"] == "Ana S. Souza" and data["screens"] == []
    status, out, _ = run(capsys, "clients", "export", "1", "--db", db_path)
    assert json.loads(out)["client"]["goals"] == "run a 10k"

    status, _, err = run(capsys, "clients", "delete", "1", "--db", db_path)
    assert status != 0 and "--yes" in err
    with Database.open(db_path) as db:
        assert len(db.clients.list()) == 1
    status, out, _ = run(capsys, "clients", "delete", "1", "--yes", "--db", db_path)
    assert status == 0
    with Database.open(db_path) as db:
        assert db.clients.list() == []
        rows = db._connection().execute("SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM screens)")
        assert rows.fetchone()[0] == 0
    status, out, _ = run(capsys, "clients", "list", "--db", db_path)
    assert "no clients" in out
    status, _, err = run(capsys, "clients", "export", "1", "--db", db_path)
    assert_plain_error(status, err)
    assert "No client with id 1" in err


def test_edit_without_changes_and_empty_name_are_plain_errors(capsys, db_path):
    run(capsys, "clients", "add", "Ben", "--db", db_path)
    assert_plain_error(*run(capsys, "clients", "edit", "1", "--db", db_path)[::2])
    assert_plain_error(*run(capsys, "clients", "add", "  ", "--db", db_path)[::2])


def test_backup_and_restore(capsys, db_path, tmp_path):
    run(capsys, "clients", "add", "Before Backup", "--db", db_path)
    backup = tmp_path / "backups" / "b.sqlite3"
    status, out, _ = run(capsys, "backup", "create", backup, "--db", db_path)
    assert status == 0 and backup.is_file()
    run(capsys, "clients", "add", "After Backup", "--db", db_path)
    status, out, _ = run(capsys, "backup", "restore", backup, "--db", db_path)
    assert status == 0
    _, out, _ = run(capsys, "clients", "list", "--db", db_path)
    assert "Before Backup" in out and "After Backup" not in out
    not_a_backup = tmp_path / "junk.sqlite3"
    not_a_backup.write_text("not a database")
    assert_plain_error(*run(capsys, "backup", "restore", not_a_backup, "--db", db_path)[::2])
    _, out, _ = run(capsys, "clients", "list", "--db", db_path)
    assert "Before Backup" in out  # a refused restore changes nothing


def test_report_from_the_database(capsys, db_path, tmp_path):
    with Database.open(db_path) as db:
        client = db.clients.add("Carla Diaz", pain_reported=True)
        first = synthetic_analysis()
        first["findings"] = [dict(first["findings"][0], compensation="excessive_forward_lean")]
        db.screens.add(client.id, screened_on=date(2026, 1, 5), assessment="ohsa", results=first, score=60.0)
        db.screens.add(
            client.id, screened_on=date(2026, 2, 16), assessment="ohsa", results=synthetic_analysis(), score=80.0
        )
    out_pdf, out_csv, out_json = tmp_path / "r.pdf", tmp_path / "r.csv", tmp_path / "r.json"
    status, out, err = run(
        capsys, "report", client.id, "--out", out_pdf, "--csv", out_csv, "--json", out_json, "--db", db_path
    )
    assert status == 0, err
    text = pdf_text(out_pdf)
    assert "Carla Diaz" in text and "Knees move inward" in text and "Ball wall squat" in text
    assert "Referral recommended" in text and "physical therapist" in text
    assert "no longer seen" in text  # forward lean, seen in January only
    with open(out_csv, newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:2] == ["view", "rep"]
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and data["score"] == 80.0


def test_report_from_analysis_json(capsys, tmp_path):
    analysis = tmp_path / "a.json"
    analysis.write_text(json.dumps(synthetic_analysis()), encoding="utf-8")
    out_pdf = tmp_path / "r.pdf"
    status, _, err = run(
        capsys,
        "report",
        "--analysis",
        analysis,
        "--out",
        out_pdf,
        "--client-name",
        "Dee",
        "--date",
        "2026-04-01",
        "--coach",
    )
    assert status == 0, err
    text = pdf_text(out_pdf)
    assert "Dee" in text and "Per-rep values" in text and "Referral" not in text


def test_report_errors_are_one_line(capsys, db_path, tmp_path):
    assert_plain_error(*run(capsys, "report", "--out", tmp_path / "r.pdf", "--db", db_path)[::2])
    assert_plain_error(
        *run(capsys, "report", "--analysis", tmp_path / "missing.json", "--out", tmp_path / "r.pdf")[::2]
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert_plain_error(*run(capsys, "report", "--analysis", bad, "--out", tmp_path / "r.pdf")[::2])
    run(capsys, "clients", "add", "No Screens", "--db", db_path)
    status, _, err = run(capsys, "report", "1", "--out", tmp_path / "r.pdf", "--db", db_path)
    assert_plain_error(status, err)
    assert "no screen" in err
    assert not (tmp_path / "r.pdf").exists()


def test_export_video(capsys, tmp_path, monkeypatch):
    video = write_video(tmp_path / "clip.mp4", marked_frames(N_FRAMES))
    analysis = tmp_path / "a.json"
    analysis.write_text(json.dumps(synthetic_analysis(str(video))), encoding="utf-8")
    frames = FrameData(synthetic_pixels(), synthetic_kinematics())
    monkeypatch.setattr(report_cli, "_frame_data", lambda args, path, view: frames)  # no pose model needed
    out = tmp_path / "annotated.mp4"
    status, stdout, err = run(capsys, "export-video", video, "--analysis", analysis, "--out", out)
    assert status == 0, err
    capture = cv2.VideoCapture(str(out))
    count = 0
    while capture.read()[0]:
        count += 1
    assert count == N_FRAMES


def test_export_video_of_unreadable_file_is_a_plain_error(capsys, tmp_path):
    bogus = tmp_path / "clip.mp4"
    bogus.write_bytes(b"not a video")
    analysis = tmp_path / "a.json"
    analysis.write_text(json.dumps(synthetic_analysis(str(bogus))), encoding="utf-8")
    status, _, err = run(capsys, "export-video", bogus, "--analysis", analysis, "--out", tmp_path / "o.mp4")
    assert_plain_error(status, err)


def test_log_session_records_adherence_and_pain(capsys, db_path):
    run(capsys, "clients", "add", "Bea", "--db", db_path)
    status, out, _ = run(
        capsys,
        "clients",
        "log-session",
        "1",
        "--done",
        "80",
        "--date",
        "2026-02-03",
        "--notes",
        "good week",
        "--db",
        db_path,
    )
    assert status == 0 and "2026-02-03: 80% of the plan done" in out and "refer" not in out
    status, out, _ = run(capsys, "clients", "log-session", "1", "--done", "50", "--pain", "--db", db_path)
    assert status == 0 and "refer the client" in out
    with Database.open(db_path) as db:
        first, second = db.sessions.list_for_client(1)
        assert (first.session_date, first.adherence, first.notes) == (date(2026, 2, 3), 0.8, "good week")
        assert second.notes == "pain during the session" and db.clients.get(1).pain_reported
    status, out, _ = run(capsys, "clients", "show", "1", "--db", db_path)
    assert "sessions logged: 2" in out and "65% of the plan done on average" in out
    with pytest.raises(SystemExit):  # argparse: a share above 100 is refused before anything is written
        main(["clients", "log-session", "1", "--done", "130", "--db", str(db_path)])
    assert "give a share from 0 to 100" in capsys.readouterr().err
    status, _, err = run(capsys, "clients", "log-session", "9", "--done", "10", "--db", db_path)
    assert_plain_error(status, err)


def test_report_from_the_database_uses_the_stored_pose_without_inference(capsys, db_path, tmp_path, monkeypatch):
    from ces_vision.storage import NewClip
    from ces_vision.types import PoseSequence

    video = write_video(tmp_path / "clip.mp4", marked_frames(N_FRAMES))
    pixels = synthetic_pixels()
    image = np.concatenate([pixels / [WIDTH, HEIGHT], np.zeros((N_FRAMES, 33, 1))], axis=2)
    pose = PoseSequence(image, np.ones((N_FRAMES, 33)), np.zeros_like(image), np.arange(N_FRAMES) / 30.0, WIDTH, HEIGHT)
    with Database.open(db_path) as db:
        client = db.clients.add("Fay")
        db.screens.add(
            client.id,
            screened_on=date(2026, 3, 2),
            assessment="ohsa",
            results=synthetic_analysis(str(video)),
            clips=[NewClip("front", video, pose=pose)],
        )

    def no_inference(*args):
        raise AssertionError("the stored pose should have been used")

    captured = {}

    def capture(client, screens, history, frames):
        captured.update(frames)
        return real(client, screens, history, frames)

    real = report_cli.report_from_records
    monkeypatch.setattr(report_cli, "_frame_data", no_inference)
    monkeypatch.setattr(report_cli, "report_from_records", capture)
    status, _, err = run(capsys, "report", client.id, "--out", tmp_path / "r.pdf", "--db", db_path)
    assert status == 0, err
    path, frames = captured["front"]
    assert path == video
    np.testing.assert_allclose(frames.pixels, pixels, rtol=1e-5, equal_nan=True)
    assert frames.kinematics.view == "front" and frames.kinematics.reps


def test_export_video_of_a_pull_clip_finds_the_pose_as_a_pull(capsys, tmp_path, monkeypatch):
    """A pull clip's landmarks are estimated as a pull (its reps are rows, not squats)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))
    from test_push_pull import SAMPLES, _screen

    pull = _screen("pull_clean", "pull")[0]
    analysis = tmp_path / "pull.json"
    analysis.write_text(json.dumps(pull.to_json()), encoding="utf-8")
    asked, drawn = [], []
    monkeypatch.setattr(report_cli, "analyze_file", lambda video, view, settings, **kw: asked.append(kw) or pull)
    monkeypatch.setattr(report_cli, "write_annotated_video", lambda v, a, frames, out, p: drawn.append(frames) or 1)
    video = SAMPLES / "pull_clean.mp4"
    status, _, err = run(capsys, "export-video", video, "--analysis", analysis, "--out", tmp_path / "o.mp4")
    assert status == 0, err
    assert asked[0]["options"].assessment == "pull" and asked[0]["options"].variant == "standard"
    assert drawn[0].kinematics.reps == pull.kinematics.reps
