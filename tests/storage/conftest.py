"""Fixtures for storage tests: real SQLite files in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from ces_vision.storage import Database


def _ohsa_results(knees_in_left: float | None = None, score: float = 0.5) -> dict:
    findings = []
    if knees_in_left is not None:
        findings.append({"compensation": "knees_in", "side": "left", "value": knees_in_left, "present": True})
    return {"schema_version": 1, "assessment": "ohsa", "findings": findings, "score": score}


@pytest.fixture
def ohsa_results() -> Callable[..., dict]:
    """Make a minimal analysis JSON as the screening pipeline writes it."""
    return _ohsa_results


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ces-vision.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    with Database.open(db_path) as database:
        yield database


@pytest.fixture
def video(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "front.MP4"
    path.parent.mkdir()
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64)
    return path


@pytest.fixture
def day() -> date:
    return date(2024, 3, 4)
