"""The one rule by which the coach's word changes a checklist line's status.

The app, the PDF report and the progress comparison all apply it, so they agree.
"""

from __future__ import annotations

COACH_STATUSES: tuple[str, ...] = ("seen", "not_seen")

# How every status reads, in the app, the reports and the progress comparison.
STATUS_NAMES: dict[str, str] = {
    "seen": "Seen",
    "not_seen": "Not seen",
    "not_assessable": "Not assessable",
    "not_filmed": "Not filmed",
}

# How a status ranks when one line stands for a compensation across views (`summary.merge_status`).
STATUS_RANK: dict[str, int] = {"seen": 2, "not_seen": 1, "not_assessable": 0, "not_filmed": -1}


def effective_status(computed: str, coach: str | None) -> str:
    """The status a line shows: the coach's seen / not seen, else the computed one.

    A line of a view that was not filmed stays "not_filmed": there is no video to judge.
    """
    if coach in COACH_STATUSES and computed != "not_filmed":
        return coach
    return computed
