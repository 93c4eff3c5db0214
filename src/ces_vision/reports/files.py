"""Writing result files safely: a crash or a full disk never leaves half a file.

Every export goes to a temporary file beside its destination and is renamed into place
only when complete, so the destination is either the old file or the whole new one.
File-system failures become an `ExportError` whose message a coach can act on.
"""

from __future__ import annotations

import csv
import errno
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path
from typing import Any, overload

from ..kinematics.series import Kinematics
from ..private_files import make_private_dirs


class ExportError(OSError):
    """A result file could not be written; any earlier file at that path is unchanged."""


class ReportError(ValueError):
    """The records hold nothing this report can show (no screen yet, no program, the same
    screen twice); the message says what to do."""


def _export_error(exc: OSError, path: Path) -> ExportError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = "the disk is full; free some space and try again"
    elif isinstance(exc, PermissionError):
        reason = "permission denied (choose a folder you can write to)"
    else:
        reason = exc.strerror or str(exc)
    error = ExportError(f"could not write {path}: {reason} (nothing was changed at that path)")
    error.errno = exc.errno
    return error


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path` (same suffix) to write to; rename it into place on success.

    On any failure the temporary file is removed and `path` keeps its old content; an
    `OSError` is re-raised as `ExportError`.
    """
    path = Path(path)
    try:
        make_private_dirs(path.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix or ".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _export_error(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        raise _export_error(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, write: Callable, binary: bool = False) -> None:
    """Call write(file) on a temporary file beside `path`, then rename it into place."""
    with atomic_path(path) as tmp:
        if binary:
            with open(tmp, "wb") as handle:
                write(handle)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                write(handle)


def write_bytes(data: bytes, path: Path) -> None:
    atomic_write(path, lambda f: f.write(data), binary=True)


@overload
def json_safe(value: dict) -> dict[str, Any]: ...
@overload
def json_safe(value: list | tuple) -> list[Any]: ...
@overload
def json_safe(value: Any) -> Any: ...


def json_safe(value: Any) -> Any:
    """`value` with numpy scalars made plain and NaN/inf made None (JSON has no NaN)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


def write_json(data: dict, path: Path) -> None:
    atomic_write(path, lambda f: json.dump(json_safe(data), f, indent=2, allow_nan=False))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if math.isfinite(value) else ""
    return str(value)


def write_csv(kinematics: Kinematics, path: Path) -> None:
    """Per-frame table of every quantity; missing values are empty cells."""
    from ..kinematics import kinematics_table

    columns, data = kinematics_table(kinematics)

    def write(handle):
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in data:
            writer.writerow(["" if not math.isfinite(v) else f"{v:.6g}" for v in row])

    atomic_write(path, write)


REP_CSV_COLUMNS = (
    "view",
    "rep",
    "start_frame",
    "bottom_frame",
    "end_frame",
    "metric",
    "unit",
    "left",
    "right",
    "value",
)


def write_rep_csv(analyses: list[dict], path: Path) -> None:
    """Per-rep metrics of one or more analysis JSONs, one row per view, rep and metric.

    Reps are numbered from 1; missing values are empty cells.
    """

    def write(handle):
        writer = csv.writer(handle)
        writer.writerow(REP_CSV_COLUMNS)
        for analysis in analyses:
            reps = analysis.get("reps", [])
            for name, metric in analysis.get("metrics", {}).items():
                for index, values in enumerate(metric.get("per_rep", [])):
                    rep = reps[index] if index < len(reps) else {}
                    writer.writerow(
                        [
                            analysis.get("view", ""),
                            index + 1,
                            _cell(rep.get("start")),
                            _cell(rep.get("bottom")),
                            _cell(rep.get("end")),
                            name,
                            metric.get("unit", ""),
                            _cell(values.get("left")),
                            _cell(values.get("right")),
                            _cell(values.get("value")),
                        ]
                    )

    atomic_write(path, write)
