"""The web's speed: a profile page's HTML next to the same data through /graphql, the graph slice
next to its bare Cypher, search-box suggestions, and the explorer's drawing in Chromium.

    .venv/bin/python -m bench.web [--sizes seed,100000] [--requests 200] [--loads 8] [--write]

For each graph (`seed`: the seed and the 200 sample works, as `make run` loads them; a number:
that many generated works, bulk-loaded) a fresh local Neo4j instance (`bench`, as bench/scale.py
sets up) and `scholar serve` on loopback. Requests are interleaved with their baseline in the
same run: the page (GET /researchers/{id}) against POST /graphql of the page's own document
(service/web/queries/profile.graphql) with the same variables; graphSlice (150 nodes) through
/graphql against graph/slice through the bare driver. Suggestions time suggest.graphql for what
a person types. The explorer loads /explore in headless Chromium and reads its own
performance marks (first drawing; one expansion). Prints markdown; `--write` appends it to
bench/RESULTS-web.md. Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from typing import Any

import httpx
from playwright.async_api import async_playwright

from bench.scale import corpus, fresh_instance, machine, pct, publish, sample_ids, start_service
from service import localdb
from service.graph import open_driver
from service.importer.bulk import bulk_import
from service.queries import get
from service.seed import SEED_RESEARCHER_ID, load_sample, seed
from service.settings import ROOT, LocalNeo4jSettings, Neo4jSettings, Settings
from service.web import documents

RESULTS = ROOT / "bench" / "RESULTS-web.md"
SLICE = get("graph/slice").text
TYPED = ["bor", "borui zh", "Borui Zaho", "jose gob", "watzold", "knowledge dist", "megvi", "gen"]


def p50(values: list[float]) -> float:
    return statistics.median(values) * 1000


async def load_graph(size: str, settings: Settings) -> list[tuple[str, str]]:
    """Load the graph; return the researchers to time, as (what, id)."""
    if size == "seed":
        fresh_instance(settings)
        driver = open_driver(settings.neo4j)
        try:
            await seed(driver, settings.neo4j.database)
            await load_sample(driver, settings.neo4j.database)
        finally:
            await driver.close()
        return [("seed researcher", SEED_RESEARCHER_ID)]
    fresh_instance(settings, start=False)
    await bulk_import(settings, [corpus(int(size), 1)])
    driver = open_driver(settings.neo4j)
    try:
        (prolific, works), _, ordinary = await sample_ids(driver, 1, 1)
    finally:
        await driver.close()
    return [("ordinary researcher", ordinary[0]), (f"most prolific ({works:,} works)", prolific)]


def timed(http: httpx.Client, method: str, url: str, **kwargs: Any) -> float:
    began = time.perf_counter()
    response = http.request(method, url, **kwargs)
    elapsed = time.perf_counter() - began
    if response.status_code != 200 or b'"errors"' in response.content[:200]:
        raise RuntimeError(f"{method} {url}: {response.status_code} {response.text[:300]}")
    return elapsed


async def requests_table(
    http: httpx.Client, settings: Settings, who: list[tuple[str, str]], n: int
) -> list[str]:
    driver = open_driver(settings.neo4j)
    profile = documents.document("profile")
    slice_doc = documents.document("slice")
    rows = []
    try:
        for what, rid in who:
            page_s: list[float] = []
            api_s: list[float] = []
            gql_slice: list[float] = []
            bare_slice: list[float] = []
            params = {"center": rid, "maxNodes": 150, "kinds": None, "yearFrom": None,
                      "yearTo": None, "exclude": None}  # fmt: skip
            body = {"query": profile, "variables": {"id": rid, "after": None, "works": 10}}
            slice_body = {"query": slice_doc, "variables": {"center": rid, "maxNodes": 150}}
            for i in range(n + 20):  # the first 20 warm plans, pools and the JIT
                a = timed(http, "GET", f"/researchers/{rid}")
                b = timed(http, "POST", "/graphql", json=body)
                c = timed(http, "POST", "/graphql", json=slice_body)
                began = time.perf_counter()
                await driver.execute_query(
                    SLICE, params, routing_="r", database_=settings.neo4j.database
                )
                d = time.perf_counter() - began
                if i >= 20:
                    page_s.append(a)
                    api_s.append(b)
                    gql_slice.append(c)
                    bare_slice.append(d)
            rows.append(
                f"| {what} | {p50(page_s):.1f} | {p50(api_s):.1f} | "
                f"**{statistics.median(page_s) / statistics.median(api_s):.2f}** | "
                f"{p50(gql_slice):.1f} | {p50(bare_slice):.1f} | "
                f"**{statistics.median(gql_slice) / statistics.median(bare_slice):.2f}** |"
            )
    finally:
        await driver.close()
    return rows


def suggestions(http: httpx.Client, n: int) -> str:
    suggest = documents.document("suggest")
    times: list[float] = []
    for i in range(n + 20):
        text = TYPED[i % len(TYPED)]
        elapsed = timed(
            http, "POST", "/graphql", json={"query": suggest, "variables": {"text": text}}
        )
        if i >= 20:
            times.append(elapsed)
    return f"{p50(times):.1f} ms p50, {pct(times, 95):.1f} ms p95 over {len(times)} suggestions"


async def explorer(url: str, center: str, loads: int) -> str:
    firsts: list[float] = []
    expands: list[float] = []
    nodes = 0
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            for i in range(loads + 1):  # the first load warms the service
                page = await browser.new_page(viewport={"width": 1280, "height": 800})
                await page.goto(f"{url}/explore?center={center}")
                root = page.locator("[data-explorer]")
                await root.wait_for(state="attached")
                await page.wait_for_function(
                    "document.querySelector('[data-explorer]').dataset.state === 'ready'",
                    timeout=60000,
                )
                nodes = int(await root.get_attribute("data-nodes") or 0)
                first = await page.evaluate(
                    "performance.getEntriesByName('explorer-first-draw')[0].duration"
                )
                option = page.locator("[data-list] [role=option]").nth(1)
                await option.click()
                await page.locator("[data-panel]").get_by_role("button", name="Expand").click()
                await page.wait_for_function(
                    "performance.getEntriesByName('explorer-expand').length > 0", timeout=60000
                )
                expand = await page.evaluate(
                    "performance.getEntriesByName('explorer-expand')[0].duration"
                )
                if i:
                    firsts.append(first / 1000)
                    expands.append(expand / 1000)
                await page.close()
        finally:
            await browser.close()
    return (
        f"first drawing of {nodes} nodes {p50(firsts):.0f} ms p50 (max {max(firsts) * 1000:.0f});"
        f" an expansion {p50(expands):.0f} ms p50 (max {max(expands) * 1000:.0f}), {loads} loads"
    )


async def measure(size: str, args: argparse.Namespace, settings: Settings) -> list[str]:
    who = await load_graph(size, settings)
    service = start_service(settings, args.http_port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{args.http_port}", timeout=60) as http:
            rows = await requests_table(http, settings, who, args.requests)
            typed = suggestions(http, args.requests)
        drawn = [
            await explorer(f"http://127.0.0.1:{args.http_port}", rid, args.loads) for _, rid in who
        ]
    finally:
        service.terminate()
        service.wait()
    title = "seed and sample works" if size == "seed" else f"{int(size):,} generated works"
    lines = [
        f"#### {title}",
        "",
        "| researcher | page ms | /graphql ms | page / graphql | graphSlice ms | bare Cypher ms"
        " | graphSlice / Cypher |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
    ]
    lines.append(f"Suggestions (search box, {', '.join(repr(t) for t in TYPED)}): {typed}.")
    lines += [f"Explorer around the {w}: {d}." for (w, _), d in zip(who, drawn, strict=True)]
    return [*lines, ""]


def main() -> int:
    top = argparse.ArgumentParser(prog="bench.web", description=__doc__.split("\n")[0])
    top.add_argument("--sizes", default="seed,100000")
    top.add_argument("--requests", type=int, default=200)
    top.add_argument("--loads", type=int, default=8)
    top.add_argument("--http-port", type=int, default=8797)
    top.add_argument("--write", action="store_true")
    args = top.parse_args()
    base = Settings()
    local = LocalNeo4jSettings(instance="bench", bolt_port=7703)
    settings = base.model_copy(
        update={
            "localdb": local,
            "neo4j": Neo4jSettings(
                uri=f"bolt://127.0.0.1:{local.bolt_port}", password=base.neo4j.password
            ),
        }
    )
    out = [f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", ""]
    for size in args.sizes.split(","):
        print(f"[{size}] loading", file=sys.stderr, flush=True)
        out += asyncio.run(measure(size, args, settings))
    localdb.stop(localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value()))
    out.append(machine())
    text = "\n".join(out) + "\n"
    publish(text, RESULTS, write=args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
