"""Saved analyst queries: `catalogue` (header format), `types` (checks), `runner`, `formats`."""
