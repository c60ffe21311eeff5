"""Imported OpenAlex data serves the profile and the explorer queries as they are."""

from __future__ import annotations

import json

from neo4j import AsyncDriver
from service.calls import graph as graph_calls
from service.calls import researcher
from service.graph import Graph
from service.schema.context import Sections, card_params
from service.settings import Settings
from tests.importer.conftest import DATA, Load

PAGE = DATA / "api-pages" / "works-page-200.json"


def short(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def busiest_author() -> tuple[str, set[str], int]:
    """The author with most works on the page, their co-authors and work count, from the JSON."""
    works = json.loads(PAGE.read_text())["results"]
    by_author: dict[str, list[set[str]]] = {}
    for w in works:
        ids = {short(a["author"]["id"]) for a in w["authorships"] if a["author"].get("id")}
        for author in ids:
            by_author.setdefault(author, []).append(ids)
    author = max(sorted(by_author), key=lambda a: len(by_author[a]))
    coauthors = set().union(*by_author[author]) - {author}
    return author, coauthors, len(by_author[author])


async def test_profile_card_of_an_imported_author(
    load: Load, empty_graph: AsyncDriver, settings: Settings
) -> None:
    await load(PAGE)
    author, coauthors, works = busiest_author()
    graph = Graph(empty_graph, settings.neo4j)
    rows = await researcher.cards(
        graph,
        **card_params(ids=[author], sections=Sections(works_first=50, collaborators_first=100)),
    )
    card = rows[0]["card"]
    assert card["counts"]["works"] == works
    assert card["counts"]["coauthors"] == len(coauthors)
    assert len(card["worksPage"]) == works


async def test_graph_slice_of_an_imported_author(
    load: Load, empty_graph: AsyncDriver, settings: Settings
) -> None:
    await load(PAGE)
    author, coauthors, works = busiest_author()
    graph = Graph(empty_graph, settings.neo4j)
    row = await graph_calls.slice(
        graph,
        center=author,
        maxNodes=1000,
        kinds=None,
        yearFrom=None,
        yearTo=None,
        exclude=None,
    )
    assert row is not None
    nodes = {n["id"]: n["kind"] for n in row["nodes"]}
    assert row["center"] == author
    assert {i for i, kind in nodes.items() if kind == "RESEARCHER"} == coauthors | {author}
    assert sum(1 for kind in nodes.values() if kind == "PAPER") == works
