"""What every resolver gets: the request's graph access, its per-request loaders, the viewer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypedDict

import strawberry
from starlette.requests import Request
from strawberry.dataloader import DataLoader
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from service.calls import identity, researcher
from service.calls.researcher_types import CardsParams
from service.collaborators import CLOSE_MIN_SHARED
from service.graph import Graph
from service.identity import accounts
from service.identity.clock import utc_now
from service.identity.mailer import CodeSender, ConsoleSender
from service.schema.bounds import MAX_FIRST, decode_cursor
from service.settings import AuthSettings, Settings
from service.shapes import Card

# A row's map as the schema types read it: a plain one (`Map`) or a shaped one (service/shapes.py).
Row = Mapping[str, Any]


class ItemRow(TypedDict):
    item: dict[str, Any]  # as the generated rows declare a plain `Map`


# A details query's generated call (`service.calls.paper.details`...): `ids` and its own
# parameters in, one `item` map per id that exists out.
DetailsCall = Callable[..., Awaitable[Sequence[ItemRow]]]
CURSOR_FIELDS = ("date", "title", "id")
# What a profile's sections hold when a field is asked without `first`.
DEFAULT_WORKS = 20
DEFAULT_TOPICS = 10
DEFAULT_COLLABORATORS = 10


@dataclass(frozen=True)
class Sections:
    """Which profile sections a card carries, with their arguments (0: not fetched)."""

    works_first: int = 0
    works_after: str | None = None
    topics_first: int = 0
    collaborators_first: int = 0
    coauthors_first: int = 0


NO_SECTIONS = Sections()


@dataclass(frozen=True)
class Relation:
    """How the viewer relates to one researcher record."""

    follows: bool = False
    owns: bool = False


NO_RELATION = Relation()


@dataclass
class Context:
    graph: Graph
    # The session token from `Authorization: Bearer` or the session cookie, unchecked.
    token: str | None = None
    auth: AuthSettings = field(default_factory=AuthSettings)
    sender: CodeSender = field(default_factory=ConsoleSender)
    # Starlette's sub-response, for Set-Cookie on log in and out; None outside HTTP.
    response: Any = None
    # The client's address, for per-client limits; "local" for in-process callers.
    client: str = "local"
    # The device cookie a browser got at an earlier log in, unchecked (known-client throttling).
    device: str | None = None
    # Saved queries running at once in this process (the app's one semaphore, `analyst_slots`):
    # slow analyst queries may hold at most half the driver's connections, never the pages'.
    analyst_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(1))
    _loaders: dict[Sections, DataLoader[str, Card | None]] = field(default_factory=dict)
    _details: dict[tuple[Any, ...], DataLoader[str, Row | None]] = field(default_factory=dict)
    # How the viewer relates to each researcher id ({follows, owns}), batched like the cards.
    relations: DataLoader[str, Relation] = field(init=False)
    _user: accounts.User | None = field(init=False, default=None)
    _user_known: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.relations = DataLoader(load_fn=self._load_relations)

    def now(self) -> datetime:
        return utc_now()

    async def user(self) -> accounts.User | None:
        """The logged-in user, looked up once per request and only when a resolver asks."""
        if not self._user_known:
            self._user = await accounts.user_for_token(self.graph, self.token, self.now())
            self._user_known = True
        return self._user

    def forget_user(self) -> None:
        """After log in or out, the request's viewer is whoever the new token names."""
        self._user_known = False

    def forget_cards(self) -> None:
        """After a write that changes cards (followers, claims), later loads read afresh."""
        self._loaders.clear()
        self._details.clear()
        self.relations.clear_all()

    def details(self, query: DetailsCall, **params: Any) -> DataLoader[str, Row | None]:
        """Rows of a details query (`cypher/<kind>/details.cypher`: `$ids` in, one `item` map
        per id that exists out) by id, batched per request and per set of parameters."""
        key = (query, *sorted(params.items()))
        loader = self._details.get(key)
        if loader is None:

            async def load(ids: list[str]) -> list[Row | None]:
                rows = await query(self.graph, ids=ids, **params)
                found = {row["item"]["id"]: row["item"] for row in rows}
                return [found.get(i) for i in ids]

            loader = self._details[key] = DataLoader(load_fn=load)
        return loader

    async def _load_relations(self, ids: list[str]) -> list[Relation]:
        user = await self.user()
        if user is None:
            return [NO_RELATION] * len(ids)
        rows = await identity.viewer_relations(self.graph, userId=user.id, ids=ids)
        found = {row["id"]: Relation(follows=row["follows"], owns=row["owns"]) for row in rows}
        return [found.get(i, NO_RELATION) for i in ids]

    def cards(self, sections: Sections = Sections()) -> DataLoader[str, Card | None]:
        """Cards by researcher id, batched per request and per set of sections, so each
        level of nested researchers costs one round trip whatever its size."""
        loader = self._loaders.get(sections)
        if loader is None:

            async def load(ids: list[str]) -> list[Card | None]:
                rows = await researcher.cards(self.graph, **card_params(ids=ids, sections=sections))
                found = {row["card"]["id"]: row["card"] for row in rows}
                return [found.get(i) for i in ids]

            loader = self._loaders[sections] = DataLoader(load_fn=load)
        return loader


# What every resolver's `info` is: strawberry's Info over this Context.
Info = strawberry.Info[Context, None]


def session_token(request: Request, cookie_name: str) -> str | None:
    """The bearer token if the client sent one, else the browser's session cookie."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.cookies.get(cookie_name) or None


def context_for(request: Request, response: Any = None) -> Context:
    """The context of one HTTP request, on the app's one driver: for /graphql and the pages."""
    state = request.app.state
    settings: Settings = state.settings
    return Context(
        graph=Graph(state.driver, settings.neo4j, state.availability),
        token=session_token(request, settings.auth.cookie_name),
        auth=settings.auth,
        sender=state.sender,
        response=response,
        client=request.client.host if request.client else "unknown",
        device=request.cookies.get(settings.auth.device_cookie_name) or None,
        analyst_slots=state.analyst_slots,
    )


def analyst_slots(pool_size: int) -> asyncio.Semaphore:
    """The app's limit on saved queries running at once: half the driver's connections."""
    return asyncio.Semaphore(max(1, pool_size // 2))


def card_params(
    *,
    ids: list[str] | None = None,
    text: str | None = None,
    first: int | None = None,
    sections: Sections = Sections(),
) -> CardsParams:
    """Parameters of `cypher/researcher/cards.cypher`; sections only when one is asked for."""
    return {
        "ids": ids,
        "text": text,
        "first": first if first is not None else len(ids or ()),
        "sections": bool(
            sections.works_first
            or sections.topics_first
            or sections.collaborators_first
            or sections.coauthors_first
        ),
        "worksFirst": sections.works_first,
        "worksAfter": decode_cursor(sections.works_after, CURSOR_FIELDS, "works.after"),
        "topicsFirst": sections.topics_first,
        "collaboratorsFirst": sections.collaborators_first,
        "coauthorsFirst": sections.coauthors_first,
        "closeMinShared": CLOSE_MIN_SHARED,
    }


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def wanted_sections(info: strawberry.Info[Context, None]) -> Sections:
    """The sections a `researcher` field's selection asks for, with their `first` (and the works'
    `after`), read ahead so that one `researcher/cards` round trip fetches them all."""
    found: dict[str, dict[str, Any]] = {}
    for selected in _fields(info.selected_fields[0].selections):
        found.setdefault(selected.name, selected.arguments)

    def first(name: str, default: int) -> int:
        # Literal arguments arrive as their source text ("20"), variables as values: None when
        # the variable is unset or null. Those and out-of-range values are not preloaded; the
        # field itself then applies its default or reports the value.
        args = found.get(name)
        raw = None if args is None else args.get("first", default)
        value = 0 if raw is None else int(raw)
        return value if 1 <= value <= MAX_FIRST else 0

    works = found.get("works") or {}
    return Sections(
        works_first=first("works", DEFAULT_WORKS),
        works_after=works.get("after"),
        topics_first=first("topics", DEFAULT_TOPICS),
        collaborators_first=first("closeCollaborators", DEFAULT_COLLABORATORS),
        coauthors_first=first("coauthors", DEFAULT_COLLABORATORS),
    )
