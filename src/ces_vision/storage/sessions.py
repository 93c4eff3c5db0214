"""The session log: what a client did on a day, and how much of the plan (adherence)."""

from __future__ import annotations

import builtins
import math
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ces_vision.storage._codec import date_text, list_json, loads, now_text, to_date
from ces_vision.storage.errors import InvalidRecord, NotFoundError, StorageError
from ces_vision.storage.records import AdherenceSummary, SessionLogEntry

if TYPE_CHECKING:
    from ces_vision.storage.database import Database

_COLUMNS = "id, client_id, program_id, session_date, exercises_json, adherence, notes"
PAIN_NOTE = "pain during the session"


class SessionLog:
    """Log sessions and summarise adherence. Reached as `Database.sessions`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def log(
        self,
        client_id: int,
        *,
        session_date: date,
        adherence: float,
        exercises: Iterable[Any] = (),
        program_id: int | None = None,
        notes: str = "",
        pain: bool = False,
    ) -> SessionLogEntry:
        """Record a session; `adherence` is the share of the planned work done (0 to 1).

        `pain`: the client felt pain during the session. It is noted on the session and
        recorded on the client (who is then to be referred), in the same transaction.
        """
        if (
            isinstance(adherence, bool)
            or not isinstance(adherence, (int, float))
            or not (math.isfinite(adherence) and 0.0 <= adherence <= 1.0)
        ):
            raise InvalidRecord(f"adherence must be a number from 0 to 1, got {adherence!r}")
        exercises_text = list_json(exercises, "exercises")
        if pain:
            notes = "; ".join(part for part in (notes.strip(), PAIN_NOTE) if part)
        day = date_text(session_date)
        with self._db._write("log the session") as conn:
            self._db.clients.get_in(conn, client_id)
            if program_id is not None:
                owner = conn.execute("SELECT client_id FROM programs WHERE id = ?", (program_id,)).fetchone()
                if owner is None:
                    raise NotFoundError(f"No program with id {program_id}.")
                if owner[0] != client_id:
                    raise StorageError(f"Program {program_id} belongs to another client.")
            if pain:
                conn.execute(
                    "UPDATE clients SET pain_reported = 1, updated_at = ? WHERE id = ?", (now_text(), client_id)
                )
            cursor = conn.execute(
                "INSERT INTO session_log (client_id, program_id, session_date, exercises_json, adherence,"
                " notes) VALUES (?, ?, ?, ?, ?, ?)",
                (client_id, program_id, day, exercises_text, float(adherence), notes),
            )
            row = conn.execute(f"SELECT {_COLUMNS} FROM session_log WHERE id = ?", (cursor.lastrowid,)).fetchone()
            return _entry(row)

    def list_for_client(self, client_id: int, program_id: int | None = None) -> builtins.list[SessionLogEntry]:
        """A client's logged sessions (optionally of one program), oldest first."""
        where, params = _filter(client_id, program_id, None, None)
        with self._db._read("list the sessions") as conn:
            self._db.clients.get_in(conn, client_id)
            rows = conn.execute(f"SELECT {_COLUMNS} FROM session_log WHERE {where} ORDER BY session_date, id", params)
            return [_entry(row) for row in rows]

    def adherence_summary(
        self,
        client_id: int,
        program_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> AdherenceSummary:
        """Count and mean adherence of a client's sessions, optionally one program, dates inclusive."""
        where, params = _filter(client_id, program_id, since, until)
        with self._db._read("summarise adherence") as conn:
            self._db.clients.get_in(conn, client_id)
            count, mean, first, last = conn.execute(
                f"SELECT count(*), avg(adherence), min(session_date), max(session_date) FROM session_log WHERE {where}",
                params,
            ).fetchone()
        return AdherenceSummary(
            sessions=count,
            mean_adherence=mean,
            first_date=to_date(first) if first else None,
            last_date=to_date(last) if last else None,
        )


def _filter(
    client_id: int, program_id: int | None, since: date | None, until: date | None
) -> tuple[str, tuple[Any, ...]]:
    clauses, params = ["client_id = ?"], list[Any]([client_id])
    if program_id is not None:
        clauses.append("program_id = ?")
        params.append(program_id)
    if since is not None:
        clauses.append("session_date >= ?")
        params.append(date_text(since))
    if until is not None:
        clauses.append("session_date <= ?")
        params.append(date_text(until))
    return " AND ".join(clauses), tuple(params)


def _entry(row: tuple[Any, ...]) -> SessionLogEntry:
    return SessionLogEntry(
        id=row[0],
        client_id=row[1],
        program_id=row[2],
        session_date=to_date(row[3]),
        exercises=tuple(loads(row[4])),
        adherence=row[5],
        notes=row[6],
    )
