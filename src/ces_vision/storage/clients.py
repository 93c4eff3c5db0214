"""Clients: who is coached, their goals, pain and injury history, and video consent."""

from __future__ import annotations

import builtins
import sqlite3
from typing import TYPE_CHECKING, Any

from ces_vision.storage._codec import now_text, timestamp
from ces_vision.storage.errors import InvalidRecord, NotFoundError
from ces_vision.storage.records import Client

if TYPE_CHECKING:
    from ces_vision.storage.database import Database

_TEXT_FIELDS = ("name", "contact", "goals", "injury_history", "notes")
_FLAG_FIELDS = ("pain_reported", "video_consent")
_COLUMNS = (
    "id, name, contact, goals, pain_reported, injury_history, notes, video_consent, created_at, updated_at, "
    "(SELECT count(*) FROM inbox_files JOIN screens ON screens.id = inbox_files.screen_id"
    " WHERE screens.client_id = clients.id AND NOT inbox_files.reviewed)"
)


class ClientRepository:
    """Add, change, find and list clients. Reached as `Database.clients`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        name: str,
        *,
        contact: str = "",
        goals: str = "",
        pain_reported: bool = False,
        injury_history: str = "",
        notes: str = "",
        video_consent: bool = False,
    ) -> Client:
        """Store a new client and return it."""
        values = _checked(
            name=name,
            contact=contact,
            goals=goals,
            pain_reported=pain_reported,
            injury_history=injury_history,
            notes=notes,
            video_consent=video_consent,
        )
        stamp = now_text()
        with self._db._write("save the new client") as conn:
            cursor = conn.execute(
                "INSERT INTO clients (name, contact, goals, pain_reported, injury_history, notes,"
                " video_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(
                        values[key]
                        for key in (
                            "name",
                            "contact",
                            "goals",
                            "pain_reported",
                            "injury_history",
                            "notes",
                            "video_consent",
                        )
                    ),
                    stamp,
                    stamp,
                ),
            )
            return self.get_in(conn, int(cursor.lastrowid or 0))

    def update(self, client_id: int, **changes: Any) -> Client:
        """Change some fields of a client (keyword names as in `Client`); return the client."""
        values = _checked(**changes)
        if not values:
            return self.get(client_id)
        assignments = ", ".join(f"{key} = ?" for key in values)
        with self._db._write("save the client") as conn:
            cursor = conn.execute(
                f"UPDATE clients SET {assignments}, updated_at = ? WHERE id = ?",
                (*values.values(), now_text(), client_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No client with id {client_id}.")
            return self.get_in(conn, client_id)

    def get(self, client_id: int) -> Client:
        """The client with `client_id`; `NotFoundError` if there is none."""
        with self._db._read("read the client") as conn:
            return self.get_in(conn, client_id)

    def list(self) -> builtins.list[Client]:
        """All clients, by name."""
        with self._db._read("list the clients") as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM clients ORDER BY casefold(name), id")
            return [_client(row) for row in rows]

    def search(self, text: str) -> builtins.list[Client]:
        """Clients whose name contains `text`, ignoring case (Unicode-aware), by name."""
        with self._db._read("search the clients") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM clients WHERE instr(casefold(name), ?) > 0 ORDER BY casefold(name), id",
                (text.strip().casefold(),),
            )
            return [_client(row) for row in rows]

    def named(self, name: str) -> builtins.list[Client]:
        """Clients whose whole name is `name`, ignoring case and surrounding spaces."""
        with self._db._read("find the client") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM clients WHERE casefold(trim(name)) = ? ORDER BY id", (name.strip().casefold(),)
            )
            return [_client(row) for row in rows]

    def get_in(self, conn: sqlite3.Connection, client_id: int) -> Client:
        """The client, read inside an already open transaction."""
        row = conn.execute(f"SELECT {_COLUMNS} FROM clients WHERE id = ?", (client_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No client with id {client_id}.")
        return _client(row)


def _checked(**values: Any) -> dict[str, Any]:
    """`values` validated and converted to column values; unknown names are refused."""
    unknown = set(values) - set(_TEXT_FIELDS) - set(_FLAG_FIELDS)
    if unknown:
        raise InvalidRecord(f"unknown client field(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _FLAG_FIELDS:
            if not isinstance(value, bool):
                raise InvalidRecord(f"{key} must be True or False")
            out[key] = int(value)
        else:
            if not isinstance(value, str):
                raise InvalidRecord(f"{key} must be text")
            out[key] = value
    if "name" in out:
        out["name"] = out["name"].strip()
        if not out["name"]:
            raise InvalidRecord("a client needs a name")
    return out


def _client(row: tuple[Any, ...]) -> Client:
    return Client(
        id=row[0],
        name=row[1],
        contact=row[2],
        goals=row[3],
        pain_reported=bool(row[4]),
        injury_history=row[5],
        notes=row[6],
        video_consent=bool(row[7]),
        created_at=timestamp(row[8]),
        updated_at=timestamp(row[9]),
        inbox_to_review=row[10],
    )
