"""Plain names: every checkpoint and metric has one, and no reason shown to a coach holds a raw id."""

from __future__ import annotations

import pytest
from report_text import RAW_ID
from synthetic_kin import make_kin, ramp

from ces_vision.kinematics.catalog import METRICS, metric_label
from ces_vision.screening import CHECKPOINTS, COMPENSATION_NAMES, NOT_ASSESSABLE, compensation_name, screen_clip
from ces_vision.screening.rules import VARIANT_NOT_ASSESSABLE


@pytest.mark.parametrize("compensation", sorted({c for ids in CHECKPOINTS.values() for c in ids}))
def test_every_checkpoint_has_a_plain_name(compensation):
    assert compensation in COMPENSATION_NAMES
    name = compensation_name(compensation)
    assert not RAW_ID.search(name) and name[0].isupper()


def test_knees_move_in_reads_knees_move_inward():
    assert compensation_name("knees_move_in") == "Knees move inward"


@pytest.mark.parametrize("spec", METRICS, ids=lambda s: s.name)
def test_every_catalogue_metric_has_a_plain_label(spec):
    assert spec.label and spec.label[0].isupper() and not RAW_ID.search(spec.label)
    assert metric_label(spec.name) == spec.label


def test_not_assessable_reasons_hold_no_raw_ids():
    reasons = [row.reason for row in NOT_ASSESSABLE]
    reasons += [reason for by_comp in VARIANT_NOT_ASSESSABLE.values() for reason in by_comp.values()]
    for reason in reasons:
        assert not RAW_ID.search(reason), reason


def test_a_missing_metric_is_named_plainly_in_the_reason():
    # a back clip without heel lift: heels rise cannot be judged, and the reason says why in words
    screen = screen_clip(make_kin("back", {"hip_shift": ramp(0.01)}), "back")
    reasons = [line.reason for line in screen.checklist if line.status == "not_assessable"]
    assert any(r.startswith("Heel lift (share of shin length): not measured") for r in reasons), reasons
    for reason in reasons:
        assert not RAW_ID.search(reason), reason
