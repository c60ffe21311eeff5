"""Invariants over the whole project: the exported schema, the query files, self-containment."""

from __future__ import annotations

import re
import subprocess

from service import queries
from service.schema import build_schema
from service.settings import ROOT


def test_schema_file_matches_code() -> None:
    exported = build_schema().as_str() + "\n"
    assert (ROOT / "schema.graphql").read_text() == exported, "run `make schema`"


def test_every_query_file_parses() -> None:
    names = set(queries.catalogue())
    assert "researcher/cards" in names
    for query in queries.catalogue().values():
        assert query.doc and query.text


def test_every_query_file_is_named_in_code() -> None:
    """Every application query is named by a string literal (`"claims/claim"`) in the code that
    runs queries; a file no code names is dead. The analyst files are the saved-query catalogue's,
    which serves every file in its folder by name."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("service", "seed", "bench")
        for path in (ROOT / folder).rglob("*.py")
    )
    unnamed = sorted(name for name in queries.catalogue() if f'"{name}"' not in code)
    assert not unnamed, f"query files no code names: {unnamed}"


def test_no_tracked_file_reaches_outside_the_repository() -> None:
    """A clone has nothing beside it: no path may point at a sibling folder of the checkout."""
    # Spelled in pieces so this file does not match itself.
    outside = re.compile("|".join([re.escape("../" + "shared"), re.escape("ROOT" + ".parent")]))
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.split(b"\0")
    offenders = []
    for name in filter(None, tracked):
        path = ROOT / name.decode()
        if path.suffix in {".gz", ".png"} or not path.is_file():
            continue
        if outside.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(name.decode())
    assert not offenders, f"these files point outside the repository: {offenders}"
