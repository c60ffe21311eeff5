"""How fast the transactional import could be: its own write statement timed alone.

    .venv/bin/python -m bench.write_bound --size 100000 --works 50000 [--write]

On the same fresh instance (`bench`, port 7703), three writes of the first `--works` works of a
generated corpus, each onto an empty graph with the service's schema: the bare batched write
(bench/bare_write.cypher, the baseline of bench/scale.py); the transactional import itself
(every query, the Python merge rules and the summary refresh); and the import's write statement
alone, cypher/import/works.cypher replayed with exactly the parameters the import gave it,
captured during the import run, with no Python in the timed loop. The last is what Neo4j
needs for the rows the import writes: the most any Python in front of it could reach.
Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from datetime import UTC, datetime
from typing import Unpack

from bench.scale import (
    RESULTS,
    bare_batches,
    corpus,
    fresh_graph,
    instance_settings,
    machine,
    publish,
    write_bare,
)
from neo4j import AsyncDriver
from service import localdb
from service.calls import import_
from service.calls.import_types import WorksParams, WorksRow
from service.importer.loader import import_items, items_from
from service.importer.readers import Item
from service.rows import Runner
from service.transactions import Transaction, write_transaction


async def import_capturing(
    driver: AsyncDriver, database: str, items: list[Item], batch_size: int
) -> tuple[float, list[WorksParams]]:
    """Seconds for the transactional import of `items`, and the parameters of every run of
    its write statement (a bench-only wrapper around the generated call; the import looks the
    call up on its module at each batch)."""
    captured: list[WorksParams] = []
    original = import_.works

    async def capture(db: Runner, /, **params: Unpack[WorksParams]) -> WorksRow:
        captured.append(params)
        return await original(db, **params)

    import_.works = capture
    try:
        began = time.perf_counter()
        await import_items(driver, database, items, batch_size=batch_size)
        seconds = time.perf_counter() - began
    finally:
        import_.works = original
    return seconds, captured


async def replay(driver: AsyncDriver, database: str, batches: list[WorksParams]) -> float:
    """Seconds to run the write statement with `batches`, a transaction each, in order."""
    began = time.perf_counter()
    for params in batches:

        async def work(tx: Transaction, params: WorksParams = params) -> WorksRow:
            return await import_.works(tx, **params)

        await write_transaction(driver, database, work)
    return time.perf_counter() - began


async def measure(args: argparse.Namespace) -> str:
    settings = instance_settings("bench", 7703)
    folder = corpus(args.size, args.seed)
    items = list(itertools.islice(items_from([folder]), args.works))
    works = sum(1 for item in items if item.entity == "work")
    bare = bare_batches(folder, works, args.batch_size)
    database = settings.neo4j.database
    try:
        async with fresh_graph(settings) as driver:
            bare_s = await write_bare(driver, database, bare)
        async with fresh_graph(settings) as driver:
            import_s, captured = await import_capturing(driver, database, items, args.batch_size)
        async with fresh_graph(settings) as driver:
            alone_s = await replay(driver, database, captured)
    finally:
        password = settings.neo4j.password.get_secret_value()
        localdb.stop(localdb.Instance(settings.localdb, password))
    bare_rate = sum(map(len, bare)) / bare_s
    lines = [
        "| works | bare write works/s | transactional import works/s | its write statement"
        " alone works/s | import / bare | statement alone / bare | import / statement alone |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {works:,} | {bare_rate:,.0f} | {works / import_s:,.0f} | {works / alone_s:,.0f}"
        f" | {works / import_s / bare_rate:.2f} | {works / alone_s / bare_rate:.2f}"
        f" | {alone_s / import_s:.2f} |",
    ]
    return (
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: the transactional import's write bound\n\n"
        f"{machine()}\n\n" + "\n".join(lines) + "\n\n"
        f"The first {works:,} works of the {args.size:,}-work corpus, {args.batch_size} per"
        " transaction, each write onto a fresh graph with the schema (bench/write_bound.py):"
        " the bare write as in the tables above; the transactional import whole (reads of the"
        " stored nodes, the merge rules, cypher/import/works.cypher, the summary refresh);"
        " and cypher/import/works.cypher alone, replayed with the parameters the import gave"
        f" it ({len(captured)} transactions), no Python in the timed loop.\n"
    )


def main() -> int:
    top = argparse.ArgumentParser(prog="bench.write_bound", description=__doc__.split("\n")[0])
    top.add_argument("--size", type=int, default=100_000, help="the generated corpus to read")
    top.add_argument("--works", type=int, default=50_000, help="its first works to write")
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--batch-size", type=int, default=1000)
    top.add_argument("--write", action="store_true", help=f"append the table to {RESULTS.name}")
    args = top.parse_args()
    report = asyncio.run(measure(args))
    publish(report, RESULTS, write=args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
