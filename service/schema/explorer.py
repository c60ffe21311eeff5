"""The graph explorer's slice around a researcher."""

from __future__ import annotations

import strawberry

from service.schema.bounds import MAX_GRAPH_NODES, UserInputError, bounded
from service.schema.context import Context
from service.schema.types import GraphEdge, GraphNode, GraphSlice, NodeKind

Info = strawberry.Info[Context, None]


@strawberry.type
class ExplorerQuery:
    @strawberry.field(
        description=(
            "The researcher, their papers, co-authors, topics and institutions, ranked by weight "
            f"and cut to maxNodes (1..{MAX_GRAPH_NODES}, the center included)."
        )
    )
    async def graph_slice(
        self,
        info: Info,
        center: strawberry.ID,
        max_nodes: int = 150,
        kinds: list[NodeKind] | None = None,
    ) -> GraphSlice:
        bounded(max_nodes, "maxNodes", maximum=MAX_GRAPH_NODES)
        rows = await info.context.graph.read(
            "graph/slice",
            center=str(center),
            maxNodes=max_nodes,
            kinds=[k.value for k in kinds] if kinds is not None else None,
        )
        if not rows:
            raise UserInputError(f"no researcher has id {center}", "center")
        row = rows[0]
        return GraphSlice(
            center=row["center"],
            nodes=[
                GraphNode(
                    id=n["id"], kind=NodeKind(n["kind"]), label=n["label"] or "", weight=n["weight"]
                )
                for n in row["nodes"]
            ],
            edges=[
                GraphEdge(
                    source=e["source"], target=e["target"], kind=e["kind"], weight=e["weight"]
                )
                for e in row["edges"]
            ],
            truncated=row["truncated"],
        )
