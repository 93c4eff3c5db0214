"""The wide rendered set of issue 11: scenario files for a tuning split and a held-out split.

    python -m tools.synth plan-wide tools/scenarios/wide       # writes tuning/*.toml, heldout/*.toml

Each split is drawn from its own random seed, so the held-out clips have other bodies,
clothing, rooms, lights and cameras than the clips any threshold was tuned on; the
held-out split also has scenery the tuning split never shows (cluttered walls, checked
tops, cameras down at hip height and up at head height). Every clip is 720x1280 portrait,
one overhead squat rep after a standing lead-in, filmed as a phone does (motion blur,
sensor noise, compression).

Each compensation comes at several sizes: "sub" sizes are within what a clean squat shows
(`expect = false`: the screen must not flag them), "mild" and "clear" sizes are real
(must flag). The boundaries are fixed here, before any tuning, from what a coach would
call visible: they are the ground truth, not the screen's thresholds.
"""

from __future__ import annotations

import colorsys
from pathlib import Path

import numpy as np

# (compensation id, view, sub size, mild size, clear size), sizes in the id's unit
# (tools/synth/scenario.py COMPENSATIONS).
FAULTS = (
    ("knees_move_in", "front", 3.0, 8.0, 14.0),
    ("knees_move_out", "front", 3.0, 8.0, 12.0),
    ("feet_turn_out", "front", 7.0, 18.0, 28.0),
    ("excessive_forward_lean", "side", 4.0, 13.0, 20.0),
    ("arms_fall_forward", "side", 7.0, 18.0, 28.0),
    ("heels_rise", "back", 1.0, 3.5, 5.0),
    ("asymmetric_weight_shift", "back", 1.5, 5.0, 8.0),
)
# Hard cases: BlazePose has no spine or arch landmarks (tools/synth/README.md, Limits);
# scored and reported on their own so they cannot hide in the totals.
HARD_FAULTS = (
    ("low_back_rounds", "side", 18.0),
    ("low_back_arches", "side", 15.0),
    ("feet_flatten", "back", 10.0),
)
SIDES = ("left", "right", "both")
ONE_SIDE_ONLY = {"asymmetric_weight_shift"}
BOTH_ONLY = {"knees_move_out", "excessive_forward_lean", "arms_fall_forward"}  # not sided in the screen
SKIN = ((241, 204, 178), (226, 176, 142), (198, 140, 104), (150, 102, 72), (104, 68, 48), (72, 48, 36))
BODY_KINDS = ("male", "female", "heavy male", "heavy female", "tall male", "short female", "slim female", "muscular")


def _colour(rng: np.random.Generator, light: tuple[float, float]) -> list[int]:
    r, g, b = colorsys.hsv_to_rgb(rng.random(), rng.uniform(0.1, 0.8), rng.uniform(*light))
    return [int(255 * c) for c in (r, g, b)]


def _stature(rng: np.random.Generator, kind: str, female: bool) -> float:
    """Standing height in metres: short 1.50-1.58, tall 1.88-1.98, else an adult's usual range."""
    if "short" in kind:
        return float(rng.uniform(1.50, 1.58))
    if "tall" in kind:
        return float(rng.uniform(1.88, 1.98))
    return float(rng.uniform(1.58, 1.72) if female else rng.uniform(1.68, 1.85))


def _height_param(metres: float, female: bool) -> float:
    """anny's height parameter for a stature (fitted on rendered bodies: anny's scale runs
    to 2.4 m, far beyond real clients)."""
    return float(np.clip((metres - 1.235) / 1.08 if female else (metres - 1.37) / 1.06, 0.0, 1.0))


def _body(rng: np.random.Generator, kind: str, heldout: bool) -> dict:
    female = "female" in kind or (kind == "muscular" and rng.random() < 0.4)
    body = {
        "gender": round(float(rng.uniform(0.85, 1.0) if female else rng.uniform(0.0, 0.2)), 2),
        "age": round(float(rng.uniform(0.62, 0.9)), 2),
        "muscle": round(float(rng.uniform(0.7, 0.9) if kind == "muscular" else rng.uniform(0.3, 0.65)), 2),
        "weight": round(float(rng.uniform(0.8, 0.95) if "heavy" in kind else rng.uniform(0.15, 0.65)), 2),
        "height": round(_height_param(_stature(rng, kind, female), female), 2),
        "proportions": round(float(rng.uniform(0.3, 0.7)), 2),
        "skin": list(SKIN[rng.integers(len(SKIN))]),
        "top": _colour(rng, (0.2, 0.95)),
        "bottom": _colour(rng, (0.1, 0.6)),
        "bottom_style": str(rng.choice(["shorts", "leggings"])),
        "hair": _colour(rng, (0.05, 0.4)),
        "top_pattern": str(rng.choice(["plain", "stripes", "check"] if heldout else ["plain", "plain", "stripes"])),
    }
    if "slim" in kind:
        body["weight"] = round(float(rng.uniform(0.05, 0.25)), 2)
    return body


def _distance(fraction: float, yfov: float, height: float, aim: float) -> float:
    """Camera distance at which the body (arms overhead) fills `fraction` of the frame
    height, moved back as far as needed to keep all of it in frame (a coach frames the
    whole client): feet at 0 m, hands up to 2.45 m, elbows out to 0.55 m either side."""
    half = np.radians(yfov) / 2
    half_x = np.arctan(np.tan(half) * 720 / 1280)
    distance = 1.25 * 1.7 / (2 * fraction * np.tan(half))
    while True:
        aim_angle = np.arctan2(aim - height, distance)
        top, bottom = np.arctan2(2.45 - height, distance), np.arctan2(-height, distance)
        if max(top - aim_angle, aim_angle - bottom) < 0.92 * half and np.arctan2(0.55, distance) < 0.9 * half_x:
            return distance
        distance *= 1.03


def _camera(rng: np.random.Generator, view: str, heldout: bool) -> dict:
    yfov = float(rng.uniform(58.0, 70.0))  # a phone's main camera held upright
    fraction = float(rng.uniform(0.4, 0.9))  # body (arms overhead) over frame height
    low, high = (0.7, 1.7) if heldout else (0.8, 1.5)  # hip to head height
    height, aim = float(rng.uniform(low, high)), float(rng.uniform(0.95, 1.2))
    return {
        "view": view,
        "side_shown": str(rng.choice(["left", "right"])),
        "distance_m": round(float(_distance(fraction, yfov, height, aim)), 2),
        "height_m": round(height, 2),
        "aim_height_m": round(aim, 2),
        "yaw_deg": round(float(rng.uniform(-20.0, 20.0)), 1),
        "yfov_deg": round(yfov, 1),
        "width": 720,
        "height": 1280,
    }


def _motion(rng: np.random.Generator, clean: bool) -> dict:
    return {
        "reps": 1,
        "fps": int(rng.choice([60, 60, 60, 30])),
        "down_s": round(float(rng.uniform(0.8, 1.6)), 2),
        "hold_s": round(float(rng.uniform(0.0, 0.4)), 2),
        "up_s": round(float(rng.uniform(0.8, 1.4)), 2),
        "lead_in_s": round(float(rng.uniform(0.5, 1.0)), 2),
        "depth": round(float(rng.uniform(0.7, 1.05) if clean else rng.uniform(0.85, 1.0)), 2),
        "toe_out_deg": round(float(rng.uniform(0.0, 12.0) if clean else rng.uniform(2.0, 8.0)), 1),
        "stance_width_m": round(float(rng.uniform(0.0, 0.08)), 3),
    }


def _lighting(rng: np.random.Generator, seed: int, heldout: bool) -> dict:
    return {
        "seed": seed,
        "key_intensity": round(float(rng.uniform(2.0, 4.0)), 2),
        "key_azimuth_deg": round(float(rng.uniform(-60.0, 60.0)), 1),
        "key_elevation_deg": round(float(rng.uniform(30.0, 70.0)), 1),
        "ambient": round(float(rng.uniform(0.3, 0.6)), 2),
        "floor": str(rng.choice(["oak", "grey"])),
        "wall": _colour(rng, (0.6, 0.95)),
        "wall_style": str(rng.choice(["plain", "posters"])) if heldout else "plain",
    }


def _video(rng: np.random.Generator) -> dict:
    return {
        "crf": int(rng.integers(20, 31)),
        "blur": round(float(rng.uniform(0.15, 0.45)), 2),
        "noise": round(float(rng.uniform(0.0, 4.0)), 1),
    }


def _cases(rng: np.random.Generator, n_clean: int) -> list[tuple[str, list[dict]]]:
    """(view, compensations) per clip: clean ones, then every fault at sub, mild and clear size."""
    views = ("front", "side", "back")
    cases: list[tuple[str, list[dict]]] = [(views[i % 3], []) for i in range(n_clean)]
    for comp, view, sub, mild, clear in FAULTS:
        for size, expect in ((sub, False), (mild, True), (clear, True)):
            side = (
                "both" if comp in BOTH_ONLY else str(rng.choice(("left", "right") if comp in ONE_SIDE_ONLY else SIDES))
            )
            entry = {"id": comp, "side": side, "size": size}
            if not expect:
                entry["expect"] = False
            cases.append((view, [entry]))
    for comp, view, size in HARD_FAULTS:
        side = str(rng.choice(SIDES)) if comp == "feet_flatten" else "both"
        cases.append((view, [{"id": comp, "side": side, "size": size}]))
    return cases


def plan(split: str, seed: int, n_clean: int) -> list[dict]:
    """Scenario dicts of one split (every split but `tuning` draws the wider scenery)."""
    rng = np.random.default_rng(seed)
    heldout = split != "tuning"
    scenarios = []
    for number, (view, comps) in enumerate(_cases(rng, n_clean), 1):
        kind = BODY_KINDS[(number + seed) % len(BODY_KINDS)]
        label = "clean" if not comps else f"{comps[0]['id']}_{comps[0]['side']}_{comps[0]['size']:g}"
        scenario = {
            "name": f"{split}_{number:02d}_{view}_{label}",
            "description": f"{split} split: {kind} body, {view} view, " + (label if comps else "clean squat"),
            "body": {"name": kind.replace(" ", "_"), **_body(rng, kind, heldout)},
            "camera": _camera(rng, view, heldout),
            "motion": _motion(rng, not comps),
            "lighting": _lighting(rng, seed + number, heldout),
            "video": _video(rng),
        }
        if comps:
            scenario["compensation"] = comps
        scenarios.append(scenario)
    return scenarios


def _toml(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(
        float(value) if isinstance(value, np.floating) else int(value) if isinstance(value, np.integer) else value
    )


def to_toml(scenario: dict) -> str:
    lines = [f"{key} = {_toml(value)}" for key, value in scenario.items() if not isinstance(value, (dict, list))]
    for key, value in scenario.items():
        if isinstance(value, dict):
            lines += ["", f"[{key}]"] + [f"{k} = {_toml(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                lines += ["", f"[[{key}]]"] + [f"{k} = {_toml(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


# split -> (seed, clean clips). `test` was added at stop 24, once the held-out split's
# misses had been read clip by clip: it is rendered, and scored, once.
SPLITS = {"tuning": (1100, 12), "heldout": (2200, 12), "test": (3300, 12)}


def write_wide_set(out: Path) -> list[Path]:
    """Write OUT/<split>/*.toml for every split; return the files."""
    written = []
    for split, (seed, n_clean) in SPLITS.items():
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        for scenario in plan(split, seed, n_clean):
            path = folder / f"{scenario['name']}.toml"
            path.write_text(to_toml(scenario))
            written.append(path)
    return written
