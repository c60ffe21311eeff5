"""The most one request may ask for. The GraphQL schema enforces these bounds
(service/schema/bounds.py); the stored researcher summaries keep enough for them
(service/importer/summariser.py), so both read them here."""

from __future__ import annotations

MAX_FIRST = 100  # items of one list or connection page
MAX_GRAPH_NODES = 1000  # nodes of one graph slice, the center included
