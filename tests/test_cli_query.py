"""`scholar query` as an analyst runs it: a real process against the test Neo4j."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import sys

from neo4j import AsyncDriver
from service.settings import Settings

ARGS = ["query", "venues_by_topic", "--param", "topic=T10036", "--param", "limit=3"]
EXPECTED = [
    ["seed:arxiv", "arXiv", "repository", "5", "2022", "2022"],
    ["seed:cvpr-2022", "CVPR 2022", "conference", "2", "2022", "2022"],
    ["seed:eccv-2022", "ECCV 2022", "conference", "2", "2022", "2022"],
]
HEADER = ["venueId", "venueName", "venueType", "works", "firstYear", "lastYear"]


async def scholar(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j.database,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "service.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    return process.returncode or 0, out.decode(), err.decode()


async def test_three_formats_of_one_query(seeded: AsyncDriver, settings: Settings) -> None:
    code, out, err = await scholar(settings, *ARGS, "--format", "csv")
    assert (code, err) == (0, "")
    assert list(csv.reader(io.StringIO(out))) == [HEADER, *EXPECTED]

    code, out, err = await scholar(settings, *ARGS, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["query"] == "venues_by_topic" and len(document["hash"]) == 64
    assert document["parameters"] == {"topic": "T10036", "primaryOnly": False, "limit": 3}
    assert [c["name"] for c in document["columns"]] == HEADER
    assert document["rows"][0] == {
        "venueId": "seed:arxiv",
        "venueName": "arXiv",
        "venueType": "repository",
        "works": 5,
        "firstYear": 2022,
        "lastYear": 2022,
    }
    assert len(document["rows"]) == 3 and document["truncated"] is False

    code, out, err = await scholar(settings, *ARGS, "--format", "table")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == HEADER
    assert set(lines[1]) == {"-", " "}
    assert [line.split("  ")[0] for line in lines[2:5]] == [row[0] for row in EXPECTED]
    assert "CVPR 2022" in lines[3] and lines[-1] == "(3 rows)"


async def test_list_and_errors(settings: Settings) -> None:
    code, out, _ = await scholar(settings, "query", "--list")
    assert code == 0
    assert "coauthor_network  [" in out
    assert "parameters: researcher: String, maxByline: Int = 100 (2..10000)" in out
    code, out, _ = await scholar(settings, "query", "--list", "--format", "json")
    assert len(json.loads(out)) >= 12
    # Both fail before any connection: the parameter is checked against the header first.
    code, out, err = await scholar(settings, *ARGS, "--param", "limit=ten")
    assert (code, out) == (2, "")
    assert err.strip() == "scholar query: parameter 'limit': expected Int, got str 'ten'"
    code, _, err = await scholar(settings, "query", "no_such_query")
    assert code == 2 and "no saved query named 'no_such_query'" in err
