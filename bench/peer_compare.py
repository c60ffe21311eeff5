"""Side by side: the profile view through the bare driver, this service and @neo4j/graphql.

    .venv/bin/python -m bench.peer_compare --sizes seed,100000 [--requests 200] [--write] [--plot]

For each graph (`seed`: the seed data; a number: a generated corpus of that many works, cached
under bench/out/ and bulk-loaded) on a fresh local Neo4j instance (`LOCALDB_INSTANCE`, default
`peers`, on `LOCALDB_BOLT_PORT`, default 7705): the service (`scholar serve`, development mode)
and the peer (bench/peers/neo4j-graphql, @neo4j/graphql on Apollo Server) are started over the
same graph. The profile view (name, the 10 newest works with their authors, the 10 closest
collaborators) is then timed, interleaved request by request, three ways: the service's own
Cypher (cypher/researcher/cards.cypher with the view's sections) through the Python driver, the
service's /graphql, and the peer's /graphql with the equivalent document; for the seed
researcher, or for an ordinary and the most prolific generated researcher. Both servers'
answers are compared first. Then each server's throughput under 1, 8 and 32 concurrent clients
(an asyncio + httpx load generator on loopback, a fixed number of requests over a sample of
ordinary researchers), with the service's resident memory sampled during that load, and one
client in a closed loop against the bare read and bench/http_floor.py (the same read behind a
raw ASGI app: the floor of any Python HTTP service).
Prints markdown tables; `--write` appends them to bench/RESULTS-peers.md with the machine and
date; `--plot` draws bench/RESULTS-peers.png. Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from bench.peer_views import (
    COLLABORATORS,
    PEER_DIR,
    PEER_VIEW,
    SERVICE_VIEW,
    WORKS,
    peer_view,
    same_view,
    service_view,
)
from bench.raw_client import closed_loop
from bench.scale import (
    corpus,
    driver_time,
    fresh_graph,
    fresh_instance,
    graphql_time,
    healthy,
    instance_settings,
    machine,
    pct,
    publish,
    rss_mib,
    sample_ids,
    start_service,
    started,
)
from neo4j import AsyncDriver, RoutingControl
from service import localdb
from service.graph import open_driver
from service.importer.bulk import bulk_import
from service.schema.context import Sections, card_params
from service.seed import SEED_RESEARCHER_ID, seed
from service.settings import ROOT, Settings

RESULTS = ROOT / "bench" / "RESULTS-peers.md"
HEADER = """# The profile view beside bare Cypher and @neo4j/graphql

Written by `make bench-peers ARGS="--write --plot"` (bench/peer_compare.py); figures, never
pass/fail, each section one run on one machine state. The view: a researcher's name, their 10
newest works with each work's authors in byline order, their 10 closest collaborators. Bare
driver: the service's own cypher/researcher/cards.cypher with those sections, through the
Python driver; service: its /graphql; peer: @neo4j/graphql 7 on Apollo Server 5
(bench/peers/neo4j-graphql, whose README says how it models the view). Ordinary = the researcher
with fewest works above 20, prolific = the one with most. The issue's targets, read off the
tables: service / driver <= 1.25 for every researcher; service p50 below the peer's with one
client and service req/s above the peer's at 1, 8 and 32 clients; prolific / ordinary <= 1.5;
service RSS peak <= 200 MB.
"""
PLOT = ROOT / "bench" / "RESULTS-peers.png"
VIEW = Sections(works_first=WORKS, collaborators_first=COLLABORATORS)
PATHS = ("driver", "service", "peer")
LEVELS = (1, 8, 32)


@dataclass
class Subject:
    label: str
    id: str
    works: int


@dataclass
class Load:
    """One load run: successful requests' latencies, failures, wall-clock seconds."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    peak_rss_mib: float = 0.0

    @property
    def per_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


@dataclass
class Run:
    graph: str
    subjects: list[Subject] = field(default_factory=list)
    # (subject label, path) -> seconds per request
    latency: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    same: dict[str, bool] = field(default_factory=dict)
    # (server, clients) -> the load run
    load: dict[tuple[str, int], Load] = field(default_factory=dict)
    sample: int = 0


def p50(values: list[float]) -> float:
    return pct(values, 50) if values else float("nan")


def start_peer(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """The peer on `port` over the bench instance; installed from its lock file if needed."""
    if not (PEER_DIR / "node_modules").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER_DIR, check=True
        )
    env = {
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_USER": settings.neo4j.user,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j.database,
        "PORT": str(port),
    }

    def answers() -> bool:
        body = {"query": "{ __typename }"}
        return httpx.post(f"http://127.0.0.1:{port}/graphql", json=body, timeout=1).is_success

    return started(["node", "server.mjs"], env, answers, "the peer", cwd=PEER_DIR)


def start_floor(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """bench/http_floor.py over the instance, answering once /healthz does."""
    command = [sys.executable, "-m", "bench.http_floor", str(port)]
    return started(command, {"NEO4J_URI": settings.neo4j.uri}, healthy(port), "the HTTP floor")


@asynccontextmanager
async def servers(settings: Settings, args: argparse.Namespace) -> AsyncIterator[dict[str, int]]:
    """The service, the peer and the HTTP floor over the instance: name -> process id. Stopped
    on the way out."""
    procs = {"service": start_service(settings, args.service_port)}
    try:
        procs["peer"] = start_peer(settings, args.peer_port)
        procs["floor"] = start_floor(settings, args.floor_port)
        yield {name: proc.pid for name, proc in procs.items()}
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            proc.wait(timeout=30)


async def load_graph(graph: str, args: argparse.Namespace, settings: Settings) -> None:
    """A fresh instance holding the seed graph or a generated corpus, started."""
    if graph == "seed":
        async with fresh_graph(settings) as driver:
            await seed(driver, settings.neo4j.database)
        return
    folder = corpus(int(graph), args.seed)
    fresh_instance(settings, start=False)
    summary = await bulk_import(settings, [folder])
    print(f"[bulk] {summary.render()}", file=sys.stderr, flush=True)


async def subjects(
    driver: AsyncDriver, graph: str, sample: int, seed_: int
) -> tuple[list[Subject], list[str]]:
    """Who the view is timed for, and the ordinary researchers the load cycles over."""
    records, _, _ = await driver.execute_query(
        "MATCH (r:Researcher) RETURN count(r) AS n", routing_=RoutingControl.READ
    )
    total = int(records[0]["n"])
    # sample_ids draws from all but the top tenth: never ask it for more than that holds.
    (prolific, most), (full, fewest), ordinary = await sample_ids(
        driver, min(sample, total - total // 10), seed_
    )
    if graph == "seed":
        works, _, _ = await driver.execute_query(
            "MATCH (r:Researcher {id: $id}) RETURN COUNT { (r)-[:AUTHORED]->() } AS works",
            {"id": SEED_RESEARCHER_ID},
            routing_=RoutingControl.READ,
        )
        return [Subject("seed researcher", SEED_RESEARCHER_ID, works[0]["works"])], ordinary
    return [Subject("ordinary", full, fewest), Subject("prolific", prolific, most)], ordinary


def check_answers(service: httpx.Client, peer: httpx.Client, subject: Subject) -> bool:
    """Whether both servers give the same view of `subject`; a difference is printed."""
    body = {"variables": {"id": subject.id}}
    mine = service.post("/graphql", json={"query": SERVICE_VIEW, **body}).json()
    theirs = peer.post("/graphql", json={"query": PEER_VIEW, **body}).json()
    a, b = service_view(mine), peer_view(theirs)
    if not same_view(a, b):
        print(f"[{subject.label}] answers differ:\n  service {a}\n  peer    {b}", file=sys.stderr)
        return False
    return True


async def view_once(
    path: str, subject: Subject, driver: AsyncDriver, http: dict[str, httpx.Client]
) -> float:
    """Seconds for one view of `subject` by `path`: the bare Cypher, or a server's /graphql."""
    if path == "driver":
        return await driver_time(driver, "researcher/cards", view_params(subject.id), timeout_s=60)
    return graphql_time(http[path], SERVICE_VIEW if path == "service" else PEER_VIEW, subject.id)


async def time_view(
    run: Run, driver: AsyncDriver, http: dict[str, httpx.Client], args: argparse.Namespace
) -> None:
    """Each subject's view, the three paths taking turns request by request."""
    for subject in run.subjects:
        run.same[subject.label] = check_answers(http["service"], http["peer"], subject)
        for _ in range(args.warmup):  # plans, pools, the servers' caches and JITs
            for path in PATHS:
                await view_once(path, subject, driver, http)
        for n in range(args.requests):
            # Rotate who goes first, so no path always follows another's cache traffic.
            for path in PATHS[n % 3 :] + PATHS[: n % 3]:
                seconds = await view_once(path, subject, driver, http)
                run.latency.setdefault((subject.label, path), []).append(seconds)
        print(
            f"[{run.graph}] {subject.label} ({subject.works} works): "
            + ", ".join(f"{p} {p50(run.latency[(subject.label, p)]):.1f} ms" for p in PATHS),
            file=sys.stderr,
            flush=True,
        )


async def drive(
    url: str, document: str, ids: list[str], clients: int, requests: int, max_s: float
) -> Load:
    """`requests` requests from `clients` concurrent clients, one connection each, cycling over
    `ids`; no new request starts after `max_s` seconds."""
    result = Load(clients=clients)
    tickets = iter(range(requests))  # shared: each request is taken by exactly one client
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        deadline = time.perf_counter() + max_s

        async def client() -> None:
            for n in tickets:
                if time.perf_counter() > deadline:
                    return
                body = {"query": document, "variables": {"id": ids[n % len(ids)]}}
                began = time.perf_counter()
                try:
                    response = await http.post("/graphql", json=body)
                    ok = response.status_code == 200 and not response.json().get("errors")
                except (httpx.HTTPError, ValueError):
                    ok = False
                if ok:
                    result.latencies.append(time.perf_counter() - began)
                else:
                    result.errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        result.seconds = time.perf_counter() - began
    return result


async def sampled(load: Coroutine[Any, Any, Load], pid: int) -> tuple[Load, float]:
    """Run `load` while reading `pid`'s resident memory every 100 ms: the load and the peak."""
    peak = rss_mib(pid)
    task = asyncio.ensure_future(load)
    while not task.done():
        await asyncio.wait({task}, timeout=0.1)
        with suppress(FileNotFoundError):
            peak = max(peak, rss_mib(pid))
    return task.result(), peak


async def driver_loop(driver: AsyncDriver, ids: list[str], requests: int) -> Load:
    """The bare read of the view, one client in a closed loop over `ids`, as `drive` runs one
    HTTP client: the floor for the one-client rows of the load table."""
    result = Load(clients=1)
    for n in range(20):  # warm, as `drive` is warmed
        await driver_time(driver, "researcher/cards", view_params(ids[n % len(ids)]), 60)
    began = time.perf_counter()
    for n in range(requests):
        ident = ids[n % len(ids)]
        result.latencies.append(
            await driver_time(driver, "researcher/cards", view_params(ident), timeout_s=60)
        )
    result.seconds = time.perf_counter() - began
    return result


def view_params(ident: str) -> dict[str, Any]:
    return dict(card_params(ids=[ident], sections=VIEW))


async def throughput(
    run: Run,
    ordinary: list[str],
    pids: dict[str, int],
    driver: AsyncDriver,
    args: argparse.Namespace,
) -> None:
    run.load[("driver", 1)] = await driver_loop(driver, ordinary, args.load_requests)
    floor = f"http://127.0.0.1:{args.floor_port}"
    await drive(floor, SERVICE_VIEW, ordinary, 1, 20, 60)  # warm, as the servers are
    run.load[("floor", 1)] = await drive(
        floor, SERVICE_VIEW, ordinary, 1, args.load_requests, args.load_s
    )
    # The same closed loops through the leanest client, so the client's own time drops out.
    for path, port in (("floor", args.floor_port), ("service", args.service_port)):
        began = time.perf_counter()
        latencies = await closed_loop(port, SERVICE_VIEW, ordinary, args.load_requests)
        run.load[(f"{path} raw", 1)] = Load(1, time.perf_counter() - began, latencies)
    urls = {"service": args.service_port, "peer": args.peer_port}
    documents = {"service": SERVICE_VIEW, "peer": PEER_VIEW}
    for i, clients in enumerate(LEVELS):
        order = ("service", "peer") if i % 2 == 0 else ("peer", "service")
        for name in order:
            url = f"http://127.0.0.1:{urls[name]}"
            await drive(url, documents[name], ordinary, clients, clients * 4, 60)  # warm
            load, peak = await sampled(
                drive(url, documents[name], ordinary, clients, args.load_requests, args.load_s),
                pids[name],
            )
            load.peak_rss_mib = peak
            run.load[(name, clients)] = load
            print(
                f"[{run.graph}] {name} x{clients}: {load.per_s:.0f} req/s,"
                f" p50 {p50(load.latencies):.0f} ms, {load.errors} errors, RSS {peak:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )


async def measure(graph: str, args: argparse.Namespace, settings: Settings) -> Run:
    run = Run(graph=graph)
    await load_graph(graph, args, settings)
    inst = localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())
    driver = open_driver(settings.neo4j)
    try:
        run.subjects, ordinary = await subjects(driver, graph, args.sample, args.seed)
        run.sample = len(ordinary)
        async with servers(settings, args) as pids:
            http = {
                "service": httpx.Client(
                    base_url=f"http://127.0.0.1:{args.service_port}", timeout=60
                ),
                "peer": httpx.Client(base_url=f"http://127.0.0.1:{args.peer_port}", timeout=60),
            }
            try:
                await time_view(run, driver, http, args)
            finally:
                for client in http.values():
                    client.close()
            await throughput(run, ordinary, pids, driver, args)
    finally:
        await driver.close()
        if not args.keep:
            localdb.stop(inst)
    return run


def graph_name(graph: str) -> str:
    return "seed" if graph == "seed" else f"{int(graph):,} works"


def latency_table(runs: list[Run]) -> str:
    lines = [
        "| graph | researcher (works) | bare driver p50 / p99 ms | service p50 / p99 ms"
        " | peer p50 / p99 ms | service / driver | peer / driver | service / peer"
        " | same answer |",
        "|---|---|---|---|---|---:|---:|---:|---|",
    ]
    for run in runs:
        for s in run.subjects:
            d, m, p = (run.latency[(s.label, path)] for path in PATHS)
            lines.append(
                f"| {graph_name(run.graph)} | {s.label} ({s.works:,})"
                + "".join(f" | {p50(v):.1f} / {pct(v, 99):.1f}" for v in (d, m, p))
                + f" | {p50(m) / p50(d):.2f} | {p50(p) / p50(d):.2f} | {p50(m) / p50(p):.2f}"
                f" | {'yes' if run.same.get(s.label) else 'NO'} |"
            )
    spread = [
        f"- {graph_name(run.graph)}, prolific / ordinary p50: "
        + ", ".join(f"{path} {spread_of(run, path):.2f}" for path in PATHS)
        for run in runs
        if {s.label for s in run.subjects} >= {"ordinary", "prolific"}
    ]
    return "\n".join(lines + (["", *spread] if spread else []))


def spread_of(run: Run, path: str) -> float:
    """How much longer the prolific researcher's view takes than the ordinary one's, by p50."""
    return p50(run.latency[("prolific", path)]) / p50(run.latency[("ordinary", path)])


def load_table(runs: list[Run]) -> str:
    lines = [
        "| graph | clients | service req/s | service p50 / p99 ms | service errors"
        " | peer req/s | peer p50 / p99 ms | peer errors | service / peer req/s"
        " | service RSS peak MiB | peer RSS peak MiB |",
        "|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for run in runs:
        for clients in LEVELS:
            mine, theirs = run.load[("service", clients)], run.load[("peer", clients)]
            cells = "".join(
                f" | {x.per_s:.0f} | {p50(x.latencies):.1f} / {pct(x.latencies, 99):.1f}"
                f" | {x.errors}"
                for x in (mine, theirs)
            )
            ratio = mine.per_s / theirs.per_s if theirs.per_s else float("nan")
            lines.append(
                f"| {graph_name(run.graph)} | {clients}{cells} | {ratio:.2f}"
                f" | {mine.peak_rss_mib:.0f} | {theirs.peak_rss_mib:.0f} |"
            )
    return "\n".join(lines)


def plot(runs: list[Run], path: Any) -> None:
    """p50 of the view per researcher and path; throughput against clients per server."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, (latency, load) = pyplot.subplots(1, 2, figsize=(11, 4.2))
    groups = [(run, s) for run in runs for s in run.subjects]
    width = 0.8 / len(PATHS)
    for k, name in enumerate(PATHS):
        latency.bar(
            [i + (k - 1) * width for i in range(len(groups))],
            [p50(run.latency[(s.label, name)]) for run, s in groups],
            width,
            label={"driver": "bare driver", "service": "this service", "peer": "@neo4j/graphql"}[
                name
            ],
        )
    latency.set_xticks(
        range(len(groups)),
        [f"{graph_name(run.graph)}\n{s.label} ({s.works:,})" for run, s in groups],
        fontsize=7,
    )
    latency.set(ylabel="p50 ms")
    latency.set_title("profile view, one request at a time", fontsize=9)
    latency.legend(fontsize=7)
    for run, style in zip(runs, ("o-", "s--", "^:", "v-."), strict=False):
        for name, color in (("service", "C1"), ("peer", "C2")):
            latency_rate = [run.load[(name, c)].per_s for c in LEVELS]
            load.plot(
                LEVELS, latency_rate, style, color=color, label=f"{name}, {graph_name(run.graph)}"
            )
    load.set(xscale="log", xlabel="concurrent clients", ylabel="requests/s")
    load.set_xticks(LEVELS, [str(c) for c in LEVELS])
    load.set_title("throughput over ordinary researchers", fontsize=9)
    load.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def closed_loop_lines(runs: list[Run]) -> str:
    """The one-client rows against the bare read and the HTTP floor run the same way: steady
    state, no other path's requests in between (the interleaved table wakes each server from
    idle); through the load generator's httpx client, then through bench/raw_client.py."""

    def ms(path: str, run: Run) -> str:
        latencies = run.load[(path, 1)].latencies
        return f"{p50(latencies):.1f} / {pct(latencies, 99):.1f}"

    def ratio(path: str, base: str, run: Run) -> str:
        return f"{p50(run.load[(path, 1)].latencies) / p50(run.load[(base, 1)].latencies):.2f}"

    lines = []
    for run in runs:
        lines.append(
            f"- {graph_name(run.graph)}, one client in a closed loop over the same researchers"
            f" (p50 / p99 ms): bare driver {ms('driver', run)}; through httpx, HTTP floor"
            f" {ms('floor', run)}, service {ms('service', run)}; through a raw socket, HTTP"
            f" floor {ms('floor raw', run)}, service {ms('service raw', run)}. Raw: HTTP floor"
            f" / driver {ratio('floor raw', 'driver', run)}, service / driver"
            f" {ratio('service raw', 'driver', run)}, service / HTTP floor"
            f" {ratio('service raw', 'floor raw', run)} (httpx: service / driver"
            f" {ratio('service', 'driver', run)})"
        )
    return "\n".join(lines)


def main() -> int:
    top = argparse.ArgumentParser(prog="bench.peer_compare", description=__doc__.split("\n")[0])
    top.add_argument(
        "--sizes", default="seed,100000", help="comma-separated: seed and/or work counts"
    )
    top.add_argument("--seed", type=int, default=1, help="corpus and sampling seed")
    top.add_argument("--requests", type=int, default=200, help="timed views per path and subject")
    top.add_argument("--warmup", type=int, default=20, help="untimed views per path first")
    top.add_argument("--sample", type=int, default=400, help="ordinary researchers to load with")
    top.add_argument("--load-requests", type=int, default=400, help="requests per load run")
    top.add_argument("--load-s", type=float, default=120, help="no new request after this")
    top.add_argument("--service-port", type=int, default=8300)
    top.add_argument("--peer-port", type=int, default=8301)
    top.add_argument("--floor-port", type=int, default=8302)
    top.add_argument("--keep", action="store_true", help="leave the Neo4j instance running")
    top.add_argument("--write", action="store_true", help=f"append the tables to {RESULTS.name}")
    top.add_argument("--plot", action="store_true", help=f"draw {PLOT.name}")
    args = top.parse_args()
    settings = instance_settings("peers", 7705)
    load_before = os.getloadavg()
    runs = [asyncio.run(measure(graph, args, settings)) for graph in args.sizes.split(",")]
    report = (
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n{machine()}, and"
        f" {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f} (1 / 5 / 15 min)"
        f" at its start\n\nThe profile view, {args.requests} requests per path and researcher,"
        " interleaved:\n\n"
        f"{latency_table(runs)}\n\nThroughput, {args.load_requests} requests per run cycling"
        " over ordinary researchers (a seeded sample outside the top tenth by works: "
        + ", ".join(f"{r.sample} on the {graph_name(r.graph)} graph" for r in runs)
        + f"):\n\n"
        f"{load_table(runs)}\n\n{closed_loop_lines(runs)}\n"
    )
    publish(report, RESULTS, write=args.write, header=HEADER)
    if args.plot:
        plot(runs, PLOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
