"""Mapping one OpenAlex work record to the rows the graph writer takes."""

from __future__ import annotations

from typing import Any

from service.importer.ids import doi, orcid, short_id, taxonomy_id

Record = dict[str, Any]


def abstract(inverted: object) -> str | None:
    """Rebuild the text OpenAlex ships as `{word: [positions]}`."""
    if not isinstance(inverted, dict) or not inverted:
        return None
    slots: dict[int, str] = {}
    for word, positions in inverted.items():
        for position in positions or ():
            slots[int(position)] = str(word)
    return " ".join(slots[i] for i in sorted(slots))


def _source(location: object) -> Record | None:
    if not isinstance(location, dict):
        return None
    source = location.get("source")
    if not isinstance(source, dict) or not source.get("id"):
        return None
    return {
        "id": short_id(source["id"]),
        "name": source.get("display_name") or "",
        "type": source.get("type"),
        "issnL": source.get("issn_l"),
    }


def venues(work: Record) -> list[Record]:
    """Every distinct source the work is found in; the primary location's source is flagged."""
    primary = _source(work.get("primary_location"))
    out: dict[str, Record] = {}
    if primary:
        out[primary["id"]] = {**primary, "primary": True}
    for location in work.get("locations") or ():
        found = _source(location)
        if found and found["id"] not in out:
            out[found["id"]] = {**found, "primary": False}
    return list(out.values())


def _institution(raw: Record) -> Record:
    return {
        "id": short_id(raw["id"]),
        "name": raw.get("display_name") or "",
        "ror": raw.get("ror"),
        "countryCode": raw.get("country_code"),
        "type": raw.get("type"),
    }


def authorships(work: Record) -> list[Record]:
    rows = []
    for index, authorship in enumerate(work.get("authorships") or ()):
        author = authorship.get("author") or {}
        institutions = [
            _institution(i) for i in authorship.get("institutions") or () if i.get("id")
        ]
        rows.append(
            {
                "authorId": short_id(author.get("id")),
                "name": author.get("display_name") or authorship.get("raw_author_name") or "",
                "orcid": orcid(author.get("orcid")),
                "position": index,
                "authorPosition": authorship.get("author_position"),
                "corresponding": bool(authorship.get("is_corresponding")),
                "rawAuthorName": authorship.get("raw_author_name"),
                "rawAffiliations": list(authorship.get("raw_affiliation_strings") or ()),
                "institutions": institutions,
            }
        )
    return rows


def topics(work: Record) -> list[Record]:
    rows = []
    for raw in work.get("topics") or ():
        levels = {
            level: {
                "id": taxonomy_id((raw.get(level) or {}).get("id"), f"{level}s"),
                "name": (raw.get(level) or {}).get("display_name") or "",
            }
            for level in ("subfield", "field", "domain")
            if (raw.get(level) or {}).get("id")
        }
        rows.append(
            {
                "id": short_id(raw["id"]),
                "name": raw.get("display_name") or "",
                "score": raw.get("score"),
                "levels": levels,
            }
        )
    return rows


def work_row(work: Record) -> Record:
    """Everything the graph keeps of one work, shaped for `cypher/import/works.cypher`."""
    year = work.get("publication_year")
    date = work.get("publication_date")
    ids = work.get("ids") or {}
    return {
        "id": short_id(work.get("id")),
        "props": {
            "title": work.get("display_name") or work.get("title") or "",
            "year": year,
            "date": date,
            # Newest-first ordering needs a key for every work; a year alone sorts before its dates.
            "sortDate": date or (str(year) if year else ""),
            "type": work.get("type") or "article",
            "doi": doi(work.get("doi")),
            "arxivId": ids.get("arxiv"),
            "pmid": ids.get("pmid"),
            "language": work.get("language"),
            "abstract": abstract(work.get("abstract_inverted_index")),
            "citedByCount": work.get("cited_by_count"),
            "keywords": [
                k.get("display_name") for k in work.get("keywords") or () if k.get("display_name")
            ],
            "landingPageUrl": (work.get("primary_location") or {}).get("landing_page_url"),
        },
        "venues": venues(work),
        "authorships": authorships(work),
        "topics": topics(work),
        "references": [short_id(ref) for ref in work.get("referenced_works") or ()],
    }
