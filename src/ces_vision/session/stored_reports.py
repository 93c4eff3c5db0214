"""Reports over stored records: session reads the database, reports/ only draws what it is given.

reports/ sits beside storage/ and never queries it (the layers contract in pyproject.toml);
these functions are the one place that loads a client's screens for a comparison.
"""

from __future__ import annotations

from ..config import Settings
from ..reports.comparison import ScreenComparison, compare_screens
from ..reports.files import ReportError
from ..reports.progress import ProgressReport, build_progress
from ..storage import Database
from .screen_record import stored_frames


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
    # the plots need only the stored pose: a clip whose video is gone still compares
    frames = {screen.id: stored_frames(screen, db.screens.pose, settings, video_needed=False) for screen in screens}
    return compare_screens(client, screens[0], screens[1], frames)
