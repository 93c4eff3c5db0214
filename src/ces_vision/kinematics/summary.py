"""Per-rep summaries (analysis JSON) and the per-frame table (CSV) of a Kinematics."""

from __future__ import annotations

import numpy as np

from .series import Kinematics


def _reduce(values: np.ndarray, how: str) -> float | None:
    """max / min / absmax (signed value of largest magnitude) of the finite values."""
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    if how == "max":
        return float(values.max())
    if how == "min":
        return float(values.min())
    if how == "absmax":
        return float(values[np.argmax(np.abs(values))])
    raise ValueError(f"unknown rep summary {how!r}")


def summarise_reps(kin: Kinematics) -> dict[str, dict]:
    """{"<metric>": {"unit": str, "per_rep": [{"left", "right", "value"}]}}.

    Each rep is summarised over its frames start..end inclusive with the metric's
    `rep_summary`; None where nothing was measurable (and for left/right of a metric
    that is not bilateral).
    """
    summary = {}
    for name, series in kin.series.items():
        how = series.spec.rep_summary
        per_rep = []
        for rep in kin.reps:
            frames = slice(rep.start, rep.end + 1)
            bilateral = series.spec.bilateral
            per_rep.append(
                {
                    "left": _reduce(series.left[frames], how) if bilateral else None,
                    "right": _reduce(series.right[frames], how) if bilateral else None,
                    "value": _reduce(series.value[frames], how),
                }
            )
        summary[name] = {"unit": series.spec.unit, "per_rep": per_rep}
    return summary


def kinematics_table(kin: Kinematics) -> tuple[list[str], np.ndarray]:
    """Per-frame table: columns "frame", "time_s", then per metric `<name>_left`,
    `<name>_right`, `<name>` (bilateral) or `<name>`. data is (T, C) float, NaN missing."""
    n_frames = kin.timestamps_s.shape[0]
    columns = ["frame", "time_s"]
    data = [np.arange(n_frames, dtype=float), kin.timestamps_s.astype(float)]
    for name, series in kin.series.items():
        if series.spec.bilateral:
            columns += [f"{name}_left", f"{name}_right"]
            data += [series.left, series.right]
        columns.append(name)
        data.append(series.value)
    return columns, np.column_stack(data) if data else np.zeros((n_frames, 0))
