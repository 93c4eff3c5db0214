"""Export of everything stored about one client, as JSON-ready data (data portability)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ces_vision.storage._codec import jsonable, now_text

if TYPE_CHECKING:
    from ces_vision.storage.database import Database

EXPORT_FORMAT = "ces-vision-client-export"
EXPORT_VERSION = 1


def client_export(db: Database, client_id: int) -> dict[str, Any]:
    """The client, their screens (with clips), programs and sessions; call inside a read transaction."""
    client = db.clients.get(client_id)
    return {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_VERSION,
        "database_schema_version": db.schema_version,
        "exported_at": now_text(),
        "client": _plain(client),
        "screens": [_plain(screen) for screen in db.screens.list_for_client(client_id)],
        "programs": [_plain(program) for program in db.programs.list_for_client(client_id)],
        "sessions": [_plain(entry) for entry in db.sessions.list_for_client(client_id)],
    }


def _plain(record: Any) -> Any:
    return jsonable(dataclasses.asdict(record))
