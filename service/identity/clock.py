"""The time every identity rule is judged against, and Neo4j's temporal values made native."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def utc_now() -> datetime:
    return datetime.now(UTC)


def native(value: Any) -> Any:
    """Neo4j's DateTime (what the driver returns) as a Python datetime; anything else as is."""
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value
