"""The database schema as ordered migrations; ``PRAGMA user_version`` is the version.

Migration N takes a database at version N-1 to version N. Never edit a released
migration: add a new one. The missing ones run in one transaction with the version bump
(`database._migrate`), so a database is always at exactly one version.

``clients`` uses AUTOINCREMENT so that a deleted client's id is never given to another
client: managed video folders are named after the client id.
"""

from __future__ import annotations

APPLICATION_ID = 0x43455356  # "CESV": marks the file as a ces-vision database

_V1 = (
    """
    CREATE TABLE clients (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        contact TEXT NOT NULL DEFAULT '',
        goals TEXT NOT NULL DEFAULT '',
        pain_reported INTEGER NOT NULL DEFAULT 0 CHECK (pain_reported IN (0, 1)),
        injury_history TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        video_consent INTEGER NOT NULL DEFAULT 0 CHECK (video_consent IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE screens (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        screened_on TEXT NOT NULL,
        assessment TEXT NOT NULL,
        results_json TEXT NOT NULL,
        overrides_json TEXT NOT NULL DEFAULT '{}',
        score REAL,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX screens_by_client ON screens(client_id, screened_on)",
    """
    CREATE TABLE clips (
        id INTEGER PRIMARY KEY,
        screen_id INTEGER NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
        view TEXT NOT NULL,
        variant TEXT NOT NULL DEFAULT 'standard',
        storage TEXT NOT NULL CHECK (storage IN ('reference', 'copy')),
        video_path TEXT NOT NULL
    )
    """,
    "CREATE INDEX clips_by_screen ON clips(screen_id)",
    """
    CREATE TABLE programs (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        screen_id INTEGER REFERENCES screens(id) ON DELETE SET NULL,
        start_date TEXT NOT NULL,
        weeks INTEGER NOT NULL CHECK (weeks > 0),
        plan_json TEXT NOT NULL,
        coach_edits_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX programs_by_client ON programs(client_id, start_date)",
    "CREATE INDEX programs_by_screen ON programs(screen_id)",
    """
    CREATE TABLE session_log (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL,
        session_date TEXT NOT NULL,
        exercises_json TEXT NOT NULL DEFAULT '[]',
        adherence REAL NOT NULL CHECK (adherence BETWEEN 0 AND 1)
    )
    """,
    "CREATE INDEX session_log_by_client ON session_log(client_id, session_date)",
    "CREATE INDEX session_log_by_program ON session_log(program_id)",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

_V2 = (
    # Content hash of each clip's video, to tell whether a file was replaced.
    "ALTER TABLE clips ADD COLUMN sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64)",
    "ALTER TABLE session_log ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
)

_V3 = (
    # Each clip's pose sequence (see _pose_codec), so a stored screen re-opens with its
    # skeleton without running pose estimation again. Optional: older clips have none.
    """
    CREATE TABLE clip_poses (
        clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
        format INTEGER NOT NULL,
        pose BLOB NOT NULL
    )
    """,
)

_V4 = (
    # Videos filed from a watched inbox folder (`ces-vision watch`), by content hash: a
    # restarted watcher never analyses a file twice, even after the coach deleted the
    # screen (kept, with screen_id NULL). reviewed turns 1 once the coach saved the screen.
    """
    CREATE TABLE inbox_files (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        screen_id INTEGER REFERENCES screens(id) ON DELETE SET NULL,
        reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
        filed_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX inbox_files_by_screen ON inbox_files(screen_id)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4)
"""MIGRATIONS[i] takes the database from version i to version i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)

TABLES: tuple[str, ...] = ("clients", "screens", "clips", "clip_poses", "programs", "session_log", "inbox_files")
