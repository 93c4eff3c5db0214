"""Bad video input to `analyze`, `screen`, `batch` and the app's open dialog: each gets the
documented exit status (0 done, 2 unusable input, 3 no usable person, 4 no rep that could
be judged) and one plain line,
and the app a plain message and a window that goes on working.

The inputs are made at test time from the bundled samples (bad_video_inputs.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bad_video_inputs import MAKERS, make
from message_box_guard import record_message_boxes

from ces_vision.cli import main

pytestmark = pytest.mark.e2e  # every input goes through the real MediaPipe pipeline

# kind -> (exit status of analyze, what its one line must say; None: a plain summary)
EXPECTED = {
    "text file named .mp4": (2, "not a video file"),
    "zero bytes": (2, r"empty \(0 bytes\)"),
    "truncated at 10%": (2, "no frame could be decoded"),
    "truncated at 50%": (0, "warnings: .*the video ended early"),
    "truncated at 90%": (0, "warnings: .*the video ended early"),
    "a directory": (2, "is a folder, not a video file"),
    "missing path": (2, "no such video file"),
    "unicode and spaces in the path": (0, None),
    "portrait phone clip, rotation metadata": (0, None),
    # legs 63-79 px tall standing: screened as "not assessable", not guessed (clip_quality)
    "108x192 clip": (4, r"not assessable \(the person is too small in the picture"),
    "animated GIF": (4, r"not assessable \(the person is too small in the picture"),
    "4K, 1 s": (4, "not assessable.*warnings: .*no complete squat rep"),
    "black video": (3, "no person was found"),
    "two people": (0, "warnings: .*more than one person"),
    "person partly out of frame": (3, "out of frame: step back"),
    "variable frame rate": (0, None),
    "real GIF 108x192 (side)": (4, r"not assessable \(the person is too small in the picture"),
}
assert set(EXPECTED) == set(MAKERS)
UNUSABLE = [kind for kind, (status, _) in EXPECTED.items() if status == 2]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """kind -> path, each made once for the module (on first use)."""
    root, made = tmp_path_factory.mktemp("bad_inputs"), {}

    def get(kind: str) -> Path:
        if kind not in made:
            made[kind] = make(kind, root / f"case{len(made)}")
        return made[kind]

    return get


def _one_plain_line(text: str) -> str:
    assert text.count("\n") == 1 and text.endswith("\n"), f"expected one line, got {text!r}"
    assert "Traceback" not in text and "Error:" not in text
    return text.strip()


def _view(kind: str) -> str:
    return "side" if "(side)" in kind else "front"


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_analyze(kind, inputs, tmp_path, capsys):
    status, says = EXPECTED[kind]
    video = inputs(kind)
    out_json = tmp_path / "out" / "a.json"
    code = main(
        [
            "analyze",
            str(video),
            "--view",
            _view(kind),
            "--model",
            "lite",
            "--workers",
            "1",
            "--json",
            str(out_json),
            "--csv",
            str(tmp_path / "out" / "a.csv"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == status, (out, err)
    if status in (2, 3):
        line = _one_plain_line(err)
        assert line.startswith("ces-vision: ") and re.search(says, line) and out == ""
        assert not out_json.exists(), "nothing is written for an unusable video"
    else:
        line = _one_plain_line(out)
        assert err == "" and line.startswith(f"{video.name}: {_view(kind)} view")
        assert says is None or re.search(says, line), line
        result = json.loads(out_json.read_text(encoding="utf-8"))
        assert result["frames_with_pose"] > 0
        if kind.startswith("portrait"):  # turned upright from the rotation flag
            assert result["source"]["rotation"] == 90 and result["source"]["height"] > result["source"]["width"]
            assert len(result["reps"]) >= 2


def test_wrong_view_is_refused_or_warned(capsys, tmp_path):
    front = Path(__file__).resolve().parents[2] / "sample_videos" / "front_clean.mp4"
    with pytest.raises(SystemExit) as stop:  # argparse's exit, as from the shell
        main(["analyze", str(front), "--view", "top"])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert "invalid choice: 'top'" in _one_plain_line(err) and out == ""
    code = main(
        [
            "analyze",
            str(front),
            "--view",
            "side",
            "--model",
            "lite",
            "--workers",
            "1",
            "--json",
            str(tmp_path / "a.json"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "labelled as a side view but the landmarks look like a front view" in _one_plain_line(out)


THRESHOLDS = {
    "malformed": ("knee_fppa_in_deg = \n", "cannot read thresholds file"),
    "not text": (bytes(range(128, 256)) * 4, "it is not a text file"),
    "unknown key": ("knee_angle = 10\n", "unknown setting 'knee_angle'"),
    "not a number": ('knee_fppa_in_deg = "ten"\n', "must be a number"),
    "nan": ("min_reps = nan\n", "must be a finite number"),
    "inf": ("knee_fppa_in_deg = inf\n", "must be a finite number"),
    "negative angle": ("knee_fppa_in_deg = -40\n", "out of range"),
    "angle of 720": ("knee_fppa_in_deg = 720\n", "out of range"),
    "share of 7": ("min_fraction = 7\n", "out of range"),
    "zero reps": ("min_reps = 0\n", "out of range"),
    "fraction of a rep": ("min_reps = 2.5\n", "must be a whole number"),
    "huge count": ("expected_reps = 100000000000000000000000\n", "out of range"),
    "limits crossed": ("min_visibility = 0.9\nfull_visibility = 0.5\n", "must not be above"),
    "a folder": (None, "cannot read thresholds file"),
}


@pytest.mark.parametrize("case", list(THRESHOLDS))
@pytest.mark.parametrize("command", ["analyze", "screen"])
def test_bad_thresholds_file(case, command, tmp_path, capsys):
    content, says = THRESHOLDS[case]
    toml = tmp_path / "coach.toml"
    if content is None:
        toml.mkdir()
    elif isinstance(content, bytes):
        toml.write_bytes(content)
    else:
        toml.write_text(content, encoding="utf-8")
    front = Path(__file__).resolve().parents[2] / "sample_videos" / "front_clean.mp4"
    argv = ["analyze", str(front)] if command == "analyze" else ["screen", "--front", str(front)]
    assert main([*argv, "--thresholds", str(toml), "--json", str(tmp_path / "o.json")]) == 2
    out, err = capsys.readouterr()
    line = _one_plain_line(err)
    assert line.startswith("ces-vision: ") and says in line and out == ""
    assert not (tmp_path / "o.json").exists()


@pytest.mark.parametrize("kind", [*UNUSABLE, "black video"])
def test_screen(kind, inputs, tmp_path, capsys):
    status, says = EXPECTED[kind]
    side = Path(__file__).resolve().parents[2] / "sample_videos" / "side_clean.mp4"
    code = main(
        [
            "screen",
            "--front",
            str(inputs(kind)),
            "--side",
            str(side),
            "--model",
            "lite",
            "--workers",
            "1",
            "--json",
            str(tmp_path / "s.json"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == status
    assert re.search(says, _one_plain_line(err)) and out == "" and not (tmp_path / "s.json").exists()


def test_batch_reports_each_bad_file_in_one_line_and_goes_on(inputs, tmp_path, capsys):
    folder = tmp_path / "clips"
    folder.mkdir()
    kinds = [k for k in UNUSABLE if k not in ("missing path", "a directory")] + ["black video", "animated GIF"]
    for kind in kinds:
        source = inputs(kind)
        (folder / f"{kinds.index(kind)}_{source.name}").write_bytes(source.read_bytes())
    (folder / "dir.mp4").mkdir()  # a folder named like a video is not a video: left alone
    code = main(["batch", str(folder), "--model", "lite", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 1, "some files failed"
    lines = err.splitlines()
    assert len(lines) == len(kinds) and "Traceback" not in err
    for kind, line in zip(kinds, lines):
        status, says = EXPECTED[kind]
        failed = status in (2, 3)  # 4, not assessable: analysed and written, said in its results
        assert (": failed " if failed else ": done") in line and (
            says is None or not failed or re.search(says, line)
        ), line
    gif = json.loads((folder / "ces-vision-results" / f"{kinds.index('animated GIF')}_squat.json").read_text())
    assert gif["quality"]["not_assessable_reason"].startswith("the person is too small in the picture")
    for bad in (tmp_path / "absent", inputs("unicode and spaces in the path")):
        assert main(["batch", str(bad)]) == 2
        assert "folder" in _one_plain_line(capsys.readouterr().err)


@pytest.mark.parametrize("kinds", [[*UNUSABLE, "black video", "person partly out of frame"]])
def test_app_open_gives_a_plain_message_and_a_usable_window(kinds, inputs, tmp_path, qtbot, monkeypatch):
    from ces_vision.gui.main_window import MainWindow, StartOptions

    boxes = record_message_boxes(monkeypatch)
    window = MainWindow(
        StartOptions(
            model="lite", database_path=tmp_path / "db.sqlite3", recordings_dir=tmp_path / "rec", countdown_s=0
        )
    )
    qtbot.addWidget(window)
    window.show()
    for kind in kinds:
        with qtbot.waitSignal(window.analyses.failed, timeout=120_000):
            window.open_videos([inputs(kind)], view="front")
        kind_of_box, title, text = boxes[-1]
        assert title == "The video could not be analyzed" and "\n" not in text and "Traceback" not in text
        assert re.search(EXPECTED[kind][1], text, re.IGNORECASE), text
        assert window.state.slots["front"].status == "failed"
    assert len(boxes) == len(kinds)
    # the window still works: a good clip (unicode name, spaces) opens and is analyzed
    with qtbot.waitSignal(window.analyses.finished, timeout=120_000):
        window.open_videos([inputs("unicode and spaces in the path")], view="front")
    assert window.state.slots["front"].status == "done" and window.review.player.n_frames == 252
    assert len(boxes) == len(kinds)
    window.close()
