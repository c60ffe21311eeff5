"""The catalogue's header format: every shipped file follows it, broken headers fail loudly."""

from __future__ import annotations

import re

import pytest

from service.analyst.catalogue import HeaderError, default_catalogue
from tests.analyst.conftest import ScratchCatalogue

GOOD = """// @query probe
// Answers nothing; a fixture.
// @param limit: Int = 5 (1..10) -- rows
// @param level: String = "field" (topic|field) -- level
// @param country: String? = null -- country
// @param ids: List<String> = [] -- ids
// @column n: Int -- a number
// @example {"limit": 2}
UNWIND range(1, $limit) AS n
RETURN n
LIMIT $limit
"""


def test_at_least_twelve_queries_each_fully_declared() -> None:
    catalogue = default_catalogue()
    assert len(catalogue) >= 12
    for query in catalogue:
        assert query.description and query.columns and len(query.hash) == 64
        used = set(re.findall(r"\$(\w+)", query.text))
        declared = {p.name for p in query.parameters}
        # The header is the whole contract: no undeclared parameter, none declared but unused.
        assert used == declared, query.name
        # Bounded: every query caps its rows itself, not only through the runner's row cap.
        assert re.search(r"\bLIMIT\s+(\$limit|1)\s*$", query.text), query.name
        assert set(query.example) <= declared, query.name


def test_header_is_parsed_into_types_defaults_and_ranges(
    scratch_catalogue: ScratchCatalogue,
) -> None:
    query = scratch_catalogue(probe=GOOD).get("probe")
    limit, level, country, ids = query.parameters
    assert (str(limit.type), limit.default, limit.range_text, limit.required) == (
        "Int",
        5,
        "1..10",
        False,
    )
    assert (level.default, level.allowed) == ("field", ("topic", "field"))
    assert (str(country.type), country.default, country.required) == ("String?", None, False)
    assert (str(ids.type), ids.default) == ("List<String>", [])
    assert [(c.name, str(c.type)) for c in query.columns] == [("n", "Int")]
    assert query.example == {"limit": 2}
    assert query.description == "Answers nothing; a fixture."
    assert query.text.startswith("UNWIND") and "//" not in query.text


def test_hash_changes_with_the_file(scratch_catalogue: ScratchCatalogue) -> None:
    before = scratch_catalogue(probe=GOOD).get("probe").hash
    after = scratch_catalogue(probe=GOOD.replace("LIMIT $limit", "LIMIT $limit ")).get("probe")
    assert before != after.hash


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("// @param limit: Int = 5 -- no range", "declares its range"),
        ("// @param limit: Int = 50 (1..10) -- default out of range", "must be in 1..10"),
        ("// @param limit: Integer = 5 (1..10) -- bad type", "unknown type"),
        ("// @param limit = 5 -- no type", "expected `@param"),
        ("// @colour n: Int -- unknown tag", "unknown tag"),
    ],
)
def test_broken_header_names_file_and_line(
    scratch_catalogue: ScratchCatalogue, line: str, problem: str
) -> None:
    text = GOOD.replace("// @param limit: Int = 5 (1..10) -- rows", line)
    with pytest.raises(HeaderError, match=rf"probe\.cypher:3: .*{re.escape(problem)}"):
        scratch_catalogue(probe=text)


def test_query_tag_must_name_the_file(scratch_catalogue: ScratchCatalogue) -> None:
    with pytest.raises(HeaderError, match=r"other\.cypher:1: `// @query other` must name"):
        scratch_catalogue(other=GOOD)
