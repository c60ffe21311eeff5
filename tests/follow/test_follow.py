"""Following, decided by the domain without GraphQL."""

from __future__ import annotations

from service import follow
from service.graph import Graph
from service.identity.clock import utc_now
from service.seed import SEED_RESEARCHER_ID
from service.settings import Settings
from tests.collaboration.conftest import user


async def test_follow_twice_then_unfollow(graph: Graph, settings: Settings) -> None:
    fan = await user(graph, settings, "fan")
    now = utc_now()
    assert await follow.set_following(graph, None, SEED_RESEARCHER_ID, True, now) is (
        follow.Refusal.LOGIN
    )
    assert await follow.set_following(graph, fan, "seed:nobody", True, now) is (
        follow.Refusal.MISSING
    )
    for _ in range(2):
        assert await follow.set_following(graph, fan, SEED_RESEARCHER_ID, True, now) is True
    page = await follow.following(graph, fan.id, 10, None)
    assert page.total == 1 and [f.researcher["id"] for f in page.items] == [SEED_RESEARCHER_ID]
    assert await follow.set_following(graph, fan, SEED_RESEARCHER_ID, False, now) is False
    assert (await follow.following(graph, fan.id, 10, None)).total == 0
