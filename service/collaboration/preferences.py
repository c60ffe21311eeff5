"""The owner's openness to invitations and their short interests."""

from __future__ import annotations

from service.calls.collaboration import set_preferences as save
from service.collaboration.refusal import Refusal
from service.collaboration.texts import interests as clean
from service.graph import Graph
from service.identity.accounts import User
from service.ownership import not_owner_or_missing


async def set_preferences(
    graph: Graph, user: User | None, researcher_id: str, open_to_collaborate: bool,
    interests: list[str],
) -> Refusal | None:  # fmt: skip
    """Open or close the record to invitations; only its owner may. `errors.Invalid` for too
    many or too long interests."""
    if user is None:
        return Refusal.LOGIN
    saved = await save(
        graph,
        researcherId=researcher_id,
        userId=user.id,
        open=open_to_collaborate,
        interests=clean(interests),
    )
    if saved is not None:
        return None
    return await not_owner_or_missing(
        graph, researcher_id, not_owner=Refusal.NOT_OWNER, missing=Refusal.MISSING
    )
