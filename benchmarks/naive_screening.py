"""A naive screening loop (rep by rep, frame by frame, plain Python on lists): the
reference the vectorised engine (`ces_vision.screening.engine`) is timed and checked
against in `bench_kinematics.py`.

It reads the same rule records and thresholds and follows the engine's documented
semantics (phases, statistics, standing baselines, necessary rules, phases cut off by
the clip's edge, the set's min_reps / min_fraction), without visibility and without the
arms-overhead check (the benchmark's skeleton holds its arms overhead).
"""

from __future__ import annotations

import math

from ces_vision.screening.rules import CHECKPOINTS, not_assessable_reason, rules_for
from ces_vision.screening.thresholds import default_thresholds


def _median(values):
    values = sorted(v for v in values if v == v)
    n = len(values)
    if not n:
        return math.nan
    return values[n // 2] if n % 2 else 0.5 * (values[n // 2 - 1] + values[n // 2])


def _units(rule, values, sides, standing):
    """(side, series) pairs of a rule: sign applied, standing median removed."""
    if rule.sides == "each":
        raw = [("left", sides[rule.metric][0]), ("right", sides[rule.metric][1])]
    else:
        raw = [(None, values[rule.metric])]
    units = []
    for side, series in raw:
        series = [v * rule.sign for v in series]
        if rule.baseline:
            base = _median([v for v, s in zip(series, standing) if s])
            series = [v - base for v in series]
        units.append((side, series))
    return units


def _drop(rep, hip):
    """Per frame of the rep: 0 standing .. 1 lowest, from hip height (else time)."""
    start, bottom, end = rep.start, rep.bottom, rep.end
    by_time = []
    for f in range(start, end + 1):
        if f <= bottom:
            by_time.append(min(1.0, max(0.0, (f - start) / max(bottom - start, 1))))
        else:
            by_time.append(min(1.0, max(0.0, (end - f) / max(end - bottom, 1))))
    heights = [hip[f] for f in range(start, end + 1)]
    finite = [h for h in heights if h == h]
    if len(finite) < 2 or max(finite) - min(finite) <= 0:
        return by_time
    top, low = max(finite), min(finite)
    return [(top - h) / (top - low) if h == h else t for h, t in zip(heights, by_time)]


def _phase(rep, phase, hip, th):
    frames = list(range(rep.start, rep.end + 1))
    if phase == "rep":
        return frames
    if phase == "descent":
        return list(range(rep.start, rep.bottom + 1))
    drop = _drop(rep, hip)
    if phase == "mid_descent":
        chosen = [f for f, d in zip(frames, drop) if f <= rep.bottom and th.mid_descent_from <= d <= th.mid_descent_to]
    else:
        chosen = [f for f, d in zip(frames, drop) if d >= th.bottom_from]
    if chosen:
        return chosen
    return [] if not (rep.starts_standing and rep.ends_standing) else [rep.bottom]  # cut off: not filmed


def _statistic(values, statistic, min_fraction):
    finite = [v for v in values if v == v]
    if not finite or len(finite) < math.ceil(min_fraction * len(values)):  # also an empty (cut) phase
        return math.nan
    if statistic == "max":
        return max(finite)
    if statistic == "min":
        return min(finite)
    return max(finite, key=abs)


def _judge(rule, units, frames, th):
    """(measurable, flagged) of one rule in one rep."""
    threshold = getattr(th, rule.threshold_key)
    stats = [_statistic([series[f] for f in frames], rule.statistic, th.min_valid_fraction) for _, series in units]
    stats = [s for s in stats if s == s]
    if not stats:
        return False, False
    if rule.statistic == "absmax":
        worst = abs(max(stats, key=abs))
    else:
        worst = max(stats) if rule.comparison == ">" else min(stats)
    return True, worst > threshold if rule.comparison == ">" else worst < threshold


def naive_screen(values, sides, standing, hip, reps, view):
    """{compensation: (status, reps_flagged, reps_measurable)} for the OHSA in `view`.

    values: metric -> per-frame list (combined value); sides: metric -> (left, right)
    lists for the metrics judged per side; standing: per-frame bools; hip: hip_height.
    """
    th = default_thresholds()
    results = {}
    for compensation in CHECKPOINTS[("ohsa", view)]:
        if not_assessable_reason("ohsa", view, compensation, None) is not None or not reps:
            results[compensation] = ("not_assessable", 0, 0)
            continue
        judged = []
        for rule in rules_for("ohsa", view, compensation):
            units = _units(rule, values, sides, standing)
            judged.append((rule.necessary, [_judge(rule, units, _phase(rep, rule.phase, hip, th), th) for rep in reps]))
        n_meas = n_flag = 0
        for i in range(len(reps)):
            required = [r[i] for necessary, r in judged if necessary]
            sufficient = [r[i] for necessary, r in judged if not necessary]
            measurable = any(m for m, _ in sufficient) and all(m for m, _ in required)
            flagged = measurable and any(m and f for m, f in sufficient) and all(f for _, f in required)
            n_meas += measurable
            n_flag += flagged
        if n_meas == 0:
            results[compensation] = ("not_assessable", 0, 0)
        else:
            seen = n_flag >= min(th.min_reps, n_meas) and n_flag / n_meas >= th.min_fraction
            results[compensation] = ("seen" if seen else "not_seen", n_flag, n_meas)
    return results
