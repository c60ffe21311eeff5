"""Profile latency: the GraphQL request next to the same Cypher through the bare driver.

Starts its own Neo4j instance (`bench`, empty data, so the cold start is measured), seeds it,
runs the real service under uvicorn on loopback, then times N profile requests over HTTP and
N runs of the profile's Cypher through the async driver, interleaved, in the same run.
Prints figures; never fails on a time. `python -m bench.profile_latency [--requests N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time

import httpx

from service import localdb, neo4j_runtime
from service.calls.researcher import cards
from service.graph import Graph, open_driver
from service.schema.context import Sections, card_params
from service.seed import SEED_RESEARCHER_ID, seed
from service.settings import LocalNeo4jSettings, Neo4jSettings, Settings

PROFILE = """query($id: ID!) { researcher(id: $id) {
  id name headline claimed openToCollaborate affiliation { name }
  trust { score label verificationLevel signals { name contribution } }
  counts { works followers topics closeCollaborators }
  works(first: 20) { totalCount edges { node { title abstract year type venue
                                                authors { id name } } } }
  topics { topic { name } works }
  closeCollaborators(first: 10) { researcher { name } sharedWorks strength } } }"""


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def wait_http(url: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as http:
        while time.monotonic() < deadline:
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


async def measure(settings: Settings, requests: int, port: int) -> dict[str, list[float]]:
    driver = open_driver(settings.neo4j)
    await seed(driver, settings.neo4j.database)
    samples: dict[str, list[float]] = {"graphql": [], "driver": []}
    try:
        await wait_http(f"http://127.0.0.1:{port}/readyz")
        graph = Graph(driver, settings.neo4j)
        params = card_params(
            ids=[SEED_RESEARCHER_ID],
            sections=Sections(works_first=20, topics_first=10, collaborators_first=10),
        )
        body = {"query": PROFILE, "variables": {"id": SEED_RESEARCHER_ID}}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for _ in range(20):  # warm both paths: plan cache, pools, JIT of the server
                await http.post("/graphql", json=body)
                await cards(graph, **params)
            for _ in range(requests):
                began = time.perf_counter()
                response = await http.post("/graphql", json=body)
                samples["graphql"].append(time.perf_counter() - began)
                assert response.json()["data"]["researcher"]["name"] == "Borui Zhao"
                began = time.perf_counter()
                await cards(graph, **params)
                samples["driver"].append(time.perf_counter() - began)
    finally:
        await driver.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--bolt-port", type=int, default=7699)
    parser.add_argument("--http-port", type=int, default=8799)
    args = parser.parse_args()
    base = Settings()
    local = LocalNeo4jSettings(instance="bench", bolt_port=args.bolt_port)
    inst = localdb.Instance(local, base.neo4j.password.get_secret_value())
    localdb.stop(inst)
    shutil.rmtree(inst.dir, ignore_errors=True)
    neo4j_runtime.runtime_lib(local.home)  # fetched beforehand, so the start below is a cold start
    cold = localdb.start(inst)
    try:
        settings = base.model_copy(
            update={"neo4j": Neo4jSettings(uri=inst.uri, password=base.neo4j.password)}
        )
        env = {
            **os.environ,
            "NEO4J_URI": inst.uri,
            "SERVER_PORT": str(args.http_port),
            "SERVER_ENVIRONMENT": "development",
        }
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "service.app:create_app",
            "--port",
            str(args.http_port),
            "--log-level",
            "warning",
        ]
        server = subprocess.Popen(command, env=env)
        try:
            samples = asyncio.run(measure(settings, args.requests, args.http_port))
        finally:
            server.terminate()
            server.wait()
        rss = localdb.resident_memory_kib(inst) or 0
    finally:
        localdb.stop(inst)
    g, d = samples["graphql"], samples["driver"]
    print(
        f"Neo4j {neo4j_runtime.pinned_version()} cold start: {cold:.2f} s; "
        f"resident memory after the run: {rss / 1024:.0f} MiB"
    )
    print(f"\nProfile of {SEED_RESEARCHER_ID}, {len(g)} requests each, interleaved\n")
    print("| path | median ms | p95 ms | p99 ms |")
    print("|---|---|---|---|")
    for name, values in (("GraphQL over HTTP (uvicorn)", g), ("bare Cypher via driver", d)):
        print(
            f"| {name} | {statistics.median(values) * 1000:.2f} | "
            f"{percentile(values, 0.95) * 1000:.2f} | {percentile(values, 0.99) * 1000:.2f} |"
        )
    print(f"\nratio GraphQL / driver (medians): {statistics.median(g) / statistics.median(d):.2f}x")


if __name__ == "__main__":
    main()
