"""CSV and JSON exports, atomic writes and a full disk."""

from __future__ import annotations

import csv
import errno
import json
import os

import pytest

from ces_vision.reports import (
    ExportError,
    atomic_write,
    files,
    screen_document,
    write_annotated_video,
    write_pdf_report,
    write_rep_csv,
    write_screen_json,
)
from ces_vision.reports.files import REP_CSV_COLUMNS


def test_rep_csv_columns_and_rows(analysis_json, tmp_path):
    path = tmp_path / "reps.csv"
    write_rep_csv([analysis_json], path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == REP_CSV_COLUMNS
    assert len(rows) == 3 * len(analysis_json["metrics"])
    knee = [r for r in rows if r["metric"] == "knee_fppa"]
    assert [r["rep"] for r in knee] == ["1", "2", "3"]
    assert knee[0]["left"] == "14" and knee[0]["bottom_frame"] == "10" and knee[0]["unit"] == "deg"
    gap = [r for r in rows if r["metric"] == "knee_ankle_gap_ratio"]
    assert gap[0]["left"] == "" and gap[0]["value"] == "0.7"


def test_frame_csv_has_a_column_per_quantity(frame_data, tmp_path):
    path = tmp_path / "frames.csv"
    files.write_csv(frame_data.kinematics, path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + frame_data.n_frames
    assert any("knee_fppa" in column for column in rows[0])


def test_screen_json_is_versioned_and_strict(make_report, tmp_path):
    report = make_report()
    report.clips[0].analysis["findings"][0]["threshold"] = float("nan")
    path = tmp_path / "screen.json"
    write_screen_json(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "ces-vision-screen" and data["schema_version"] == 2
    assert data["screened_on"] == "2026-03-12" and data["score"] == 80.0
    assert data["views"][0]["findings"][0]["threshold"] is None
    assert [e["name"] for e in data["program"]["activate"]] == ["Side-lying hip abduction"]
    assert screen_document(report)["client"]["name"] == "Ana Souza"
    assert data["coach_overrides"] == {"lines": []}
    overrides = {
        "schema_version": 1,
        "lines": [{"compensation": "feet_turn_out", "view": "front", "status": "not_seen"}],
    }
    assert screen_document(make_report(overrides=overrides))["coach_overrides"] == overrides


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.txt"
    atomic_write(path, lambda f: f.write("old"))

    def fail(handle):
        handle.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="disk is full"):
        atomic_write(path, fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_full_disk_during_exports_keeps_earlier_files(
    make_report, test_video, analysis_json, frame_data, tmp_path, monkeypatch
):
    pdf, csv_path, video = tmp_path / "report.pdf", tmp_path / "reps.csv", tmp_path / "annotated.mp4"
    write_rep_csv([analysis_json], csv_path)
    write_pdf_report(make_report(), pdf)
    before = {p.name: p.read_bytes() for p in (pdf, csv_path)}

    real_fsync = os.fsync

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(ExportError) as raised:
        write_pdf_report(make_report(client_name="Someone Else"), pdf)
    assert "disk is full" in str(raised.value) and str(pdf) in str(raised.value)
    assert isinstance(raised.value, OSError) and raised.value.errno == errno.ENOSPC
    with pytest.raises(ExportError, match="disk is full"):
        write_annotated_video(test_video, analysis_json, frame_data, video)
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert {p.name: p.read_bytes() for p in (pdf, csv_path)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "reps.csv"]


def test_unwritable_folder_is_a_plain_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="could not write"):
        atomic_write(blocker / "sub" / "out.txt", lambda f: f.write("x"))
