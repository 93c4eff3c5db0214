"""Scenario files: every shipped one loads, and the truth's expected findings follow the
view in which each compensation is judged."""

from pathlib import Path

import pytest

from tools.synth.scenario import COMPENSATIONS, load_scenario, scenario_from_dict

SCENARIOS = Path(__file__).resolve().parents[2] / "tools" / "scenarios"


def test_compensation_ids_are_the_contract():
    assert set(COMPENSATIONS) == {
        "feet_turn_out",
        "knees_move_in",
        "knees_move_out",
        "excessive_forward_lean",
        "low_back_arches",
        "low_back_rounds",
        "arms_fall_forward",
        "feet_flatten",
        "heels_rise",
        "asymmetric_weight_shift",
        "shoulders_elevate",
        "head_juts_forward",  # the pushing and pulling assessments
    }


@pytest.mark.parametrize(
    "path", sorted(p for p in SCENARIOS.glob("*.toml") if p.name != "bodies.toml"), ids=lambda p: p.stem
)
def test_shipped_scenarios_load(path):
    scenario = load_scenario(path)
    assert scenario.name == path.stem
    for finding in scenario.expected_findings():
        assert scenario.camera.view in COMPENSATIONS[finding][1]


def test_expected_findings_depend_on_the_view():
    comp = [{"id": "knees_move_in", "size": 12.0, "side": "left"}]
    assert scenario_from_dict({"camera": {"view": "front"}, "compensation": comp}, "a").expected_findings() == [
        "knees_move_in"
    ]
    assert scenario_from_dict({"camera": {"view": "side"}, "compensation": comp}, "b").expected_findings() == []


def test_bad_scenarios_are_refused():
    with pytest.raises(ValueError):
        scenario_from_dict({"compensation": [{"id": "knees_wobble", "size": 1.0}]}, "x")
    with pytest.raises(ValueError):
        scenario_from_dict({"compensation": [{"id": "asymmetric_weight_shift", "size": 9.0}]}, "x")
    with pytest.raises(ValueError):
        scenario_from_dict({"camera": {"view": "top"}}, "x")
    with pytest.raises(ValueError):
        scenario_from_dict({"motion": {"speed": 2}}, "x")
