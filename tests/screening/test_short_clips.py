"""Short clips: one rep judged on its own, reps cut by the clip's edge, and a squat whose
arms are not overhead (named, arm checkpoint not applicable, the rest screened)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from synthetic_kin import bump, const, make_kin, ramp

from ces_vision.screening import default_thresholds, screen_clip
from ces_vision.screening.arms_overhead import ARMS_NOT_OVERHEAD_WARNING
from ces_vision.screening.rep_phases import rep_phases
from ces_vision.types import Rep


def line(screen, compensation):
    return next(c for c in screen.checklist if c.compensation == compensation)


def cut_start(kin, frames: int):
    """The clip without its first `frames` frames: it starts after the descent began."""
    rep = kin.reps[0]
    series = {
        name: dataclasses.replace(ms, left=ms.left[frames:], right=ms.right[frames:], value=ms.value[frames:])
        for name, ms in kin.series.items()
    }
    cut = Rep(0, rep.bottom - frames, rep.end - frames, starts_standing=False)
    return dataclasses.replace(
        kin,
        timestamps_s=kin.timestamps_s[frames:],
        series=series,
        reps=(cut,) + tuple(kin.reps[1:]),
        standing=kin.standing[frames:],
    )


# ------------------------------------------------------------------ one rep ---
def test_one_rep_showing_it_is_seen_with_a_one_rep_confidence():
    kin = make_kin("side", {"trunk_shin_diff": ramp(20.0)}, n_reps=1, near_side="left")
    found = line(screen_clip(kin), "excessive_forward_lean")
    assert (found.status, found.reps_flagged, found.reps_total) == ("seen", 1, 1)
    assert found.confidence == pytest.approx(0.2)  # 1 of the 5 reps NASM films


def test_with_several_reps_the_consistency_rule_still_holds():
    # 1 of 2 measurable reps: not seen (one odd rep); 2 of 2: seen
    kin = make_kin("side", {"trunk_shin_diff": ramp(20.0, reps=[0])}, n_reps=2, near_side="left")
    assert line(screen_clip(kin), "excessive_forward_lean").status == "not_seen"
    kin = make_kin("side", {"trunk_shin_diff": ramp(20.0)}, n_reps=2, near_side="left")
    assert line(screen_clip(kin), "excessive_forward_lean").status == "seen"


# ------------------------------------------------------------------ edge reps ---
def test_a_phase_the_clip_cut_off_is_not_guessed_from_the_bottom():
    hip = -np.array([0.9, 1.0, 0.5, 0.0])  # starts near the bottom: no mid-descent filmed
    cut = Rep(0, 1, 3, starts_standing=False)
    phases = rep_phases((cut,), hip, mid_descent=(0.3, 0.7), bottom_from=0.95)
    assert phases["mid_descent"].cut.tolist() == [True]
    assert np.isnan(phases["mid_descent"].statistic(np.ones(4), "max", 0.5)[0])
    assert phases["rep"].cut.tolist() == [False] and phases["bottom"].cut.tolist() == [False]
    whole = rep_phases((Rep(0, 1, 3),), hip, mid_descent=(0.3, 0.7), bottom_from=0.95)
    assert whole["mid_descent"].cut.tolist() == [False]  # a whole rep keeps the bottom fallback


def test_a_rep_starting_mid_descent_is_judged_with_the_standing_frames_that_exist():
    # knee angle judged at mid-descent (a bump), from the standing baseline after the rep
    inward = default_thresholds().knee_fppa_in_deg + 5.0
    kin = make_kin(
        "front",
        {"knee_fppa": {"left": bump(inward, base=3.0), "right": const(3.0)}, "knee_ankle_gap_ratio": const(1.0)},
        n_reps=1,
    )
    late = cut_start(kin, 6 + 3)  # starts at 30% of the descent
    found = line(screen_clip(late), "knees_move_in")
    assert (found.status, found.side, found.reps_total) == ("seen", "left", 1)
    too_late = cut_start(kin, 6 + 9)  # starts at 90%: no mid-descent filmed
    found = line(screen_clip(too_late), "knees_move_in")
    assert found.status == "not_seen"  # the bottom rules still judge it
    kin = make_kin(
        "front",
        {
            "knee_fppa": {"left": bump(inward, base=3.0), "right": const(3.0)},
            "knee_ankle_gap_ratio": None,
            "knee_ankle_offset": None,
        },
        n_reps=1,
    )
    found = line(screen_clip(cut_start(kin, 6 + 9)), "knees_move_in")
    assert found.status == "not_assessable" and "cuts off the mid-descent" in found.reason


# ------------------------------------------------------------------ arms overhead ---
@pytest.mark.parametrize("arm_angle", [90.0, 170.0, -150.0])  # held forward, hanging, on the hips
def test_arms_not_overhead_name_the_movement_and_the_arm_check_does_not_apply(arm_angle):
    kin = make_kin(
        "side", {"arm_trunk_angle": const(arm_angle), "trunk_shin_diff": ramp(20.0)}, n_reps=1, near_side="left"
    )
    screen = screen_clip(kin)
    assert ARMS_NOT_OVERHEAD_WARNING in screen.warnings
    arms = line(screen, "arms_fall_forward")
    assert arms.status == "not_assessable" and arms.reason.startswith("not applicable")
    assert "arms_fall_forward" not in [f.compensation for f in screen.findings]
    assert line(screen, "excessive_forward_lean").status == "seen"  # the rest is screened


def test_arms_overhead_are_judged_and_not_named():
    kin = make_kin("side", {"arm_trunk_angle": ramp(40.0, base=5.0)}, n_reps=1, near_side="left")
    screen = screen_clip(kin)
    assert ARMS_NOT_OVERHEAD_WARNING not in screen.warnings
    assert line(screen, "arms_fall_forward").status == "seen"


def test_arms_falling_forward_late_in_the_rep_are_still_an_overhead_squat():
    # overhead standing, 80 deg forward only in the deepest part: fewer than half the rep frames
    kin = make_kin("side", {"arm_trunk_angle": lambda d, rep: np.where(d > 0.6, 80.0, 5.0)}, n_reps=3, near_side="left")
    screen = screen_clip(kin)
    assert ARMS_NOT_OVERHEAD_WARNING not in screen.warnings
    assert line(screen, "arms_fall_forward").status == "seen"


def test_arms_not_overhead_from_the_front_are_named():
    kin = make_kin("front", {"arm_elevation": const(160.0)}, n_reps=1)  # arms crossed on the chest
    assert ARMS_NOT_OVERHEAD_WARNING in screen_clip(kin).warnings
    kin = make_kin("front", {"arm_elevation": const(20.0)}, n_reps=1)
    assert ARMS_NOT_OVERHEAD_WARNING not in screen_clip(kin).warnings


def test_hands_on_hips_variant_and_single_leg_squat_are_not_named():
    kin = make_kin("side", {"arm_trunk_angle": const(-150.0)}, n_reps=1, near_side="left")
    screen = screen_clip(kin, variant="hands_on_hips")
    assert ARMS_NOT_OVERHEAD_WARNING not in screen.warnings
    assert "hands are on the hips" in line(screen, "arms_fall_forward").reason
    kin = make_kin("front", {"arm_elevation": const(160.0)}, n_reps=1)
    assert ARMS_NOT_OVERHEAD_WARNING not in screen_clip(kin, assessment="single_leg_squat", leg="left").warnings


def test_arms_never_measured_are_not_named():
    kin = make_kin("side", {"arm_trunk_angle": const(np.nan)}, n_reps=1, near_side="left")
    assert ARMS_NOT_OVERHEAD_WARNING not in screen_clip(kin).warnings
