"""`ces-vision watch` as a coach runs it, killed (SIGKILL) mid-analysis and started again."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from ces_vision.storage import Database

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"


def start_watcher(inbox: Path, db: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ces_vision.cli",
            "watch",
            str(inbox),
            "--db",
            str(db),
            "--workers",
            "1",
            "--model",
            "lite",
            "--settle",
            "0.5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


def wait_for(log: Path, line: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while line not in log.read_text():
        assert time.monotonic() < deadline, f"no {line!r} in:\n{log.read_text()}"
        time.sleep(0.2)


def kill_with_children(process: subprocess.Popen) -> None:
    """SIGKILL the watcher, as a crash would; then its orphaned Dask worker processes."""
    children = psutil.Process(process.pid).children(recursive=True)
    process.kill()
    process.wait()
    for child in children:
        try:
            child.wait(timeout=10)  # Dask workers stop when their nanny goes
        except psutil.TimeoutExpired:
            child.kill()
        except psutil.NoSuchProcess:
            pass


def stopped(watcher: subprocess.Popen, log: Path, timeout_s: float = 120.0) -> int:
    """The watcher's exit status once it stops; its log in the failure if it does not."""
    try:
        return watcher.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the watcher did not stop within {timeout_s:.0f} s; its log:\n{log.read_text()}")


def test_killed_mid_analysis_then_restarted_loses_nothing_and_files_nothing_twice(tmp_path):
    inbox, db_path = tmp_path / "inbox", tmp_path / "records.sqlite3"
    (inbox / "Fay").mkdir(parents=True)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    watcher = start_watcher(inbox, db_path, first_log)
    try:
        shutil.copy(SAMPLES / "front_knees_in_both.mp4", inbox / "Fay" / "a_front.mp4")
        wait_for(first_log, "filed: a_front.mp4")
        shutil.copy(SAMPLES / "side_low_back_arches.mp4", inbox / "Fay" / "b_side.mp4")
        wait_for(first_log, "analysing: b_side.mp4")
    finally:
        kill_with_children(watcher)
    assert "filed: b_side.mp4" not in first_log.read_text()

    watcher = start_watcher(inbox, db_path, second_log)
    try:
        wait_for(second_log, "filed: b_side.mp4")
        watcher.send_signal(signal.SIGINT)
        assert stopped(watcher, second_log) == 0
    finally:
        if watcher.poll() is None:
            kill_with_children(watcher)
    assert "skipped: a_front.mp4: filed before" in second_log.read_text()
    assert "Traceback" not in first_log.read_text() + second_log.read_text()
    with Database.open(db_path) as db:
        (fay,) = db.clients.list()
        screens = db.screens.list_for_client(fay.id)
        assert sorted(s.clips[0].video_path.name for s in screens) == ["a_front.mp4", "b_side.mp4"]
        assert fay.inbox_to_review == 2


def test_sigterm_stops_the_watcher_cleanly(tmp_path):
    inbox, log = tmp_path / "inbox", tmp_path / "watch.log"
    inbox.mkdir()
    watcher = start_watcher(inbox, tmp_path / "records.sqlite3", log)
    try:
        wait_for(log, "watching ")
        children = psutil.Process(watcher.pid).children(recursive=True)
        watcher.terminate()
        assert watcher.wait(timeout=60) == 0
    finally:
        if watcher.poll() is None:
            kill_with_children(watcher)
    assert "stopped: uploads not filed yet are taken the next time" in log.read_text()
    assert not any(child.is_running() for child in psutil.wait_procs(children, timeout=10)[1])
