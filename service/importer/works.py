"""Mapping one OpenAlex work record to the rows the graph writer takes.

`work_row` checks the record against its model first (service/importer/records.py): what the
functions here read is typed and bounded, so nothing of the wrong type reaches the graph.
"""

from __future__ import annotations

import itertools
from typing import Any

from service.importer.entities import institution_ref, optional_id, topic_levels
from service.importer.ids import BadId, doi, orcid, short_id
from service.importer.records import WORK, Location, Work

Record = dict[str, Any]


def _venue_id(raw: str) -> str:
    """Older records name venues `V123`; OpenAlex renamed them sources with the same number."""
    text = raw.strip().removeprefix("https://openalex.org/")
    if text[:1] == "V" and text[1:].isdigit():
        return f"S{text[1:]}"
    return short_id(raw)


def _source(location: Location | None) -> Record | None:
    source = (location or {}).get("source")
    if not source or not source.get("id"):
        return None
    return {
        "id": _venue_id(source.get("id") or ""),
        "name": source.get("display_name") or "",
        "type": source.get("type"),
        "issnL": source.get("issn_l"),
    }


def venues(work: Work) -> list[Record]:
    """Every distinct source the work is found in; the primary location's source is flagged."""
    primary = _source(work.get("primary_location"))
    host = work.get("host_venue")
    if primary is None and host:
        primary = _source({"source": host})  # the pre-2023 schema
    out: dict[str, Record] = {}
    if primary:
        out[primary["id"]] = {**primary, "primary": True}
    for location in work.get("locations") or ():
        found = _source(location)
        if found and found["id"] not in out:
            out[found["id"]] = {**found, "primary": False}
    return list(out.values())


def authorships(work: Work) -> list[Record]:
    """Authorships with a matched author, byline positions kept (gaps where one is unmatched).

    An author listed twice keeps its first position: one AUTHORED relationship per pair.
    """
    rows = []
    seen: set[str] = set()
    for index, authorship in enumerate(work.get("authorships") or ()):
        author = authorship.get("author") or {}
        if not author.get("id"):
            continue  # kept on the paper as `unmatchedAuthors` (see work_row)
        key = short_id(author.get("id"))
        if key in seen:
            continue
        seen.add(key)
        institutions = [
            institution_ref(i) for i in authorship.get("institutions") or () if i.get("id")
        ]
        rows.append(
            {
                "authorId": key,
                "name": author.get("display_name") or authorship.get("raw_author_name") or "",
                "orcid": orcid(author.get("orcid")),
                "position": index,
                "authorPosition": authorship.get("author_position"),
                "corresponding": bool(authorship.get("is_corresponding")),
                "rawAuthorName": authorship.get("raw_author_name"),
                # Blank strings say nothing (and an array of one blank is not expressible in
                # the offline importer's CSV).
                "rawAffiliations": [
                    s for s in authorship.get("raw_affiliation_strings") or () if s and s.strip()
                ],
                "institutions": institutions,
            }
        )
    return rows


def unmatched_authors(work: Work) -> list[str]:
    """Byline names OpenAlex could not match to an author id: no researcher, but not lost."""
    names = []
    for authorship in work.get("authorships") or ():
        author = authorship.get("author") or {}
        if not author.get("id"):
            names.append(
                authorship.get("raw_author_name") or author.get("display_name") or "unnamed"
            )
    return names


def topics(work: Work) -> list[Record]:
    """Topics with their hierarchy; a work without topics gets its concepts instead."""
    rows = []
    for topic in work.get("topics") or ():
        rows.append(
            {
                "id": short_id(topic["id"]),
                "name": topic.get("display_name") or "",
                "score": topic.get("score"),
                "level": "topic",
                "levels": topic_levels(topic),
            }
        )
    if rows:
        return rows
    for concept in work.get("concepts") or ():
        if concept.get("id"):
            rows.append(
                {
                    "id": short_id(concept.get("id")),
                    "name": concept.get("display_name") or "",
                    "score": concept.get("score"),
                    "level": "concept",
                    "levels": {},
                }
            )
    return rows


def funders(work: Work) -> list[Record]:
    """Funders from `funders` (current schema) and `grants` (older), with award ids."""
    out: dict[str, Record] = {}
    for funder in work.get("funders") or ():
        if funder.get("id"):
            key = short_id(funder.get("id"))
            name = funder.get("display_name") or ""
            out.setdefault(key, {"id": key, "name": name, "awards": []})
    for grant in work.get("grants") or ():
        if not grant.get("funder"):
            continue
        key = short_id(grant.get("funder"))
        row = out.setdefault(
            key, {"id": key, "name": grant.get("funder_display_name") or "", "awards": []}
        )
        award = grant.get("award_id")
        if award and award not in row["awards"]:
            row["awards"].append(award)
    return list(out.values())


def _references(work: Work) -> list[str]:
    """Referenced works in order, each once; a malformed reference loses one edge, not the work."""
    refs = work.get("referenced_works") or ()
    try:
        return list(dict.fromkeys(map(short_id, refs)))
    except BadId:
        return list(dict.fromkeys(key for ref in refs if (key := optional_id(ref))))


def work_row(record: Record) -> Record:
    """Everything the graph keeps of one work, shaped for `cypher/import/works.cypher`."""
    work = WORK.check(record)
    year = work.get("publication_year")
    date = work.get("publication_date")
    ids = work.get("ids") or {}
    location = work.get("primary_location") or {}
    access = work.get("open_access") or {}
    mag = ids.get("mag")
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
            "abstract": work.get("abstract"),
            "citedByCount": work.get("cited_by_count"),
            # Empty lists are not stored (absent means none): the offline importer cannot
            # write an empty array, and one representation keeps both paths' graphs equal.
            "keywords": [
                name for k in work.get("keywords") or () if (name := k.get("display_name"))
            ]
            or None,
            "landingPageUrl": location.get("landing_page_url"),
            "isRetracted": work.get("is_retracted"),
            "isOa": access.get("is_oa"),
            "oaUrl": access.get("oa_url"),
            "unmatchedAuthors": unmatched_authors(work) or None,
            "pmcid": ids.get("pmcid"),
            "magId": mag or None,
        },
        "venues": venues(work),
        "authorships": authorships(work),
        "topics": topics(work),
        "funders": funders(work),
        "references": _references(work),
    }


def fuller(name: str, than: str) -> bool:
    """The byline spelling that wins without an author record: longer, then greater.

    The same rule as `cypher/import/works.cypher`, so the name does not depend on import order.
    """
    return (len(name), name) > (len(than), than)


def batch_params(rows: list[Record]) -> Record:
    """A batch of work rows as the flat lists `cypher/import/works.cypher` UNWINDs.

    Nodes are deduplicated across the batch here, so each statement part writes each node or
    relationship once; flat lists keep every part a plain UNWIND, which is what makes it fast.
    """
    researchers: dict[str, Record] = {}
    institutions: dict[str, Record] = {}
    venues: dict[str, Record] = {}
    topics: dict[str, Record] = {}
    part_of: dict[tuple[str, str], Record] = {}
    funder_nodes: dict[str, Record] = {}
    affiliations: dict[tuple[str, str], set[int]] = {}
    authored, has_topic, published_in, funded_by, cites = [], [], [], [], []
    refs: set[str] = set()
    for w in rows:
        paper, year = w["id"], w["props"].get("year")
        for v in w["venues"]:
            venues.setdefault(v["id"], {k: v[k] for k in ("id", "name", "type", "issnL")})
            published_in.append({"paper": paper, "venue": v["id"], "primary": v["primary"]})
        for a in w["authorships"]:
            author = a["authorId"]
            known = researchers.setdefault(
                author, {"id": author, "name": a["name"], "orcid": a["orcid"]}
            )
            if fuller(a["name"], known["name"]):
                known["name"] = a["name"]
            known["orcid"] = known["orcid"] or a["orcid"]
            authored.append(
                {
                    "paper": paper,
                    "author": author,
                    "props": {
                        "position": a["position"],
                        "authorPosition": a["authorPosition"],
                        "corresponding": a["corresponding"],
                        "rawAuthorName": a["rawAuthorName"],
                        "rawAffiliations": a["rawAffiliations"] or None,
                        "institutionIds": [i["id"] for i in a["institutions"]] or None,
                    },
                }
            )
            for i in a["institutions"]:
                institutions.setdefault(i["id"], i)
                years = affiliations.setdefault((author, i["id"]), set())
                if isinstance(year, int):
                    years.add(year)
        for t in w["topics"]:
            topics.setdefault(t["id"], {"id": t["id"], "name": t["name"], "level": t["level"]})
            has_topic.append({"paper": paper, "topic": t["id"], "score": t["score"]})
            chain = [t["id"]]
            for level in ("subfield", "field", "domain"):
                node = t["levels"].get(level)
                if node:
                    topics.setdefault(node["id"], {**node, "level": level})
                    chain.append(node["id"])
            for child, parent in itertools.pairwise(chain):
                part_of.setdefault((child, parent), {"child": child, "parent": parent})
        for f in w["funders"]:
            funder_nodes.setdefault(f["id"], {"id": f["id"], "name": f["name"]})
            funded_by.append({"paper": paper, "funder": f["id"], "awardIds": f["awards"] or None})
        for ref in w["references"]:
            cites.append({"paper": paper, "ref": ref})
            refs.add(ref)
    return {
        "works": [{"id": w["id"], "props": w["props"]} for w in rows],
        "researchers": list(researchers.values()),
        "institutions": list(institutions.values()),
        "venues": list(venues.values()),
        "topics": list(topics.values()),
        "partOf": list(part_of.values()),
        "funders": list(funder_nodes.values()),
        "stubs": sorted(refs),
        "authored": authored,
        "affiliations": [
            {"author": a, "institution": i, "years": sorted(y)}
            for (a, i), y in affiliations.items()
        ],
        "hasTopic": has_topic,
        "publishedIn": published_in,
        "fundedBy": funded_by,
        "cites": cites,
    }
