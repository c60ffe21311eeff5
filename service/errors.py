"""The service's one error tree. Driver errors are translated into it at the graph boundary
(service/graph.py); domain rules raise the rest; the GraphQL schema and the pages show `message`
(always safe for a client) and `code` (stable).

ScholarError               anything the service reports on purpose
├── GraphError             anything the graph layer reports
│   ├── Missing            an id (or a saved query's name) that names nothing
│   ├── Conflict           a uniqueness or state rule would be broken
│   ├── InvalidInput       the database rejected the request as invalid
│   ├── ReadOnly           a write was attempted where only reads are allowed
│   ├── QueryTimeout       the server stopped a query that ran too long
│   └── Unavailable        Neo4j cannot be reached or refused our credentials
└── Invalid                an input outside its bounds; `field` names it (raised from a
                           resolver: a BAD_USER_INPUT error whose `argument` is `field`)

`code` is what clients see (`extensions.code`), so it keeps its spelling when a class is
renamed: `Missing` answers NOT_FOUND.

Expected refusals of a domain rule (not logged in, not the owner, already answered, ...) are
not errors: the domain returns them as typed results (each area's `Refusal`), which the
schema maps to its problem types.
"""

from __future__ import annotations


class ScholarError(Exception):
    """Base of every error the service raises on purpose; `code` is stable, `message` safe."""

    code = "ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        # graphql-core copies an original error's `extensions` into the GraphQL error, so
        # clients get `extensions.code` (docs/contract.md).
        self.extensions = {"code": self.code}


class GraphError(ScholarError):
    """Base of every error the graph layer raises."""

    code = "GRAPH_ERROR"


class Missing(GraphError):
    """Not `NotFound`: that is the GraphQL problem type (service/schema/problems.py), which a
    resolver returns where this error would be raised."""

    code = "NOT_FOUND"


class Conflict(GraphError):
    code = "CONFLICT"


class InvalidInput(GraphError):
    code = "INVALID_INPUT"


class ReadOnly(GraphError):
    code = "READ_ONLY"


class QueryTimeout(GraphError):
    code = "QUERY_TIMEOUT"


class Unavailable(GraphError):
    code = "DATABASE_UNAVAILABLE"


class Invalid(ScholarError):
    """An input outside its bounds (too long, empty, too many); `field` names it."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field
        self.extensions = {"code": self.code, "argument": field}
