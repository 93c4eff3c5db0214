"""Writing result files safely: a crash or a full disk never leaves half a file."""

from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from pathlib import Path

from ..kinematics import Kinematics, kinematics_table


def atomic_write(path: Path, write) -> None:
    """Call write(file) on a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def json_safe(value):
    """`value` with numpy scalars made plain and NaN/inf made None (JSON has no NaN)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json(data: dict, path: Path) -> None:
    atomic_write(path, lambda f: json.dump(json_safe(data), f, indent=2, allow_nan=False))


def write_csv(kinematics: Kinematics, path: Path) -> None:
    """Per-frame table of every quantity; missing values are empty cells."""
    columns, data = kinematics_table(kinematics)

    def write(handle):
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in data:
            writer.writerow(["" if not math.isfinite(v) else f"{v:.6g}" for v in row])

    atomic_write(path, write)
