"""Export of everything stored about one client, as JSON-ready data (data portability)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from ces_vision.document_versions import EXPORT_KIND as EXPORT_FORMAT
from ces_vision.document_versions import EXPORT_VERSION
from ces_vision.storage._codec import jsonable, now_text

if TYPE_CHECKING:
    from ces_vision.storage.database import Database


def client_export(db: Database, client_id: int) -> dict[str, Any]:
    """The client, their screens (with clips and poses), programs and sessions; call inside a
    read transaction."""
    client = db.clients.get(client_id)
    return {
        "kind": EXPORT_FORMAT,
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_VERSION,
        "database_schema_version": db.schema_version,
        "exported_at": now_text(),
        "client": _plain(client),
        "screens": [_screen(db, screen) for screen in db.screens.list_for_client(client_id)],
        "programs": [_plain(program) for program in db.programs.list_for_client(client_id)],
        "sessions": [_plain(entry) for entry in db.sessions.list_for_client(client_id)],
    }


def _screen(db: Database, screen: Any) -> dict[str, Any]:
    """A screen with each clip's stored pose (landmark lists, NaN as null), if any."""
    out = _plain(screen)
    for clip, clip_out in zip(screen.clips, out["clips"]):
        pose = db.screens.pose(clip.id)
        clip_out["pose"] = (
            None
            if pose is None
            else {
                "width": pose.width,
                "height": pose.height,
                "timestamps_s": _numbers(pose.timestamps_s),
                "image_xyz": _numbers(pose.image_xyz),  # x, y in image fractions; z relative depth
                "visibility": _numbers(pose.visibility),
                "world_xyz": _numbers(pose.world_xyz),  # metres, hip-centred
            }
        )
    return out


def _numbers(values: np.ndarray) -> list:
    """Nested lists of floats rounded to 1e-6 (below a pixel), NaN as None."""
    rounded = np.round(np.asarray(values, dtype=float), 6).astype(object)
    rounded[np.isnan(np.asarray(values, dtype=float))] = None
    return rounded.tolist()


def _plain(record: Any) -> Any:
    return jsonable(dataclasses.asdict(record))
