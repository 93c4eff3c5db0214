"""Registry of the pose model bundles shipped in models/.

Models are found by name, checked against the sha256 recorded in
models/checksums.json, and never downloaded: a missing or damaged bundle is an error
that names the file and says how to rebuild it.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from ..types import MODEL_NAMES

# The repository's models/ folder; CES_VISION_MODELS points elsewhere (packaged installs).
_DEFAULT_DIR = Path(__file__).resolve().parents[3] / "models"


class ModelError(Exception):
    """A pose model bundle is missing, damaged or unknown."""


def models_dir() -> Path:
    return Path(os.environ.get("CES_VISION_MODELS", _DEFAULT_DIR))


def _rebuild_hint() -> str:
    return "restore it from the repository (git checkout models/) or rebuild it with tools/build_models.py"


@cache
def _verified(path: Path, size: int, mtime_ns: int, expected: str) -> bool:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest == expected


def model_path(name: str) -> Path:
    """Path of the verified bundle for model `name` ("lite", "full" or "heavy")."""
    if name not in MODEL_NAMES:
        raise ModelError(f"unknown pose model '{name}'; choose one of {', '.join(MODEL_NAMES)}")
    folder = models_dir()
    path = folder / f"pose_landmarker_{name}.task"
    if not path.is_file():
        raise ModelError(f"pose model file missing: {path}; {_rebuild_hint()}")
    try:
        checksums = json.loads((folder / "checksums.json").read_text())
        expected = checksums[path.name]["sha256"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot read the checksum of {path.name} in {folder / 'checksums.json'}: {exc}") from exc
    stat = path.stat()
    if not _verified(path, stat.st_size, stat.st_mtime_ns, expected):
        raise ModelError(f"pose model file damaged (sha256 mismatch): {path}; {_rebuild_hint()}")
    return path
