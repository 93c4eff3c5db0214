"""A clip's pose sequence as a database blob (compressed .npz, float32 landmarks).

Kept so a stored screen re-opens with its skeleton, plots and key frames without
running pose estimation again. About 1.5 MB per minute of 30 fps video (measured: an
11 s sample clip is 0.27 MB), so a three-view screen adds about 1 MB.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np

from ces_vision.storage.errors import StorageError
from ces_vision.types import PoseSequence

POSE_FORMAT = 1  # bump when the blob's layout changes; older formats stay readable


def encode_pose(pose: PoseSequence) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        image_xyz=np.asarray(pose.image_xyz, dtype=np.float32),
        visibility=np.asarray(pose.visibility, dtype=np.float32),
        world_xyz=np.asarray(pose.world_xyz, dtype=np.float32),
        timestamps_s=np.asarray(pose.timestamps_s, dtype=np.float64),
        size=np.array([pose.width, pose.height], dtype=np.int64),
    )
    return buffer.getvalue()


def decode_pose(blob: bytes, fmt: int) -> PoseSequence:
    if fmt != POSE_FORMAT:
        raise StorageError(f"the stored pose has format {fmt}, which this version cannot read")
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as data:
            return PoseSequence(
                image_xyz=data["image_xyz"].astype(float),
                visibility=data["visibility"].astype(float),
                world_xyz=data["world_xyz"].astype(float),
                timestamps_s=data["timestamps_s"].astype(float),
                width=int(data["size"][0]),
                height=int(data["size"][1]),
            )
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise StorageError(f"the stored pose could not be read ({exc})") from exc
