"""The screen document (session/screen.py): one shape for the CLI's `screen` file and the
app's stored results, older shapes still read, `report --analysis` on a `screen` file, and
`screen --client` saving a screen the app re-opens."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))  # synthetic_clip
from synthetic_clip import HEIGHT, WIDTH, squat_pose  # noqa: E402

from ces_vision.capture import FakeSource  # noqa: E402
from ces_vision.cli import main  # noqa: E402
from ces_vision.cli import report as report_cli  # noqa: E402
from ces_vision.cli import screen as screen_cli  # noqa: E402
from ces_vision.config import Settings  # noqa: E402
from ces_vision.pose import FakePoseBackend  # noqa: E402
from ces_vision.prescription import build_screen  # noqa: E402
from ces_vision.reports.files import json_safe  # noqa: E402
from ces_vision.session import ScreenOptions, analyze_source  # noqa: E402
from ces_vision.session.screen import RESULTS_KIND, RESULTS_SCHEMA_VERSION, NotAScreenDocument, ScreenDocument  # noqa: E402
from ces_vision.session.screen_record import restore_screen  # noqa: E402
from ces_vision.session.screen_state import ScreenState  # noqa: E402
from ces_vision.storage import Database  # noqa: E402


def _analysis(view: str, options: ScreenOptions | None = None):
    pose = squat_pose(view, reps=3)
    source = FakeSource([np.zeros((HEIGHT, WIDTH, 3), np.uint8)], fps=30, n_frames=pose.n_frames)
    return analyze_source(source, view, Settings(), backend=FakePoseBackend(pose), options=options or ScreenOptions())


@pytest.fixture(scope="module")
def front_and_side():
    return [_analysis("front"), _analysis("side")]


def _roundtrip(data: dict) -> dict:
    return json.loads(json.dumps(json_safe(data)))


# ---- the shapes main wrote before `kind` (schema_version 1), made as that code made them ---
def cli_v1(analyses) -> dict:
    """`ces-vision screen --json` before schema_version 2: clips under "clips", detail under "program"."""
    result = build_screen([a.screen for a in analyses]).to_json()
    result["clips"] = [a.to_json() for a in analyses]
    return _roundtrip(result)


def app_v1(analyses) -> dict:
    """The app's stored results before schema_version 2: "format", "program" by step, "program_detail"."""
    screen = build_screen([a.screen for a in analyses])
    results = screen.to_json()
    results["format"] = "ces-vision-app-screen"
    results["assessment"] = "ohsa"
    results["program_detail"] = results.pop("program")
    results["program"] = screen.program.prescription_json()
    results["views"] = [dict(a.to_json(), slot=a.view) for a in analyses]
    return _roundtrip(results)


def test_the_document_round_trips(front_and_side):
    screen = build_screen([a.screen for a in front_and_side], client_pain=True)
    document = ScreenDocument.of(screen, [a.to_json() for a in front_and_side])
    data = _roundtrip(document.to_json())
    assert (data["kind"], data["schema_version"]) == (RESULTS_KIND, RESULTS_SCHEMA_VERSION)
    assert [v["slot"] for v in data["views"]] == ["front", "side"]
    assert data["program"] == screen.program.prescription_json() == data["prescription"]
    assert "computed" in data["program_detail"] and data["client_pain"] and data["referral"]
    again = ScreenDocument.from_json(data)
    assert _roundtrip(again.to_json()) == data
    assert again.checklist == data["checklist"] and again.score == screen.score


@pytest.mark.parametrize("old", [cli_v1, app_v1])
def test_older_shapes_read_as_the_document(front_and_side, old):
    new = _roundtrip(
        ScreenDocument.of(
            build_screen([a.screen for a in front_and_side]), [a.to_json() for a in front_and_side]
        ).to_json()
    )
    read = ScreenDocument.from_json(old(front_and_side))
    assert [c.slot for c in read.clips] == ["front", "side"]
    assert [a["view"] for a in read.analyses] == ["front", "side"]
    # the CLI had "program" in detail and the app by step: both read the same way now
    assert dict(read.program) == new["program"] and dict(read.program_detail) == new["program_detail"]
    assert read.checklist == new["checklist"] and read.score == new["score"]["value"]


def test_what_is_not_a_screen_is_told(front_and_side):
    with pytest.raises(NotAScreenDocument):
        ScreenDocument.from_json(_roundtrip(front_and_side[0].to_json()))  # one clip's analysis
    with pytest.raises(NotAScreenDocument):
        ScreenDocument.from_json({"kind": "ces-vision-overrides", "schema_version": 1, "lines": []})
    with pytest.raises(ValueError, match="newer ces-vision"):
        ScreenDocument.from_json({"kind": RESULTS_KIND, "schema_version": RESULTS_SCHEMA_VERSION + 1, "views": []})


def test_a_screen_file_from_a_newer_ces_vision_is_one_plain_line(tmp_path, capsys):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"kind": RESULTS_KIND, "schema_version": RESULTS_SCHEMA_VERSION + 1, "views": []}))
    status = main(["report", "--analysis", str(newer), "--out", str(tmp_path / "r.pdf"), "--no-frames"])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("ces-vision: ") and "newer ces-vision" in err and err.count("\n") == 1


@pytest.mark.parametrize("shape", ["current", "cli_v1"])
def test_report_from_a_screen_file(front_and_side, tmp_path, monkeypatch, capsys, shape):
    """`report --analysis` reads every clip of a `screen` file, not the file as one clip."""
    screen = build_screen([a.screen for a in front_and_side])
    data = (
        cli_v1(front_and_side)
        if shape == "cli_v1"
        else ScreenDocument.of(screen, [a.to_json() for a in front_and_side]).to_json()
    )
    path = tmp_path / "screen.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    written = {}
    monkeypatch.setattr(report_cli, "write_pdf_report", lambda report, out, coach: written.update(report=report))
    status = main(["report", "--analysis", str(path), "--out", str(tmp_path / "r.pdf")])
    assert status == 0, capsys.readouterr().err
    report = written["report"]
    assert [clip.view for clip in report.clips] == ["front", "side"]
    assert report.program == screen.program.prescription_json()
    assert report.score == screen.score


def test_screen_for_a_client_is_saved_and_reopened_by_the_app(tmp_path, monkeypatch, capsys):
    db_path = tmp_path / "clients.sqlite3"
    with Database.open(db_path) as db:
        client = db.clients.add("Ana Souza", pain_reported=True)
    videos = {view: tmp_path / f"{view}.mp4" for view in ("front", "side")}
    for video in videos.values():
        video.write_bytes(b"not decoded: the analysis is faked")
    monkeypatch.setattr(
        screen_cli,
        "analyze_file",
        lambda video, view, settings, progress=None, workers=None, options=None: _analysis(view, options),
    )
    out = tmp_path / "screen.json"
    status = main(
        [
            "screen",
            "--front",
            str(videos["front"]),
            "--side",
            str(videos["side"]),
            "--client",
            str(client.id),
            "--db",
            str(db_path),
            "--json",
            str(out),
        ]
    )
    stdout = capsys.readouterr().out
    assert status == 0 and "saved as screen" in stdout and "Ana Souza" in stdout
    written = json.loads(out.read_text())
    assert written["client_pain"] is True  # the client's recorded pain counts without --pain
    with Database.open(db_path) as db:
        (stored,) = db.screens.list_for_client(client.id)
        poses = {clip.id: db.screens.pose(clip.id) for clip in stored.clips}
        program = db.programs.list_for_client(client.id)[-1]
    assert stored.results["kind"] == RESULTS_KIND and stored.results["checklist"] == written["checklist"]
    state = ScreenState()
    filled = restore_screen(state, stored, program, "Ana Souza", True, poses)
    assert sorted(filled) == ["front", "side"]
    assert state.slots["front"].path == videos["front"] and state.slots["side"].analysis.pose is not None
    assert [line.to_dict() for line in state.summary().checklist] == written["checklist"]


def test_screen_for_a_client_refuses_a_clip_the_app_cannot_reopen(tmp_path, capsys):
    db_path = tmp_path / "clients.sqlite3"
    with Database.open(db_path) as db:
        client = db.clients.add("Ana Souza")
    video = tmp_path / "sls.mp4"
    video.write_bytes(b"never analysed")
    status = main(["screen", "--single-leg", "left", str(video), "--client", str(client.id), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert status != 0 and err.startswith("ces-vision: ") and err.count("\n") == 1
    assert "single-leg squat" in err and "sls.mp4" in err
    status = main(["screen", "--front", str(video), "--client", "999", "--db", str(db_path)])
    assert status != 0 and "Traceback" not in capsys.readouterr().err


def test_every_json_format_names_its_kind_and_version(front_and_side):
    from ces_vision.prescription import ChangeDosage, RemoveExercise
    from ces_vision.session.screen_record import (
        edit_from_dict,
        edits_document,
        overrides_document,
        overrides_from_document,
    )
    from ces_vision.session.screen_state import Override

    analysis = _roundtrip(front_and_side[0].to_json())
    assert (analysis["kind"], analysis["schema_version"]) == ("ces-vision-analysis", 2)
    assert {"rule", "threshold_key"} <= set(analysis["checklist"][0])

    state = ScreenState()
    state.overrides = {("ohsa", "knees_move_in", "front", "standard", None): Override("seen", True, "clear on video")}
    state.program_edits = (RemoveExercise("foam_roll_calves", "sore"), ChangeDosage("glute_bridge", {"sets": 2}, 4.0))
    overrides, edits = _roundtrip(overrides_document(state)), _roundtrip(edits_document(state))
    assert (overrides["kind"], overrides["schema_version"]) == ("ces-vision-overrides", 3)
    assert (edits["kind"], edits["schema_version"]) == ("ces-vision-program-edits", 1)
    assert overrides_from_document(overrides) == state.overrides
    assert tuple(edit_from_dict(item) for item in edits["edits"]) == state.program_edits
    # written before `kind`: read the same
    assert overrides_from_document({k: v for k, v in overrides.items() if k != "kind"}) == state.overrides


def test_a_clip_finds_its_app_slot_by_view_variant_and_assessment():
    from ces_vision.session.screen import ScreenClip, app_slot, slot_of

    assert slot_of("side", "standard") == "side" and slot_of("side", "standard", "push") == "push_side"
    assert slot_of("side", "hands_on_hips") == "hands_on_hips_side" and slot_of("back", "hands_on_hips") is None
    with pytest.raises(ValueError, match="single-leg squat"):
        app_slot("front", "single_leg_squat")
    pull = {"view": "side", "variant": None, "checklist": [{"compensation": "x", "assessment": "pull"}]}
    document = ScreenDocument.from_json({"kind": RESULTS_KIND, "schema_version": 2, "views": [pull]})
    assert document.clips == (ScreenClip({**pull, "variant": "standard"}, "pull_side"),)
