"""The profile view as this service and as the @neo4j/graphql peer spell it, and the two answers
brought to one shape, so the benchmark can check they say the same before it times them.

The view: a researcher's name, their 10 newest works (newest first; ties by title, then id)
with each work's authors in byline order, and their 10 closest collaborators (strongest first)
with shared works, strength and last year.
"""

from __future__ import annotations

from typing import Any

from service.settings import ROOT

PEER_DIR = ROOT / "bench" / "peers" / "neo4j-graphql"
WORKS, COLLABORATORS = 10, 10

SERVICE_VIEW = f"""query($id: ID!) {{ researcher(id: $id) {{ name
  works(first: {WORKS}) {{ edges {{ node {{ id title year authors {{ id name }} }} }} }}
  closeCollaborators(first: {COLLABORATORS}) {{
    researcher {{ id name }} sharedWorks strength lastYear }} }} }}"""

# Relationship fields with sort and limit, byline order from the AUTHORED edge's position, and
# the collaborators from the peer's @cypher field (bench/peers/neo4j-graphql/typeDefs.graphql).
PEER_VIEW = f"""query($id: ID!) {{ researchers(where: {{id: {{eq: $id}}}}) {{ name
  works(sort: [{{sortDate: DESC}}, {{title: ASC}}, {{id: ASC}}], limit: {WORKS}) {{
    id title year
    authorsConnection(sort: [{{edge: {{position: ASC}}}}]) {{ edges {{ node {{ id name }} }} }} }}
  closeCollaborators(first: {COLLABORATORS}) {{
    researcher {{ id name }} sharedWorks strength lastYear }} }} }}"""

View = dict[str, Any]


def _collaborators(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    # Strength is a float both sides read from the same stored list; rounding only guards
    # against a JSON encoder's last digit.
    return [
        (c["researcher"]["id"], c["sharedWorks"], round(c["strength"], 9), c["lastYear"])
        for c in rows
    ]


def service_view(body: dict[str, Any]) -> View | None:
    """The service's answer to SERVICE_VIEW in the common shape; None on errors or no one."""
    found = None if body.get("errors") else (body.get("data") or {}).get("researcher")
    if not found:
        return None
    return {
        "name": found["name"],
        "works": [
            (e["node"]["id"], tuple(a["id"] for a in e["node"]["authors"]))
            for e in found["works"]["edges"]
        ],
        "collaborators": _collaborators(found["closeCollaborators"]),
    }


def peer_view(body: dict[str, Any]) -> View | None:
    """The peer's answer to PEER_VIEW in the common shape; None on errors or no one."""
    found = None if body.get("errors") else (body.get("data") or {}).get("researchers")
    if not found:
        return None
    (one,) = found  # ids are unique (a constraint), so a match is one researcher
    return {
        "name": one["name"],
        "works": [
            (w["id"], tuple(e["node"]["id"] for e in w["authorsConnection"]["edges"]))
            for w in one["works"]
        ],
        "collaborators": _collaborators(one["closeCollaborators"]),
    }


def same_view(service: View | None, peer: View | None) -> bool:
    """Both answered, with the same name, works, bylines and collaborators in the same order."""
    return service is not None and service == peer
