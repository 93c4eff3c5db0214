"""The `ces-vision analyze` command as a user runs it: exit statuses, files, one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from videos import write_video

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "front_knees_in_left.mp4"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ces_vision.cli", *args], capture_output=True, text=True, timeout=600)


def test_analyze_writes_the_json_contract_and_the_csv(tmp_path):
    out_json, out_csv = tmp_path / "a.json", tmp_path / "a.csv"
    done = run_cli(
        "analyze", str(SAMPLE), "--view", "front", "--json", str(out_json), "--csv", str(out_csv), "--workers", "1"
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    result = json.loads(out_json.read_text())
    assert result["schema_version"] == 2 and result["view"] == "front" and result["model"] == "full"
    assert result["source"]["frame_count"] == 252 and result["source"]["rotation"] == 0
    assert len(result["reps"]) == 3 and result["frames_with_pose"] >= 240
    assert [f["compensation"] for f in result["findings"]] == ["knees_move_in"]
    finding = result["findings"][0]
    assert set(finding) == {
        "compensation",
        "side",
        "value",
        "threshold",
        "unit",
        "reps_flagged",
        "reps_total",
        "confidence",
    }
    assert finding["side"] == "left" and finding["reps_flagged"] == 3 and 0 < finding["confidence"] <= 1
    assert set(result["prescription"]) == {"inhibit", "lengthen", "activate", "integrate"}
    assert all(result["prescription"][step] for step in result["prescription"])
    rows = list(csv.reader(out_csv.open()))
    assert rows[0][:2] == ["frame", "time_s"] and "knee_fppa_left" in rows[0]
    assert len(rows) == 1 + 252
    # the pose cache beside the JSON makes a re-run skip inference and give the same result
    assert (tmp_path / "a.pose.npz").exists()
    again = run_cli("analyze", str(SAMPLE), "--view", "front", "--json", str(out_json), "--workers", "1")
    assert again.returncode == 0 and json.loads(out_json.read_text())["findings"] == result["findings"]


def test_not_a_video_is_exit_2_with_one_line(tmp_path):
    bogus = tmp_path / "notes.mp4"
    bogus.write_text("not a video\n")
    done = run_cli("analyze", str(bogus))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr


def test_missing_file_is_exit_2(tmp_path):
    done = run_cli("analyze", str(tmp_path / "absent.mp4"))
    assert done.returncode == 2 and "no such video file" in done.stderr


def test_empty_room_is_exit_3_with_advice(tmp_path):
    blank = write_video(tmp_path / "empty.mp4", [np.full((240, 320, 3), 90, np.uint8)] * 30)
    done = run_cli("analyze", str(blank), "--model", "lite")
    assert done.returncode == 3
    assert "no person" in done.stderr and "Traceback" not in done.stderr


def test_feet_cut_off_is_exit_3_saying_step_back(tmp_path):
    import cv2

    capture = cv2.VideoCapture(str(SAMPLE))
    frames = []
    while True:
        ok, bgr = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)[:300])  # crop off everything below the knees
    cropped = write_video(tmp_path / "cropped.mp4", frames)
    done = run_cli("analyze", str(cropped), "--workers", "1")
    assert done.returncode == 3, done.stderr
    assert "step back" in done.stderr or "out of frame" in done.stderr
