"""Progress read out of stored screens: screen scores and compensation values over time.

Findings are read from the computed results: a list of dicts ``{"compensation": id,
"side": ..., "value": float, ...}`` at key ``"findings"`` of one view's analysis, which
is either the results themselves or an item of their ``"views"`` list (the screen
document). Anything missing, NaN or not numeric is skipped, so screens from older
analysis versions do no harm.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any, TypeGuard

from ces_vision.document_versions import upgrade
from ces_vision.storage._codec import loads, to_date
from ces_vision.storage.records import MetricPoint

if TYPE_CHECKING:
    from ces_vision.storage.database import Database


def score_history(db: Database, client_id: int, assessment: str | None) -> list[tuple[date, float]]:
    """(date, score) of a client's scored screens (optionally one assessment), oldest first."""
    conn = db._connection()
    db.clients.get_in(conn, client_id)
    query = "SELECT screened_on, score FROM screens WHERE client_id = ? AND score IS NOT NULL"
    params: tuple[Any, ...] = (client_id,)
    if assessment is not None:
        query += " AND assessment = ?"
        params += (assessment,)
    rows = conn.execute(query + " ORDER BY screened_on, id", params)
    return [(to_date(day), float(score)) for day, score in rows]


def metric_history(db: Database, client_id: int, compensation_id: str) -> list[MetricPoint]:
    """Every numeric value of `compensation_id` in a client's screen findings, oldest first."""
    conn = db._connection()
    db.clients.get_in(conn, client_id)
    rows = conn.execute(
        "SELECT id, screened_on, results_json FROM screens WHERE client_id = ? ORDER BY screened_on, id",
        (client_id,),
    )
    points: list[MetricPoint] = []
    for screen_id, day, results_text in rows:
        for analysis in _analyses(upgrade(loads(results_text))):
            for finding in _findings(analysis):
                value = finding.get("value")
                if finding.get("compensation") != compensation_id or not _is_number(value):
                    continue
                points.append(
                    MetricPoint(
                        to_date(day),
                        screen_id,
                        _text(finding.get("side")),
                        float(value),
                        view=_text(analysis.get("view")),
                        variant=_text(analysis.get("variant")),
                    )
                )
    return points


def _analyses(results: Any) -> list[dict[str, Any]]:
    """The per-view analyses in stored results: the results themselves and their "views"."""
    if not isinstance(results, dict):
        return []
    views = results.get("views")
    nested = [item for item in views if isinstance(item, dict)] if isinstance(views, list) else []
    return [results, *nested]


def _findings(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    findings = analysis.get("findings")
    if not isinstance(findings, list):
        return []
    return [item for item in findings if isinstance(item, dict)]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
