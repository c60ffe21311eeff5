"""A real Neo4j Community server for machines without Docker, run as a process.

The jars come from service/neo4j_runtime.py; `org.neo4j.server.CommunityEntryPoint` (the class
the official `neo4j` launcher runs) starts the full server with `neo4j/neo4j.conf` rendered for
the instance.
Each instance (`dev`, `test`, ...) has its own folder, port and data, so tests never touch dev data.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j.exceptions import AuthError, ServiceUnavailable

from neo4j import GraphDatabase
from service.neo4j_runtime import LocalDbError as LocalDbError  # raised by both modules
from service.neo4j_runtime import java, runtime_lib
from service.settings import ROOT, LocalNeo4jSettings

CONF_TEMPLATE = ROOT / "neo4j" / "neo4j.conf"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# The flags Neo4j's own launcher passes on Java 17, so the server behaves as it does in production.
JVM_FLAGS = (
    "-Xms256m",
    "-Xmx512m",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


# Servers this process started, kept so their Popen objects are reaped, not garbage-collected.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class Instance:
    """One local server: its folders, port and the password its `neo4j` user gets on first start."""

    settings: LocalNeo4jSettings
    password: str

    @property
    def dir(self) -> Path:
        return self.settings.home / self.settings.instance

    @property
    def conf_dir(self) -> Path:
        return self.dir / "conf"

    @property
    def pid_file(self) -> Path:
        return self.dir / "run" / "scholar-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.dir / "logs" / "console.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"


def _render_conf(inst: Instance) -> None:
    folders = {name: inst.dir / name for name in ("data", "logs", "run", "import")}
    for folder in (*folders.values(), inst.conf_dir):
        folder.mkdir(parents=True, exist_ok=True)
    text = CONF_TEMPLATE.read_text().format(
        bolt_port=inst.settings.bolt_port,
        data_dir=folders["data"],
        logs_dir=folders["logs"],
        run_dir=folders["run"],
        import_dir=folders["import"],
    )
    (inst.conf_dir / "neo4j.conf").write_text(text)


def _env(inst: Instance) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(inst.dir), "NEO4J_CONF": str(inst.conf_dir)}


def _set_initial_password(inst: Instance, lib: Path) -> None:
    # Only possible before the first start; afterwards the stored auth file wins.
    if (inst.dir / "data" / "dbms" / "auth.ini").exists():
        return
    cmd = [java(), "-cp", f"{lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", inst.password]
    result = subprocess.run(cmd, env=_env(inst), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LocalDbError(f"setting the initial password failed:\n{result.stderr[-2000:]}")


def _pid(inst: Instance) -> int | None:
    try:
        pid = int(inst.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    return pid


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _bolt_ready(inst: Instance) -> bool:
    try:
        with GraphDatabase.driver(
            inst.uri, auth=("neo4j", inst.password), connection_timeout=2.0
        ) as driver:
            driver.verify_connectivity()
    except (ServiceUnavailable, OSError):
        return False
    except AuthError as exc:
        raise LocalDbError(
            f"Neo4j at {inst.uri} rejected the configured password: {exc.message}. "
            f"Set NEO4J_PASSWORD to the one it was first started with, or delete {inst.dir}."
        ) from exc
    return True


def status(inst: Instance) -> str:
    pid = _pid(inst)
    if pid is None:
        return f"stopped ({inst.dir})"
    state = "ready" if _port_open(inst.settings.bolt_port) else "starting"
    return f"{state}: pid {pid}, {inst.uri}, data in {inst.dir / 'data'}"


def start(inst: Instance) -> float:
    """Start the server unless it runs already; return the seconds until Bolt answered (0 if up)."""
    if _pid(inst) is not None:
        wait_ready(inst)
        return 0.0
    if _port_open(inst.settings.bolt_port):
        raise LocalDbError(
            f"port {inst.settings.bolt_port} is taken by a process this project did not start; "
            "set LOCALDB_BOLT_PORT to a free port"
        )
    lib = runtime_lib(inst.settings.home)
    _render_conf(inst)
    _set_initial_password(inst, lib)
    began = time.monotonic()
    cmd = [
        java(),
        *JVM_FLAGS,
        "-cp",
        f"{lib}/*",
        ENTRY_POINT,
        f"--home-dir={inst.dir}",
        f"--config-dir={inst.conf_dir}",
    ]
    with inst.console_log.open("ab") as log:
        proc = subprocess.Popen(
            cmd,
            env=_env(inst),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _CHILDREN[proc.pid] = proc
    inst.pid_file.write_text(str(proc.pid))
    wait_ready(inst, proc)
    return time.monotonic() - began


def wait_ready(inst: Instance, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + inst.settings.start_timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            inst.pid_file.unlink(missing_ok=True)
            raise LocalDbError(f"Neo4j exited with {proc.returncode}:\n{_log_tail(inst)}")
        if _port_open(inst.settings.bolt_port) and _bolt_ready(inst):
            return
        time.sleep(0.25)
    raise LocalDbError(f"Neo4j did not answer on {inst.uri} in time:\n{_log_tail(inst)}")


def stop(inst: Instance, timeout_s: float = 60.0, *, kill: bool = False) -> bool:
    """Stop the server if this project started it (`kill`: at once, as a crash would, for
    outage tests); return whether one was running."""
    pid = _pid(inst)
    if pid is None:
        return False
    os.kill(pid, signal.SIGKILL if kill else signal.SIGTERM)
    child = _CHILDREN.pop(pid, None)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if child is not None and child.poll() is not None:
            break
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        if child is not None:
            child.wait()
    inst.pid_file.unlink(missing_ok=True)
    return True


def admin_import(inst: Instance, args: list[str], database: str = "neo4j") -> str:
    """Run `neo4j-admin database import full` into the (stopped) instance; return its report.

    The offline importer writes the store files directly, which is what makes it fast, so the
    server must not be running; the database it writes replaces the existing one.
    """
    if _pid(inst) is not None:
        raise LocalDbError(f"stop the server first: {status(inst)}")
    lib = runtime_lib(inst.settings.home)
    _render_conf(inst)
    _set_initial_password(inst, lib)
    cmd = [java(), "-cp", f"{lib}/*", ADMIN_TOOL, "database", "import", "full", database, *args]
    result = subprocess.run(cmd, env=_env(inst), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LocalDbError(
            f"neo4j-admin database import failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def resident_memory_kib(inst: Instance) -> int | None:
    """The server's resident memory from /proc, for the figures benchmarks report."""
    pid = _pid(inst)
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def _log_tail(inst: Instance, lines: int = 40) -> str:
    parts = []
    for log in (inst.console_log, inst.dir / "logs" / "neo4j.log"):
        if log.exists():
            parts.append("\n".join(log.read_text(errors="replace").splitlines()[-lines:]))
    return "\n".join(parts) or "(no log written)"
