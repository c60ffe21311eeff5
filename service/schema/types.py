"""The leaf types of the contract: no resolvers, just shapes."""

from __future__ import annotations

from enum import Enum

import strawberry

from service.collaborators import CLOSE_MIN_SHARED


@strawberry.type
class TrustSignal:
    name: str
    value: float
    contribution: float = strawberry.field(description="Points this signal adds to the score.")
    explanation: str


@strawberry.type
class TrustSnapshot:
    score: int = strawberry.field(description="0..100; the sum of the signals' contributions.")
    label: str
    verification_level: int
    model_version: str
    signals: list[TrustSignal]


@strawberry.type
class ResearcherCounts:
    works: int
    followers: int
    topics: int
    coauthors: int = strawberry.field(description="Distinct co-authors.")
    close_collaborators: int = strawberry.field(
        description=f"Co-authors sharing at least {CLOSE_MIN_SHARED} works: repeated "
        "collaboration, not one crowded paper."
    )


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.enum
class NodeKind(Enum):
    RESEARCHER = "RESEARCHER"
    PAPER = "PAPER"
    TOPIC = "TOPIC"
    INSTITUTION = "INSTITUTION"


@strawberry.type
class GraphNode:
    id: strawberry.ID
    kind: NodeKind
    label: str
    weight: float | None = strawberry.field(description="Its rank among the candidates, 0..1.")
    year: int | None = strawberry.field(description="A paper's publication year.")
    citations: int | None = strawberry.field(description="A paper's citations (OpenAlex).")


@strawberry.type
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    kind: str = strawberry.field(
        description="AUTHORED, HAS_TOPIC, CITES, AFFILIATED_WITH, PART_OF, or a derived "
        "VIA_<kind> edge standing for a path through a hidden kind."
    )
    weight: float | None


@strawberry.type
class GraphSlice:
    center: strawberry.ID
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = strawberry.field(description="True when nodes were cut to the budget.")
    total: int = strawberry.field(
        description="Candidates found (the center and excluded nodes not counted): the "
        "explorer's 'showing N of M'."
    )
