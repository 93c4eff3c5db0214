"""Accuracy of the whole pipeline against the exact ground truth of rendered clips.

    .venv/bin/python benchmarks/accuracy.py [FOLDER ...] [--model full] [--cache DIR]

For every clip with NAME.truth.json/.npz (sample_videos/ by default, or any folder the
generator in tools/synth wrote), runs the real pipeline and prints: detection rate,
error of each quantity per view (median and 90th percentile over the frames inside
reps, pooled over clips), rep-count correctness, and per-compensation true / false
positives of the screen; then the same for 1-rep clips cut from every true rep (whole,
started half way down, stopped half way up: `benchmarks/evaluation.py`, `one_rep_cuts`), judged on the
poses of the whole clip cut to those frames (overhead squats only: a push / pull set needs
several reps). Push / pull clips (truth `movement`) are screened as that assessment. Last,
the screen's sensitivity, specificity, false flags per clean clip and side errors per
split (`scores.py`; the wide set's clips are named `tuning_*` / `heldout_*` / `test_*`). Pose
results are cached (--cache) so re-running after a threshold change costs seconds.

    .venv/bin/python benchmarks/accuracy.py out/wide --cache out/accuracy-cache    # the wide set
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np
from evaluation import metric_diffs, one_rep_cuts, rep_match, sample_videos, summarise_errors
from scores import SPLITS, ClipOutcome, clip_outcome, score, score_table

from ces_vision.config import Settings, overlay
from ces_vision.screening import CHECKPOINTS
from ces_vision.session import AnalysisError, ScreenOptions, analyze_file, analyze_pose

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
    single = defaultdict(lambda: {"clips": 0, "rep": 0, "exact": 0, "tp": 0, "fp": 0, "fn": 0, "na": 0})
    single_misses = []
    clip_outcomes: list[ClipOutcome] = []
    print(f"{'clip':34s} {'view':5s} {'pose':>6s} {'reps':>9s}  findings (expected -> found)")
    for truth in (t for folder in args.folders for t in sample_videos(folder)):
        cache = args.cache / f"{truth.video.stem}.{args.model}.pose.npz"
        try:
            analysis = analyze_file(
                truth.video, truth.view, settings, pose_cache=cache, options=ScreenOptions(truth.assessment)
            )
        except AnalysisError as error:
            # what the app tells the coach instead of a screen: every expected finding is missed
            clip_outcomes.append(refused_outcome(truth))
            for comp in truth.expected_findings:
                outcomes[comp]["na"] += 1
            print(f"{truth.video.name:34s} {truth.view:5s}  not analysed: {error}")
            continue
        kin = analysis.kinematics
        for (name, part), diff in metric_diffs(kin, truth).items():
            errors[(truth.view, name, part)].append(diff)
        same_count, worst = rep_match([{"bottom": r.bottom} for r in kin.reps], truth)
        result = analysis.to_json()
        clip_outcomes.append(clip_outcome(result, truth))
        found, expected, unassessable = screen_outcome(result, truth)
        for comp in unassessable:
            outcomes[comp]["na"] += 1
        for comp in found | expected:
            outcomes[comp][outcome_key(comp, found, expected)] += 1
        # a push / pull set needs several reps (press_min_reps): its 1-rep cuts are not screens
        for number, rep in enumerate(truth.reps if truth.assessment == "ohsa" else (), 1):
            for cut, (first, stop, part) in one_rep_cuts(rep, analysis.pose.n_frames).items():
                one = analyze_pose(analysis.pose.cut(first, stop), analysis.source, truth.view, settings).to_json()
                one_found, one_expected, one_na = screen_outcome(one, truth)
                row = single[cut]
                row["clips"] += 1
                row["rep"] += [r["part"] for r in one["reps"]] == [part]
                row["exact"] += one_found == one_expected
                row["na"] += len(one_na)
                for comp in one_found | one_expected:
                    row[outcome_key(comp, one_found, one_expected)] += 1
                if one_found != one_expected:
                    single_misses.append(
                        f"{truth.video.stem} rep {number} {cut}: "
                        f"{sorted(one_expected) or '-'} -> {sorted(one_found) or '-'}"
                    )
        detection = analysis.frames_with_pose / max(1, analysis.pose.n_frames)
        reps = f"{len(kin.reps)}/{len(truth.reps)}{'' if same_count else ' !'}"
        mark = "" if found == expected else "   <-- differs"
        na = f"  (not assessable: {', '.join(sorted(unassessable))})" if unassessable else ""
        print(
            f"{truth.video.name:34s} {truth.view:5s} {detection:6.1%} {reps:>9s}  "
            f"{sorted(expected) or '-'} -> {sorted(found) or '-'}{mark}{na}"
        )

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

    print("\n1-rep clips cut from every true rep (poses of the whole clip, cut)")
    print(f"{'cut':11s} {'clips':>5s} {'rep ok':>6s} {'exact':>5s} {'TP':>3s} {'FP':>3s} {'FN':>3s} {'NA':>3s}")
    for cut, o in single.items():
        print(
            f"{cut:11s} {o['clips']:5d} {o['rep']:6d} {o['exact']:5d} {o['tp']:3d} {o['fp']:3d} {o['fn']:3d} {o['na']:3d}"
        )
    for miss in single_misses:
        print(f"  differs: {miss}")

    print("\nscreen scores per split (positives: clip x compensation the truth expects flagged)")
    print("\n".join(score_table(clip_outcomes)))
    for split in SPLITS:
        clips = [c for c in clip_outcomes if c.split == split]
        for line in score(clips).misses + score(clips, hard=True).misses:
            print(f"  {split} miss: {line}")
        for line in score(clips).false_flags:
            print(f"  {split} false flag: {line}")


def screen_outcome(result: dict, truth) -> tuple[set, set, set]:
    """(found, expected, injected but declared not assessable from this view): the last
    are counted apart, not as misses."""
    found = {f["compensation"] for f in result["findings"]}
    unassessable = truth.expected_findings & set(result["not_assessable"])
    return found, truth.expected_findings - unassessable, unassessable


def refused_outcome(truth) -> ClipOutcome:
    """The outcome of a clip the analysis refused: nothing found, every checkpoint not assessable."""
    judged = frozenset(CHECKPOINTS[(truth.assessment, truth.view)])
    result = {"findings": [], "checklist": [{"compensation": c} for c in judged], "not_assessable": sorted(judged)}
    return clip_outcome(result, truth)


def outcome_key(comp: str, found: set, expected: set) -> str:
    return "tp" if comp in found and comp in expected else ("fp" if comp in found else "fn")


if __name__ == "__main__":
    main()
