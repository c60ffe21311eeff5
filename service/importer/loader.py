"""Writing records into Neo4j in batches: each batch is one transaction, all or nothing."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j import exceptions as neo
from service.graph import translate
from service.importer.ids import BadId
from service.importer.readers import Item, read_file
from service.importer.works import work_row
from service.queries import get

# Entity type -> (row mapper, query file). Issue-by-issue more entity types join this table.
MAPPERS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = {
    "work": (work_row, "import/works"),
}


class ImportAborted(RuntimeError):
    """Raised on the first bad record when the import was asked to stop at errors."""


@dataclass
class Summary:
    read: int = 0
    written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def skip(self, where: str, why: str) -> None:
        self.skipped[why.split(":")[0]] += 1
        if len(self.problems) < 1000:
            self.problems.append(f"{where}: {why}")

    def render(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        lines = [
            f"read {self.read}, written {self.written}, skipped {sum(self.skipped.values())}"
            f" in {self.seconds:.2f}s ({rate:,.0f} records/s)"
        ]
        lines += [f"  skipped {count}: {why}" for why, count in self.skipped.most_common()]
        lines += [f"  {problem}" for problem in self.problems[:20]]
        return "\n".join(lines)


async def _write(
    driver: AsyncDriver, database: str, query: str, rows: list[dict[str, Any]], source: str
) -> None:
    text = get(query).text
    imported_at = datetime.now(UTC).isoformat(timespec="seconds")

    async def work(tx: AsyncManagedTransaction) -> None:
        await (await tx.run(text, rows=rows, source=source, importedAt=imported_at)).consume()

    async with driver.session(database=database) as session:
        await session.execute_write(work)


async def import_items(
    driver: AsyncDriver,
    database: str,
    items: Iterable[Item],
    *,
    source: str = "openalex",
    batch_size: int = 500,
    fail_fast: bool = False,
) -> Summary:
    summary = Summary()
    began = time.monotonic()
    batches: dict[str, list[dict[str, Any]]] = {}

    async def flush(entity: str) -> None:
        rows = batches.pop(entity, [])
        if not rows:
            return
        try:
            await _write(driver, database, MAPPERS[entity][1], rows, source)
        except (neo.Neo4jError, neo.DriverError) as exc:
            raise translate(exc) from exc
        summary.written += len(rows)

    for item in items:
        summary.read += 1
        problem = item.problem
        entity = item.entity
        if problem is None and (entity is None or entity not in MAPPERS):
            problem = f"unsupported entity type: {entity or 'unknown'}"
        row = None
        if problem is None and item.record is not None and entity is not None:
            try:
                row = MAPPERS[entity][0](item.record)
            except (BadId, KeyError, TypeError, ValueError, AttributeError) as exc:
                problem = f"malformed record: {exc}"
        if problem is not None or row is None or entity is None:
            summary.skip(item.where, problem or "malformed record")
            if fail_fast:
                raise ImportAborted(f"{item.where}: {problem}")
            continue
        batches.setdefault(entity, []).append(row)
        if len(batches[entity]) >= batch_size:
            await flush(entity)
    for entity in list(batches):
        await flush(entity)
    summary.seconds = time.monotonic() - began
    return summary


def items_from(paths: Iterable[Path]) -> Iterable[Item]:
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            yield from read_file(file)
