"""The log file: tracebacks for the developer, while the user sees one plain line.

`start_logging()` is called once by each entry point (the CLI, the app). Records go to
`ces-vision.log` in the user's data folder (beside the database), rotated at 1 MB with
three old files kept, and never to the terminal. Privacy: nothing logs a client's name,
notes or pain answer; `log_unexpected` writes the exception type and traceback only, as
the message of an unexpected error may quote the user's data.
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .storage import user_data_dir

LOG_FILE_NAME = "ces-vision.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
LOGGER_NAME = "ces_vision"

log = logging.getLogger(LOGGER_NAME)


def log_path() -> Path:
    """Where the log file is written."""
    return user_data_dir() / LOG_FILE_NAME


def start_logging(path: Path | None = None) -> Path | None:
    """Send the package's records to a rotating log file; None when it cannot be written
    (a read-only home must not stop the tool). Calling it again with the same file does nothing."""
    path = path or log_path()
    for handler in list(log.handlers):
        if isinstance(handler, RotatingFileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            log.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        if not log.handlers:
            log.addHandler(logging.NullHandler())  # not Python's last resort, which prints to stderr
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def log_unexpected(exc: BaseException, where: str) -> None:
    """Write an unexpected error's type and traceback (not its message) to the log."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s in %s\nTraceback (most recent call last):\n%s", type(exc).__name__, where, frames)


def unexpected_error_line(exc: BaseException, program: str) -> str:
    """The one plain line the user sees for an error the tool did not expect."""
    handler = next((h for h in log.handlers if isinstance(h, RotatingFileHandler)), None)
    where = f"; the details are in {handler.baseFilename}" if handler else ""
    return f"{program}: an unexpected error stopped this ({type(exc).__name__}){where}"
