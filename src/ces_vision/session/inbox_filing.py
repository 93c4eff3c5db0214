"""Filing one inbox upload: whose it is, saved as a new screen of that client, or moved to failed/.

INBOX/<client name>/<video> belongs to the client of that name. The screen is saved
through the app's own save path (`screen_record.save_screen`) and logged by content
hash in the same transaction, so it is either filed and logged, or neither.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..storage import Client, Database
from .analysis import Analysis
from .screen_record import save_screen, state_of_analyses

FAILED_FOLDER = "failed"


class NotFileable(Exception):
    """An upload that cannot be filed; the message says why, for the coach."""


def client_folder_of(video: Path, inbox: Path) -> str:
    """The client folder name of an upload; NotFileable unless it is INBOX/<client>/<video>."""
    parts = video.relative_to(inbox).parts
    if len(parts) != 2:
        raise NotFileable(
            f"{'/'.join(parts)}: videos go in a folder named after the client, directly inside the inbox "
            "(INBOX/<client name>/video.mp4)"
        )
    return parts[0]


def existing_client(db: Database, folder: str) -> Client | None:
    """The client the folder name names, None if there is none yet; NotFileable if it names
    no usable client or several (reported, never guessed)."""
    name = folder.strip()
    if not any(ch.isalpha() for ch in name):
        raise NotFileable(f"the folder name {folder!r} is not a client's name: rename it to the client's name")
    clients = db.clients.named(name)
    if len(clients) > 1:
        raise NotFileable(
            f"{len(clients)} clients are named {name!r} (ids {', '.join(str(c.id) for c in clients)}), so the inbox "
            "cannot tell whose video this is: give them distinct names and name the folder after one"
        )
    return clients[0] if clients else None


def file_upload(db: Database, inbox: Path, video: Path, sha256: str, analysis: Analysis) -> tuple[Client, int]:
    """Save `analysis` as a new screen of the upload's client (created if absent); return
    the client and the screen id. One transaction, logged in the inbox log."""
    folder = client_folder_of(video, inbox)
    with db.transaction():
        client = existing_client(db, folder) or db.clients.add(
            folder.strip(),
            notes=f"Added from the inbox folder {folder!r} on {date.today().isoformat()}: "
            "check contact, pain and video consent; review the screen before using it.",
        )
        state = state_of_analyses([analysis], client.name, client.pain_reported, paths=[video])
        notes = f"From the inbox ({video.relative_to(inbox).as_posix()}); awaiting the coach's review."
        screen, _ = save_screen(db, client.id, state, date.today(), notes=notes)
        db.inbox.record(sha256, screen.id)
    return client, screen.id


def move_to_failed(inbox: Path, video: Path, reason: str) -> Path:
    """Move `video` to INBOX/failed/ (keeping its client folder) beside a .txt giving `reason`."""
    relative = video.relative_to(inbox)
    target = inbox / FAILED_FOLDER / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    counter = 1
    while target.exists():  # never overwrite an earlier failed upload of the same name
        target = target.with_name(f"{video.stem}-{counter}{video.suffix}")
        counter += 1
    # The reason first: a watcher killed in between leaves the video in place, to be tried again.
    target.with_name(target.name + ".txt").write_text(f"{relative.as_posix()} could not be screened:\n{reason}\n")
    video.replace(target)
    return target
