"""Turning the many spellings of an id in OpenAlex data into the graph's short keys."""

from __future__ import annotations

import re
from functools import lru_cache

OPENALEX = "https://openalex.org/"
# Keys the project mints itself (the seed, curated records) carry a namespace: `seed:borui-zhao`.
LOCAL_KEY = re.compile(r"^[a-z][a-z0-9]*:[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$")
OPENALEX_KEY = re.compile(r"^[WAISCTPF]\d+$")
_LETTERS = frozenset("WAISCTPF")
TAXONOMY = re.compile(r"^(?:https://openalex\.org/)?(subfields|fields|domains)/(\d+)$")


class BadId(ValueError):
    """An id that is neither an OpenAlex id nor a namespaced local key."""


def short_id(raw: object) -> str:
    """`https://openalex.org/W123` -> `W123`; taxonomy ids -> `subfields/1702`; keys kept."""
    if not isinstance(raw, str) or not raw:
        raise BadId(f"id must be a non-empty string, got {raw!r}")
    text = raw.strip()
    # The common spellings first, without a regex: a large import meets millions of ids.
    local = text[len(OPENALEX) :] if text.startswith(OPENALEX) else text
    if local[:1] in _LETTERS and local[1:].isdigit() and local[1:].isascii():
        return local
    taxonomy = TAXONOMY.match(text) if "/" in text else None
    if taxonomy:
        return f"{taxonomy.group(1)}/{taxonomy.group(2)}"
    if ":" not in local and OPENALEX_KEY.match(local.upper()):
        return local.upper()
    if LOCAL_KEY.match(local):
        return local
    raise BadId(f"not an OpenAlex id or namespaced key: {raw!r}")


@lru_cache(maxsize=4096)  # some three hundred taxonomy ids, named by every work's topics
def taxonomy_id(raw: str | int | None, level: str) -> str:
    """Subfield/field/domain ids come as URLs, `subfields/1702` or a bare `1702`."""
    if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
        return f"{level}/{int(raw)}"
    return short_id(raw)


def doi(raw: object) -> str | None:
    """DOIs are kept lower-case without the resolver prefix: they compare case-insensitively."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    return text.lower()


def orcid(raw: object) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    return raw.strip().rsplit("/", 1)[-1].upper()
