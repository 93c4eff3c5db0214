"""Where a finding's threshold is drawn: where its rule fires, from the standing baseline."""

from __future__ import annotations

import numpy as np
import pytest

from ces_vision.kinematics.catalog import METRICS_BY_NAME
from ces_vision.kinematics.series import Kinematics, MetricSeries
from ces_vision.reports.threshold_lines import (
    FROM_STANDING_LABEL,
    PLAIN_LABEL,
    finding_threshold,
    rule_for_finding,
    threshold_lines,
)
from ces_vision.screening import engine
from ces_vision.screening.rules import RULES
from ces_vision.screening.thresholds import default_thresholds

N = 40
STANDING = np.arange(N) < 10  # the first 10 frames stand


def _kin(name: str, left=None, right=None, value=None) -> Kinematics:
    nan = np.full(N, np.nan)
    series = MetricSeries(
        METRICS_BY_NAME[name],
        nan if left is None else left,
        nan if right is None else right,
        nan if value is None else value,
    )
    return Kinematics(
        view="front",
        timestamps_s=np.arange(N) / 30.0,
        series={name: series},
        reps=(),
        near_side=None,
        standing=STANDING,
    )


def _ramp(standing_value: float, peak: float) -> np.ndarray:
    series = np.full(N, standing_value)
    series[10:] = np.linspace(standing_value, peak, N - 10)
    series[3] = standing_value + 5.0  # one odd standing frame: a median, not a mean
    return series


def _rule(compensation: str, metric: str, **match) -> object:
    return next(
        r
        for r in RULES
        if r.compensation == compensation and r.metric == metric and all(getattr(r, k) == v for k, v in match.items())
    )


def test_baseline_rule_line_is_standing_median_plus_threshold_per_side():
    kin = _kin("knee_ankle_offset", left=_ramp(0.05, 0.3), right=_ramp(0.11, 0.12))
    rule = _rule("knees_move_in", "knee_ankle_offset")
    assert rule.baseline and rule.sign == 1.0 and rule.sides == "each"
    chart = threshold_lines(rule, 0.08, kin)
    assert {(line.side, round(line.y, 9)) for line in chart.lines} == {("left", 0.13), ("right", 0.19)}
    assert chart.label == FROM_STANDING_LABEL and chart.series == "sides"


def test_line_is_where_the_engine_judges_the_threshold_crossed():
    """Frames above the drawn line are exactly the frames the engine's judged series puts above t."""
    kin = _kin("knee_ankle_offset", left=_ramp(0.05, 0.3), right=_ramp(0.11, 0.02))
    for rule in (_rule("knees_move_in", "knee_ankle_offset"), _rule("knees_move_out", "knee_ankle_offset")):
        chart = threshold_lines(rule, 0.08, kin)
        units, problem = engine._units(kin, rule, None, engine._ClipShared.of(kin, default_thresholds()))
        assert problem is None
        for unit in units:
            (line,) = [line for line in chart.lines if line.side == unit.side]
            raw = kin.series[rule.metric].left if unit.side == "left" else kin.series[rule.metric].right
            fires = unit.series > 0.08
            beyond = raw > line.y if rule.sign > 0 else raw < line.y
            assert np.array_equal(fires, beyond), (rule.compensation, unit.side)
            assert fires.any() or rule.compensation == "knees_move_out"


def test_negated_rule_line_is_below_the_standing_value():
    gap = _ramp(1.0, 0.6)
    rule = _rule("knees_move_in", "knee_ankle_gap_ratio")
    assert rule.sign == -1.0 and rule.baseline
    (line,) = threshold_lines(rule, 0.15, _kin("knee_ankle_gap_ratio", value=gap)).lines
    assert line.side is None and line.y == pytest.approx(1.0 - 0.15)


def test_magnitude_rule_has_a_line_each_way_around_standing():
    rule = _rule("asymmetric_weight_shift", "hip_shift")
    chart = threshold_lines(rule, 0.2, _kin("hip_shift", value=_ramp(0.03, 0.3)))
    assert sorted(round(line.y, 9) for line in chart.lines) == [-0.17, 0.23]
    assert chart.series == "value"


def test_rule_without_baseline_keeps_the_raw_threshold():
    rule = _rule("heels_rise", "heel_lift")
    chart = threshold_lines(rule, 0.07, _kin("heel_lift", left=_ramp(0.02, 0.1), right=_ramp(0.03, 0.05)))
    assert [line.y for line in chart.lines] == [0.07, 0.07]
    assert chart.label == PLAIN_LABEL


def test_baseline_rule_without_standing_frames_draws_nothing():
    rule = _rule("knees_move_in", "knee_ankle_offset")
    assert threshold_lines(rule, 0.08, None) is None  # no kinematics: a raw line would be wrong
    nan = np.full(N, np.nan)
    assert threshold_lines(rule, 0.08, _kin("knee_ankle_offset", left=nan, right=nan)) is None


def test_rule_lookup_from_the_finding():
    finding = {"compensation": "knees_move_in", "metric": "knee_ankle_offset", "threshold": 0.08}
    assert rule_for_finding(finding, "front").metric == "knee_ankle_offset"
    assert rule_for_finding(finding, "back") is None  # that rule is front view only
    # Feet turn out has two rules on the same metric: the one whose default threshold the
    # finding reports; a threshold neither default matches gets the baseline one, the
    # engine's tie-break.
    defaults = default_thresholds()
    feet = {"compensation": "feet_turn_out", "metric": "foot_turn_out"}
    assert rule_for_finding({**feet, "threshold": defaults.foot_turn_out_change_deg}, "front").baseline
    assert not rule_for_finding({**feet, "threshold": defaults.foot_turn_out_abs_deg}, "front").baseline
    assert rule_for_finding({**feet, "threshold": 30.0}, "front").baseline
    # Without "metric" the metric is guessed: only a threshold that is that rule's default counts.
    assert rule_for_finding({"compensation": "knees_move_in", "threshold": 0.8}, "front") is None


def test_finding_threshold_end_to_end():
    kin = _kin("knee_ankle_offset", left=_ramp(0.05, 0.3), right=_ramp(0.11, 0.12))
    finding = {"compensation": "knees_move_in", "metric": "knee_ankle_offset", "threshold": 0.08, "unit": "ratio"}
    chart = finding_threshold(finding, "front", kin)
    assert sorted(round(line.y, 9) for line in chart.lines) == [0.13, 0.19]
    assert finding_threshold(dict(finding, threshold=float("nan")), "front", kin) is None


# ------------------------------------------- the rule the engine recorded, not a guess ---
def _feet_out_with_coach_thresholds(tmp_path):
    """Feet already turned out when standing, judged with a coach's absolute threshold."""
    from screening.synthetic_kin import const, make_kin

    from ces_vision.screening import screen_clip
    from ces_vision.screening.thresholds import load_thresholds

    coach = tmp_path / "coach.toml"
    coach.write_text("foot_turn_out_abs_deg = 33.0\n", encoding="utf-8")
    kin = make_kin("front", {"foot_turn_out": {"left": const(35.0), "right": const(34.0)}})
    screen = screen_clip(kin, "front", thresholds=load_thresholds(coach))
    line = next(c for c in screen.checklist if c.compensation == "feet_turn_out")
    return kin, screen, line


def test_the_engine_records_the_rule_and_threshold_key_of_each_line(tmp_path):
    _, _, line = _feet_out_with_coach_thresholds(tmp_path)
    assert line.status == "seen" and line.threshold == 33.0
    assert line.threshold_key == "foot_turn_out_abs_deg"
    assert line.rule == _rule("feet_turn_out", "foot_turn_out", baseline=False).id
    row = line.to_dict()
    assert (row["rule"], row["threshold_key"]) == (line.rule, line.threshold_key)


def test_a_coach_threshold_draws_the_line_of_the_rule_that_fired(tmp_path):
    """The absolute rule fired at the coach's 33 deg: a plain line at 33, not 33 above standing."""
    kin, _, line = _feet_out_with_coach_thresholds(tmp_path)
    chart = finding_threshold(line.to_dict(), "front", kin)
    assert not chart.from_standing
    assert [line.y for line in chart.lines] == [33.0]  # one line: the absolute rule reads the mean of the feet


def test_old_lines_without_a_recorded_rule_keep_the_guess(tmp_path):
    _, _, line = _feet_out_with_coach_thresholds(tmp_path)
    old = {k: v for k, v in line.to_dict().items() if k not in ("rule", "threshold_key")}
    assert rule_for_finding(old, "front").baseline  # the guess: the first rule on the metric
    assert rule_for_finding(dict(old, rule="no:such:rule"), "front").baseline


def test_the_pdf_chart_draws_the_recorded_rule_line(tmp_path, monkeypatch):
    from ces_vision.reports import pdf
    from ces_vision.reports.content import ClipInput
    from ces_vision.reports.frames import FrameData

    kin, screen, line = _feet_out_with_coach_thresholds(tmp_path)
    drawn = {}
    monkeypatch.setattr(pdf.charts, "metric_chart", lambda *a, **k: drawn.update(k) or b"png")
    pixels = np.zeros((kin.timestamps_s.size, 33, 2))
    clip = ClipInput({"view": "front", "reps": [], **screen.to_json()}, frame_data=FrameData(pixels, kin))
    assert pdf._finding_chart(clip, line.to_dict()) is not None
    assert [y for y, _ in drawn["threshold_lines"]] == [33.0]  # one line: the absolute rule reads the mean of the feet
    assert drawn["threshold_label"] == PLAIN_LABEL
