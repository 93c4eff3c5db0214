"""Screens and their clips. Computed results and coach overrides are separate columns."""

from __future__ import annotations

import builtins
import math
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ces_vision.document_versions import named_variant, upgrade
from ces_vision.storage import _files
from ces_vision.storage._codec import (
    date_text,
    dict_json,
    loads,
    now_text,
    timestamp,
    to_date,
)
from ces_vision.storage._pose_codec import POSE_FORMAT, decode_pose, encode_pose
from ces_vision.storage.errors import InvalidRecord, NotFoundError, StorageError, from_os
from ces_vision.storage.records import VIDEO_STORAGE_MODES, Clip, NewClip, Screen
from ces_vision.types import VIEWS, PoseSequence

if TYPE_CHECKING:
    from ces_vision.storage.database import Database

_SCREEN_COLUMNS = "id, client_id, screened_on, assessment, results_json, overrides_json, score, notes, created_at"
_CLIP_COLUMNS = "id, screen_id, view, variant, storage, video_path, sha256"


class ScreenRepository:
    """Add screens with their clips, read them back, record coach overrides. `Database.screens`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        client_id: int,
        *,
        screened_on: date,
        assessment: str,
        results: Mapping[str, Any],
        clips: Sequence[NewClip] = (),
        score: float | None = None,
        notes: str = "",
    ) -> Screen:
        """Store a screen with its clips; return it.

        `results` is the analysis JSON (a dict with "schema_version"). Clips with
        ``storage="copy"`` are copied into the managed folder (needs the client's video
        consent); copies are removed again if the screen cannot be saved.
        """
        if not isinstance(assessment, str) or not assessment.strip():
            raise InvalidRecord("a screen needs an assessment name, e.g. 'ohsa'")
        if not isinstance(results, Mapping) or "schema_version" not in results:
            raise InvalidRecord("screen results must be a dict with a 'schema_version'")
        results_text = dict_json(results, "screen results")
        for clip in clips:
            _check_clip(clip)
        stored_on = date_text(screened_on)
        score_value = _checked_score(score)
        client = self._db.clients.get(client_id)
        if any(clip.storage == "copy" for clip in clips) and not client.video_consent:
            raise StorageError(
                f"{client.name} has not agreed to videos being kept: record their consent, "
                "or keep the clips by reference."
            )
        poses = [encode_pose(clip.pose) if clip.pose is not None else None for clip in clips]  # before writing
        prepared = self._prepare_videos(client_id, stored_on, clips)
        copies = [self._db.videos_dir / path for clip, (path, _) in zip(clips, prepared) if clip.storage == "copy"]
        try:
            with self._db._write("save the screen") as conn:
                if copies and not self._db.clients.get_in(conn, client_id).video_consent:
                    raise StorageError(f"{client.name} withdrew video consent while the screen was being saved.")
                cursor = conn.execute(
                    "INSERT INTO screens (client_id, screened_on, assessment, results_json, score, notes,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (client_id, stored_on, assessment.strip(), results_text, score_value, notes, now_text()),
                )
                screen_id = int(cursor.lastrowid or 0)
                for clip, (path, sha), pose in zip(clips, prepared, poses):
                    clip_id = conn.execute(
                        "INSERT INTO clips (screen_id, view, variant, storage, video_path, sha256)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (screen_id, clip.view, clip.variant.strip(), clip.storage, path, sha),
                    ).lastrowid
                    if pose is not None:
                        conn.execute(
                            "INSERT INTO clip_poses (clip_id, format, pose) VALUES (?, ?, ?)",
                            (clip_id, POSE_FORMAT, pose),
                        )
                self._db._on_rollback(lambda: _remove_files(copies))  # an enclosing transaction may fail later
                return self.get_in(conn, screen_id)
        except BaseException:
            _remove_files(copies)
            raise

    def get(self, screen_id: int) -> Screen:
        """The screen with `screen_id`, clips included; `NotFoundError` if there is none."""
        with self._db._read("read the screen") as conn:
            return self.get_in(conn, screen_id)

    def list_for_client(self, client_id: int) -> builtins.list[Screen]:
        """A client's screens with their clips, oldest first."""
        with self._db._read("list the screens") as conn:
            self._db.clients.get_in(conn, client_id)
            rows = conn.execute(
                f"SELECT {_SCREEN_COLUMNS} FROM screens WHERE client_id = ? ORDER BY screened_on, id",
                (client_id,),
            ).fetchall()
            clips = self._clips_by_screen(
                conn,
                f"SELECT {_CLIP_COLUMNS} FROM clips WHERE screen_id IN "
                "(SELECT id FROM screens WHERE client_id = ?) ORDER BY id",
                (client_id,),
            )
            return [_screen(row, clips.get(row[0], ())) for row in rows]

    def pose(self, clip_id: int) -> PoseSequence | None:
        """The pose sequence stored with a clip, or None (clips saved before v3, or without one)."""
        with self._db._read("read the clip's pose") as conn:
            row = conn.execute("SELECT format, pose FROM clip_poses WHERE clip_id = ?", (clip_id,)).fetchone()
        return decode_pose(bytes(row[1]), int(row[0])) if row else None

    def set_overrides(self, screen_id: int, overrides: Mapping[str, Any]) -> Screen:
        """Replace the coach's overrides of a screen; computed results are left alone."""
        text = dict_json(overrides, "overrides")
        with self._db._write("save the overrides") as conn:
            if conn.execute("UPDATE screens SET overrides_json = ? WHERE id = ?", (text, screen_id)).rowcount == 0:
                raise NotFoundError(f"No screen with id {screen_id}.")
            return self.get_in(conn, screen_id)

    def set_results(self, screen_id: int, results: Mapping[str, Any], score: float | None) -> Screen:
        """Replace a screen's results document and score (e.g. the program in it after the
        coach edited it); its clips and overrides are left alone."""
        if not isinstance(results, Mapping) or "schema_version" not in results:
            raise InvalidRecord("screen results must be a dict with a 'schema_version'")
        text, score_value = dict_json(results, "screen results"), _checked_score(score)
        with self._db._write("save the screen results") as conn:
            updated = conn.execute(
                "UPDATE screens SET results_json = ?, score = ? WHERE id = ?", (text, score_value, screen_id)
            ).rowcount
            if updated == 0:
                raise NotFoundError(f"No screen with id {screen_id}.")
            return self.get_in(conn, screen_id)

    def all_clips(self) -> builtins.list[Clip]:
        """Every clip in the database."""
        with self._db._read("list the clips") as conn:
            rows = conn.execute(f"SELECT {_CLIP_COLUMNS} FROM clips ORDER BY id")
            return [self._clip(row) for row in rows]

    def get_in(self, conn: sqlite3.Connection, screen_id: int) -> Screen:
        row = conn.execute(f"SELECT {_SCREEN_COLUMNS} FROM screens WHERE id = ?", (screen_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No screen with id {screen_id}.")
        clips = self._clips_by_screen(
            conn, f"SELECT {_CLIP_COLUMNS} FROM clips WHERE screen_id = ? ORDER BY id", (screen_id,)
        )
        return _screen(row, clips.get(screen_id, ()))

    def _clips_by_screen(
        self, conn: sqlite3.Connection, query: str, params: tuple[Any, ...]
    ) -> dict[int, tuple[Clip, ...]]:
        grouped: dict[int, builtins.list[Clip]] = {}
        for row in conn.execute(query, params):
            grouped.setdefault(row[1], []).append(self._clip(row))
        return {screen_id: tuple(clips) for screen_id, clips in grouped.items()}

    def _clip(self, row: tuple[Any, ...]) -> Clip:
        stored = row[5]
        path = self._db.videos_dir / stored if row[4] == "copy" else Path(stored)
        return Clip(
            id=row[0],
            screen_id=row[1],
            view=row[2],
            variant=named_variant(row[3]),
            storage=row[4],
            video_path=path,
            sha256=row[6],
        )

    def _prepare_videos(
        self, client_id: int, stored_on: str, clips: Sequence[NewClip]
    ) -> builtins.list[tuple[str, str]]:
        """(path to store, sha256) per clip: copies are made now, before the transaction."""
        prepared: builtins.list[tuple[str, str]] = []
        copies: builtins.list[Path] = []
        folder = self._db.client_videos_dir(client_id)
        try:
            for clip in clips:
                source = Path(clip.source).expanduser().absolute()
                if not source.is_file():
                    raise StorageError(f"Could not save the screen: the video {source} does not exist.")
                if clip.storage == "copy":
                    copy = folder / (
                        f"{stored_on}-{clip.view}-{_files.safe_name_part(clip.variant)}-"
                        f"{uuid.uuid4().hex[:12]}{source.suffix.lower()}"
                    )
                    sha = _files.copy_atomically(source, copy)
                    copies.append(copy)
                    prepared.append((copy.relative_to(self._db.videos_dir).as_posix(), sha))
                else:
                    prepared.append((str(source), _files.sha256_of(source)))
        except BaseException as exc:
            _remove_files(copies)
            if isinstance(exc, OSError):
                raise from_os(exc, "copy the video") from exc
            raise
        return prepared


def _check_clip(clip: NewClip) -> None:
    if not isinstance(clip, NewClip):
        raise InvalidRecord(f"clips must be NewClip values, got {type(clip).__name__}")
    if clip.view not in VIEWS:
        raise InvalidRecord(f"unknown view {clip.view!r}; expected one of {', '.join(VIEWS)}")
    if clip.storage not in VIDEO_STORAGE_MODES:
        raise InvalidRecord(f"unknown video storage {clip.storage!r}; expected 'reference' or 'copy'")
    if not isinstance(clip.variant, str) or not clip.variant.strip():
        raise InvalidRecord("a clip needs a variant name, e.g. 'standard'")
    if clip.pose is not None and not isinstance(clip.pose, PoseSequence):
        raise InvalidRecord(f"a clip's pose must be a PoseSequence, got {type(clip.pose).__name__}")


def _checked_score(score: float | None) -> float | None:
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
        raise InvalidRecord(f"a screen score must be a finite number or None, got {score!r}")
    return float(score)


def _remove_files(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _screen(row: tuple[Any, ...], clips: tuple[Clip, ...]) -> Screen:
    return Screen(
        id=row[0],
        client_id=row[1],
        screened_on=to_date(row[2]),
        assessment=row[3],
        results=upgrade(loads(row[4])),  # older documents in the current shape
        overrides=upgrade(loads(row[5])),
        score=row[6],
        notes=row[7],
        clips=clips,
        created_at=timestamp(row[8]),
    )
