"""Screen scores against ground truth: sensitivity, specificity, false flags per clean
clip and side errors, per split of a rendered set (issue 11).

Per clip and checklist compensation of its view:
- a positive is an injected compensation the truth expects flagged; found = true
  positive, declared not assessable = counted as missed (the coach gets no flag) and
  also reported apart, else a false negative;
- a negative is every other compensation on the view's checklist (an injected
  sub-threshold size included: a clean squat shows that much); flagged = false positive;
- a clean clip is one with nothing to flag (clean or sub-threshold only): its flags are
  the "false flags per clean clip" a coach sees;
- a side error is a true positive reported on the wrong side (the subject's sides); a
  finding the screen gives no side (forward lean, arms fall forward: seen on the whole
  body from the side) is not side-checked.
Low back and foot-arch compensations (`HARD`) have no landmark of their own in
BlazePose; their positives are scored apart so they neither hide in nor sink the totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

HARD = frozenset({"low_back_rounds", "low_back_arches", "feet_flatten"})


@dataclass(frozen=True)
class ClipOutcome:
    name: str
    split: str
    view: str
    expected: dict[str, str | None]  # compensation -> true side, must be flagged
    judged: frozenset[str]  # compensations on the view's checklist
    found: dict[str, str | None]  # compensation -> side reported
    not_assessable: frozenset[str]

    @property
    def clean(self) -> bool:
        return not self.expected


# The wide set's splits, the one that counts first. `test` is never tuned on and scored
# once; `heldout` was that split until stop 23, when its misses had been read clip by
# clip: it has been tuned on since (benchmarks/tune_thresholds.py), so its score is a
# training score too.
SPLITS = ("test", "heldout", "tuning", "samples")
SPLIT_LABELS = {
    "test": "**test** (never tuned on, scored once)",
    "heldout": "held-out (tuned on since stop 24: a training score)",
    "tuning": "tuning (a training score)",
    "samples": "other clips (tuned on: a training score)",
}
FITTED_ON = tuple(s for s in SPLITS if s != "test")  # the splits tune_thresholds.py may fit on


def split_of(name: str) -> str:
    """The split a clip belongs to, from its name (`test_03_...`, `tuning_07_...`)."""
    head = name.split("_", 1)[0]
    return head if head in SPLITS else "samples"


def clip_outcome(result: dict, truth) -> ClipOutcome:
    """Outcome of one analysis JSON (`Analysis.to_json()`) against its ground truth."""
    sides = {i["compensation"]: i["side"] for i in truth.info["injected"]}
    found = {f["compensation"]: f.get("side") for f in result["findings"]}
    return ClipOutcome(
        name=truth.video.stem,
        split=split_of(truth.video.stem),
        view=truth.view,
        expected={c: sides.get(c) for c in truth.expected_findings},
        judged=frozenset(item["compensation"] for item in result["checklist"]),
        found=found,
        not_assessable=frozenset(result["not_assessable"]),
    )


@dataclass
class Score:
    clips: int = 0
    positives: int = 0
    found: int = 0
    not_assessable: int = 0  # positives declared not assessable (counted as missed)
    negatives: int = 0
    false_positives: int = 0
    clean_clips: int = 0
    clean_flags: int = 0
    side_checked: int = 0
    side_errors: int = 0
    misses: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)

    @property
    def sensitivity(self) -> float:
        return self.found / self.positives if self.positives else float("nan")

    @property
    def specificity(self) -> float:
        return 1 - self.false_positives / self.negatives if self.negatives else float("nan")

    @property
    def flags_per_20_clean(self) -> float:
        return 20 * self.clean_flags / self.clean_clips if self.clean_clips else float("nan")


def score(outcomes: Iterable[ClipOutcome], hard: bool = False) -> Score:
    """Scores over clips; hard=True scores only the positives of the `HARD` compensations."""
    s = Score()
    for clip in outcomes:
        s.clips += 1
        for comp, true_side in clip.expected.items():
            if (comp in HARD) != hard:
                continue
            s.positives += 1
            if comp in clip.found:
                s.found += 1
                if true_side is not None and clip.found[comp] is not None:
                    s.side_checked += 1
                    if clip.found[comp] != true_side:
                        s.side_errors += 1
                        s.misses.append(f"{clip.name}: {comp} on the {clip.found[comp]} side, truth {true_side}")
            else:
                s.not_assessable += comp in clip.not_assessable
                why = "not assessable" if comp in clip.not_assessable else "missed"
                s.misses.append(f"{clip.name}: {comp} {why}")
        if hard:
            continue
        for comp in clip.judged - clip.expected.keys():
            s.negatives += 1
            if comp in clip.found:
                s.false_positives += 1
                s.false_flags.append(f"{clip.name}: {comp} ({clip.found[comp] or 'no side'})")
        if clip.clean:
            s.clean_clips += 1
            s.clean_flags += len(clip.found)
    return s


def score_table(outcomes: list[ClipOutcome]) -> list[str]:
    """Markdown rows of the scores per split (the test split first: the figure that counts)."""
    lines = [
        "| split | clips | sensitivity | specificity | false flags per 20 clean clips | side errors | hard cases found |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        clips = [c for c in outcomes if c.split == split]
        if not clips:
            continue
        s, h = score(clips), score(clips, hard=True)
        lines.append(
            f"| {SPLIT_LABELS[split]} | {s.clips} | {s.found}/{s.positives} = {s.sensitivity:.2f}"
            f"{f' ({s.not_assessable} not assessable)' if s.not_assessable else ''} "
            f"| {s.negatives - s.false_positives}/{s.negatives} = {s.specificity:.3f} "
            f"| {s.clean_flags} on {s.clean_clips} = {s.flags_per_20_clean:.1f} "
            f"| {s.side_errors} of {s.side_checked} | {h.found} of {h.positives} |"
        )
    return lines
