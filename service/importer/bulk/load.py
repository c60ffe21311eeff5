"""A bulk load from start to end: CSV files written (write.py), the server stopped, the offline
import, the server started with its schema, and the other records through the transactional
path (service/importer/loader.py)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from service import localdb
from service.graph import open_driver, setup_schema
from service.importer.bulk.assemble import Written
from service.importer.bulk.csv_files import ARRAY_DELIMITER
from service.importer.bulk.progress import Report, Ticker
from service.importer.bulk.write import write_csv
from service.importer.loader import Summary, files_in, import_items
from service.settings import Settings
from service.transactions import read_query


def admin_arguments(written: Written) -> list[str]:
    return [
        *written.arguments(),
        f"--array-delimiter=\\{ord(ARRAY_DELIMITER):03d}",
        "--overwrite-destination=true",
        f"--report-file={written.folder / 'import.report'}",
    ]


class NotEmpty(RuntimeError):
    """The offline importer replaces the database; it refuses one that holds anything."""


async def _node_count(settings: Settings) -> int:
    driver = open_driver(settings.neo4j)
    try:
        rows = await read_query(driver, settings.neo4j.database, "import/node_count", {})
    finally:
        await driver.close()
    return int(rows[0]["nodes"])


async def bulk_import(
    settings: Settings,
    paths: Iterable[Path],
    *,
    source: str = "openalex",
    fail_fast: bool = False,
    progress: Report | None = None,
) -> Summary:
    """Load `paths` into the local instance's empty database with `neo4j-admin`, then start it.

    Phases (seconds in `summary.phases`): read and map the works and write CSV; compute every
    researcher's summary (service/importer/summariser.py); stop the server and run the
    offline import; start it and build the schema's constraints and indexes; write the other
    records through the transactional path, which refreshes the summaries they change.
    `progress` hears how far each phase is, twice a second and when it ends.
    """
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    if settings.neo4j.uri != inst.uri:
        raise NotEmpty(
            f"a bulk load writes the store files of the local instance ({inst.uri}); "
            f"NEO4J_URI is {settings.neo4j.uri}: use the transactional import there"
        )
    database = settings.neo4j.database
    summary = Summary()
    began = time.monotonic()
    store = inst.dir / "data" / "databases" / database
    if store.exists():
        localdb.start(inst)
        count = await _node_count(settings)
        if count:
            raise NotEmpty(
                f"database {database!r} of {inst.uri} already holds {count:,} nodes; a bulk load "
                "replaces the database, so it is only for initial loads: import without --bulk "
                f"to add to it, or stop the server and delete {inst.dir / 'data'} first"
            )
    with Ticker(progress) as ticker:
        written, others = write_csv(
            files_in(paths),
            inst.dir / "import" / "bulk",
            summary,
            source=source,
            imported_at=now(),
            fail_fast=fail_fast,
            ticker=ticker,
        )
        ticker.phase("neo4j-admin import")
        localdb.stop(inst)
        localdb.admin_import(inst, admin_arguments(written), database)
        ticker.phase("start, constraints, indexes")
        localdb.start(inst)
        driver = open_driver(settings.neo4j)
        try:
            await setup_schema(driver, database)
            ticker.phase("other records, transactional", "records read")
            # Refreshes the summaries of the researchers these records change (an author
            # record's name or affiliations), as any transactional import does.
            rest = await import_items(
                driver,
                database,
                others,
                source=source,
                fail_fast=fail_fast,
                progress=lambda done: ticker.set(done.read),
            )
        finally:
            await driver.close()
    shutil.rmtree(written.folder, ignore_errors=True)
    summary.add(rest)
    summary.refreshed = rest.refreshed
    summary.phases = ticker.seconds
    summary.nodes, summary.relationships = written.node_count, written.relationship_count
    summary.seconds = time.monotonic() - began
    return summary


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
