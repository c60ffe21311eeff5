"""The domain's error tree; driver errors are translated into it at the graph boundary.

GraphError                 anything the graph layer reports
├── NotFound               an id that names nothing
├── Conflict               a uniqueness or state rule would be broken
├── InvalidInput           the request itself is wrong (bad parameter, bad cursor)
├── ReadOnly               a write was attempted where only reads are allowed
├── QueryTimeout           the server stopped a query that ran too long
└── Unavailable            Neo4j cannot be reached or refused our credentials
"""

from __future__ import annotations


class GraphError(Exception):
    """Base of every error the graph layer raises; `code` is stable and safe to show clients."""

    code = "GRAPH_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        # graphql-core copies an original error's `extensions` into the GraphQL error, so
        # clients get `extensions.code` (docs/contract.md).
        self.extensions = {"code": self.code}


class NotFound(GraphError):
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
