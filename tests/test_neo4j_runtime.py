"""The pinned Neo4j runtime the local instances run from."""

from __future__ import annotations

from service import localdb, neo4j_runtime
from service.settings import Settings


def test_pinned_version_is_526() -> None:
    assert neo4j_runtime.pinned_version().startswith("5.26.")


def test_runtime_holds_the_pinned_server(settings: Settings) -> None:
    # The session's `test` instance already runs from it, so this fetches nothing.
    lib = neo4j_runtime.runtime_lib(settings.localdb.home)
    assert (lib / f"neo4j-{neo4j_runtime.pinned_version()}.jar").exists()
    assert (lib / ".complete").read_text() == neo4j_runtime.pinned_version()


def test_start_failures_are_one_error_type() -> None:
    # Callers catch `localdb.LocalDbError` for fetching and starting alike.
    assert localdb.LocalDbError is neo4j_runtime.LocalDbError
