"""/metrics in Prometheus's text format: requests by operation and outcome, latencies, Neo4j
round trips and their time, connections in use, Neo4j's availability, log-in throttling."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from service import metrics
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = await client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_an_operation_is_counted_timed_and_its_round_trips_too(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    # Earlier tests in this process may have used up the 50 labels for clients' own names.
    monkeypatch.setattr(metrics, "_others", set())
    before = await scrape(client)
    query = f'query Card {{ researcher(id: "{SEED_RESEARCHER_ID}") {{ name }} }}'
    assert "errors" not in (await client.post("/graphql", json={"query": query})).json()
    await client.post("/graphql", json={"query": "query Card { nope }"})
    after = await scrape(client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("scholar_graphql_operations_total", operation="Card", outcome="ok") == 1
    assert grew("scholar_graphql_operations_total", operation="Card", outcome="client_error") == 1
    assert grew("scholar_graphql_operation_duration_seconds_count", operation="Card") == 2
    assert grew("scholar_neo4j_round_trips_total", query="researcher/cards", outcome="ok") >= 1
    assert grew("scholar_neo4j_round_trip_duration_seconds_count", query="researcher/cards") >= 1
    assert grew("scholar_http_requests_total", route="/graphql", method="POST", status="200") == 2
    assert grew("scholar_http_request_duration_seconds_count", route="/graphql") == 2
    assert value(after, "scholar_neo4j_connections_in_use") == 0
    assert value(after, "scholar_neo4j_connection_pool_size") == settings.neo4j.max_pool_size
    assert value(after, "scholar_neo4j_up") == 1


async def test_pages_count_under_their_operation_and_route(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    assert (await client.get(f"/researchers/{SEED_RESEARCHER_ID}")).status_code == 200
    after = await scrape(client)
    key = ("scholar_graphql_operations_total", (("operation", "Profile"), ("outcome", "ok")))
    assert after[key] - before.get(key, 0) == 1
    route = ("/researchers/{id}", "GET", "200")
    labels = tuple(zip(("method", "route", "status"), (route[1], route[0], route[2]), strict=True))
    assert (
        after[("scholar_http_requests_total", labels)]
        - before.get(("scholar_http_requests_total", labels), 0)
        == 1
    )


def test_operation_names_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Clients choose operation names; the labels they make must stay few.
    monkeypatch.setattr(metrics, "_others", set())
    metrics.name_operations(["Profile"])
    assert metrics.operation_label(None) == "anonymous"
    assert metrics.operation_label(5) == "other"
    assert metrics.operation_label("with space") == "other"
    for i in range(metrics.MAX_OTHER_OPERATIONS + 10):
        metrics.operation_label(f"Junk{i}")
    assert metrics.operation_label("JunkNeverSeenBefore") == "other"
    assert metrics.operation_label("Profile") == "Profile"  # the pages' names stay
