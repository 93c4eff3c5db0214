"""Ctrl-C on `ces-vision watch`: the first stops between two steps, a second quits at once."""

from __future__ import annotations

import threading

import pytest

from ces_vision.cli.watch import _stop


def test_first_ctrl_c_sets_stop_and_a_second_one_interrupts():
    stop = threading.Event()
    _stop(stop)
    assert stop.is_set()
    with pytest.raises(KeyboardInterrupt):
        _stop(stop)
