"""How the service behaves as the graph grows: import rate and request latency per graph size.

    .venv/bin/python -m bench.scale --sizes 10000,100000 [--requests 200] [--write]
    .venv/bin/python -m bench.scale --sizes 10000,100000,1000000 --transactional-up-to 100000 \
        --write --plot

For each size: a synthetic corpus (bench/generate.py, cached under bench/out/), a
fresh local Neo4j instance (`LOCALDB_INSTANCE`, default `bench`, on `LOCALDB_BOLT_PORT`,
default 7703; its data folder is deleted first), a timed import, then the service
(`scholar serve` in a subprocess) answering profile, close-collaborators and graph-slice
requests over HTTP, each timed next to the same Cypher with the same parameters through the
bare driver in the same run. The import has its baselines too: the first `--bare-works` works
of the same corpus with their authorships only, written by the plainest batched Cypher
(bench/bare_write.cypher) into the same schema on a fresh instance, which is Neo4j's own
batched-write rate on this machine; and the bulk load's Neo4j-side bound, the works/s its
offline import and index build alone would allow. Prints markdown tables; `--write` appends
them to bench/RESULTS-scale.md with the machine and date; `--plot` draws
bench/RESULTS-scale.png.
Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

import neo4j
from bench.cpu import IdleByPhase
from bench.generate import Corpus, write_corpus
from neo4j import AsyncDriver, RoutingControl
from service import localdb, neo4j_runtime
from service.graph import open_driver, setup_schema
from service.importer.bulk import bulk_import
from service.importer.ids import short_id
from service.importer.loader import import_items, items_from
from service.importer.records import WORK
from service.importer.works import authorships
from service.queries import get, parse
from service.schema.context import Sections, card_params
from service.settings import ROOT, LocalNeo4jSettings, Neo4jSettings, Settings

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS-scale.md"
PLOT = ROOT / "bench" / "RESULTS-scale.png"
BARE_WRITE = parse(ROOT / "bench" / "bare_write.cypher", ROOT / "bench")
# The bulk load's phases that are Neo4j's own work, whatever the Python side costs.
NEO4J_PHASES = ("neo4j-admin import", "start, constraints, indexes")
TARGET = 20_000  # works/s with their authorships, issue 3

PROFILE = """query($id: ID!) { researcher(id: $id) {
  id name headline claimed openToCollaborate affiliation { id name countryCode }
  trust { score label verificationLevel } counts { works followers topics closeCollaborators }
  works(first: 20) { totalCount edges { node {
    id title year type venue doi abstract authors { id name } topics { id name } } } }
  topics(first: 10) { topic { id name } works } } }"""
COLLABORATORS = """query($id: ID!) { researcher(id: $id) {
  closeCollaborators(first: 10) { researcher { id name } sharedWorks strength lastYear } } }"""
PAGE = 20  # works on the profile page PROFILE asks for
SLICE = """query($id: ID!) { graphSlice(center: $id, maxNodes: 150) {
  center truncated nodes { id kind label weight } edges { source target kind weight } } }"""

# Request kind -> (GraphQL document, query file, the parameters the resolver passes for it).
KINDS: dict[str, tuple[str, str, Any]] = {
    "profile": (
        PROFILE,
        "researcher/cards",
        lambda i: card_params(ids=[i], sections=Sections(works_first=20, topics_first=10)),
    ),
    "collaborators": (
        COLLABORATORS,
        "researcher/cards",
        lambda i: card_params(ids=[i], sections=Sections(collaborators_first=10)),
    ),
    "slice": (
        SLICE,
        "graph/slice",
        lambda i: {
            "center": i,
            "maxNodes": 150,
            "kinds": None,
            "yearFrom": None,
            "yearTo": None,
            "exclude": None,
        },
    ),
}


@dataclass
class Row:
    size: int
    transactional_s: float = 0.0
    bare_works: int = 0
    bare_s: float = 0.0
    bulk_s: float = 0.0
    bulk_phases: dict[str, float] = field(default_factory=dict)
    bulk_cpu: str = ""  # the machine's busy and idle CPU-seconds per bulk phase
    graphql: dict[str, list[float]] = field(default_factory=dict)
    driver: dict[str, list[float]] = field(default_factory=dict)
    prolific: dict[str, float] = field(default_factory=dict)
    ordinary: dict[str, float] = field(default_factory=dict)
    prolific_works: int = 0
    full: dict[str, float] = field(default_factory=dict)
    full_works: int = 0
    service_rss_mib: float = 0.0
    neo4j_rss_mib: float = 0.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def corpus(size: int, seed: int) -> Path:
    folder = OUT / f"gen-{size}-seed{seed}"
    # Hidden, so the import's folder walk passes over it.
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(Corpus(works=size, seed=seed), folder)
        done.write_text("")
    return folder


def fresh_instance(settings: Settings, *, start: bool = True) -> localdb.Instance:
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    localdb.stop(inst)
    shutil.rmtree(inst.dir / "data", ignore_errors=True)
    if start:
        localdb.start(inst)
    return inst


@asynccontextmanager
async def fresh_graph(settings: Settings) -> AsyncIterator[AsyncDriver]:
    """A driver on a fresh, started instance with the service's schema."""
    fresh_instance(settings)
    driver = open_driver(settings.neo4j)
    try:
        await setup_schema(driver, settings.neo4j.database)
        yield driver
    finally:
        await driver.close()


async def transactional(folder: Path, args: argparse.Namespace, settings: Settings) -> float:
    async with fresh_graph(settings) as driver:
        began = time.perf_counter()
        summary = await import_items(
            driver, settings.neo4j.database, items_from([folder]), batch_size=args.batch_size
        )
        seconds = time.perf_counter() - began
    print(f"[transactional] {summary.render()}", file=sys.stderr, flush=True)
    return seconds


def bare_batches(folder: Path, limit: int, batch_size: int) -> list[list[dict[str, Any]]]:
    """The first `limit` works of `folder` as bench/bare_write.cypher takes them, in batches."""
    works: list[dict[str, Any]] = []
    for item in items_from([folder]):
        if len(works) >= limit:
            break
        record = item.record
        if record is None or record.get("authorships") is None:
            continue
        works.append(
            {
                "id": short_id(record["id"]),
                "title": record.get("title"),
                "year": record.get("publication_year"),
                # Matched authors in byline order, each once, as the importer maps them.
                "authors": [a["authorId"] for a in authorships(WORK.check(record))],
            }
        )
    return [works[i : i + batch_size] for i in range(0, len(works), batch_size)]


async def bare_write(
    folder: Path, args: argparse.Namespace, settings: Settings
) -> tuple[int, float]:
    """Works written and seconds taken by the baseline, on a fresh instance with the schema.
    The records are read and shaped before the clock starts: this times Neo4j alone."""
    batches = bare_batches(folder, args.bare_works, args.batch_size)
    async with fresh_graph(settings) as driver:
        seconds = await write_bare(driver, settings.neo4j.database, batches)
    return sum(map(len, batches)), seconds


async def write_bare(
    driver: AsyncDriver, database: str, batches: list[list[dict[str, Any]]]
) -> float:
    """Seconds to write `batches` with bench/bare_write.cypher, a transaction each."""
    query = neo4j.Query(BARE_WRITE.text)
    began = time.perf_counter()
    for batch in batches:
        await driver.execute_query(query, {"works": batch}, database_=database)
    return time.perf_counter() - began


async def sample_ids(
    driver: AsyncDriver, count: int, seed: int
) -> tuple[tuple[str, int], tuple[str, int], list[str]]:
    """The most prolific researcher, the least prolific one whose works page is full (21 works
    or more: a page of 20 and the next), each with their works, and a seeded sample of
    ordinary researchers. Prolific against page-full is the cost of having many works; against
    ordinary it is also the cost of a fuller page."""
    records, _, _ = await driver.execute_query(
        "MATCH (r:Researcher) RETURN r.id AS id, COUNT { (r)-[:AUTHORED]->() } AS works",
        routing_=RoutingControl.READ,
    )
    ranked = sorted(((r["works"], r["id"]) for r in records), reverse=True)
    rng = random.Random(seed)
    ordinary = [i for _, i in rng.sample(ranked[len(ranked) // 10 :], min(count, len(ranked)))]
    full = min((r for r in ranked if r[0] > PAGE), default=ranked[0])
    return (ranked[0][1], ranked[0][0]), (full[1], full[0]), ordinary


def publish(report: str, results: Path, *, write: bool, header: str = "") -> None:
    """Print a run's report and, with `write`, append it to a RESULTS file, starting the file
    with `header` if it is new."""
    print(report)
    if not write:
        return
    if header and not results.exists():
        results.write_text(header, encoding="utf-8")
    with results.open("a", encoding="utf-8") as handle:
        handle.write("\n" + report)


async def driver_time(
    driver: AsyncDriver, name: str, params: Mapping[str, Any], timeout_s: float
) -> float:
    # The way the service's graph boundary reads (service/graph.py, `Graph._read`): one
    # auto-commit transaction in a read-access session, the cheapest read the driver offers.
    began = time.perf_counter()
    async with driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
        result = await session.run(neo4j.Query(get(name).text, timeout=timeout_s), dict(params))
        _rows = [dict(record) async for record in result]  # shaped as the service shapes them
    return time.perf_counter() - began


def graphql_time(http: httpx.Client, document: str, ident: str) -> float:
    began = time.perf_counter()
    response = http.post("/graphql", json={"query": document, "variables": {"id": ident}})
    elapsed = time.perf_counter() - began
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"GraphQL failed: {response.status_code} {body}")
    return elapsed


def started(
    command: list[str],
    env: Mapping[str, str],
    answers: Callable[[], bool],
    name: str,
    *,
    cwd: Path = ROOT,
    wait_s: float = 60,
) -> subprocess.Popen[bytes]:
    """`command` started with `env` added to this process's, once `answers()` says it serves;
    stopped, with an error naming `name`, if it exits first or does not serve within `wait_s`."""
    proc = subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and proc.poll() is None:
        with suppress(httpx.HTTPError):
            if answers():
                return proc
        time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{name} did not start")


def healthy(port: int) -> Callable[[], bool]:
    return lambda: httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200


def start_service(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    env = {
        "NEO4J_URI": settings.neo4j.uri,
        "SERVER_PORT": str(port),
        "SERVER_HOST": "127.0.0.1",
        "SERVER_ENVIRONMENT": "development",
    }
    command = [sys.executable, "-m", "service.cli", "serve"]
    return started(command, env, healthy(port), "the service")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def measure(size: int, args: argparse.Namespace, settings: Settings) -> Row:
    row = Row(size=size)
    folder = corpus(size, args.seed)
    print(f"[{size}] corpus ready: {folder}", file=sys.stderr, flush=True)
    if args.bare_works:
        row.bare_works, row.bare_s = await bare_write(folder, args, settings)
    capped = args.import_ == "both" and size > args.transactional_up_to
    if args.import_ in ("both", "transactional") and not capped:
        row.transactional_s = await transactional(folder, args, settings)
    if args.import_ != "transactional":
        fresh_instance(settings, start=False)
        # The whole bulk load, from a stopped, empty instance to a started, indexed graph.
        began = time.perf_counter()
        cpu = IdleByPhase()
        summary = await bulk_import(settings, [folder], progress=cpu)
        row.bulk_s = time.perf_counter() - began
        row.bulk_cpu = cpu.render()
        row.bulk_phases = summary.phases
        print(f"[bulk] {summary.render()}", file=sys.stderr, flush=True)
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    driver = open_driver(settings.neo4j)
    try:
        (prolific, row.prolific_works), (full, row.full_works), ordinary = await sample_ids(
            driver, args.sample, args.seed
        )
        service = start_service(settings, args.http_port)
        timeout = settings.neo4j.query_timeout_s
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{args.http_port}", timeout=60) as http:
                for kind, (document, query, params) in KINDS.items():
                    for ident in ordinary[:5]:  # warm plans and caches on both paths
                        graphql_time(http, document, ident)
                        await driver_time(driver, query, params(ident), timeout)
                    g, d = row.graphql.setdefault(kind, []), row.driver.setdefault(kind, [])
                    for n in range(args.requests):
                        ident = ordinary[n % len(ordinary)]
                        g.append(graphql_time(http, document, ident))
                        d.append(await driver_time(driver, query, params(ident), timeout))
                    row.prolific[kind] = statistics.median(
                        graphql_time(http, document, prolific) for _ in range(9)
                    )
                    row.full[kind] = statistics.median(
                        graphql_time(http, document, full) for _ in range(9)
                    )
                    row.ordinary[kind] = statistics.median(g)
            row.service_rss_mib = rss_mib(service.pid)
        finally:
            service.terminate()
            service.wait(timeout=30)
        row.neo4j_rss_mib = (localdb.resident_memory_kib(inst) or 0) / 1024
    finally:
        await driver.close()
        if not args.keep:
            localdb.stop(inst)
    return row


def per_s(count: int, seconds: float) -> float:
    """`count` per second; 0 when nothing was timed."""
    return count / seconds if seconds else 0.0


def rate(count: int, seconds: float) -> str:
    return f"{per_s(count, seconds):,.0f}" if seconds else "-"


def ratio(size: int, seconds: float, row: Row) -> str:
    """An import's works/s over the same run's bare write."""
    if not (seconds and row.bare_s):
        return "-"
    return f"{per_s(size, seconds) / per_s(row.bare_works, row.bare_s):.2f}"


def neo4j_seconds(row: Row) -> float:
    return sum(row.bulk_phases.get(name, 0.0) for name in NEO4J_PHASES)


def table(rows: list[Row]) -> str:
    lines = [
        "| works | request | GraphQL p50 / p95 / p99 ms | driver p50 / p95 / p99 ms | ratio p50"
        " | prolific author p50 ms (works) | page-full author p50 ms (works) | service RSS MiB"
        " | Neo4j RSS MiB |",
        "|---:|---|---|---|---:|---|---|---:|---:|",
    ]
    for row in rows:
        for kind in KINDS:
            g, d = row.graphql[kind], row.driver[kind]
            lines.append(
                f"| {row.size:,} | {kind}"
                f" | {pct(g, 50):.1f} / {pct(g, 95):.1f} / {pct(g, 99):.1f}"
                f" | {pct(d, 50):.1f} / {pct(d, 95):.1f} / {pct(d, 99):.1f}"
                f" | {pct(g, 50) / pct(d, 50):.2f}"
                f" | {row.prolific[kind] * 1000:.1f} ({row.prolific_works})"
                f" | {row.full[kind] * 1000:.1f} ({row.full_works})"
                f" | {row.service_rss_mib:.0f} | {row.neo4j_rss_mib:.0f} |"
            )
    lines += [
        "",
        "| works | transactional works/s | bulk works/s | bare write works/s (works written)"
        " | transactional / bare | bulk / bare | bulk, Neo4j-side bound works/s |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.size:,} | {rate(row.size, row.transactional_s)}"
            f" | {rate(row.size, row.bulk_s)}"
            f" | {rate(row.bare_works, row.bare_s)} ({row.bare_works:,})"
            f" | {ratio(row.size, row.transactional_s, row)} | {ratio(row.size, row.bulk_s, row)}"
            f" | {rate(row.size, neo4j_seconds(row))} |"
        )
    phases = [
        f"- {row.size:,} works, bulk load {row.bulk_s:.1f}s: "
        + ", ".join(f"{name} {sec:.1f}s" for name, sec in row.bulk_phases.items())
        + f"; the machine's CPU-seconds in each: {row.bulk_cpu}"
        for row in rows
        if row.bulk_phases
    ]
    return "\n".join(lines + (["", *phases] if phases else []))


def plot(rows: list[Row], path: Path) -> None:
    """Latency p50 per request kind (GraphQL and driver) and import rates, against size."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    sizes = [row.size for row in rows]
    figure, (latency, imports) = pyplot.subplots(1, 2, figsize=(11, 4.2))
    for kind in KINDS:
        line = latency.plot(sizes, [pct(r.graphql[kind], 50) for r in rows], "o-", label=kind)
        latency.plot(
            sizes,
            [pct(r.driver[kind], 50) for r in rows],
            "o--",
            color=line[0].get_color(),
            label=f"{kind} (bare driver)",
        )
        latency.plot(
            sizes, [r.prolific[kind] * 1000 for r in rows], "x:", color=line[0].get_color()
        )
        latency.plot(sizes, [r.full[kind] * 1000 for r in rows], "+:", color=line[0].get_color())
    latency.set(xscale="log", yscale="log", xlabel="works in the graph", ylabel="p50 ms")
    latency.set_title("GraphQL (solid), driver (dashed), prolific (x), page-full (+)", fontsize=9)
    latency.legend(fontsize=7)
    rates = {
        "transactional": [(r.size, per_s(r.size, r.transactional_s)) for r in rows],
        "bulk": [(r.size, per_s(r.size, r.bulk_s)) for r in rows],
        "bare write (works + authorships)": [(r.size, per_s(r.bare_works, r.bare_s)) for r in rows],
        "bulk, Neo4j-side bound": [(r.size, per_s(r.size, neo4j_seconds(r))) for r in rows],
    }
    for label, pairs in rates.items():
        points = [(size, value) for size, value in pairs if value]
        if points:
            imports.plot(*zip(*points, strict=True), "o-", label=label)
    imports.axhline(TARGET, color="grey", linestyle=":", label=f"issue 3 target, {TARGET:,}")
    imports.set(xscale="log", yscale="log", xlabel="works in the graph", ylabel="works/s")
    imports.set_title("import rate")
    imports.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def instance_settings(instance: str, bolt_port: int) -> Settings:
    """Settings for a benchmark's own local instance: `LOCALDB_INSTANCE` and
    `LOCALDB_BOLT_PORT` override the given defaults, so runs side by side keep apart."""
    base = Settings()
    local = LocalNeo4jSettings(
        instance=os.environ.get("LOCALDB_INSTANCE", instance),
        bolt_port=int(os.environ.get("LOCALDB_BOLT_PORT", str(bolt_port))),
    )
    return base.model_copy(
        update={
            "localdb": local,
            "neo4j": Neo4jSettings(
                uri=f"bolt://127.0.0.1:{local.bolt_port}",
                user=base.neo4j.user,
                password=base.neo4j.password,
                database=base.neo4j.database,
                query_timeout_s=60,
            ),
        }
    )


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0]
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return (
        f"{platform.platform()}, {cpus} CPUs, {int(mem) // 1024} MiB RAM, Python"
        f" {platform.python_version()}, Neo4j {neo4j_runtime.pinned_version()} (heap <= 512 MB,"
        f" page cache 128 MB); load average {load:.1f} at the end of the run"
    )


def main() -> int:
    top = argparse.ArgumentParser(prog="bench.scale", description=__doc__.split("\n")[0])
    top.add_argument("--sizes", default="10000,100000", help="comma-separated work counts")
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--requests", type=int, default=200, help="timed requests per kind")
    top.add_argument("--sample", type=int, default=50, help="ordinary researchers to cycle")
    top.add_argument("--batch-size", type=int, default=1000)
    top.add_argument(
        "--import",
        dest="import_",
        choices=["both", "bulk", "transactional"],
        default="both",
        help="which import to time; requests run on the bulk-loaded graph unless transactional",
    )
    top.add_argument(
        "--transactional-up-to",
        type=int,
        default=10**9,
        help="with --import both: larger sizes are only bulk-loaded (the transactional import"
        " runs at about 600 works/s, some 30 minutes at 1M works)",
    )
    top.add_argument(
        "--bare-works",
        type=int,
        default=50_000,
        help="works the import's baseline writes (0: no baseline)",
    )
    top.add_argument("--plot", action="store_true", help=f"draw {PLOT.name}")
    top.add_argument("--http-port", type=int, default=int(os.environ.get("BENCH_HTTP_PORT", 8013)))
    top.add_argument("--keep", action="store_true", help="leave the Neo4j instance running")
    top.add_argument("--write", action="store_true", help=f"append the table to {RESULTS.name}")
    args = top.parse_args()
    settings = instance_settings("bench", 7703)
    rows = [asyncio.run(measure(int(s), args, settings)) for s in args.sizes.split(",")]
    report = (
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n{machine()}\n\n{table(rows)}\n"
        f"\n{args.requests} timed requests per kind over {args.sample} ordinary researchers"
        " (outside the top 10% by works); prolific = the researcher with most works, page-full ="
        f" the one with fewest works above {PAGE} (a full works page), median of 9 each. Bare"
        " write: bench/bare_write.cypher, the corpus's first works with their authorships only,"
        f" {args.batch_size} per transaction, into the service's schema on a fresh instance;"
        " ratios divide each import's works/s by it. Neo4j-side bound: the works over the bulk"
        f" load's {' and '.join(repr(p) for p in NEO4J_PHASES)} phases alone.\n"
    )
    publish(report, RESULTS, write=args.write)
    if args.plot:
        plot(rows, PLOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
