"""Saved analyst queries over GraphQL: the catalogue, and running one entry by name, paged.

Only catalogue names can run; there is no field that takes Cypher text. Expected failures
(unknown name, a bad parameter, a refused or timed-out run) are members of the result union.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from service import errors
from service.analyst import catalogue as cat
from service.analyst import types as vt
from service.analyst.runner import Result, Runner, bind
from service.identity.accounts import Throttled
from service.identity.throttle import InFlight
from service.schema.bounds import bounded, decode_cursor, encode_cursor
from service.schema.context import Info
from service.schema.types import PageInfo

DEFAULT_ROWS = 50


@strawberry.type
class SavedQueryParameter:
    name: str
    type: str = strawberry.field(
        description="String, Int, Float, Boolean or List<...>; ? = nullable."
    )
    description: str
    required: bool
    default: JSON | None = strawberry.field(description="Used when the parameter is left out.")
    range: str | None = strawberry.field(description='"lo..hi" (inclusive) or "a|b|c" values.')
    minimum: float | None
    maximum: float | None
    allowed: list[str] | None

    @classmethod
    def of(cls, p: vt.Parameter) -> SavedQueryParameter:
        return cls(
            name=p.name,
            type=str(p.type),
            description=p.description,
            required=p.required,
            default=p.default,
            range=p.range_text,
            minimum=p.minimum,
            maximum=p.maximum,
            allowed=list(p.allowed) or None,
        )


@strawberry.type
class SavedQueryColumn:
    name: str
    type: str
    description: str

    @classmethod
    def of(cls, c: vt.Column) -> SavedQueryColumn:
        return cls(name=c.name, type=str(c.type), description=c.description)


@strawberry.type
class SavedQuery:
    name: str
    description: str
    hash: str = strawberry.field(description="SHA-256 of the query file: its version.")
    parameters: list[SavedQueryParameter]
    columns: list[SavedQueryColumn]
    example: JSON = strawberry.field(description="Parameters that make a good first run.")
    cypher: str = strawberry.field(description="The query text, as Neo4j Browser would run it.")

    @classmethod
    def of(cls, q: cat.SavedQuery) -> SavedQuery:
        return cls(
            name=q.name,
            description=q.description,
            hash=q.hash,
            parameters=[SavedQueryParameter.of(p) for p in q.parameters],
            columns=[SavedQueryColumn.of(c) for c in q.columns],
            example=cast(JSON, q.example),
            cypher=q.text,
        )


@strawberry.type(
    description="One value; the field named after the column's type is set "
    "(an Int beyond 32 bits is set as float)."
)
class SavedQueryCell:
    column: str
    # Python names avoid shadowing the builtins the annotations use.
    string_value: str | None = strawberry.field(name="string", default=None)
    int_value: int | None = strawberry.field(name="int", default=None)
    float_value: float | None = strawberry.field(name="float", default=None)
    boolean_value: bool | None = strawberry.field(name="boolean", default=None)
    strings_value: list[str] | None = strawberry.field(name="strings", default=None)
    ints_value: list[int] | None = strawberry.field(name="ints", default=None)
    floats_value: list[float] | None = strawberry.field(name="floats", default=None)


_CELL_FIELDS = {
    ("String", False): "string_value",
    ("Int", False): "int_value",
    ("Float", False): "float_value",
    ("Boolean", False): "boolean_value",
    ("String", True): "strings_value",
    ("Int", True): "ints_value",
    ("Float", True): "floats_value",
}


@strawberry.type
class SavedQueryRow:
    cells: list[SavedQueryCell]
    values: JSON = strawberry.field(description="The row as an object keyed by column name.")


@strawberry.type
class SavedQueryRows:
    query: SavedQuery
    parameters: JSON = strawberry.field(description="Every parameter as sent, defaults included.")
    columns: list[SavedQueryColumn]
    rows: list[SavedQueryRow]
    total_count: int = strawberry.field(description="Rows the run returned, up to the row cap.")
    truncated: bool = strawberry.field(description="True when the run hit the row cap.")
    page_info: PageInfo


@strawberry.type(name="UnknownQuery")
class UnknownQueryError:
    name: str
    message: str


@strawberry.type(name="InvalidParameter")
class InvalidParameterError:
    parameter: str
    message: str


@strawberry.type(
    description="The database refused the run (READ_ONLY) or stopped it (QUERY_TIMEOUT), or "
    "this server already runs as many saved queries as it takes at once (BUSY)."
)
class QueryFailed:
    code: str
    message: str


# Refused at once rather than queued: a queue of slow queries would only grow. Per process,
# the app's `analyst_slots`; per client address, PER_CLIENT runs at once, so one address cannot
# take every slot from other analysts.
BUSY = "BUSY"
BUSY_MESSAGE = "as many saved queries as this server runs at once are running; try again shortly"
PER_CLIENT = 2
BUSY_PER_CLIENT = f"{PER_CLIENT} saved queries from this address are running; try again shortly"
RUNNING = InFlight()

RunSavedQueryResult = Annotated[
    SavedQueryRows | UnknownQueryError | InvalidParameterError | QueryFailed,
    strawberry.union("RunSavedQueryResult"),
]


def _run_key(query: cat.SavedQuery, bound: dict[str, Any]) -> str:
    """Ties a cursor to one query version and one set of parameters."""
    text = query.hash + json.dumps(bound, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _offset(after: str | None, key: str) -> int:
    cursor = decode_cursor(after, ("run", "offset"))
    if cursor is None:
        return 0
    offset = cursor["offset"]
    # isascii too: str.isdigit() accepts "²", which int() refuses.
    if cursor["run"] != key or not (offset.isascii() and offset.isdigit()):
        raise errors.Invalid("after is a cursor of another query or other parameters", "after")
    return int(offset)


def _rows(result: Result, start: int, first: int) -> list[SavedQueryRow]:
    out = []
    for row in result.rows[start : start + first]:
        cells = []
        for column, value in zip(result.columns, row, strict=True):
            field = _CELL_FIELDS[(column.type.scalar, column.type.is_list)]
            if field == "int_value" and value is not None and not -(2**31) <= value < 2**31:
                # GraphQL's Int is 32-bit; larger counts travel as Float (exact in `values`).
                field, value = "float_value", float(value)
            cells.append(SavedQueryCell(column=column.name, **{field: value}))
        values = {c.name: v for c, v in zip(result.columns, row, strict=True)}
        out.append(SavedQueryRow(cells=cells, values=cast(JSON, values)))
    return out


@strawberry.type
class SavedQueriesQuery:
    @strawberry.field(description="The analyst query catalogue (cypher/analyst/), by name.")
    def saved_queries(self) -> list[SavedQuery]:
        return [SavedQuery.of(q) for q in cat.default_catalogue()]

    @strawberry.field(
        description="Run one catalogue query by name, read-only, with parameters checked against "
        f"its header. Rows are paged: first 1..100 (default {DEFAULT_ROWS}), after a cursor."
    )
    async def run_saved_query(
        self,
        info: Info,
        name: str,
        params: JSON | None = None,
        first: int = DEFAULT_ROWS,
        after: str | None = None,
    ) -> RunSavedQueryResult:
        bounded(first, "first")
        try:
            query = cat.default_catalogue().get(name)
            if params is not None and not isinstance(params, dict):
                raise vt.InvalidParameter("params", "must be an object of name: value")
            bound = bind(query, params or {})
        except cat.UnknownQuery as exc:
            return UnknownQueryError(name=exc.name, message=exc.message)
        except vt.InvalidParameter as exc:
            return InvalidParameterError(parameter=exc.parameter, message=exc.message)
        key = _run_key(query, bound)
        start = _offset(after, key)
        graph = info.context.graph
        runner = Runner(graph.driver, graph.settings)
        slots = info.context.analyst_slots
        if slots.locked():
            return QueryFailed(code=BUSY, message=BUSY_MESSAGE)
        try:
            async with (
                RUNNING.hold(info.context.client, PER_CLIENT),
                slots,
                graph.round_trip(f"analyst/{query.name}"),
            ):
                result = await runner.execute(query, bound)
        except Throttled:
            return QueryFailed(code=BUSY, message=BUSY_PER_CLIENT)
        except (errors.ReadOnly, errors.QueryTimeout) as exc:
            return QueryFailed(code=exc.code, message=exc.message)
        end = min(start + first, len(result.rows))
        return SavedQueryRows(
            query=SavedQuery.of(query),
            parameters=cast(JSON, bound),
            columns=[SavedQueryColumn.of(c) for c in result.columns],
            rows=_rows(result, start, first),
            total_count=len(result.rows),
            truncated=result.truncated,
            page_info=PageInfo(
                has_next_page=end < len(result.rows),
                end_cursor=encode_cursor({"run": key, "offset": str(end)}) if end > start else None,
            ),
        )
