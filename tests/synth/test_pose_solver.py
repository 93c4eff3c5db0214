"""The pose solver on a hand-made skeleton (no torch / anny needed): feet stay planted,
and each compensation moves the body the way its truth says."""

import numpy as np
import pytest

from tools.synth.motion import depth_curve
from tools.synth.pose import PoseSolver, Skeleton, sagittal_angle_deg
from tools.synth.scenario import Motion, scenario_from_dict

# Rest bone heads of anny's default body (metres; +X left, -Y front, +Z up).
_LEFT = {
    "pelvis": (0.05, 0.0, 0.0),
    "upperleg01": (0.102, 0.004, -0.007),
    "upperleg02": (0.118, -0.012, -0.2),
    "lowerleg01": (0.133, -0.028, -0.396),
    "lowerleg02": (0.15, -0.014, -0.6),
    "foot": (0.17, 0.0, -0.796),
    "toe1-1": (0.144, -0.136, -0.838),
    "toe2-1": (0.16, -0.138, -0.84),
    "toe3-1": (0.185, -0.135, -0.842),
    "toe4-1": (0.198, -0.128, -0.844),
    "toe5-1": (0.21, -0.12, -0.846),
    "clavicle": (0.022, -0.016, 0.447),
    "shoulder01": (0.1, -0.015, 0.44),
    "upperarm01": (0.165, -0.013, 0.427),
    "upperarm02": (0.25, -0.016, 0.33),
    "lowerarm01": (0.334, -0.019, 0.239),
    "lowerarm02": (0.39, -0.1, 0.18),
    "wrist": (0.45, -0.174, 0.121),
}
_PARENT = {
    "pelvis": "root",
    "upperleg01": "pelvis",
    "upperleg02": "upperleg01",
    "lowerleg01": "upperleg02",
    "lowerleg02": "lowerleg01",
    "foot": "lowerleg02",
    "clavicle": "spine01",
    "shoulder01": "clavicle",
    "upperarm01": "shoulder01",
    "upperarm02": "upperarm01",
    "lowerarm01": "upperarm02",
    "lowerarm02": "lowerarm01",
    "wrist": "lowerarm02",
} | {t: "foot" for t in ("toe1-1", "toe2-1", "toe3-1", "toe4-1", "toe5-1")}


def _skeleton() -> Skeleton:
    heads = {
        "root": np.zeros(3),
        "spine05": np.zeros(3),
        "spine04": np.array([0, 0.032, 0.068]),
        "spine03": np.array([0, 0.019, 0.136]),
        "spine02": np.array([0, 0.018, 0.211]),
        "spine01": np.array([0, 0.035, 0.345]),
        "neck01": np.array([0, 0.006, 0.513]),
    }
    parents = {
        "root": None,
        "spine05": "root",
        "spine04": "spine05",
        "spine03": "spine04",
        "spine02": "spine03",
        "spine01": "spine02",
        "neck01": "spine01",
    }
    for suffix, sign in ((".L", 1.0), (".R", -1.0)):
        for bone, (x, y, z) in _LEFT.items():
            heads[bone + suffix] = np.array([sign * x, y, z])
            parent = _PARENT[bone]
            parents[bone + suffix] = parent if parent in ("root", "spine01") else parent + suffix
    heel = {"left": np.array([0.175, 0.037, -0.832]), "right": np.array([-0.175, 0.037, -0.832])}
    return Skeleton(
        bone_index={b: i for i, b in enumerate(heads)}, parents=parents, heads=heads, heel=heel, floor_z=-0.87
    )


def _solve(compensations=(), depth=1.0):
    sk = _skeleton()
    scenario = scenario_from_dict({"compensation": list(compensations)}, "t")
    solver = PoseSolver(sk, scenario)
    G, root_t = solver.solve(depth)
    point = {b: solver.head_world(G, root_t, b) for b in sk.heads}
    for side, suffix in (("left", ".L"), ("right", ".R")):
        foot = "foot" + suffix
        point["heel" + suffix] = point[foot] + G[foot] @ (sk.heel[side] - sk.heads[foot])
    return sk, point


def _trunk_and_shin(p, suffix=".L"):
    hips = (p["upperleg01.L"] + p["upperleg01.R"]) / 2
    shoulders = (p["upperarm01.L"] + p["upperarm01.R"]) / 2
    return sagittal_angle_deg(shoulders - hips), sagittal_angle_deg(p["lowerleg01" + suffix] - p["foot" + suffix])


def test_clean_squat_keeps_feet_planted_and_trunk_parallel_to_shin():
    sk, p = _solve()
    for suffix in (".L", ".R"):
        assert np.linalg.norm(p["heel" + suffix] - sk.heel["left" if suffix == ".L" else "right"]) < 0.02
    assert p["upperleg01.L"][2] < -0.3  # the hips went down
    trunk, shin = _trunk_and_shin(p)
    assert shin > 25
    assert trunk == pytest.approx(shin, abs=0.5)
    arm = sagittal_angle_deg(p["lowerarm01.L"] - p["upperarm01.L"])
    assert arm == pytest.approx(trunk, abs=0.5)


def test_forward_lean_adds_its_size_to_the_trunk():
    _, p = _solve([{"id": "excessive_forward_lean", "size": 18.0}])
    trunk, shin = _trunk_and_shin(p)
    assert trunk - shin == pytest.approx(18.0, abs=0.5)


def test_left_knee_in_moves_only_the_left_knee_towards_the_midline():
    _, clean = _solve()
    _, p = _solve([{"id": "knees_move_in", "size": 12.0, "side": "left"}])
    assert p["lowerleg01.L"][0] < clean["lowerleg01.L"][0] - 0.04
    assert p["lowerleg01.R"][0] == pytest.approx(clean["lowerleg01.R"][0], abs=1e-6)
    assert np.linalg.norm(p["foot.L"] - clean["foot.L"]) < 1e-6  # foot still planted


def test_knees_out_moves_both_knees_away_from_the_midline():
    _, clean = _solve()
    _, p = _solve([{"id": "knees_move_out", "size": 10.0, "side": "both"}])
    assert p["lowerleg01.L"][0] > clean["lowerleg01.L"][0] + 0.03
    assert p["lowerleg01.R"][0] < clean["lowerleg01.R"][0] - 0.03


def test_heels_rise_by_their_size():
    _, clean = _solve()
    _, p = _solve([{"id": "heels_rise", "size": 4.5, "side": "both"}])
    for suffix in (".L", ".R"):
        assert p["heel" + suffix][2] - clean["heel" + suffix][2] == pytest.approx(0.045, abs=0.005)


def test_weight_shift_moves_the_pelvis_towards_its_side():
    _, p = _solve([{"id": "asymmetric_weight_shift", "size": 9.0, "side": "left"}])
    hips_x = (p["upperleg01.L"][0] + p["upperleg01.R"][0]) / 2
    assert hips_x == pytest.approx(0.09, abs=0.005)


def test_arms_fall_forward_of_the_trunk_line():
    _, p = _solve([{"id": "arms_fall_forward", "size": 25.0}])
    trunk, _ = _trunk_and_shin(p)
    arm = sagittal_angle_deg(p["lowerarm01.L"] - p["upperarm01.L"])
    assert arm - trunk == pytest.approx(25.0, abs=1.0)


def test_depth_curve_reps_go_standing_bottom_standing():
    motion = Motion(reps=3)
    depth, reps = depth_curve(motion)
    assert len(reps) == 3
    for rep in reps:
        assert rep.start < rep.bottom < rep.end
        assert depth[rep.start] == pytest.approx(0.0, abs=1e-6)
        assert depth[rep.bottom] == pytest.approx(1.0, abs=1e-6)
        assert depth[rep.end] == pytest.approx(0.0, abs=0.02)


# ---- push / pull ----------------------------------------------------------------------
def _press(movement, s, compensations=()):
    sk = _skeleton()
    sk.heads["head"] = np.array([0.0, 0.0, 0.62])  # the head bone: the face is kept level on it
    sk.parents["head"] = "neck01"
    scenario = scenario_from_dict({"motion": {"movement": movement}, "compensation": list(compensations)}, "t")
    solver = PoseSolver(sk, scenario)
    G, root_t = solver.solve(s)
    return {b: solver.head_world(G, root_t, b) for b in sk.heads}, G


@pytest.mark.parametrize("movement", ["push", "pull"])
def test_a_press_moves_the_hands_level_between_chest_and_reach_on_standing_legs(movement):
    start, _ = _press(movement, 0.0)
    turn, _ = _press(movement, 1.0)
    reach = {name: -(p["wrist.L"] - p["upperarm01.L"])[1] for name, p in (("start", start), ("turn", turn))}
    near, far = (reach["start"], reach["turn"]) if movement == "push" else (reach["turn"], reach["start"])
    assert near == pytest.approx(0.22, abs=0.01) and far > 0.45  # chest -> nearly straight arms
    for p in (start, turn):
        assert p["wrist.L"][2] == pytest.approx(p["upperarm01.L"][2] - 0.05, abs=0.01)  # level, below the shoulder
        assert p["lowerleg01.L"][2] - p["foot.L"][2] > 0.39  # legs straight: no squat
    np.testing.assert_allclose(start["upperleg01.L"], turn["upperleg01.L"], atol=0.01)  # the hips stay


def test_push_and_pull_compensations_move_what_their_truth_says():
    clean, _ = _press("push", 1.0)
    shrug, _ = _press("push", 1.0, [{"id": "shoulders_elevate", "size": 15.0, "side": "left"}])
    assert shrug["upperarm01.L"][2] - clean["upperarm01.L"][2] > 0.02  # the left shoulder rises
    assert shrug["upperarm01.R"][2] == pytest.approx(clean["upperarm01.R"][2], abs=1e-3)  # the right does not
    jut, G = _press("push", 1.0, [{"id": "head_juts_forward", "size": 20.0}])
    assert -(jut["head"] - clean["head"])[1] > 0.02  # the head moves forward (-Y)
    np.testing.assert_allclose(G["head"] @ [0, 0, 1], _press("push", 1.0)[1]["head"] @ [0, 0, 1], atol=1e-9)  # level
    arch, _ = _press("pull", 1.0, [{"id": "low_back_arches", "size": 16.0}])
    pulled, _ = _press("pull", 1.0)
    lean = [
        sagittal_angle_deg((p["upperarm01.L"] + p["upperarm01.R"]) / 2 - (p["upperleg01.L"] + p["upperleg01.R"]) / 2)
        for p in (pulled, arch)
    ]
    assert lean[0] - lean[1] == pytest.approx(8.0, abs=1.0)  # the trunk leans back half the lumbar extension
