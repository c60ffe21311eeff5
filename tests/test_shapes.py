"""Shaped map columns (service/shapes.py): `Map<Card>` in a header, `Card` in Python, and what
Neo4j returns held to it key for key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from service import column_types, queries, shapes
from service.calls import researcher
from service.graph import Graph
from service.schema.context import Sections, card_params
from service.seed import SEED_RESEARCHER_ID


async def seed_card(graph: Graph) -> dict[str, Any]:
    rows = await researcher.cards(
        graph, **card_params(ids=[SEED_RESEARCHER_ID], sections=Sections(works_first=3))
    )
    return dict(rows[0]["card"])


async def test_the_seed_card_has_exactly_the_card_shape(graph: Graph) -> None:
    card = await seed_card(graph)
    assert column_types.conforms(card, "Map<Card>")
    assert card["worksPage"] and card["worksPage"][0]["authors"]  # nested shapes were checked


@pytest.mark.parametrize(
    "spoil",
    [
        lambda c: c.pop("counts"),  # a key the query stopped returning
        lambda c: c.update(renamed=c.pop("topTopics")),  # a key renamed in the RETURN
        lambda c: c["counts"].update(works="5"),  # a nested value of the wrong type
        lambda c: c["worksPage"][0]["authors"][0].pop("claimed"),  # deep inside a list
        lambda c: c["trustInputs"].update(claimed=1),  # an int is not a Boolean
    ],
)
async def test_a_card_off_its_shape_is_caught(graph: Graph, spoil: Any) -> None:
    card = copy.deepcopy(await seed_card(graph))
    spoil(card)
    assert not column_types.conforms(card, "Map<Card>")


def test_fits_reads_python_types() -> None:
    assert column_types.fits(0, float)  # coalesce(x, 0) for a Float
    assert not column_types.fits(True, int)
    assert column_types.fits(None, str | None)
    assert column_types.fits(["a", None], list[str | None])
    assert not column_types.fits(["a", 1], list[str])


def test_a_shaped_map_annotates_by_its_name() -> None:
    assert column_types.annotation("Map<Card>") == "Card"
    assert column_types.annotation("List<Map<Card>>?") == "list[Card] | None"
    assert set(shapes.SHAPES) == {"Card"}


def test_a_header_naming_an_unknown_shape_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "area"
    folder.mkdir()
    path = folder / "thing.cypher"
    path.write_text(
        "// Finds a thing.\n// @mode read\n// @rows many\n"
        "// @column thing: Map<Nope> -- the thing\nMATCH (t:Thing) RETURN t {.id} AS thing\n"
    )
    with pytest.raises(queries.QueryFileError, match=r"thing\.cypher:4: expected `@column"):
        queries.load(path, tmp_path)
