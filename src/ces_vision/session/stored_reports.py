"""Reports over stored records: session reads the database, reports/ only draws what it is given.

reports/ sits beside storage/ and never queries it (the layers contract in pyproject.toml);
these functions are the one place that loads a client's screens for a comparison.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..reports.comparison import STANDARD_VARIANTS, ScreenComparison, compare_screens
from ..reports.files import ReportError
from ..reports.frames import FrameData
from ..reports.progress import ProgressReport, build_progress
from ..storage import Database


def load_progress(db: Database, client_id: int) -> ProgressReport:
    """The comparison of every stored screen of a client, read from the database."""
    client = db.clients.get(client_id)
    return build_progress(client, db.screens.list_for_client(client_id), db.sessions.list_for_client(client_id))


def load_comparison(db: Database, first_id: int, second_id: int, settings: Settings | None = None) -> ScreenComparison:
    """The comparison of two stored screens, their kinematics recomputed from the stored poses."""
    settings = settings or Settings()
    screens = [db.screens.get(first_id), db.screens.get(second_id)]
    if screens[0].client_id != screens[1].client_id:
        raise ReportError("the two screens belong to different clients")
    client = db.clients.get(screens[0].client_id)
    frames = {screen.id: stored_frames(db, screen, settings) for screen in screens}
    return compare_screens(client, screens[0], screens[1], frames)


def stored_frames(db: Database, screen, settings: Settings) -> dict[str, tuple[Path, FrameData]]:
    """view -> (video, FrameData) of a screen's standard clips that were stored with their pose."""
    out: dict[str, tuple[Path, FrameData]] = {}
    for clip in screen.clips:
        if clip.variant not in STANDARD_VARIANTS or clip.view in out:
            continue
        pose = db.screens.pose(clip.id)
        if pose is not None and pose.n_frames:
            out[clip.view] = (clip.video_path, FrameData.from_stored_pose(pose, clip.view, settings))
    return out
