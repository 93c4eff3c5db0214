"""Damaged inputs for the fault tests, made at run time from the bundled sample videos."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import: the app test needs no display

import pytest

from ces_vision.storage import encrypted_backup

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "session"))  # synthetic_clip

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
DAMAGE_BYTES = 5 * 1024
SHIPPED_SCRYPT_LOG2_N = encrypted_backup.SCRYPT_LOG2_N


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch):
    """Backups sealed at the least scrypt cost a backup may name (2^10, not 2^15: ~0.1 s
    less per seal and per open). Each backup's header carries its cost and opening reads it
    there, so sealing and opening run as shipped; test_privacy seals one at the shipped cost
    (this fixture's value)."""
    monkeypatch.setattr(encrypted_backup, "SCRYPT_LOG2_N", 10)
    return SHIPPED_SCRYPT_LOG2_N


def overwrite_middle(source: Path, out: Path, n_bytes: int = DAMAGE_BYTES, seed: int = 16) -> Path:
    """A copy of `source` with `n_bytes` of random bytes written over its middle."""
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    data[middle : middle + n_bytes] = random.Random(seed).randbytes(n_bytes)
    out.write_bytes(bytes(data))
    return out


def truncate(source: Path, out: Path, fraction: float) -> Path:
    """The first `fraction` of the bytes of `source`, as a download cut short leaves it."""
    data = source.read_bytes()
    out.write_bytes(data[: int(len(data) * fraction)])
    return out


@pytest.fixture
def corrupt_front_clip(tmp_path) -> Path:
    """front_clean.mp4 (330 frames) with 5 KB overwritten in the middle."""
    return overwrite_middle(SAMPLES / "front_clean.mp4", tmp_path / "front_corrupt.mp4")


@pytest.fixture
def truncated_side_clip(tmp_path) -> Path:
    """The first 30% of side_forward_lean.mp4: about 54 of its 252 frames, no whole rep."""
    return truncate(SAMPLES / "side_forward_lean.mp4", tmp_path / "side_truncated.mp4", 0.3)
