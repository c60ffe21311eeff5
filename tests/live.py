"""A real `scholar serve` process on a free port against the test Neo4j, its output captured."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import httpx

from service.settings import ROOT, Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LiveServer:
    """`python -m service.cli serve` in development mode, as `make run` starts it."""

    def __init__(self, settings: Settings, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self.env = {
            **os.environ,
            "NEO4J_URI": settings.neo4j.uri,
            "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
            "NEO4J_DATABASE": settings.neo4j.database,
            "SERVER_HOST": "127.0.0.1",
            "SERVER_PORT": str(self.port),
            "SERVER_ENVIRONMENT": "development",
            # Still argon2id, but cheap, as in the in-process tests.
            "AUTH_ARGON2_TIME_COST": "1",
            "AUTH_ARGON2_MEMORY_KIB": "1024",
            "AUTH_ARGON2_PARALLELISM": "1",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.process: subprocess.Popen[str] | None = None

    def start(self, timeout_s: float = 60.0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("scholar serve exited:\n" + self.output())
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("scholar serve did not get ready:\n" + self.output())

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        # Also kept in a file, to read when a test fails: .screenshots/server.log.
        log = ROOT / ".screenshots" / "server.log"
        log.parent.mkdir(exist_ok=True)
        with log.open("w", encoding="utf-8") as copy:
            for line in self.process.stdout:
                copy.write(line)
                copy.flush()
                with self._lock:
                    self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        with self._lock:
            return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout_s: float = 10.0, after: int = 0) -> re.Match[str]:
        """The first output line from index `after` on that matches `pattern`."""
        deadline = time.monotonic() + timeout_s
        compiled = re.compile(pattern)
        while time.monotonic() < deadline:
            with self._lock:
                for line in self.lines[after:]:
                    found = compiled.search(line)
                    if found:
                        return found
            time.sleep(0.05)
        raise AssertionError(f"no output line matched {pattern!r}:\n{self.output()}")

    def graphql(self, document: str, token: str | None = None, **variables: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        answer = httpx.post(
            f"{self.url}/graphql",
            json={"query": document, "variables": variables},
            headers=headers,
            timeout=30,
        )
        answer.raise_for_status()
        return answer.json()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
