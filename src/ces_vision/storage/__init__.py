"""Storage of clients, screens, programs and session logs in one SQLite file.

    with Database.open() as db:              # default file in the user's data folder
        client = db.clients.add("Ana Souza", pain_reported=False, video_consent=True)
        screen = db.screens.add(client.id, screened_on=date.today(), assessment="ohsa",
                                results=analysis, clips=[NewClip("front", path, storage="copy")])
        db.backup(backup_path)

Every write is one transaction (``db.transaction()`` groups several); failures surface as
`StorageError` with a plain message and leave the database as it was. This package
imports neither Qt, cv2 nor mediapipe.
"""

from ces_vision.storage._files import sha256_of
from ces_vision.storage.database import Database, restore
from ces_vision.storage.errors import BackupExistsError, InvalidRecord, NotFoundError, StorageError
from ces_vision.storage.paths import (
    default_database_path,
    default_recordings_dir,
    default_settings_path,
    user_data_dir,
    user_settings_file,
)
from ces_vision.storage.records import (
    AdherenceSummary,
    Client,
    Clip,
    MetricPoint,
    NewClip,
    Program,
    Screen,
    SessionLogEntry,
    VideoStorage,
)
from ces_vision.storage.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AdherenceSummary",
    "BackupExistsError",
    "Client",
    "Clip",
    "Database",
    "MetricPoint",
    "NewClip",
    "NotFoundError",
    "Program",
    "Screen",
    "SessionLogEntry",
    "StorageError",
    "InvalidRecord",
    "VideoStorage",
    "default_database_path",
    "default_recordings_dir",
    "default_settings_path",
    "user_settings_file",
    "restore",
    "sha256_of",
    "user_data_dir",
]
