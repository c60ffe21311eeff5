"""How little a bulk load's Python side could cost: the core of its files written by a columnar
engine (DuckDB), which does in C++ on every core what service/importer/bulk/ does in Python.

    .venv/bin/python -m bench.columnar_floor --size 1000000 [--write]

Reads the generated corpus's JSON Lines once (the columns the load maps) and writes only the
core of what a bulk load writes: the papers with their abstracts rebuilt from the inverted
index, the AUTHORED, HAS_TOPIC and CITES rows, the co-author pair counts every researcher
summary starts from, and the summaries' heaviest part, how many of each researcher's
co-authors belong to each institution. It leaves out the rest of the load's work (validation
and refusals, merged author ids, later records superseding earlier ones, the shared nodes and
their merge rules, affiliations with years, citation stubs, every ranked list of the
summaries), so its time is a floor under any columnar rewrite of the Python phases, not an
estimate of one. Compare it with the Python phases' allowance in the same results file: a load
at 0.8x its Neo4j-side bound may spend a quarter of that bound outside Neo4j.
Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from bench.scale import RESULTS, corpus, machine, publish
from service.collaborators import MAX_BYLINE

AUTHORSHIP = (
    "STRUCT(author_position VARCHAR, author STRUCT(id VARCHAR, display_name VARCHAR,"
    " orcid VARCHAR), institutions STRUCT(id VARCHAR, display_name VARCHAR)[])[]"
)
COLUMNS = {
    "id": "VARCHAR",
    "title": "VARCHAR",
    "publication_year": "BIGINT",
    "doi": "VARCHAR",
    "type": "VARCHAR",
    "authorships": AUTHORSHIP,
    "topics": "STRUCT(id VARCHAR, score DOUBLE)[]",
    "referenced_works": "VARCHAR[]",
    "abstract_inverted_index": "MAP(VARCHAR, BIGINT[])",
}

# Step name -> statement; {src} is the corpus's files, {out} the folder written to.
STEPS = {
    "read the JSON Lines once": """
        CREATE TEMP TABLE w AS SELECT * FROM read_json({src}, format = 'newline_delimited',
            columns = {columns})""",
    "papers with abstracts": """
        COPY (
            SELECT w.id, w.title, w.publication_year, w.doi, w.type, a.abstract FROM w
            LEFT JOIN (
                SELECT id, string_agg(word, ' ' ORDER BY position) AS abstract FROM (
                    SELECT id, word, unnest(abstract_inverted_index[word]) AS position FROM (
                        SELECT id, abstract_inverted_index,
                            unnest(map_keys(abstract_inverted_index)) AS word FROM w))
                GROUP BY id) a ON a.id = w.id
        ) TO '{out}/papers.csv' (HEADER)""",
    "AUTHORED, HAS_TOPIC, CITES": """
        COPY (SELECT a.author.id, id, a.author_position
              FROM (SELECT id, unnest(authorships) AS a FROM w))
            TO '{out}/authored.csv' (HEADER false);
        COPY (SELECT id, t.id, t.score FROM (SELECT id, unnest(topics) AS t FROM w))
            TO '{out}/has_topic.csv';
        COPY (SELECT id, unnest(referenced_works) FROM w) TO '{out}/cites.csv'""",
    "co-author pair counts": """
        CREATE TEMP TABLE au AS SELECT id AS work, a.author.id AS author
            FROM (SELECT id, unnest(authorships) AS a FROM w);
        CREATE TEMP TABLE counted_works AS SELECT work FROM au GROUP BY work
            HAVING count(*) <= {max_byline};  -- as the summaries skip crowded bylines
        CREATE TEMP TABLE pairs AS SELECT x.author, y.author AS coauthor, count(*) AS shared
            FROM au x JOIN au y ON x.work = y.work AND x.author <> y.author
            WHERE x.work IN (SELECT work FROM counted_works) GROUP BY ALL;
        COPY pairs TO '{out}/pairs.csv' (HEADER false)""",
    # The summaries' heaviest part (service/importer/summariser.py): for every researcher, the
    # institutions their co-authors belong to and how many of them do (the load then keeps the
    # first KEEP_SLICE of each by that count and by name, which this leaves out).
    "co-authors' institutions, counted": """
        CREATE TEMP TABLE member AS SELECT DISTINCT author, i.id AS institution FROM (
            SELECT a.author.id AS author, unnest(a.institutions) AS i
            FROM (SELECT unnest(authorships) AS a FROM w));
        CREATE TEMP TABLE counted AS SELECT p.author, m.institution, count(*) AS members
            FROM pairs p JOIN member m ON m.author = p.coauthor GROUP BY ALL""",
}


def run(
    folder: Path, out: Path, connection: duckdb.DuckDBPyConnection | None = None
) -> dict[str, float]:
    """Seconds per step, on every usable core (in `connection`, a new in-memory database
    unless given one, whose tables stay for the caller to read)."""
    connection = connection or duckdb.connect()
    connection.execute(f"SET threads = {len(os.sched_getaffinity(0))}")
    # Spills beside the files it writes, which the run deletes; row order is never needed.
    connection.execute(f"SET temp_directory = '{out / 'spill'}'")
    connection.execute("SET preserve_insertion_order = false")
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items()) + "}"
    src = "'" + str(folder / "works_*.jsonl.gz") + "'"
    seconds = {}
    for name, statement in STEPS.items():
        began = time.perf_counter()
        connection.execute(
            statement.format(src=src, out=out, columns=columns, max_byline=MAX_BYLINE)
        )
        seconds[name] = time.perf_counter() - began
        print(f"[columnar] {name}: {seconds[name]:.1f}s", file=sys.stderr, flush=True)
    return seconds


def main() -> int:
    top = argparse.ArgumentParser(prog="bench.columnar_floor", description=__doc__.split("\n")[0])
    top.add_argument("--size", type=int, default=1_000_000, help="the generated corpus to read")
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--write", action="store_true", help=f"append the result to {RESULTS.name}")
    args = top.parse_args()
    folder = corpus(args.size, args.seed)
    with tempfile.TemporaryDirectory() as out:
        seconds = run(folder, Path(out))
    total = sum(seconds.values())
    report = (
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: a columnar engine's floor for the bulk"
        f" load's Python phases\n\n{machine()}, DuckDB {duckdb.__version__}\n\n"
        f"{args.size:,} works (bench/columnar_floor.py): "
        + ", ".join(f"{name} {s:.1f}s" for name, s in seconds.items())
        + f"; **{total:.1f}s** for the core of the files alone.\n"
    )
    publish(report, RESULTS, write=args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
