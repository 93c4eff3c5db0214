"""`batch` on a 2-worker Dask LocalCluster: same results as one process, resumable, robust."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ces_vision.config import Settings, overlay
from ces_vision.reports.files import write_json
from ces_vision.session import analyze_file
from ces_vision.session.batch import analyze_clip, run_batch
from ces_vision.session.cluster import ClusterError, dask_client

pytestmark = pytest.mark.e2e  # runs the real MediaPipe pose model

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
LITE = overlay(Settings(), {"pose": {"model": "lite"}})


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as dask:
        yield dask


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    shutil.copy(SAMPLES / "side_clean.mp4", folder / "anna_side.mp4")
    shutil.copy(SAMPLES / "back_heels_rise.mp4", folder / "ben_back.mp4")
    return folder


def kill_worker_the_first_time(video: Path, view, settings, cache=None):
    """A clip task whose worker process dies (SIGKILL) on its first attempt at `video`."""
    marker = video.with_name(video.name + ".killed")
    if not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return analyze_clip(video, view, settings, cache)


def set_models_dir(folder: str | None) -> None:
    """On a worker: look for the pose models in `folder` (None: the default)."""
    if folder is None:
        os.environ.pop("CES_VISION_MODELS", None)
    else:
        os.environ["CES_VISION_MODELS"] = folder


def test_batch_on_two_workers_equals_a_one_process_run_and_reruns_skip_finished_clips(client, uploads, tmp_path):
    (uploads / "broken.mp4").write_bytes(b"\x00" * 2048)
    out = tmp_path / "results"
    seen = []
    first = {
        item.video.name: item for item in run_batch(uploads, out, LITE, client, on_item=lambda i, p: seen.append(p))
    }
    assert first["broken.mp4"].status == "failed" and "broken.mp4" in first["broken.mp4"].message
    assert first["anna_side.mp4"].status == "done" and first["anna_side.mp4"].view == "side"
    assert first["ben_back.mp4"].view == "back" and "heels_rise" in first["ben_back.mp4"].findings
    assert (seen[-1].done, seen[-1].failed, seen[-1].running) == (2, 1, 0)
    for name, view in (("anna_side", "side"), ("ben_back", "back")):
        alone = analyze_file(uploads / f"{name}.mp4", view, LITE)  # this process, no cluster
        write_json(alone.to_json(), tmp_path / f"{name}.alone.json")
        assert json.loads((out / f"{name}.json").read_text()) == json.loads(
            (tmp_path / f"{name}.alone.json").read_text()
        )
        assert (out / f"{name}.csv").exists() and (out / f"{name}.pose.npz").exists()
    again = {item.video.name: item.status for item in run_batch(uploads, out, LITE, client)}
    assert again == {"anna_side.mp4": "skipped", "ben_back.mp4": "skipped", "broken.mp4": "failed"}


def test_a_worker_without_the_models_gives_a_failed_row_naming_the_missing_file(client, uploads, tmp_path):
    empty = tmp_path / "no-models"
    empty.mkdir()
    client.run(set_models_dir, str(empty))
    try:
        items = run_batch(uploads, tmp_path / "results", LITE, client)
    finally:
        client.run(set_models_dir, None)
    assert [item.status for item in items] == ["failed", "failed"]
    assert all(str(empty / "pose_landmarker_lite.task") in item.message for item in items)


def test_a_worker_killed_mid_task_is_retried_on_another_and_the_batch_completes(client, uploads, tmp_path):
    items = run_batch(uploads, tmp_path / "results", LITE, client, task=kill_worker_the_first_time)
    assert (uploads / "anna_side.mp4.killed").exists() and (uploads / "ben_back.mp4.killed").exists()
    assert [item.status for item in items] == ["done", "done"]
    assert "heels_rise" in items[1].findings


def test_an_unreachable_scheduler_is_one_clear_line_and_exit_status_2(uploads):
    done = subprocess.run(
        [sys.executable, "-m", "ces_vision.cli", "batch", str(uploads), "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "ces-vision: cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 5 s: "
        "check the address and that `dask scheduler` runs there"
    ]


def test_an_unreachable_scheduler_is_given_up_within_10_s():
    started = time.monotonic()
    with pytest.raises(ClusterError), dask_client("tcp://127.0.0.1:9"):
        pass
    assert time.monotonic() - started < 10
