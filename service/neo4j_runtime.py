"""The pinned Neo4j Community server's jars, fetched from Maven Central, and the Java to run them.

The exact version is `<neo4j.version>` in `neo4j/pom.xml`; `mvn dependency:copy-dependencies`
puts the jars under `<home>/runtime-<version>/lib` once, and every local instance
(service/localdb.py) runs from there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from service.settings import ROOT

POM = ROOT / "neo4j" / "pom.xml"


class LocalDbError(RuntimeError):
    """The local Neo4j could not be fetched, started or stopped; the message says why."""


def pinned_version() -> str:
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", POM.read_text())
    if not match:
        raise LocalDbError(f"{POM}: no <neo4j.version> property")
    return match.group(1)


def runtime_lib(home: Path) -> Path:
    """The jar folder for the pinned version, fetched from Maven Central on first use."""
    lib = home / f"runtime-{pinned_version()}" / "lib"
    marker = lib / ".complete"
    if marker.exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalDbError("Maven (mvn) is not on PATH; it fetches Neo4j from Maven Central")
    if lib.exists():
        shutil.rmtree(lib)
    lib.mkdir(parents=True)
    cmd = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={lib}",
        "-DincludeScope=runtime",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LocalDbError(f"fetching Neo4j {pinned_version()} failed:\n{result.stdout[-4000:]}")
    marker.write_text(pinned_version())
    return lib


def java() -> str:
    java = shutil.which("java")
    if java is None:
        raise LocalDbError("java is not on PATH; Neo4j 5.26 needs Java 17")
    return java
