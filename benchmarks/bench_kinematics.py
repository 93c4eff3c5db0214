"""Benchmark: the vectorised kinematics core against a naive per-frame Python loop.

Run:  python benchmarks/bench_kinematics.py [n_frames]

Builds a synthetic squatting skeleton (one 3 s rep, tiled, with pixel noise and a few
dropped frames), projects it through a front and a side camera, and times the whole
job: `compute_kinematics` (metrics, standing references, reps) and `screen_clip` (the
OHSA checklist of that view). The naive version does the same job in plain Python:
per-frame metrics with `math` on tuples, then the rules rep by rep and frame by frame
(`naive_screening.py`); it runs on a subset of frames and its time is scaled up. On that
subset both must agree: metrics to 1e-6, and the same checklist (status and counts).

The landmark low-pass filter is one compiled scipy filter over whole trajectories, not
per-frame work: the same-work ratio leaves it out of both sides, and its cost is printed
with the ratios that count it on both sides or on ours only.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "kinematics"), str(ROOT / "benchmarks")]

from naive_screening import naive_screen  # noqa: E402
from skeletons import Body, blend, build, near, standing_like  # noqa: E402

from ces_vision.config import RepSettings, SmoothingSettings  # noqa: E402
from ces_vision.kinematics import compute_kinematics, metrics_for_view  # noqa: E402
from ces_vision.screening import screen_clip  # noqa: E402

FPS = 30.0
NAIVE_FRAMES = 10_000
NO_SMOOTHING = SmoothingSettings(min_run_frames=10**9)
REPS = RepSettings()
LM = {
    "nose": 0,
    "ear": (7, 8),
    "shoulder": (11, 12),
    "elbow": (13, 14),
    "hip": (23, 24),
    "knee": (25, 26),
    "ankle": (27, 28),
    "heel": (29, 30),
    "toe": (31, 32),
}


def synthetic_clip(n_frames: int, view: str) -> tuple[np.ndarray, np.ndarray]:
    squat = Body(
        knee_valgus=(7.0, 3.0),
        shin=35.0,
        thigh=70.0,
        trunk=40.0,
        arm_trunk=(20.0, 15.0),
        arm_elevation=(10.0, 5.0),
        foot_turn_out=(8.0, 12.0),
        heel_rise=(6.0, 0.0),
        pelvis_tilt=2.0,
    )
    weights = np.concatenate([np.zeros(30), 0.5 * (1 - np.cos(np.linspace(0, 2 * np.pi, 60)))])
    cycle = np.stack([build(blend(standing_like(squat), squat, w)) for w in weights])
    camera = near("front" if view == "front" else "side_left")
    px = camera.project(np.resize(cycle, (n_frames, 33, 3)))
    rng = np.random.default_rng(0)
    px += rng.normal(0, 1.0, px.shape)
    px[rng.choice(n_frames, n_frames // 1000, replace=False)] = np.nan  # dropped frames
    return px, np.arange(n_frames) / FPS


# ---- naive per-frame implementation (math on tuples) --------------------------------


def _sub(a, b):
    return (a[0] - b[0], a[1] - b[1])


def _cross(a, b):
    return a[0] * b[1] - a[1] * b[0]


def _dot(a, b):
    return a[0] * b[0] + a[1] * b[1]


def _bend(p, j, d):
    a, b = _sub(j, p), _sub(d, j)
    return math.degrees(math.atan2(abs(_cross(a, b)), _dot(a, b)))


def _signed_bend(p, j, d, toward):
    line = _sub(d, p)
    s = _cross(line, toward)
    side = math.copysign(1.0, s) if s == s and s != 0 else math.nan
    return math.degrees(math.atan2(side * _cross(line, _sub(j, p)), _dot(_sub(j, p), _sub(d, j))))


def _sgn(x):
    return math.nan if x != x else (x > 0) - (x < 0)


def _nanmax(a, b):
    return b if a != a else a if b != b else max(a, b)


def _nanmean(a, b):
    return b if a != a else a if b != b else 0.5 * (a + b)


def _median(values):
    values = [v for v in values if v == v]
    return float(np.median(values)) if values else math.nan


def naive_references(frames):
    """Clip-level references, from per-frame loops: mid-hip y, leg length, standing."""
    hip_y, legs = [], []
    for f in frames:
        ys = [f[i][1] for i in LM["hip"] if f[i][1] == f[i][1]]
        hip_y.append(sum(ys) / len(ys) if ys else math.nan)
        sides = []
        for k in (0, 1):
            h, kn, a = f[LM["hip"][k]], f[LM["knee"][k]], f[LM["ankle"][k]]
            sides.append(math.hypot(*_sub(kn, h)) + math.hypot(*_sub(a, kn)))
        legs.append(_nanmean(*sides))
    y_standing = float(np.percentile([y for y in hip_y if y == y], 5.0))
    guess = _median(legs)
    leg = _median([length for y, length in zip(hip_y, legs) if y == y and y - y_standing <= 0.05 * guess])
    height = [(y_standing - y) / leg for y in hip_y]
    standing = [h == h and h >= -REPS.standing_leg for h in height]
    return height, standing


LOWER_BODY = [i for part in ("hip", "knee", "ankle", "heel", "toe") for i in LM[part]]


def naive_planted_feet(frames, standing):
    """Blank the lower body where the ankle gap strays >20% from standing (kinematics.quality)."""
    gaps = [math.hypot(*_sub(f[LM["ankle"][0]], f[LM["ankle"][1]])) for f in frames]
    reference = _median([g for g, s in zip(gaps, standing) if s])
    nan = (math.nan, math.nan)
    return [
        [nan if i in LOWER_BODY else p for i, p in enumerate(f)] if abs(g / reference - 1.0) > 0.2 else f
        for f, g in zip(frames, gaps)
    ]


def naive_metrics(points: np.ndarray, view: str):
    """(values, sides, standing): metric -> per-frame list; metric -> (left, right) lists
    for the metrics the front-view rules judge per side; per-frame standing bools."""
    frames = [[tuple(p) for p in f] for f in points.tolist()]
    height, standing = naive_references(frames)
    if view == "front":
        frames = naive_planted_feet(frames, standing)
    out: dict[str, list[float]] = {"hip_height": height}
    sides: dict[str, tuple[list[float], list[float]]] = {}
    stand_frames = [f for f, s in zip(frames, standing) if s]
    heel_base = [_median([f[LM["heel"][k]][1] for f in stand_frames]) for k in (0, 1)]
    shank = [_median([math.hypot(*_sub(f[LM["knee"][k]], f[LM["ankle"][k]])) for f in stand_frames]) for k in (0, 1)]
    lifts = [[(heel_base[k] - f[LM["heel"][k]][1]) / shank[k] for f in frames] for k in (0, 1)]
    out["heel_lift"] = [_nanmax(a, b) for a, b in zip(*lifts)]
    if view == "front":
        for f in frames:
            la, ra = f[LM["ankle"][0]], f[LM["ankle"][1]]
            axis = _sub(la, ra)
            n = math.hypot(*axis)
            left = (axis[0] / n, axis[1] / n) if n > 0 else (math.nan, math.nan)
            right = (-left[0], -left[1])
            g = lambda part, k: f[LM[part][k]]  # noqa: E731
            fppa = [
                _signed_bend(g("hip", 0), g("knee", 0), g("ankle", 0), right),
                _signed_bend(g("hip", 1), g("knee", 1), g("ankle", 1), left),
            ]
            rear = [
                _signed_bend(g("knee", 0), g("ankle", 0), g("heel", 0), right),
                _signed_bend(g("knee", 1), g("ankle", 1), g("heel", 1), left),
            ]
            turn = []
            for k, outward in ((0, left), (1, right)):
                v = _sub(g("toe", k), g("heel", k))
                turn.append(math.degrees(math.atan2(_sgn(_dot(v, outward)) * abs(v[0]), abs(v[1]))))
            arms = []
            for k in (0, 1):
                v = _sub(g("elbow", k), g("shoulder", k))
                arms.append(math.degrees(math.atan2(abs(v[0]), -v[1])))
            across_x = la[0] - ra[0]
            side = _sgn(across_x)
            offsets = {
                name: [
                    (g(ref, 0)[0] - g("knee", 0)[0]) * side / abs(across_x),
                    (g("knee", 1)[0] - g(ref, 1)[0]) * side / abs(across_x),
                ]
                for name, ref in (("knee_ankle_offset", "ankle"), ("knee_toe_offset", "toe"))
            }
            across = _sub(g("hip", 0), g("hip", 1))
            stance = _sub(la, ra)
            hip_l, hip_r = g("hip", 0), g("hip", 1)
            mid = ((hip_l[0] + hip_r[0] - la[0] - ra[0]) / 2, (hip_l[1] + hip_r[1] - la[1] - ra[1]) / 2)
            values = {
                "knee_fppa": _nanmax(*fppa),
                "knee_ankle_gap_ratio": math.hypot(*_sub(g("knee", 0), g("knee", 1))) / math.hypot(*stance),
                "foot_turn_out": _nanmean(*turn),
                "pelvis_tilt": math.degrees(math.atan2(-across[1], abs(across[0]))),
                "hip_shift": _dot(mid, stance) / _dot(stance, stance),
                "arm_elevation": _nanmean(*arms),
                "arm_symmetry": arms[0] - arms[1],
                "rearfoot_angle": _nanmax(*rear),
                **{name: _nanmax(*pair) for name, pair in offsets.items()},
            }
            for name, value in values.items():
                out.setdefault(name, []).append(value)
            for name, pair in (("knee_fppa", fppa), ("foot_turn_out", turn), *offsets.items()):
                for k in (0, 1):
                    sides.setdefault(name, ([], []))[k].append(pair[k])
        return out, sides, standing
    # side view: near side left (camera on the subject's left), facing from heel -> toe
    dx = [f[LM["toe"][k]][0] - f[LM["heel"][k]][0] for f in frames for k in (0, 1)]
    fwd = math.copysign(1.0, _median(dx))
    pitch0 = []
    for f in frames:
        foot = _sub(f[LM["toe"][0]], f[LM["heel"][0]])
        pitch0.append(math.degrees(math.atan2(foot[1], fwd * foot[0])))
    pitch_base = _median([p for p, s in zip(pitch0, standing) if s])
    for i, f in enumerate(frames):
        g = lambda part: f[LM[part][0]]  # noqa: E731
        trunk_v, shin_v = _sub(g("shoulder"), g("hip")), _sub(g("knee"), g("ankle"))
        trunk = math.degrees(math.atan2(fwd * trunk_v[0], -trunk_v[1]))
        shin = math.degrees(math.atan2(fwd * shin_v[0], -shin_v[1]))
        arm_v = _sub(g("elbow"), g("shoulder"))
        interior = 180.0 - _bend(g("shoulder"), g("hip"), g("knee"))
        values = {
            "trunk_angle": trunk,
            "shin_angle": shin,
            "trunk_shin_diff": trunk - shin,
            "knee_flexion": _bend(g("hip"), g("knee"), g("ankle")),
            "hip_flexion": 180.0 - interior,
            "arm_trunk_angle": math.degrees(math.atan2(fwd * _cross(trunk_v, arm_v), _dot(trunk_v, arm_v))),
            "trunk_thigh_angle": interior,
            "heel_toe_angle": pitch0[i] - pitch_base,
        }
        for name, value in values.items():
            out.setdefault(name, []).append(value)
    return out, sides, standing


def _time(fn, repeat: int = 5) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def naive_pipeline(points: np.ndarray, view: str, reps) -> tuple[dict, dict]:
    """The naive loop's whole job: per-frame metrics, then the per-rep screen."""
    values, sides, standing = naive_metrics(points, view)
    return values, naive_screen(values, sides, standing, values["hip_height"], reps, view)


def main(n_frames: int = 100_000) -> int:
    failures = 0
    for view in ("front", "side"):
        px, t = synthetic_clip(n_frames, view)
        unsmoothed = compute_kinematics(px, t, view, NO_SMOOTHING, REPS)
        metrics = _time(lambda: compute_kinematics(px, t, view, NO_SMOOTHING, REPS))
        screening = _time(lambda: screen_clip(unsmoothed, view))
        with_smoothing = _time(lambda: compute_kinematics(px, t, view, SmoothingSettings(), REPS))
        smoothing = max(with_smoothing - metrics, 0.0)

        # The naive loop runs on the first NAIVE_FRAMES frames; its time is scaled up.
        part = slice(0, min(NAIVE_FRAMES, n_frames))
        fast = compute_kinematics(px[part], t[part], view, NO_SMOOTHING, REPS)
        naive_time = _time(lambda: naive_pipeline(px[part], view, fast.reps), repeat=2) * n_frames / px[part].shape[0]
        naive_values, naive_checks = naive_pipeline(px[part], view, fast.reps)

        worst = 0.0
        for spec in metrics_for_view(view):
            a, b = np.asarray(naive_values[spec.name]), fast[spec.name].value
            if not np.array_equal(np.isnan(a), np.isnan(b)):
                print(f"  {spec.name}: NaN patterns differ")
                failures += 1
            worst = max(worst, float(np.nanmax(np.abs(a - b))))
        screen = {c.compensation: c for c in screen_clip(fast, view).checklist}
        disagree = [
            name
            for name, (status, flagged, total) in naive_checks.items()
            if screen[name].status != status
            or (status != "not_assessable" and (screen[name].reps_flagged, screen[name].reps_total) != (flagged, total))
        ]
        agree = worst < 1e-6 and not disagree
        failures += not agree
        seen = ", ".join(f"{n} {f}/{m}" for n, (s, f, m) in naive_checks.items() if s == "seen") or "none"
        vectorised = metrics + screening
        print(f"{view:5s} {n_frames:,} frames, {len(unsmoothed.reps)} reps")
        print(
            f"      vectorised: kinematics {metrics * 1e3:5.1f} ms + screening {screening * 1e3:5.1f} ms; "
            f"naive loop ~{naive_time:5.2f} s (timed on {px[part].shape[0]:,} frames, scaled)"
        )
        print(
            f"      agreement on those frames: metrics max |naive - vectorised| = {worst:.1e}; checklist "
            f"{'identical' if not disagree else 'DIFFERS: ' + ', '.join(disagree)} (seen: {seen}) "
            f"{'OK' if agree else 'MISMATCH'}"
        )
        print(f"      speed-up, same work (kinematics + screening): x{naive_time / vectorised:,.0f}   [target x50]")
        print(
            f"      landmark smoothing (one scipy filter, not a per-frame loop) adds {smoothing * 1e3:5.1f} ms: "
            f"x{(naive_time + smoothing) / (vectorised + smoothing):,.0f} with it on both sides, "
            f"x{naive_time / (vectorised + smoothing):,.0f} on ours only"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
