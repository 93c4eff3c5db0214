"""Issue 16.1: a view that could not be assessed never counts as clean.

The score covers only the views assessed and says so; every warning reaches the screen,
the summary line, the app and the PDF; `analyze` and `screen` exit 4 when a clip gave no
rep that could be judged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import numpy as np
import pypdfium2
import pytest
from synthetic_clip import HEIGHT, WIDTH, squat_pose

from ces_vision.capture import FakeSource
from ces_vision.config import Settings
from ces_vision.pose import FakePoseBackend
from ces_vision.prescription import build_screen
from ces_vision.reports.files import json_safe
from ces_vision.session import analyze_source

NOT_ASSESSED = 4  # README, command line: a clip gave no rep that could be judged
NO_REP = "no complete squat rep was found"


def _analysis(view: str, reps: int):
    pose = squat_pose(view, reps=reps)
    source = FakeSource([np.zeros((HEIGHT, WIDTH, 3), np.uint8)], fps=30, n_frames=pose.n_frames)
    return analyze_source(source, view, Settings(), backend=FakePoseBackend(pose))


@pytest.fixture(scope="module")
def front_back_and_repless_side():
    """Front and back squats that can be judged, and a side clip with no rep in it."""
    return [_analysis("front", 3), _analysis("side", 0), _analysis("back", 3)]


def test_a_view_without_a_rep_leaves_the_score_and_makes_it_partial(front_back_and_repless_side):
    front, side, back = front_back_and_repless_side
    full_screen = build_screen([front.screen, back.screen])
    screen = build_screen([a.screen for a in front_back_and_repless_side])
    assert screen.score == full_screen.score  # nothing of the side view is counted as clean
    coverage = screen.summary.coverage
    assert coverage.partial and coverage.assessed == ("front", "back") and coverage.not_filmed == ()
    assert coverage.not_assessable == (("side", "no reps found in the clip"),)
    text = screen.summary.score_text()
    assert "partial" in text and "side view not assessable (no reps found in the clip)" in text

    data = json.loads(json.dumps(json_safe(screen.to_json())))
    assert data["score"] == {"value": screen.score, "version": "ohsa-1"}  # kept as it was
    assert data["score_coverage"]["partial"] is True
    assert data["score_coverage"]["views_not_assessable"] == [{"view": "side", "reason": "no reps found in the clip"}]
    assert any(w.startswith("side view: ") and NO_REP in w for w in data["warnings"])  # top level, not only in clips


def test_a_missing_view_is_not_filmed_and_a_full_screen_is_not_partial(front_back_and_repless_side):
    front, _, back = front_back_and_repless_side
    coverage = build_screen([front.screen]).summary.coverage
    assert coverage.partial and coverage.not_filmed == ("side", "back")
    full = build_screen([front.screen, _analysis("side", 3).screen, back.screen]).summary.coverage
    assert not full.partial and full.text() == "covers the front, side and back views"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.run(
        [sys.executable, "-m", "ces_vision.cli", *map(str, args)], capture_output=True, text=True, timeout=600, env=env
    )


@pytest.mark.e2e  # the CLI in a child process runs the real MediaPipe model
def test_analyze_says_a_truncated_clip_was_not_assessable_and_exits_4(truncated_side_clip, tmp_path):
    out = tmp_path / "side.json"
    done = run_cli("analyze", truncated_side_clip, "--view", "side", "--json", out, "--workers", "1")
    assert done.returncode == NOT_ASSESSED, done.stderr
    line = done.stdout.strip()
    assert "\n" not in line and "compensations: none" not in line
    assert "not assessable (no reps found in the clip)" in line
    assert "the video ended early" in line and NO_REP in line  # every warning, on the summary line
    assert json.loads(out.read_text())["reps"] == []  # the results are still written


@pytest.mark.e2e  # the CLI in a child process runs the real MediaPipe model
def test_screen_with_an_unassessable_view_exits_4_and_says_so(truncated_side_clip, tmp_path):
    out = tmp_path / "screen.json"
    done = run_cli("screen", "--side", truncated_side_clip, "--json", out, "--workers", "1")
    assert done.returncode == NOT_ASSESSED, done.stderr
    assert "side view not assessable (no reps found in the clip)" in done.stdout
    assert "side view: the video ended early" in done.stdout
    assert "side view" in done.stderr and "Traceback" not in done.stderr
    result = json.loads(out.read_text())
    assert result["score_coverage"]["views_not_assessable"][0]["view"] == "side"
    assert any("the video ended early" in w for w in result["warnings"])


def test_the_app_shows_a_partial_score_and_every_warning(front_back_and_repless_side, qtbot):
    from ces_vision.gui.checklist_panel import ChecklistPanel
    from ces_vision.session.screen_state import ScreenState, SlotState

    state = ScreenState()
    for analysis in front_back_and_repless_side:
        state.slots[analysis.view] = SlotState(status="done", analysis=analysis)
    panel = ChecklistPanel(state)
    qtbot.addWidget(panel)
    panel.refresh()
    text = panel.summary_label.text()
    assert "partial" in text and "side view not assessable" in text
    assert f"side view: {NO_REP}" in text


def test_the_pdf_score_line_says_the_score_is_partial(front_back_and_repless_side, tmp_path):
    from ces_vision.cli import main

    screen = build_screen([a.screen for a in front_back_and_repless_side])
    screen_json = tmp_path / "screen.json"
    screen_json.write_text(json.dumps(json_safe(screen.to_json())))
    pdf = tmp_path / "report.pdf"
    assert (
        main(
            [
                "report",
                "--analysis",
                str(screen_json),
                "--no-frames",
                "--out",
                str(pdf),
                "--date",
                str(date(2026, 12, 2)),
            ]
        )
        == 0
    )
    document = pypdfium2.PdfDocument(str(pdf))
    first_page = " ".join(document[0].get_textpage().get_text_range().split())
    assert "partial movement score out of 100" in first_page
    assert "side view not assessable" in first_page
