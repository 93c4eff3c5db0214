"""Fit the overhead squat thresholds on the clips tuned on: the wide set's `tuning_*` and
`heldout_*` splits and the overhead squats of `sample_videos/` (`scores.FITTED_ON`; never a
`test_*` clip).

    .venv/bin/python benchmarks/tune_thresholds.py sample_videos out/wide --cache out/accuracy-cache

Poses come from the cache `accuracy.py` fills; the kinematics of every clip fitted on
are computed once and only the screen is re-run per candidate. Coordinate descent over
`GRID`: for each threshold in turn, every candidate value is scored by
errors = m x missed + s x wrong side + f x false flags (`--miss-cost`, `--side-cost`,
`--false-flag-cost`; 1, 1, 1 by default, as the issue's targets weigh a miss and a false
flag, and as the values in thresholds.toml were fitted; 100, 10, 1 keeps every
compensation found and only then cuts false flags), and the middle of the best run of
values is kept (the widest margin on both sides). Two passes. Prints the values to copy
into `screening/thresholds.toml` and the score they reach on those clips: a TRAINING
score; the test split is scored once, afterwards, by `accuracy.py`. `--sweep` prints, per
threshold alone, what each candidate misses and flags (how separable those clips are).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
from evaluation import sample_videos
from scores import FITTED_ON, clip_outcome, score, split_of

from ces_vision.config import Settings, overlay
from ces_vision.screening import load_thresholds, screen_clip
from ces_vision.session import ScreenOptions, analyze_file

# threshold key -> candidate values (the unit of thresholds.toml)
GRID: dict[str, np.ndarray] = {
    "knee_offset_ratio": np.arange(0.05, 0.20, 0.01),
    "knee_gap_close_ratio": np.arange(0.05, 0.25, 0.01),
    "knee_fppa_in_deg": np.arange(6.0, 30.0, 1.0),
    "foot_turn_out_change_deg": np.arange(10.0, 60.0, 2.0),
    "foot_turn_out_abs_deg": np.arange(20.0, 80.0, 2.0),
    "trunk_shin_diff_deg": np.arange(5.0, 22.0, 0.5),
    "arm_trunk_change_deg": np.arange(6.0, 30.0, 1.0),
    "arm_trunk_abs_deg": np.arange(15.0, 60.0, 1.0),
    "heel_lift_ratio": np.arange(0.03, 0.16, 0.005),
    "hip_shift_ratio": np.arange(0.08, 0.40, 0.01),
}


def errors(clips, thresholds, cost: tuple[int, int, int] = (1, 1, 1)) -> tuple[int, object]:
    """The weighted errors of `thresholds` on `clips`, cost = (per miss, per wrong side, per false flag)."""
    outcomes = [
        clip_outcome(screen_clip(kin, truth.view, visibility=vis, thresholds=thresholds, points_px=px).to_json(), truth)
        for truth, kin, vis, px in clips
    ]
    s = score(outcomes)
    return cost[0] * (s.positives - s.found) + cost[1] * s.side_errors + cost[2] * s.false_positives, s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--miss-cost", type=int, default=1, help="errors one miss counts as")
    parser.add_argument("--side-cost", type=int, default=1, help="errors one finding on the wrong side counts as")
    parser.add_argument("--false-flag-cost", type=int, default=1, help="errors one false flag counts as")
    parser.add_argument("--sweep", action="store_true", help="only print each threshold's candidates, the rest as set")
    args = parser.parse_args()
    settings = overlay(Settings(), {"pose": {"model": "full"}})
    clips = []
    for truth in (t for folder in args.folders for t in sample_videos(folder)):
        if split_of(truth.video.stem) not in FITTED_ON or truth.assessment != "ohsa":
            continue
        cache = args.cache / f"{truth.video.stem}.full.pose.npz"
        analysis = analyze_file(truth.video, truth.view, settings, pose_cache=cache, options=ScreenOptions())
        clips.append((truth, analysis.kinematics, analysis.pose.visibility, analysis.pose.pixels()))
    print(f"{len(clips)} clips to fit on")
    thresholds = load_thresholds()
    cost = (args.miss_cost, args.side_cost, args.false_flag_cost)
    start, s = errors(clips, thresholds, cost)
    print(f"thresholds.toml: {start} errors, sensitivity {s.found}/{s.positives}, false flags {s.false_positives}")
    if args.sweep:
        sweep(clips, thresholds)
        return
    for _ in range(args.passes):
        for key, grid in GRID.items():
            scored = [(errors(clips, replace(thresholds, **{key: float(v)}), cost)[0], float(v)) for v in grid]
            best = min(e for e, _ in scored)
            run = _middle_of_best_run([v for e, v in scored], [e == best for e, _ in scored])
            thresholds = replace(thresholds, **{key: round(run, 4)})
            print(f"  {key:26s} -> {run:8.3f}   ({best} errors)")
    final, s = errors(clips, thresholds, cost)
    print(f"\ntuned: {final} errors on the clips fitted on (a training score)")
    print(f"sensitivity {s.found}/{s.positives}, false flags {s.false_positives} of {s.negatives} negatives")
    for line in s.misses + s.false_flags:
        print("  ", line)
    print("\n[thresholds to copy]")
    for key in GRID:
        print(f"{key} = {getattr(thresholds, key)}")


def sweep(clips, thresholds) -> None:
    """Per threshold alone (the others as set): what each candidate value misses and flags."""
    for key, grid in GRID.items():
        print(f"{key} (set: {getattr(thresholds, key)})")
        for value in grid:
            _, s = errors(clips, replace(thresholds, **{key: float(value)}))
            print(
                f"  {value:8.3f}  missed {s.positives - s.found:2d}  wrong side {s.side_errors:2d}  false flags {s.false_positives:2d}"
            )


def _middle_of_best_run(values: list[float], best: list[bool]) -> float:
    """The middle value of the longest run of consecutive best candidates."""
    runs, current = [], []
    for value, is_best in zip(values, best):
        if is_best:
            current.append(value)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    longest = max(runs, key=len)
    return longest[len(longest) // 2]


if __name__ == "__main__":
    main()
