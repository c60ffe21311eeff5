"""Log in load: the profile's latency while log ins arrive at increasing rates, and sign up's time
for a new email next to one that has an account. Prints figures; never fails on a time.

Runs `scholar serve` (development mode, so sign-up codes appear on its console) on the Neo4j the
settings name (`scholar db start`; the seed is loaded here), with the per-client and per-account
log in budgets lifted: every request here comes from one address, and the budgets would refuse
nearly all of it before any hashing, which is what they are for but not what is measured. Each
log in names a different unknown email, so it costs the service one argon2id check.

  .venv/bin/python -m bench.login_load [--port 8101] [--rates 0,1,2,4,6,8] [--seconds 12]

`--root DIR` runs the service from another checkout (an exported earlier commit, for a before
and after); `--no-sign-up` skips the sign-up timing for code from before the two-step sign up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from itertools import count
from pathlib import Path

import httpx

from bench.profile_latency import percentile, wait_http
from service.graph import open_driver
from service.identity import passwords
from service.seed import SEED_RESEARCHER_ID, seed
from service.settings import ROOT, Settings

PROFILE = """query($id: ID!) { researcher(id: $id) { name trust { score }
  works(first: 10) { edges { node { title } } } } }"""
LOG_IN = """mutation($email: String!) { logIn(email: $email, password: "not anyone's password") {
  __typename } }"""
SIGN_UP = """mutation($email: String!) { signUp(email: $email, password: "correct horse battery",
  displayName: "Bench") { __typename } }"""
CONFIRM = """mutation($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) {
  __typename } }"""
UNLIMITED = str(10**9)


class Server:
    """`scholar serve` as a child process, its console kept for the sign-up codes."""

    def __init__(self, port: int, extra_env: dict[str, str], root: Path = ROOT) -> None:
        env = {
            **os.environ,
            "SERVER_PORT": str(port),
            "SERVER_ENVIRONMENT": "development",
            "LOG_LEVEL": "warning",
            "AUTH_LOGIN_PER_CLIENT": UNLIMITED,
            "AUTH_LOGIN_PER_ACCOUNT": UNLIMITED,
            "AUTH_SIGN_UPS_PER_CLIENT": UNLIMITED,
            "AUTH_IN_FLIGHT_PER_CLIENT": UNLIMITED,
            **extra_env,
        }
        command = [sys.executable, "-m", "service.cli", "serve"]
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    async def code_for(self, email: str) -> str:
        pattern = re.compile(rf"verification code for {re.escape(email)}: (\d{{6}})")
        for _ in range(200):
            for line in self.lines:
                if found := pattern.search(line):
                    return found.group(1)
            await asyncio.sleep(0.05)
        raise RuntimeError(f"no code for {email} on the console")

    def peak_memory_mib(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(kib.group(1)) / 1024 if kib else 0.0

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


async def graphql(http: httpx.AsyncClient, query: str, **variables: str) -> tuple[float, str]:
    """Seconds the request took, and the result's __typename ("error" for a GraphQL error)."""
    began = time.perf_counter()
    answer = await http.post("/graphql", json={"query": query, "variables": variables})
    took = time.perf_counter() - began
    data = next(iter((answer.json().get("data") or {"": None}).values()))
    return took, str(data.get("__typename", "ok")) if data else "error"


async def sign_up_times(http: httpx.AsyncClient, server: Server, rounds: int) -> None:
    owner = f"bench-owner-{time.time_ns()}@example.org"
    await graphql(http, SIGN_UP, email=owner)
    await graphql(http, CONFIRM, email=owner, code=await server.code_for(owner))
    times: dict[str, list[float]] = {"new email": [], "email with an account": []}
    for n in range(rounds):  # interleaved, so the machine's load falls on both alike
        took, kind = await graphql(http, SIGN_UP, email=f"bench-new-{time.time_ns()}-{n}@x.org")
        assert kind == "SignUpStarted", kind
        times["new email"].append(took)
        took, kind = await graphql(http, SIGN_UP, email=owner)
        assert kind == "SignUpStarted", kind
        times["email with an account"].append(took)
    print(f"\nsignUp over HTTP, {rounds} each, interleaved\n")
    print("| email | median ms | min ms | max ms |")
    print("|---|---|---|---|")
    for name, values in times.items():
        print(
            f"| {name} | {statistics.median(values) * 1000:.1f} | {min(values) * 1000:.1f} | "
            f"{max(values) * 1000:.1f} |"
        )


async def under_load(
    http: httpx.AsyncClient, rate: float, seconds: float, emails: count[int]
) -> dict[str, float]:
    """The profile timed back to back while log ins arrive at `rate` per second."""
    stop = time.perf_counter() + seconds
    profile: list[float] = []
    outcomes: list[tuple[float, str]] = []

    async def one_log_in() -> None:
        outcomes.append(await graphql(http, LOG_IN, email=f"load{next(emails)}@example.org"))

    async def probe() -> None:
        while time.perf_counter() < stop:
            took, _ = await graphql(http, PROFILE, id=SEED_RESEARCHER_ID)
            profile.append(took)
            await asyncio.sleep(0.02)

    async def load() -> None:
        tasks: list[asyncio.Task[None]] = []
        due = time.perf_counter()
        while rate and due < stop:
            tasks.append(asyncio.ensure_future(one_log_in()))
            due += 1 / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await asyncio.gather(*tasks)

    await asyncio.gather(probe(), load())
    checked = [t for t, kind in outcomes if kind == "InvalidCredentials"]
    return {
        "profile_p50": statistics.median(profile),
        "profile_p95": percentile(profile, 0.95),
        "checked_per_s": len(checked) / seconds,
        "busy": sum(kind == "RateLimited" for _, kind in outcomes),
        "errors": sum(kind == "error" for _, kind in outcomes),
        "log_in_p50": statistics.median(checked) if checked else 0.0,
    }


async def measure(
    port: int, server: Server, rates: list[float], seconds: float, sign_up: bool
) -> None:
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        for _ in range(30):  # warm: plan cache, pools
            await graphql(http, PROFILE, id=SEED_RESEARCHER_ID)
        if sign_up:
            await sign_up_times(http, server, rounds=10)
        print(f"\nProfile p50 while log ins (unknown emails) arrive, {seconds:.0f} s per rate\n")
        print("| log ins sent /s | checked /s | refused busy | errors | log in p50 ms "
              "| profile p50 ms | profile p95 ms | p50 / idle |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|")
        idle = None
        emails = count()
        for rate in rates:
            row = await under_load(http, rate, seconds, emails)
            idle = idle or row["profile_p50"]
            print(
                f"| {rate:g} | {row['checked_per_s']:.1f} | {row['busy']:.0f} | "
                f"{row['errors']:.0f} | {row['log_in_p50'] * 1000:.0f} | "
                f"{row['profile_p50'] * 1000:.1f} | "
                f"{row['profile_p95'] * 1000:.1f} | {row['profile_p50'] / idle:.2f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--rates", default="0,1,2,3,4,6,8,12")
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--hash-concurrency", type=int, help="AUTH_HASH_CONCURRENCY")
    parser.add_argument("--hash-nice", type=int, help="AUTH_HASH_NICE (0: same as reads)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve from")
    parser.add_argument("--no-sign-up", action="store_true", help="skip the sign-up timing")
    args = parser.parse_args()
    settings = Settings()

    async def load_seed() -> None:
        driver = open_driver(settings.neo4j)
        try:
            await seed(driver, settings.neo4j.database)
        finally:
            await driver.close()

    asyncio.run(load_seed())
    chosen = {"hash_concurrency": args.hash_concurrency, "hash_nice": args.hash_nice}
    auth = settings.auth.model_copy(update={k: v for k, v in chosen.items() if v is not None})
    extra = {f"AUTH_{k.upper()}": str(v) for k, v in chosen.items() if v is not None}
    server = Server(args.port, extra, args.root)
    try:
        asyncio.run(wait_http(f"http://127.0.0.1:{args.port}/readyz", timeout_s=60))
        print(
            f"service from {args.root}; {os.cpu_count()} CPUs; argon2id "
            f"t={auth.argon2_time_cost} m={auth.argon2_memory_kib} KiB p={auth.argon2_parallelism}"
        )
        if args.root == ROOT:
            print(
                f"hash concurrency {passwords.gate(auth).concurrency}, waiting "
                f"{auth.hash_waiting}, nice {auth.hash_nice}"
            )
        rates = [float(r) for r in args.rates.split(",")]
        asyncio.run(measure(args.port, server, rates, args.seconds, not args.no_sign_up))
        print(f"\nservice peak resident memory: {server.peak_memory_mib():.0f} MiB")
    except Exception:
        print("\n".join(["service console (last lines):", *server.lines[-20:]]), file=sys.stderr)
        raise
    finally:
        server.stop()


if __name__ == "__main__":
    main()
