"""Writing records into Neo4j in batches: each batch is one transaction, all or nothing."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver
from service import errors
from service.calls import import_
from service.importer import entities, summaries
from service.importer.ids import BadId
from service.importer.readers import Item, describe_id, read_file
from service.importer.run_summary import Summary as Summary
from service.importer.validation import InvalidRecord
from service.importer.work_batches import write_works
from service.importer.works import work_row
from service.transactions import Transaction, write_transaction

# A batch's write: one of the import calls taking `rows`, `source` and `importedAt`.
BatchWrite = Callable[..., Awaitable[Mapping[str, Any]]]
# Entity type -> (row mapper, its batch's write). Every row has an `id`: a batch keeps the last
# row per id, so one transaction never writes the same record twice. Works are written by
# service/importer/work_batches.py, which merges them with the stored nodes first.
MAPPERS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], BatchWrite]] = {
    "work": (work_row, import_.works),
    "author": (entities.author_row, import_.authors),
    "institution": (entities.institution_row, import_.institutions),
    "source": (entities.source_row, import_.sources),
    "topic": (entities.topic_row, import_.topics),
    "concept": (entities.concept_row, import_.concepts),
    "publisher": (entities.publisher_row, import_.publishers),
    "funder": (entities.funder_row, import_.funders),
    "merged_author": (entities.merged_author_row, import_.merged_authors),
}
# Merges are written before anything else in a batch round so works resolve through them.
ORDER = ("merged_author", "institution", "publisher", "funder", "source", "topic", "concept")
Progress = Callable[["Summary"], None]


class ImportAborted(RuntimeError):
    """Raised on the first bad record when the import was asked to stop at errors."""


@dataclass(frozen=True)
class Refusal:
    """Why a record is not imported, and what the summary counts it under."""

    why: str
    reason: str

    @classmethod
    def of(cls, why: str) -> Refusal:
        """Counted under the text before the first colon: `not valid JSON: …`."""
        return cls(why, why.split(":")[0])


def map_item(item: Item) -> tuple[str, dict[str, Any]] | Refusal:
    """The entity and graph row of a record, or why it cannot be imported."""
    if item.problem is not None:
        return Refusal.of(item.problem)
    entity = item.entity
    if entity is None or entity not in MAPPERS:
        kind = entity or describe_id((item.record or {}).get("id"))
        return Refusal.of(f"unsupported entity type: {kind}")
    if item.record is None:
        return Refusal.of("malformed record")
    try:
        return entity, MAPPERS[entity][0](item.record)
    except InvalidRecord as exc:  # a field of the wrong type or past a bound: named
        return Refusal(str(exc), exc.reason)
    except (BadId, KeyError, TypeError, ValueError, AttributeError) as exc:
        return Refusal.of(f"malformed record: {exc}")


def accept(
    item: Item, summary: Summary, *, fail_fast: bool = False
) -> tuple[str, dict[str, Any]] | None:
    """Count a read record and map it, or report it (a file-level problem as a warning, a bad
    record as skipped) and return None; with `fail_fast` a report stops the import."""
    if item.about_file:
        summary.warn(f"{item.where}: {item.problem}")
        if fail_fast:
            raise ImportAborted(f"{item.where}: {item.problem}")
        return None
    summary.read += 1
    mapped = map_item(item)
    if isinstance(mapped, Refusal):
        summary.skip(item.where, mapped.why, mapped.reason)
        if fail_fast:
            raise ImportAborted(f"{item.where}: {mapped.why}")
        return None
    return mapped


async def _write(
    driver: AsyncDriver, database: str, entity: str, rows: list[dict[str, Any]], source: str
) -> dict[str, Any]:
    """Write one batch; returns the query's one result row."""
    imported_at = datetime.now(UTC).isoformat(timespec="seconds")
    if entity == "work":  # merged with the stored nodes first (service/importer/work_batches.py)
        return await write_works(driver, database, rows, source=source, imported_at=imported_at)
    batch_write = MAPPERS[entity][1]

    async def work(tx: Transaction) -> Mapping[str, Any]:
        return await batch_write(tx, rows=rows, source=source, importedAt=imported_at)

    return dict(await write_transaction(driver, database, work))


async def import_items(
    driver: AsyncDriver,
    database: str,
    items: Iterable[Item],
    *,
    source: str = "openalex",
    batch_size: int = 500,
    fail_fast: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Write every record `items` yields; bad ones are skipped (or fatal with `fail_fast`).

    The researchers the run touched get their summaries refreshed at the end."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    summary = Summary()
    began = time.monotonic()
    # entity -> id -> (where the record was read, its row)
    batches: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {}
    # Researchers whose summaries the run changed: `touched` are refreshed, `around` with all
    # their co-authors (see the RETURN of each cypher/import query). Refreshed once at the end:
    # a prolific author is in every batch.
    touched: set[str] = set()
    around: set[str] = set()

    async def write(entity: str, rows: list[dict[str, Any]]) -> None:
        result = await _write(driver, database, entity, rows, source)
        touched.update(result.get("touched") or ())
        around.update(result.get("affiliated") or ())
        around.update(result.get("around") or ())

    # The batch being written while the next one is read and mapped: Neo4j works on one
    # while Python (the other core) prepares the next. One at a time, so writes stay in order.
    pending: asyncio.Task[None] | None = None

    async def settle() -> None:
        nonlocal pending
        if pending is not None:
            task, pending = pending, None
            await task

    async def flush(entity: str) -> None:
        nonlocal pending
        entries = list(batches.pop(entity, {}).values())
        if not entries:
            return
        await settle()
        pending = asyncio.create_task(write_batch(entity, entries))
        await asyncio.sleep(0)  # let it put the query on the wire before reading on

    async def write_batch(entity: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
        try:
            await write(entity, [row for _, row in entries])
            written = len(entries)
        except errors.InvalidInput:
            # The database refused the batch (nothing of it was written); find the records it
            # refuses by writing them one by one, so the good ones are still kept.
            written = 0
            for where, row in entries:
                try:
                    await write(entity, [row])
                    written += 1
                except errors.InvalidInput as exc:
                    summary.skip(where, f"rejected by the database: {exc}")
                    if fail_fast:
                        raise ImportAborted(f"{where}: rejected by the database: {exc}") from exc
        summary.written += written
        summary.by_entity[entity] += written
        if progress is not None:
            summary.seconds = time.monotonic() - began
            progress(summary)

    async def flush_all() -> None:
        for entity in sorted(batches, key=lambda e: ORDER.index(e) if e in ORDER else len(ORDER)):
            await flush(entity)

    async def read_all() -> None:
        for item in items:
            if pending is not None and summary.read % 200 == 0:
                await asyncio.sleep(0)  # lets the batch in flight read its result and commit
            mapped = accept(item, summary, fail_fast=fail_fast)
            if mapped is None:
                continue
            entity, row = mapped
            batch = batches.setdefault(entity, {})
            batch.pop(row["id"], None)  # the later record of an id wins, as it would across batches
            batch[row["id"]] = (item.where, row)
            if len(batch) >= batch_size:
                # Merges first, so the works batch just filled resolves merged author ids.
                if entity != "merged_author" and "merged_author" in batches:
                    await flush("merged_author")
                await flush(entity)

    async def refresh_summaries() -> None:
        if touched or around:
            summary.refreshed = await summaries.refresh_after_import(
                driver, database, touched, around
            )

    try:
        await read_all()
        await flush_all()
        await settle()
    except ImportAborted:
        # The batches committed before the stop must not leave stale summaries behind.
        if pending is not None:
            await asyncio.gather(pending, return_exceptions=True)
        await refresh_summaries()
        raise
    finally:
        if pending is not None:  # stopped early: let the batch in flight finish, atomically
            await asyncio.gather(pending, return_exceptions=True)
    await refresh_summaries()
    summary.seconds = time.monotonic() - began
    return summary


# Files a folder holds beside its data (a snapshot's LICENSE.txt and RELEASE_NOTES.txt, a
# README): a folder walk passes them over; named on their own, they are read like any file.
NOT_DATA = {".md", ".txt", ".html", ".pdf", ".rst"}


def files_of(path: Path) -> list[Path]:
    """A file, or every data file under a folder in name order (no hidden or NOT_DATA file)."""
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() not in NOT_DATA
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def files_in(paths: Iterable[Path]) -> list[Path]:
    """Every file `paths` name, folders expanded in name order."""
    return [file for path in paths for file in files_of(path)]


def items_from(paths: Iterable[Path]) -> Iterable[Item]:
    for file in files_in(paths):
        yield from read_file(file)
