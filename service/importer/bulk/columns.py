"""The columns of the bulk load's CSV files that several of its modules write."""

from __future__ import annotations

from service.importer.bulk.csv_files import typed

# Paper properties and their import types; `work_row` must not produce a key missing here.
PAPER_TYPES = {
    "title": "string",
    "year": "long",
    "date": "string",
    "sortDate": "string",
    "type": "string",
    "doi": "string",
    "arxivId": "string",
    "pmid": "string",
    "language": "string",
    "abstract": "string",
    "citedByCount": "long",
    "keywords": "string[]",
    "landingPageUrl": "string",
    "isRetracted": "boolean",
    "isOa": "boolean",
    "oaUrl": "string",
    "unmatchedAuthors": "string[]",
    "pmcid": "string",
    "magId": "string",
}
# Authorship properties; `researcher` and `sortDate` are the copies works.cypher keeps for
# the works page's index (the researcher's id, the paper's sort key).
AUTHORED_TYPES = {
    "researcher": "string",
    "sortDate": "string",
    "position": "long",
    "authorPosition": "string",
    "corresponding": "boolean",
    "rawAuthorName": "string",
    "rawAffiliations": "string[]",
    "institutionIds": "string[]",
}
PROVENANCE = ("source", "sourceId", "importedAt")
PAPER_HEADER = [
    "occurrence:IGNORE",
    "id:ID(Paper)",
    *(typed(k, t) for k, t in PAPER_TYPES.items()),
    "stub:boolean",
    *PROVENANCE,
]
# A part's occurrence numbers start at its index shifted by this many bits, so numbers are
# unique across parts and say which part's files hold a row.
PART_BITS = 40
