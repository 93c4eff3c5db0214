"""Conversions between Python values and the text stored in SQLite columns."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from ces_vision.storage.errors import InvalidRecord


def now_text() -> str:
    """The current UTC time as ISO-8601 text (microseconds kept, so edits order)."""
    return datetime.now(UTC).isoformat()


def timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def date_text(value: date) -> str:
    """ISO date text of `value`; refuses a datetime, whose time would be silently lost."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidRecord(f"expected a datetime.date, got {type(value).__name__}")
    return value.isoformat()


def to_date(text: str) -> date:
    return date.fromisoformat(text)


def dict_json(value: Mapping[str, Any], what: str) -> str:
    """`value` as JSON text; a TypeError names `what` if it is not JSON-serialisable."""
    if not isinstance(value, Mapping):
        raise InvalidRecord(f"{what} must be a mapping, got {type(value).__name__}")
    try:
        return json.dumps(dict(value), ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise InvalidRecord(f"{what} is not JSON-serialisable: {exc}") from exc


def list_json(value: Any, what: str) -> str:
    try:
        return json.dumps(list(value), ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise InvalidRecord(f"{what} is not JSON-serialisable: {exc}") from exc


def loads(text: str) -> Any:
    return json.loads(text)


def jsonable(value: Any) -> Any:
    """`value` with dates, paths and tuples turned into JSON types, recursively."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if hasattr(value, "__fspath__"):
        return str(value)
    return value
