"""The graph explorer's slice around any node, and what expanding a node on screen adds."""

from __future__ import annotations

import strawberry

from service import errors
from service.calls.graph import slice as graph_slice
from service.schema.bounds import MAX_GRAPH_NODES, bounded
from service.schema.context import Info
from service.schema.paper import MAX_ID_LENGTH
from service.schema.types import GraphEdge, GraphNode, GraphSlice, NodeKind

MIN_YEAR, MAX_YEAR = 1000, 3000


@strawberry.input(description="Inclusive publication years; either end may be left open.")
class YearRange:
    from_: int | None = strawberry.field(default=None, name="from")
    to: int | None = None


def _years(years: YearRange | None) -> tuple[int | None, int | None]:
    if years is None:
        return None, None
    for value in (years.from_, years.to):
        if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
            raise errors.Invalid(f"years must be between {MIN_YEAR} and {MAX_YEAR}", "years")
    if years.from_ is not None and years.to is not None and years.from_ > years.to:
        raise errors.Invalid("years.from must not be after years.to", "years")
    return years.from_, years.to


def _exclude(ids: list[strawberry.ID] | None) -> list[str]:
    if ids is None:
        return []
    if len(ids) > MAX_GRAPH_NODES:
        raise errors.Invalid(f"exclude takes at most {MAX_GRAPH_NODES} ids", "exclude")
    if any(not 0 < len(i) <= MAX_ID_LENGTH for i in ids):
        raise errors.Invalid(f"each id must be 1 to {MAX_ID_LENGTH} characters", "exclude")
    return [str(i) for i in ids]


@strawberry.type
class ExplorerQuery:
    @strawberry.field(
        description=(
            "The neighbourhood of any node (researcher, paper, topic, institution), ranked by "
            f"weight and cut to maxNodes (1..{MAX_GRAPH_NODES}, the center included). kinds "
            "keeps only those kinds (the center always stays; nodes whose link ran through a "
            "hidden kind get a VIA_<kind> edge to the center); years keeps papers of those "
            "years and what connects through them; exclude names nodes already on screen: "
            "they are not returned, but edges from new nodes to them are (incremental "
            "expansion)."
        )
    )
    async def graph_slice(
        self,
        info: Info,
        center: strawberry.ID,
        max_nodes: int = 150,
        kinds: list[NodeKind] | None = None,
        years: YearRange | None = None,
        exclude: list[strawberry.ID] | None = None,
    ) -> GraphSlice:
        bounded(max_nodes, "maxNodes", maximum=MAX_GRAPH_NODES)
        if not 0 < len(center) <= MAX_ID_LENGTH:
            raise errors.Invalid(f"center must be 1 to {MAX_ID_LENGTH} characters", "center")
        year_from, year_to = _years(years)
        found = await graph_slice(
            info.context.graph,
            center=str(center),
            maxNodes=max_nodes,
            kinds=[k.value for k in kinds] if kinds is not None else None,
            yearFrom=year_from,
            yearTo=year_to,
            exclude=_exclude(exclude),
        )
        if found is None:
            raise errors.Invalid(
                f"no researcher, paper, topic or institution has id {center}", "center"
            )
        row = found
        return GraphSlice(
            center=strawberry.ID(row["center"]),
            nodes=[
                GraphNode(
                    id=n["id"],
                    kind=NodeKind(n["kind"]),
                    label=n["label"] or n["id"],
                    weight=n["weight"],
                    year=n.get("year"),
                    citations=n.get("citations"),
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
            total=row["total"],
        )
