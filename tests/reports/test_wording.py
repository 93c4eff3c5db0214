"""Plain-language names of the metrics, and the values drawn on the stills."""

from __future__ import annotations

import pytest

from ces_vision.kinematics.catalog import METRICS
from ces_vision.reports.wording import METRIC_LABELS, READOUT_NAMES, readout_text


@pytest.mark.parametrize("spec", METRICS, ids=lambda s: s.name)
def test_every_catalogue_metric_has_a_client_label(spec):
    label = METRIC_LABELS.get(spec.name)
    assert label, f"{spec.name} has no label in wording.METRIC_LABELS"
    assert "_" not in label and label[0].isupper()
    assert READOUT_NAMES.get(spec.name), f"{spec.name} has no short name in wording.READOUT_NAMES"


@pytest.mark.parametrize("spec", METRICS, ids=lambda s: s.name)
def test_readout_unit_follows_the_metric_unit(spec):
    text = readout_text(spec.name, spec.unit, 0.0912)
    assert text.isascii()  # OpenCV's fonts draw ASCII only
    if spec.unit == "deg":
        assert text.endswith(" 0 deg")
    else:
        assert "deg" not in text and "0.09" in text


def test_heel_lift_readout():
    assert readout_text("heel_lift", "ratio", 0.0912) == "lift 0.09"
    assert readout_text("trunk_angle", "deg", 49.6) == "torso 50 deg"
