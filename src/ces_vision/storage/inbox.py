"""Videos filed from a watched inbox folder, by content hash, and whether the coach reviewed them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ces_vision.storage._codec import now_text

if TYPE_CHECKING:
    from ces_vision.storage.database import Database


class InboxLog:
    """Which inbox videos were filed as which screen. Reached as `Database.inbox`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def is_filed(self, sha256: str) -> bool:
        """True when a video with this content was filed before (its screen may since be deleted)."""
        with self._db._read("check the inbox log") as conn:
            return conn.execute("SELECT 1 FROM inbox_files WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def record(self, sha256: str, screen_id: int) -> None:
        """Note that the video with this content was filed as `screen_id`, awaiting review."""
        with self._db._write("save the inbox log") as conn:
            conn.execute(
                "INSERT INTO inbox_files (sha256, screen_id, filed_at) VALUES (?, ?, ?)",
                (sha256, screen_id, now_text()),
            )

    def awaiting_review(self, screen_id: int) -> bool:
        """True when `screen_id` came from the inbox and the coach has not saved it since."""
        with self._db._read("read the inbox log") as conn:
            row = conn.execute(
                "SELECT 1 FROM inbox_files WHERE screen_id = ? AND NOT reviewed", (screen_id,)
            ).fetchone()
            return row is not None

    def mark_reviewed(self, screen_id: int) -> None:
        """The coach has reviewed the screen (no-op for a screen that did not come from the inbox)."""
        with self._db._write("save the review") as conn:
            conn.execute("UPDATE inbox_files SET reviewed = 1 WHERE screen_id = ?", (screen_id,))
