"""Page-only fields of papers, topics and institutions: read from the row a node was built
from, else through the request's details loader (`Context.details`), which asks for every node
of the kind at once, so a list of them costs one more round trip, not one per node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import strawberry
from strawberry.dataloader import DataLoader

from service import errors
from service.schema.context import DetailsCall, Info, Row


@dataclass(frozen=True)
class Source:
    """Where a kind's page fields come from: its details query, with its default parameters."""

    query: DetailsCall  # cypher/<kind>/details.cypher's call: service.calls.<kind>.details
    kind: str  # for the message when the node is gone
    defaults: dict[str, Any]

    def loader(self, info: Info) -> DataLoader[str, Row | None]:
        """The request's loader of rows with the default parameters (what pages and lists
        read), so every node of the kind shares one batch."""
        return info.context.details(self.query, **self.defaults)


class Detailed(Protocol):
    id: strawberry.ID
    _row: Row


async def detail(info: Info, node: Detailed, source: Source, key: str, **params: Any) -> Any:
    """`key` of the node's details row; `params` (e.g. `first`) override the defaults, and a
    row read with other parameters than the defaults is not kept on the node."""
    asked = {**source.defaults, **params}
    usual = asked == source.defaults
    if usual and key in node._row:
        return node._row[key]
    found = await info.context.details(source.query, **asked).load(str(node.id))
    if found is None:
        raise errors.Missing(f"{source.kind} {node.id} no longer exists")
    if usual:
        node._row = {**found, **node._row}
    return found.get(key)
