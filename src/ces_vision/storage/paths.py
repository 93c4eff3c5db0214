"""Where the database lives by default, derived by hand from each platform's convention.

Linux and other Unix: ``$XDG_DATA_HOME/ces-vision`` (default ``~/.local/share/ces-vision``);
macOS: ``~/Library/Application Support/ces-vision``; Windows: ``%LOCALAPPDATA%\\ces-vision``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "ces-vision"
DATABASE_FILE_NAME = "ces-vision.sqlite3"
SETTINGS_FILE_NAME = "settings.toml"


def user_data_dir() -> Path:
    """The per-user data folder of ces-vision (not created)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says a relative value is invalid and must be ignored.
        base = xdg if os.path.isabs(xdg) else str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def default_database_path() -> Path:
    """The database file used when no path is given."""
    return user_data_dir() / DATABASE_FILE_NAME


def default_settings_path() -> Path:
    """The settings file the CLI reads when no --settings is given, and where the coach's
    details are kept (`ces-vision settings set`, the app's File > Coach details)."""
    return user_data_dir() / SETTINGS_FILE_NAME


def user_settings_file() -> Path | None:
    """The user's settings file when there is one: the CLI and the app both read it."""
    path = default_settings_path()
    return path if path.is_file() else None


def default_recordings_dir() -> Path:
    """Where live recordings of clients go: beside the database, in the user's data folder."""
    return user_data_dir() / "recordings"


def managed_videos_dir(database_path: Path) -> Path:
    """The folder, next to the database file, holding videos copied in by the coach."""
    return database_path.with_name(f"{database_path.stem}-videos")
