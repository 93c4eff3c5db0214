"""`watch`: uploads arriving in INBOX/<client>/ are screened on a 2-worker LocalCluster and filed."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from ces_vision.config import Settings, overlay
from ces_vision.session.cluster import dask_client
from ces_vision.session.inbox import InboxWatcher
from ces_vision.session.screen_record import restore_screen, update_screen
from ces_vision.session.screen_state import ScreenState
from ces_vision.storage import Database

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
LITE = overlay(Settings(), {"pose": {"model": "lite"}})

pytestmark = pytest.mark.e2e  # the real MediaPipe pose model on a 2-worker Dask cluster


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as dask:
        yield dask


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def db(tmp_path):
    with Database.open(tmp_path / "records.sqlite3") as database:
        yield database


def watch_until_idle(watcher: InboxWatcher, events: list, timeout_s: float = 120) -> None:
    """Step the watcher until nothing waits or runs (after at least one event)."""
    deadline = time.monotonic() + timeout_s
    while (watcher.busy or not events) and time.monotonic() < deadline:
        watcher.step()
        time.sleep(0.1)
    assert not watcher.busy, "the watcher did not finish in time"


def test_an_upload_is_filed_as_a_new_screen_of_a_new_client_awaiting_review(client, inbox, db):
    events = []
    watcher = InboxWatcher(inbox, db, client, LITE, settle_s=0.5, on_event=events.append)
    try:
        (inbox / "Ana Souza").mkdir()
        shutil.copy(SAMPLES / "back_heels_rise.mp4", inbox / "Ana Souza" / "monday_back.mp4")
        shutil.copy(SAMPLES / "side_clean.mp4", inbox / "Ana Souza" / "upload-2.mp4")  # no view in the name
        watch_until_idle(watcher, events)
        (inbox / "Ana Souza" / "notes.txt").write_text("from Ana")  # the folder changes, the videos do not
        for _ in range(20):
            watcher.step()
            time.sleep(0.1)
    finally:
        watcher.close()
    assert sorted(e.kind for e in events) == ["analysing", "analysing", "filed", "filed"], events
    (ana,) = db.clients.list()
    assert ana.name == "Ana Souza" and "inbox" in ana.notes and ana.inbox_to_review == 2
    screens = db.screens.list_for_client(ana.id)
    views = sorted(s.clips[0].view for s in screens)
    assert views == ["back", "side"]  # "side" told by the view check
    back = next(s for s in screens if s.clips[0].view == "back")
    assert "heels_rise" in {f["compensation"] for f in back.results["findings"]}
    assert back.clips[0].video_path == inbox / "Ana Souza" / "monday_back.mp4" and back.clips[0].storage == "reference"
    state = ScreenState()  # the coach opens it in the app and saves it: reviewed
    restore_screen(state, back, None, ana.name)
    update_screen(db, back.id, None, state)
    assert db.clients.get(ana.id).inbox_to_review == 1


def test_a_file_still_being_written_is_taken_only_once_complete(client, inbox, db):
    events = []
    (inbox / "Ben").mkdir()
    target = inbox / "Ben" / "squat_back.mp4"
    data = (SAMPLES / "back_clean.mp4").read_bytes()
    watcher = InboxWatcher(inbox, db, client, LITE, settle_s=1.0, on_event=events.append)

    def slow_copy():
        with open(target, "wb") as out:
            for start in range(0, len(data), len(data) // 5 + 1):
                out.write(data[start : start + len(data) // 5 + 1])
                out.flush()
                time.sleep(0.6)  # pauses shorter than the settle time, like a slow upload

    writer = threading.Thread(target=slow_copy)
    writer.start()
    try:
        while writer.is_alive():
            watcher.step()
            assert not any(e.kind == "analysing" for e in events), "analysed while still being written"
            time.sleep(0.1)
        watch_until_idle(watcher, events)
    finally:
        writer.join()
        watcher.close()
    assert [e.kind for e in events] == ["analysing", "filed"]
    assert events[0].message == f"{len(data)} bytes"
    (screen,) = db.screens.list_for_client(db.clients.named("Ben")[0].id)
    assert len(screen.results["views"][0]["reps"]) == 3


def test_unfileable_uploads_move_to_failed_with_the_reason(client, inbox, db):
    db.clients.add("Cleo")
    db.clients.add("cleo")
    for folder, name, content in (
        ("Dan", "broken_front.mp4", b"\x00" * 4096),
        ("123", "squat_front.mp4", None),
        ("Cleo", "squat_front.mp4", None),
        (None, "loose_front.mp4", None),
    ):
        where = inbox / folder if folder else inbox
        where.mkdir(exist_ok=True)
        if content is None:
            shutil.copy(SAMPLES / "front_clean.mp4", where / name)
        else:
            (where / name).write_bytes(content)
    events = []
    watcher = InboxWatcher(inbox, db, client, LITE, settle_s=0.5, on_event=events.append)
    try:
        watch_until_idle(watcher, events)
    finally:
        watcher.close()
    failed = inbox / "failed"
    reasons = {p.relative_to(failed).as_posix(): p.read_text() for p in failed.rglob("*.txt")}
    assert set(reasons) == {
        "Dan/broken_front.mp4.txt",
        "123/squat_front.mp4.txt",
        "Cleo/squat_front.mp4.txt",
        "loose_front.mp4.txt",
    }
    assert "not a video" in reasons["Dan/broken_front.mp4.txt"]
    assert "'123' is not a client's name" in reasons["123/squat_front.mp4.txt"]
    assert "2 clients are named 'Cleo'" in reasons["Cleo/squat_front.mp4.txt"]
    assert "folder named after the client" in reasons["loose_front.mp4.txt"]
    assert (failed / "Dan" / "broken_front.mp4").is_file() and not (inbox / "Dan" / "broken_front.mp4").exists()
    assert [c.name for c in db.clients.list()] == ["Cleo", "cleo"]  # no client guessed or created
    assert sum(e.kind == "analysing" for e in events) == 1  # only the one with a usable client folder


def test_a_restarted_watcher_files_what_arrived_meanwhile_and_nothing_twice(client, inbox, db):
    (inbox / "Eve").mkdir()
    shutil.copy(SAMPLES / "side_forward_lean.mp4", inbox / "Eve" / "a_side.mp4")
    events = []
    first = InboxWatcher(inbox, db, client, LITE, settle_s=0.5, on_event=events.append)
    try:
        watch_until_idle(first, events)
    finally:
        first.close()
    shutil.copy(SAMPLES / "front_knees_out.mp4", inbox / "Eve" / "b_front.mp4")  # while no watcher runs
    shutil.copy(SAMPLES / "side_forward_lean.mp4", inbox / "Eve" / "a_copy_side.mp4")  # same content again
    events.clear()
    second = InboxWatcher(inbox, db, client, LITE, settle_s=0.5, on_event=events.append)
    try:
        watch_until_idle(second, events)
    finally:
        second.close()
    assert sorted((e.kind, e.video.name) for e in events) == [
        ("analysing", "b_front.mp4"),
        ("filed", "b_front.mp4"),
        ("skipped", "a_copy_side.mp4"),
        ("skipped", "a_side.mp4"),
    ]
    assert len(db.screens.list_for_client(db.clients.named("Eve")[0].id)) == 2
    assert date.today() == db.screens.list_for_client(db.clients.named("Eve")[0].id)[0].screened_on
