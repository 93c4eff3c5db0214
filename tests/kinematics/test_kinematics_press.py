"""Push / pull reps from the wrist's forward-back motion (`kinematics.press`)."""

from __future__ import annotations

import numpy as np
import pytest

from ces_vision.kinematics.press import press_reps, press_trace

FPS = 30.0


def _reach(n_reps: int, near: float = 0.4, far: float = 1.4, start_far: bool = False) -> np.ndarray:
    """Hands near -> far -> near per rep (push), or far -> near -> far (pull), 1 s pauses."""
    pause, move = np.zeros(20), 0.5 - 0.5 * np.cos(np.linspace(0, 2 * np.pi, 50))
    out = [pause]
    for _ in range(n_reps):
        out += [move, pause]
    progress = np.concatenate(out)
    return (far - (far - near) * progress) if start_far else (near + (far - near) * progress)


@pytest.mark.parametrize("movement, start_far", [("push", False), ("pull", True)])
def test_every_press_or_row_is_one_rep_from_its_start_position(movement, start_far):
    reach = _reach(6, start_far=start_far)
    trace = press_trace(reach, movement)
    reps = press_reps(trace, np.arange(reach.size) / FPS)
    assert len(reps) == 6
    for rep in reps:
        turn = reach[rep.bottom]
        assert turn == pytest.approx(0.4 if start_far else 1.4, abs=0.01)  # the far end of a push, the near of a row
        assert abs(trace[rep.start]) < 0.1 and abs(trace[rep.end]) < 0.1  # start position on both sides


def test_the_wrong_direction_finds_no_rep_at_the_start_position():
    """A row read as a push: its "start" (hands far) is the push's turn, so each rep is cut
    differently; the trace is 0 where the hands are nearest, not where a row starts."""
    reach = _reach(4, start_far=True)
    trace = press_trace(reach, "push")
    assert trace[0] < -0.9  # a row starts with the arms out: far from a push's start


def test_small_arm_wobbles_are_not_reps():
    reach = _reach(5, near=0.4, far=0.6)  # 0.2 trunk lengths: not a press
    assert press_reps(press_trace(reach, "push"), np.arange(reach.size) / FPS) == []


def test_missing_frames_stay_missing_and_split_nothing_across_them():
    reach = _reach(4)
    reach[95:105] = np.nan  # a gap inside the second rep
    trace = press_trace(reach, "push")
    assert np.isnan(trace[95:105]).all()
    assert len(press_reps(trace, np.arange(reach.size) / FPS)) == 3


def test_an_unknown_movement_is_refused():
    with pytest.raises(ValueError):
        press_trace(np.ones(10), "squat")
