"""Corrective programs: the generated plan and the coach's edits, kept apart."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ces_vision.storage._codec import date_text, dict_json, loads, now_text, timestamp, to_date
from ces_vision.storage.errors import InvalidRecord, NotFoundError, StorageError
from ces_vision.storage.records import Program

if TYPE_CHECKING:
    from ces_vision.storage.database import Database

_COLUMNS = "id, client_id, screen_id, start_date, weeks, plan_json, coach_edits_json, created_at, updated_at"


class ProgramRepository:
    """Add programs, read them, record coach edits. Reached as `Database.programs`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        client_id: int,
        *,
        start_date: date,
        weeks: int,
        plan: Mapping[str, Any],
        screen_id: int | None = None,
    ) -> Program:
        """Store a program (phases, exercises, dosage in `plan`); return it.

        `screen_id`, if given, must be a screen of the same client.
        """
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
            raise InvalidRecord(f"a program lasts a whole number of weeks (at least 1), got {weeks!r}")
        plan_text = dict_json(plan, "program plan")
        start_text = date_text(start_date)
        stamp = now_text()
        with self._db._write("save the program") as conn:
            self._db.clients.get_in(conn, client_id)
            if screen_id is not None:
                owner = conn.execute("SELECT client_id FROM screens WHERE id = ?", (screen_id,)).fetchone()
                if owner is None:
                    raise NotFoundError(f"No screen with id {screen_id}.")
                if owner[0] != client_id:
                    raise StorageError(f"Screen {screen_id} belongs to another client.")
            cursor = conn.execute(
                "INSERT INTO programs (client_id, screen_id, start_date, weeks, plan_json, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (client_id, screen_id, start_text, weeks, plan_text, stamp, stamp),
            )
            return self.get_in(conn, int(cursor.lastrowid or 0))

    def get(self, program_id: int) -> Program:
        """The program with `program_id`; `NotFoundError` if there is none."""
        with self._db._read("read the program") as conn:
            return self.get_in(conn, program_id)

    def list_for_client(self, client_id: int) -> builtins.list[Program]:
        """A client's programs, by start date."""
        with self._db._read("list the programs") as conn:
            self._db.clients.get_in(conn, client_id)
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM programs WHERE client_id = ? ORDER BY start_date, id", (client_id,)
            )
            return [_program(row) for row in rows]

    def set_coach_edits(self, program_id: int, edits: Mapping[str, Any]) -> Program:
        """Replace the coach's edits of a program; the generated plan is left alone."""
        text = dict_json(edits, "coach edits")
        with self._db._write("save the coach's edits") as conn:
            cursor = conn.execute(
                "UPDATE programs SET coach_edits_json = ?, updated_at = ? WHERE id = ?",
                (text, now_text(), program_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"No program with id {program_id}.")
            return self.get_in(conn, program_id)

    def get_in(self, conn: sqlite3.Connection, program_id: int) -> Program:
        row = conn.execute(f"SELECT {_COLUMNS} FROM programs WHERE id = ?", (program_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No program with id {program_id}.")
        return _program(row)


def _program(row: tuple[Any, ...]) -> Program:
    return Program(
        id=row[0],
        client_id=row[1],
        screen_id=row[2],
        start_date=to_date(row[3]),
        weeks=row[4],
        plan=loads(row[5]),
        coach_edits=loads(row[6]),
        created_at=timestamp(row[7]),
        updated_at=timestamp(row[8]),
    )
