"""Pose results cached beside an analysis, so re-screening never re-runs inference.

The cache is one .npz holding the PoseSequence plus a key: the cache format version,
the video's identity (size, modification time, sha256 of its first and last MiB) and
every pose setting. Any mismatch means the cache is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from ..capture import LostSpan
from ..config import PoseSettings
from ..private_files import make_private_dirs
from ..types import PoseSequence

# Bump when the pose backend changes what it returns for the same video and settings
# (2: one person followed with num_poses=1 instead of picked among two; 3: decoding goes
# on past damaged packets, lost frames keep empty rows and are listed in `lost`).
CACHE_SCHEMA_VERSION = 3
_CHUNK = 1 << 20


def video_identity(path: Path) -> dict:
    stat = path.stat()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        digest.update(handle.read(_CHUNK))
        if stat.st_size > 2 * _CHUNK:
            handle.seek(-_CHUNK, os.SEEK_END)
        digest.update(handle.read(_CHUNK))
    return {"bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256_ends": digest.hexdigest()}


def cache_key(video: Path, settings: PoseSettings) -> str:
    key = {"schema_version": CACHE_SCHEMA_VERSION, "video": video_identity(video), "pose": dataclasses.asdict(settings)}
    return json.dumps(key, sort_keys=True)


def load(cache: Path, video: Path, settings: PoseSettings) -> tuple[PoseSequence, int, tuple[LostSpan, ...]] | None:
    """The cached poses of `video`, its count of frames with several people and its
    stretches of lost frames, or None when absent, stale or unreadable."""
    try:
        with np.load(cache, allow_pickle=False) as data:
            if str(data["key"]) != cache_key(video, settings):
                return None
            pose = PoseSequence(
                image_xyz=data["image_xyz"],
                visibility=data["visibility"],
                world_xyz=data["world_xyz"],
                timestamps_s=data["timestamps_s"],
                width=int(data["size"][0]),
                height=int(data["size"][1]),
            )
            lost = tuple(LostSpan(int(a), int(b), float(t0), float(t1)) for a, b, t0, t1 in data["lost"])
            return pose, int(data["several"]), lost
    except (OSError, KeyError, ValueError):
        return None


def save(
    cache: Path, video: Path, settings: PoseSettings, pose: PoseSequence, several: int, lost: tuple[LostSpan, ...] = ()
) -> None:
    """Write atomically: a crash leaves the old cache or none, never half of one."""
    make_private_dirs(cache.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", suffix=".npz", dir=cache.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez_compressed(
                handle,
                key=np.array(cache_key(video, settings)),
                image_xyz=pose.image_xyz,
                visibility=pose.visibility,
                world_xyz=pose.world_xyz,
                timestamps_s=pose.timestamps_s,
                size=np.array([pose.width, pose.height]),
                several=np.array(several),
                lost=np.array([(s.first, s.last, s.start_s, s.end_s) for s in lost], dtype=float).reshape(-1, 4),
            )
        os.replace(tmp, cache)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_path_for(output: Path) -> Path:
    """Where the pose cache of an analysis written to `output` lives."""
    return output.with_name(output.stem + ".pose.npz")
