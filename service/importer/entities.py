"""Mapping OpenAlex records other than works (authors, institutions, sources, taxonomy,
publishers, funders, merged ids) to the rows their `cypher/import/*.cypher` files take.

Each `*_row` checks its record against its model first (service/importer/records.py), so what
is read here is typed and bounded.
"""

from __future__ import annotations

from typing import Any

from service.importer.entity_records import (
    AUTHOR,
    CONCEPT,
    FUNDER,
    INSTITUTION,
    MERGED_ID,
    PUBLISHER,
    SOURCE,
    TOPIC,
    Topic,
)
from service.importer.ids import BadId, orcid, short_id, taxonomy_id
from service.importer.records import InstitutionRef, Level, TopicRef

Record = dict[str, Any]


def _names(values: list[str | None] | None) -> list[str]:
    return [v for v in values or () if v]


def _ror(raw: str | None) -> str | None:
    return raw.strip() if raw and raw.strip() else None


def optional_id(raw: str | None) -> str | None:
    """An id that may be missing or of a kind the graph does not keep: None instead of failing."""
    try:
        return short_id(raw)
    except BadId:
        return None


def institution_ref(raw: InstitutionRef) -> Record:
    """The institution fields every record that mentions one carries (authorships, authors)."""
    return {
        "id": short_id(raw.get("id")),
        "name": raw.get("display_name") or "",
        "ror": _ror(raw.get("ror")),
        "countryCode": raw.get("country_code"),
        "type": raw.get("type"),
    }


def author_row(record: Record) -> Record:
    """`cypher/import/authors.cypher`: the researcher, its alternative names, institutions."""
    author = AUTHOR.check(record)
    last_known = author.get("last_known_institutions")
    if last_known is None:
        # Older records carry one `last_known_institution` instead of a list.
        old = author.get("last_known_institution")
        last_known = [old] if old else []
    years: dict[str, list[int]] = {}
    institutions: dict[str, Record] = {}
    for affiliation in author.get("affiliations") or ():
        inst = affiliation.get("institution") or {}
        if inst.get("id"):
            ref = institution_ref(inst)
            institutions.setdefault(ref["id"], ref)
            years[ref["id"]] = sorted(set(affiliation.get("years") or ()))
    last_ids = []
    for inst in last_known:
        if inst.get("id"):
            ref = institution_ref(inst)
            institutions.setdefault(ref["id"], ref)
            last_ids.append(ref["id"])
    stats = author.get("summary_stats") or {}
    return {
        "id": short_id(author.get("id")),
        "props": {
            "name": author.get("display_name") or "",
            # The author's own record names them; bylines no longer change the name.
            "nameFromRecord": True,
            "alternativeNames": _names(author.get("display_name_alternatives")),
            "worksCount": author.get("works_count"),
            "citedByCount": author.get("cited_by_count"),
            "hIndex": stats.get("h_index"),
            "i10Index": stats.get("i10_index"),
        },
        "orcid": orcid(author.get("orcid") or (author.get("ids") or {}).get("orcid")),
        "institutions": [
            {**inst, "years": years.get(key, []), "lastKnown": key in last_ids}
            for key, inst in institutions.items()
        ],
    }


def institution_row(record: Record) -> Record:
    """`cypher/import/institutions.cypher`: ROR, country, type, names, its lineage parents."""
    inst = INSTITUTION.check(record)
    ref = institution_ref(inst)
    geo = inst.get("geo") or {}
    lineage = [optional_id(x) for x in inst.get("lineage") or ()]
    return {
        "id": ref["id"],
        "props": {
            "name": ref["name"],
            "ror": ref["ror"],
            "countryCode": ref["countryCode"] or geo.get("country_code"),
            "type": ref["type"],
            "alternativeNames": _names(inst.get("display_name_alternatives")),
            "acronyms": _names(inst.get("display_name_acronyms")),
            "homepageUrl": inst.get("homepage_url"),
            "city": geo.get("city"),
            "worksCount": inst.get("works_count"),
            "citedByCount": inst.get("cited_by_count"),
        },
        "parents": [x for x in lineage if x and x != ref["id"]],
    }


def source_row(record: Record) -> Record:
    """`cypher/import/sources.cypher`: a Venue, and the publisher hosting it."""
    source = SOURCE.check(record)
    host = optional_id(source.get("host_organization"))
    return {
        "id": short_id(source.get("id")),
        "props": {
            "name": source.get("display_name") or "",
            "type": source.get("type"),
            "issnL": source.get("issn_l"),
            "issn": _names(source.get("issn")),
            "alternativeNames": _names(source.get("alternate_titles")),
            "abbreviatedTitle": source.get("abbreviated_title"),
            "homepageUrl": source.get("homepage_url"),
            "countryCode": source.get("country_code"),
            "isOa": source.get("is_oa"),
            "isInDoaj": source.get("is_in_doaj"),
            "worksCount": source.get("works_count"),
            "citedByCount": source.get("cited_by_count"),
            "hostId": host,
        },
        # Sources hosted by an institution (repositories) have an I id: kept as a property only.
        "publisher": {"id": host, "name": source.get("host_organization_name") or ""}
        if host and host.startswith("P")
        else None,
    }


def _level(raw: Level | None, level: str) -> Record | None:
    if not raw or not raw.get("id"):
        return None
    return {"id": taxonomy_id(raw.get("id"), f"{level}s"), "name": raw.get("display_name") or ""}


def topic_levels(raw: TopicRef | Topic) -> Record:
    """`{subfield: {id, name}, field: …, domain: …}` for the levels the record names."""
    levels = {
        "subfield": _level(raw.get("subfield"), "subfield"),
        "field": _level(raw.get("field"), "field"),
        "domain": _level(raw.get("domain"), "domain"),
    }
    return {level: value for level, value in levels.items() if value is not None}


def topic_row(record: Record) -> Record:
    """`cypher/import/topics.cypher`: a topic with its subfield -> field -> domain chain.

    Only the fields the record has are set: a row of the taxonomy table (no keywords, no
    counts) leaves what a full topic record wrote before it.
    """
    topic = TOPIC.check(record)
    props: Record = {"name": topic.get("display_name") or ""}
    if "description" in topic:
        props["description"] = topic["description"]
    if "works_count" in topic:
        props["worksCount"] = topic["works_count"]
    if "cited_by_count" in topic:
        props["citedByCount"] = topic["cited_by_count"]
    if "keywords" in topic:
        props["keywords"] = _names(topic["keywords"])
    return {"id": short_id(topic.get("id")), "props": props, "levels": topic_levels(topic)}


def concept_row(record: Record) -> Record:
    """`cypher/import/concepts.cypher`: a (deprecated) concept and its direct parents."""
    concept = CONCEPT.check(record)
    level = concept.get("level")
    parents = [
        {"id": short_id(a.get("id")), "name": a.get("display_name") or ""}
        for a in concept.get("ancestors") or ()
        if a.get("id") and level is not None and a.get("level") == level - 1
    ]
    return {
        "id": short_id(concept.get("id")),
        "props": {
            "name": concept.get("display_name") or "",
            "conceptLevel": level,
            "description": concept.get("description"),
            "wikidata": concept.get("wikidata"),
            "worksCount": concept.get("works_count"),
            "citedByCount": concept.get("cited_by_count"),
        },
        "parents": parents,
    }


def publisher_row(record: Record) -> Record:
    """`cypher/import/publishers.cypher`: a publisher and its parent publisher."""
    publisher = PUBLISHER.check(record)
    ids = publisher.get("ids") or {}
    parent = publisher.get("parent_publisher") or {}
    return {
        "id": short_id(publisher.get("id")),
        "props": {
            "name": publisher.get("display_name") or "",
            "alternativeNames": _names(publisher.get("alternate_titles")),
            "hierarchyLevel": publisher.get("hierarchy_level"),
            "countryCodes": _names(publisher.get("country_codes")),
            "homepageUrl": publisher.get("homepage_url"),
            "ror": _ror(ids.get("ror")),
            "worksCount": publisher.get("works_count"),
            "citedByCount": publisher.get("cited_by_count"),
        },
        "parentId": optional_id(parent.get("id")),
    }


def funder_row(record: Record) -> Record:
    """`cypher/import/funders.cypher`: a funder."""
    funder = FUNDER.check(record)
    ids = funder.get("ids") or {}
    return {
        "id": short_id(funder.get("id")),
        "props": {
            "name": funder.get("display_name") or "",
            "alternativeNames": _names(funder.get("alternate_titles")),
            "countryCode": funder.get("country_code"),
            "description": funder.get("description"),
            "homepageUrl": funder.get("homepage_url"),
            "ror": _ror(ids.get("ror")),
            "grantsCount": funder.get("grants_count") or funder.get("awards_count"),
            "worksCount": funder.get("works_count"),
            "citedByCount": funder.get("cited_by_count"),
        },
    }


def merged_author_row(record: Record) -> Record:
    """`cypher/import/merged_authors.cypher`: `id` was merged into `into`."""
    row = MERGED_ID.check(record)
    old, into = short_id(row.get("id")), short_id(row.get("into"))
    if old == into:
        raise ValueError(f"{old} is merged into itself")
    return {"id": old, "into": into, "date": row.get("date")}
