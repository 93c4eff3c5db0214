"""Accuracy of the whole pipeline against the exact ground truth of rendered clips.

    .venv/bin/python benchmarks/accuracy.py [FOLDER ...] [--model full] [--cache DIR]

For every clip with NAME.truth.json/.npz (sample_videos/ by default, or any folder the
generator in tools/synth wrote), runs the real pipeline and prints: detection rate,
error of each quantity per view (median and 90th percentile over the frames inside
reps, pooled over clips), rep-count correctness, and per-compensation true / false
positives of the screen. Pose results are cached (--cache) so re-running after a
threshold change costs seconds.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np

from ces_vision.config import Settings, overlay
from ces_vision.evaluation import metric_diffs, rep_match, sample_videos, summarise_errors
from ces_vision.session import analyze_file

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "sample_videos"])
    parser.add_argument("--model", default="full")
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "accuracy-cache")
    args = parser.parse_args()
    settings = overlay(Settings(), {"pose": {"model": args.model}})

    errors = defaultdict(list)  # (view, metric, part) -> per-frame absolute errors
    outcomes = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "na": 0})
    print(f"{'clip':34s} {'view':5s} {'pose':>6s} {'reps':>9s}  findings (expected -> found)")
    for truth in (t for folder in args.folders for t in sample_videos(folder)):
        cache = args.cache / f"{truth.video.stem}.{args.model}.pose.npz"
        analysis = analyze_file(truth.video, truth.view, settings, pose_cache=cache)
        kin = analysis.kinematics
        for (name, part), diff in metric_diffs(kin, truth).items():
            errors[(truth.view, name, part)].append(diff)
        same_count, worst = rep_match([{"bottom": r.bottom} for r in kin.reps], truth)
        result = analysis.to_json()
        found = {f["compensation"] for f in result["findings"]}
        # injected but declared not assessable from this view: counted apart, not as misses
        unassessable = truth.expected_findings & set(result["not_assessable"])
        expected = truth.expected_findings - unassessable
        for comp in unassessable:
            outcomes[comp]["na"] += 1
        for comp in found | expected:
            key = "tp" if comp in found and comp in expected else ("fp" if comp in found else "fn")
            outcomes[comp][key] += 1
        detection = analysis.frames_with_pose / max(1, analysis.pose.n_frames)
        reps = f"{len(kin.reps)}/{len(truth.reps)}{'' if same_count else ' !'}"
        mark = "" if found == expected else "   <-- differs"
        na = f"  (not assessable: {', '.join(sorted(unassessable))})" if unassessable else ""
        print(f"{truth.video.name:34s} {truth.view:5s} {detection:6.1%} {reps:>9s}  "
              f"{sorted(expected) or '-'} -> {sorted(found) or '-'}{mark}{na}")

    print("\nerror against ground truth, frames inside reps (pooled over clips)")
    print(f"{'view':5s} {'metric':22s} {'part':5s} {'frames':>7s} {'median':>8s} {'p90':>8s}")
    for (view, name, part), items in sorted(errors.items()):
        pooled = np.concatenate(items)
        median, p90 = summarise_errors(pooled)
        print(f"{view:5s} {name:22s} {part:5s} {pooled.size:7d} {median:8.3f} {p90:8.3f}")

    print("\nscreen outcome per compensation (clips)")
    print(f"{'compensation':26s} {'TP':>3s} {'FP':>3s} {'FN':>3s} {'NA':>3s}  (NA: injected, declared not assessable)")
    for comp, o in sorted(outcomes.items()):
        print(f"{comp:26s} {o['tp']:3d} {o['fp']:3d} {o['fn']:3d} {o['na']:3d}")


if __name__ == "__main__":
    main()
