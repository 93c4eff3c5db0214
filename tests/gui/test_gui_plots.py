"""Review plots: the flagged metric is plotted with its cut-off, and playback repaints cheaply."""

import numpy as np
import pytest
from gui_fakes import fake_pose_factory

from ces_vision.kinematics import metric_label, standing_median


@pytest.fixture
def analysed(make_window, qtbot, knees_in):
    path, sequence = knees_in
    window = make_window(analysis_backend_factory=fake_pose_factory(sequence))
    with qtbot.waitSignal(window.analyses.finished, timeout=20000):
        window.open_videos([path], view="front")
    return window


def test_flagged_metric_is_plotted_first_with_its_cut_off_per_side(analysed):
    analysis = analysed.state.slots["front"].analysis
    line = next(c for c in analysis.screen.checklist if c.compensation == "knees_move_in")
    assert line.seen and line.metric == "knee_ankle_offset"
    plot = analysed.review.plots.plots[0]
    assert plot.title == metric_label("knee_ankle_offset")
    # knees move in = knee_ankle_offset rises more than the threshold above standing, each side.
    series = analysis.kinematics.series["knee_ankle_offset"]
    expected = {
        side: standing_median(getattr(series, side), analysis.kinematics.standing) + line.threshold
        for side in ("left", "right")
    }
    # knees move out is judged on the same metric (below standing): its lines are there too
    out = next(c for c in analysis.screen.checklist if c.compensation == "knees_move_out")
    for side in ("left", "right"):
        ys = sorted(cut.y for cut in plot.cut_offs if cut.side == side)
        median = expected[side] - line.threshold
        assert ys == pytest.approx([median - out.threshold, expected[side]], abs=1e-6)
    # the lines are inside the plotted range, so the coach sees them
    assert all(plot._low < cut.y < plot._high for cut in plot.cut_offs)


def test_a_metric_no_rule_judges_has_no_cut_off(analysed):
    titles = {p.title: p for p in analysed.review.plots.plots}
    assert metric_label("knee_fppa") in titles or metric_label("knee_ankle_gap_ratio") in titles
    unjudged = [p for p in analysed.review.plots.plots if p.title == metric_label("foot_turn_out")]
    for plot in unjudged:  # feet turn out is judged on another metric: no line here
        assert plot.cut_offs == ()


def test_playback_repaints_reuse_the_drawn_plot(analysed):
    plot = analysed.review.plots.plots[0]
    plot.grab()  # paints the widget, shown or not
    static = plot._static
    assert static is not None and not static.isNull()
    for frame in range(0, 40, 4):
        analysed.review.player.seek(frame)
        plot.grab()
    assert plot._static is static, "moving the playhead must not redraw the data"
    plot.resize(plot.width() + 20, plot.height())
    plot.grab()
    assert plot._static is not static, "a resize redraws at the new size"
    assert np.isfinite(plot._low) and np.isfinite(plot._high)


def test_a_coach_threshold_puts_the_cut_off_on_the_rule_that_fired(tmp_path):
    """The plot reads the rule each checklist line recorded, as the PDF does."""
    from screening.synthetic_kin import const, make_kin

    from ces_vision.gui.review.plots import _cut_offs
    from ces_vision.screening import screen_clip
    from ces_vision.screening.thresholds import load_thresholds

    coach = tmp_path / "coach.toml"
    coach.write_text("foot_turn_out_abs_deg = 33.0\n", encoding="utf-8")
    kin = make_kin("front", {"foot_turn_out": {"left": const(35.0), "right": const(34.0)}})
    screen = screen_clip(kin, "front", thresholds=load_thresholds(coach))
    cuts = _cut_offs("foot_turn_out", kin, "front", screen)
    assert [(cut.side, cut.y) for cut in cuts] == [(None, 33.0)]  # the absolute rule reads the mean of the feet


def test_a_cut_off_on_both_feet_together_is_drawn_against_their_mean(qtbot, tmp_path):
    """Feet turned out standing are judged on the mean of the feet: the plot draws that mean
    (one line), not each foot against a cut-off that is not theirs, as the PDF chart does."""
    from screening.synthetic_kin import const, make_kin

    from ces_vision.gui.review.plots import PlotStack
    from ces_vision.screening import screen_clip

    feet = {"left": const(31.0), "right": const(36.0), "value": const(33.5)}  # a client standing feet out
    kin = make_kin("front", {"foot_turn_out": feet})
    screen = screen_clip(kin, "front")
    stack = PlotStack()
    qtbot.addWidget(stack)
    stack.set_kinematics(kin, "front", screen)
    plot = next(p for p in stack.plots if p.cut_offs and p.title == metric_label("foot_turn_out"))
    assert [cut.side for cut in plot.cut_offs] == [None]
    assert [name for name, _, _ in plot._lines] == [""] and np.allclose(plot._lines[0][1], 33.5)
