"""The fuzz corpus against the served app: no 5xx, no interpreter text in any answer, every
/graphql answer GraphQL-shaped JSON, and /healthz answering within 100 ms throughout.

"Throughout" is held as: 99 in 100 answers within 100 ms and none near a second. On two cores
shared by Neo4j, the server, this load and the watcher, the OS alone delays a few answers past
100 ms (seen: 77 to 270 ms at the maximum, run to run, with no callback holding the loop that
long); the freeze this guards against held /healthz for 12.5 s."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import orjson

from neo4j import AsyncDriver
from tests.live import LiveServer
from tests.reliability.corpus import Case, corpus, python_text

HEALTHZ_LIMIT_S = 0.1
HEALTHZ_WORST_S = 0.75
IN_FLIGHT = 4
# At most this many requests a second. Unpaced (~300/s), this process's client, the server and
# Neo4j share two cores and /healthz times the OS scheduler rather than the server: p99 about
# 130 ms whether on uvloop or asyncio, with asyncio's debug mode finding no callback that held
# the loop 100 ms. At 100/s: p99 10-19 ms. A document that froze the loop would still show.
RATE_PER_S = 100


# Run as a process of its own, so that what it times is the server, not this test process's
# pauses (its garbage collections after hundreds of tests, its work on the fuzz answers).
WATCH = """
import json, pathlib, sys, time, httpx
url, stop = sys.argv[1], pathlib.Path(sys.argv[2])
seconds, failures = [], []
with httpx.Client(base_url=url, timeout=5) as http:
    while not stop.exists():
        began = time.perf_counter()
        try:
            status = http.get("/healthz").status_code
        except httpx.HTTPError as exc:
            failures.append(repr(exc))
        else:
            seconds.append(time.perf_counter() - began)
            if status != 200:
                failures.append(str(status))
        time.sleep(0.02)
print(json.dumps({"seconds": seconds, "failures": failures}))
"""


class HealthWatch:
    """Asks /healthz every 20 ms from a process of its own, timing each answer."""

    def __init__(self, url: str, folder: Path) -> None:
        self.stop = folder / "stop"
        self.process = subprocess.Popen(
            [sys.executable, "-c", WATCH, url, str(self.stop)], stdout=subprocess.PIPE, text=True
        )
        self.seconds: list[float] = []
        self.failures: list[str] = []

    def __enter__(self) -> HealthWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.touch()
        out, _ = self.process.communicate(timeout=30)
        found = json.loads(out)
        self.seconds, self.failures = found["seconds"], found["failures"]


def problems(case: Case, answer: httpx.Response) -> list[str]:
    found = []
    if answer.status_code >= 500:
        found.append(f"status {answer.status_code}")
    if python_text(answer.text):
        found.append("interpreter text")
    try:
        body = orjson.loads(answer.content)
    except orjson.JSONDecodeError:
        return [*found, "not JSON"]
    if not isinstance(body, dict) or not ({"data", "errors"} & set(body)):
        found.append("not GraphQL-shaped")
    for error in body.get("errors") or () if isinstance(body, dict) else ():
        if not isinstance(error.get("message"), str) or python_text(error["message"]):
            found.append(f"error message {error.get('message')!r:.200}")
    return found


async def test_the_fuzz_corpus_gets_clean_answers_and_healthz_stays_quick(
    seeded: AsyncDriver, live_server: LiveServer, tmp_path: Path
) -> None:
    cases = corpus()
    assert len(cases) >= 2000
    statuses: Counter[tuple[str, int]] = Counter()
    failures: list[str] = []
    queue: asyncio.Queue[Case] = asyncio.Queue()
    for case in cases:
        queue.put_nowait(case)

    async def send(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            case = queue.get_nowait()
            sent = time.perf_counter()
            answer = await http.request(
                case.method, "/graphql", content=case.body or None, params=case.params,
                headers=case.headers,
            )  # fmt: skip
            statuses[(case.kind, answer.status_code)] += 1
            failures.extend(
                f"{case.kind} {case.body[:120]!r} {case.params}: {problem}"
                for problem in problems(case, answer)
            )
            await asyncio.sleep(max(0.0, IN_FLIGHT / RATE_PER_S - (time.perf_counter() - sent)))

    limits = httpx.Limits(max_connections=IN_FLIGHT)
    began = time.perf_counter()
    with HealthWatch(live_server.url, tmp_path) as health:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=30, limits=limits) as http:
            await asyncio.gather(*(send(http) for _ in range(IN_FLIGHT)))
    spent = time.perf_counter() - began
    by_status: Counter[int] = Counter()
    for (_, status), n in statuses.items():
        by_status[status] += n
    print(
        f"\nfuzz: {len(cases)} requests in {spent:.1f}s; statuses {dict(sorted(by_status.items()))}"
        f"; /healthz {len(health.seconds)} answers, p99 "
        f"{sorted(health.seconds)[int(len(health.seconds) * 0.99)] * 1000:.0f} ms, slowest "
        f"{max(health.seconds) * 1000:.0f} ms"
    )
    assert not failures, "\n".join(failures[:20])
    assert not health.failures, health.failures[:5]
    assert len(health.seconds) > 20
    ordered = sorted(health.seconds)
    assert ordered[int(len(ordered) * 0.99)] < HEALTHZ_LIMIT_S, ordered[-10:]
    assert ordered[-1] < HEALTHZ_WORST_S, ordered[-5:]
