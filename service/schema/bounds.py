"""Bounds on list arguments and the opaque cursors of connections."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from service import errors
from service.page_sizes import MAX_FIRST as MAX_FIRST
from service.page_sizes import MAX_GRAPH_NODES as MAX_GRAPH_NODES


def bounded(value: int, argument: str, maximum: int = MAX_FIRST, minimum: int = 1) -> int:
    if not minimum <= value <= maximum:
        raise errors.Invalid(
            f"{argument} must be between {minimum} and {maximum}, got {value}", argument
        )
    return value


def encode_cursor(key: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def decode_cursor(
    cursor: str | None, fields: tuple[str, ...], argument: str = "after"
) -> dict[str, Any] | None:
    if cursor is None:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if (
        not isinstance(key, dict)
        or set(key) != set(fields)
        or not all(isinstance(key[f], str) for f in fields)
    ):
        raise errors.Invalid(f"{argument} is not a cursor this API returned", argument)
    return key
