"""Re-screen comparison data: rep-normalised curves, pairing of views, checklist changes,
stills from the stored pose (never estimated again) and the overlaid chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from stored_screens import client_with_two_screens

from ces_vision.reports.comparison import (
    REP_POINTS,
    compare_screens,
    key_stills,
    overlay_chart_png,
    to_rep_percent,
)
from ces_vision.session.stored_reports import load_comparison
from ces_vision.storage import Database


def test_to_rep_percent_stretches_any_rep_onto_0_to_100():
    frames = np.arange(20, dtype=float) * 2.0  # value = 2 * frame
    short = to_rep_percent(frames, 4, 8, points=5)  # 5 frames: one per 25 %
    assert short.tolist() == [8.0, 10.0, 12.0, 14.0, 16.0]
    long = to_rep_percent(frames, 0, 10, points=5)  # 11 frames: 0, 25, 50, 75, 100 % at frames 0, 2.5, 5, 7.5, 10
    assert long.tolist() == [0.0, 5.0, 10.0, 15.0, 20.0]
    assert to_rep_percent(frames, 0, 19).shape == (REP_POINTS,)


def test_to_rep_percent_never_bridges_a_gap():
    values = np.array([0.0, 1.0, np.nan, 3.0, 4.0])
    curve = to_rep_percent(values, 0, 4, points=9)  # 12.5 % steps: samples at 0, 25, 50, 75, 100 %
    assert np.isnan(curve).tolist() == [False, False, False, True, True, True, False, False, False]
    assert curve[[0, 1, 2, 6, 7, 8]].tolist() == [0.0, 0.5, 1.0, 3.0, 3.5, 4.0]
    assert np.isnan(to_rep_percent(values, 3, 3, points=3)).all()  # one frame is no rep


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screens")
    with Database.open(folder / "db.sqlite3") as db:
        client, before, after = client_with_two_screens(db, folder)
        yield db, client, before, after


def test_views_pair_and_checklist_changes(stored):
    db, client, before, after = stored
    result = load_comparison(db, after.id, before.id)  # either order: the older is "earlier"
    assert (result.earlier_date, result.later_date) == (date(2026, 1, 5), date(2026, 2, 16))
    assert [v.view for v in result.views] == ["front"] and result.only_earlier == result.only_later == ()
    rows = {title: (was, now, change) for title, was, now, change in result.checklist_rows()}
    assert rows["Knees move inward"] == ("seen", "not seen", "no longer seen")
    assert rows["Feet turn out"] == ("not seen", "not seen", "not seen")
    assert rows["Heels rise"] == ("not assessable", "not assessable", "not judged")  # a back-view line


def test_key_reps_and_curves_come_from_the_stored_pose(stored):
    db, client, before, after = stored
    front = load_comparison(db, before.id, after.id).views[0]
    assert front.compensation == "knees_move_in" and front.metric == "knee_ankle_offset"
    # the earlier screen flagged all 5 reps: its worst; the later flagged none: the one that came closest
    assert (front.earlier.rep, front.later.rep) == (4, 2)
    assert front.earlier.rep_frames == tuple(
        before.results["views"][0]["reps"][4][k] for k in ("start", "bottom", "end")
    )
    was, now = front.earlier.curve(front.metric), front.later.curve(front.metric)
    assert was.left.shape == now.left.shape == (REP_POINTS,)
    # knees in by 0.03 of the frame on a 0.12 wide stance: 0.25 of stance width at the bottom (50 %), 0 after
    assert was.left[50] == pytest.approx(0.25, abs=0.01) and was.right[50] == pytest.approx(0.25, abs=0.01)
    assert was.left[0] < 0.05 and np.nanmax(np.abs(now.left)) < 0.01
    assert front.metrics()[:2] == ["knee_ankle_offset", "knee_fppa"]


def test_stills_show_the_key_frame_with_the_skeleton(stored):
    db, client, before, after = stored
    front = load_comparison(db, before.id, after.id).views[0]
    was, now = key_stills(front)
    assert was.ndim == now.ndim == 3 and was.shape[2] == 3
    # the bottom of the earlier squat: the orange right / blue left skeleton is drawn on the grey video
    colourful = np.ptp(was.astype(int), axis=2) > 60
    assert colourful.sum() > 50
    missing = replace(front, later=replace(front.later, video=before.clips[0].video_path.with_name("gone.mp4")))
    assert key_stills(missing)[1] is None
    garbage = before.clips[0].video_path.with_name("garbage.mp4")
    garbage.write_bytes(b"not a video at all")
    assert key_stills(replace(front, earlier=replace(front.earlier, video=garbage)))[0] is None


def test_views_filmed_in_one_screen_only_are_listed_apart(stored):
    db, client, before, after = stored
    side_only = replace(after, results=dict(after.results, views=[dict(after.results["views"][0], view="side")]))
    result = compare_screens(client, before, side_only, {})
    assert result.views == () and result.only_earlier == ("front",) and result.only_later == ("side",)
    with pytest.raises(ValueError, match="two different screens"):
        compare_screens(client, before, before, {})


def test_overlay_chart_draws_both_screens(stored):
    db, client, before, after = stored
    front = load_comparison(db, before.id, after.id).views[0]
    png = overlay_chart_png(front, "knee_fppa")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
