"""A batch of works written transactionally, its shared nodes merged by the rules the offline
load uses (service/importer/nodes.py).

One managed transaction per batch: read which author ids were merged and the stored versions
of the batch's researchers, institutions, venues, topics, funders and affiliations; merge the
batch into them in Python; write the result with `cypher/import/works.cypher`, which sets what
it is given. The database keeps no rule of its own about them, so both import paths build the
same nodes whatever order the records come in.
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver
from service import errors
from service.calls import import_
from service.graph import Row
from service.importer.nodes import Nodes, Record, authorships, resolver
from service.importer.works import batch_params
from service.transactions import Transaction, write_transaction

INSTITUTION_KEYS = ("id", "name", "ror", "countryCode", "type")


def _comparable(found: Record) -> Record:
    """The stored nodes, refused as the database refuses a record (the batch rolls back and its
    records are tried one by one) where a value the merge rules compare is not text: a name
    something else set to a number."""
    for r in found["researchers"]:
        if not isinstance(r["name"], str | None):
            raise errors.InvalidInput(f"researcher {r['id']} has a name that is not text")
    return found


def _shared(nodes: Nodes, researchers: list[str], institutions: list[Record]) -> Record:
    """The batch's researchers and institutions as merged, for the query to set."""
    return {
        "researchers": [
            {k: nodes.researchers[r][k] for k in ("id", "name", "orcid")} for r in researchers
        ],
        "institutions": [
            {k: nodes.institutions[i["id"]].get(k) for k in INSTITUTION_KEYS} for i in institutions
        ],
    }


async def write_works(
    driver: AsyncDriver, database: str, rows: list[Record], *, source: str, imported_at: str
) -> Row:
    """Write a batch of work rows (`work_row`); the query's result row with `touched` (the
    authors before and after) and `affiliated` (researchers who gained an institution)."""
    params = batch_params(rows)
    ids = sorted({a["id"] for a in params["researchers"]})

    async def work(tx: Transaction) -> Row:
        found = await import_.merged_ids(tx, ids=ids)
        resolve = resolver(dict(found["merged"]))
        authored = authorships(params["authored"], resolve)
        researchers = sorted({resolve(i) for i in ids})
        pairs = {(resolve(f["author"]), f["institution"]) for f in params["affiliations"]}
        stored = await import_.stored_nodes(
            tx,
            researchers=researchers,
            institutions=[i["id"] for i in params["institutions"]],
            venues=[v["id"] for v in params["venues"]],
            topics=[t["id"] for t in params["topics"]],
            funders=[f["id"] for f in params["funders"]],
            affiliations=[{"author": a, "institution": i} for a, i in sorted(pairs)],
        )
        nodes = Nodes.stored(_comparable(dict(stored)))
        known = set(nodes.affiliations)
        created = {
            kind: [n for n in params[kind] if n["id"] not in getattr(nodes, kind)]
            for kind in ("venues", "topics", "funders")
        }
        nodes.take(params, resolve)
        affiliations = []
        for pair in sorted(pairs):
            years = sorted(nodes.affiliations[pair])
            affiliations.append(
                {
                    "author": pair[0],
                    "institution": pair[1],
                    "years": years or None,
                    "lastYear": years[-1] if years else None,
                }
            )
        query: dict[str, Any] = {
            **params,
            **_shared(nodes, researchers, params["institutions"]),
            **created,
            "authored": authored,
            "affiliations": affiliations,
            "source": source,
            "importedAt": imported_at,
        }
        result: Row = dict(await import_.works(tx, **query))
        result["touched"] = sorted({*result.pop("formerAuthors"), *(a["author"] for a in authored)})
        result["affiliated"] = sorted({a for a, i in pairs - known})
        return result

    return await write_transaction(driver, database, work)
