"""PROFILE db hits of every saved query against a committed baseline: reports, never fails.

    python -m bench.query_profile            # compare with bench/query_profile_baseline.json
    python -m bench.query_profile --load     # first wipe the database, load seed + OpenAlex page
    python -m bench.query_profile --update   # write the current figures as the new baseline

Db hits, unlike timings, are stable for the same data and plan, so a rise means the planner
or the query got worse. The baseline records the data it was taken on (node and relationship
counts); a different dataset makes the comparison meaningless, and the report says so.
Connects as the service does (NEO4J_URI, ...); `make db-start` and `make seed` start one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, RoutingControl
from service.analyst.catalogue import default_catalogue
from service.analyst.runner import bind
from service.graph import open_driver
from service.importer.loader import import_items, items_from
from service.seed import seed
from service.settings import ROOT, Settings

BASELINE = Path(__file__).with_name("query_profile_baseline.json")
OPENALEX_PAGE = ROOT / "data" / "openalex" / "api-pages" / "works-page-200.json"
# Rises below this share are noise from plan-cache and statistics differences.
THRESHOLD = 0.2


@dataclass(frozen=True)
class Figure:
    name: str
    hash: str
    db_hits: int
    rows: int
    millis: float


def total_db_hits(plan: dict[str, Any]) -> int:
    """Db hits summed over the plan tree (each operator reports only its own)."""
    own = int(plan.get("dbHits", 0))
    return own + sum(total_db_hits(child) for child in plan.get("children", []))


async def fingerprint(driver: AsyncDriver, database: str) -> dict[str, int]:
    records, _, _ = await driver.execute_query(
        "CALL () { MATCH (n) UNWIND labels(n) AS label RETURN label AS kind, count(*) AS n "
        "UNION ALL MATCH ()-[r]->() RETURN type(r) AS kind, count(*) AS n } "
        "RETURN kind, n ORDER BY kind",
        routing_=RoutingControl.READ,
        database_=database,
    )
    return {r["kind"]: r["n"] for r in records}


async def profile(driver: AsyncDriver, database: str) -> list[Figure]:
    figures = []
    for query in default_catalogue():
        began = time.monotonic()
        result = await driver.execute_query(
            "PROFILE " + query.text,
            bind(query, query.example),
            routing_=RoutingControl.READ,
            database_=database,
        )
        plan = result.summary.profile or {}
        figures.append(
            Figure(
                query.name,
                query.hash,
                total_db_hits(plan),
                len(result.records),
                (time.monotonic() - began) * 1000,
            )
        )
    return figures


def compare(
    figures: list[Figure], baseline: dict[str, Any], threshold: float = THRESHOLD
) -> list[str]:
    """One report line per query; regressions say REGRESSION, changed files say so."""
    known = baseline.get("queries", {})
    lines = [f"{'query':32} {'db hits':>9} {'baseline':>9} {'change':>8}  note"]
    for f in figures:
        base = known.get(f.name)
        if base is None:
            lines.append(f"{f.name:32} {f.db_hits:>9} {'-':>9} {'-':>8}  new: no baseline yet")
            continue
        before = int(base["dbHits"])
        change = (f.db_hits - before) / before if before else (1.0 if f.db_hits else 0.0)
        notes = []
        if change > threshold:
            notes.append("REGRESSION")
        elif change < -threshold:
            notes.append("improved")
        if base.get("hash") != f.hash:
            notes.append("query file changed since the baseline")
        lines.append(
            f"{f.name:32} {f.db_hits:>9} {before:>9} {change:>+8.0%}  {', '.join(notes)}".rstrip()
        )
    return lines


def baseline_document(figures: list[Figure], data: dict[str, int], server: str) -> dict[str, Any]:
    return {
        "server": server,
        "data": data,
        "queries": {
            f.name: {"hash": f.hash, "dbHits": f.db_hits, "rows": f.rows}
            for f in sorted(figures, key=lambda f: f.name)
        },
    }


async def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--load", action="store_true", help="wipe, then load seed + OpenAlex page")
    args.add_argument("--update", action="store_true", help="write a new baseline")
    args.add_argument("--baseline", type=Path, default=BASELINE)
    options = args.parse_args(argv)
    settings = Settings()
    database = settings.neo4j.database
    driver = open_driver(settings.neo4j)
    try:
        if options.load:
            await driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
            await seed(driver, database)
            await import_items(driver, database, items_from([OPENALEX_PAGE]), source="openalex")
        data = await fingerprint(driver, database)
        figures = await profile(driver, database)
        server = (await driver.get_server_info()).agent
    finally:
        await driver.close()
    baseline = json.loads(options.baseline.read_text()) if options.baseline.exists() else {}
    if baseline and baseline.get("data") != data:
        print("note: the database holds other data than the baseline was taken on; run --load")
    print("\n".join(compare(figures, baseline)))
    if options.update:
        document = baseline_document(figures, data, server)
        options.baseline.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
        print(f"baseline written to {options.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
