"""The bounds on what the importer reads, all in one place.

Each is far above what real OpenAlex data holds and far below what hurts an import: one work
with a 50 MB title once made the database run out of memory five times over, then report itself
unavailable, with none of the good works around it written. A value past a bound makes its record
skipped and reported with file and line; the records around it are imported.
"""

from __future__ import annotations

# One JSON Lines record, in bytes, refused before it is parsed (and before it is built in
# memory: a longer line is read past in small pieces). OpenAlex's largest works, with thousands
# of authors and their affiliations, take a few megabytes.
MAX_RECORD_BYTES = 16 * 2**20
# A `.json` file (an API page or one record) is read whole; JSON Lines has no such limit.
MAX_DOCUMENT_BYTES = 64 * 2**20
# Characters in any text the importer keeps (titles, names, affiliation strings, urls).
MAX_TEXT = 10_000
# Characters in ids, DOIs, ORCIDs and dates: the database indexes them, and refuses an index
# key past about 8 KB (as "unavailable", aborting the import); this many take at most 2 KB.
MAX_KEY = 500
# Items in any list the importer keeps (authorships, references, topics, names). The longest
# bylines have about 5,000 authors.
MAX_ITEMS = 10_000
# Characters of an abstract's text; a few records carry a whole paper there.
MAX_ABSTRACT = 100_000
# Integers must fit the database's (64-bit signed).
MAX_INT = 2**63 - 1


def too_large(size: int, limit: int) -> str:
    """How a file or record past its bound in bytes is reported."""
    return f"expected at most {limit:,} bytes, got {size:,}"
