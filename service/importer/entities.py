"""Mapping OpenAlex records other than works (authors, institutions, sources, taxonomy,
publishers, funders, merged ids) to the rows their `cypher/import/*.cypher` files take."""

from __future__ import annotations

from typing import Any

from service.importer.ids import BadId, orcid, short_id, taxonomy_id

Record = dict[str, Any]


def _names(values: object) -> list[str]:
    return [str(v) for v in values or () if v] if isinstance(values, list) else []


def _ror(raw: object) -> str | None:
    return raw.strip() if isinstance(raw, str) and raw.strip() else None


def _optional_id(raw: object) -> str | None:
    """An id that may be missing or of a kind the graph does not keep: None instead of failing."""
    try:
        return short_id(raw)
    except BadId:
        return None


def institution_ref(raw: Record) -> Record:
    """The institution fields every record that mentions one carries (authorships, authors)."""
    return {
        "id": short_id(raw["id"]),
        "name": raw.get("display_name") or "",
        "ror": _ror(raw.get("ror")),
        "countryCode": raw.get("country_code"),
        "type": raw.get("type"),
    }


def author_row(author: Record) -> Record:
    """`cypher/import/authors.cypher`: the researcher, its alternative names, institutions."""
    last_known = author.get("last_known_institutions")
    if not isinstance(last_known, list):
        # Older records carry one `last_known_institution` instead of a list.
        old = author.get("last_known_institution")
        last_known = [old] if isinstance(old, dict) else []
    years: dict[str, list[int]] = {}
    institutions: dict[str, Record] = {}
    for affiliation in author.get("affiliations") or ():
        inst = affiliation.get("institution") or {}
        if inst.get("id"):
            ref = institution_ref(inst)
            institutions.setdefault(ref["id"], ref)
            years[ref["id"]] = sorted({int(y) for y in affiliation.get("years") or ()})
    last_ids = []
    for inst in last_known:
        if isinstance(inst, dict) and inst.get("id"):
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


def institution_row(inst: Record) -> Record:
    """`cypher/import/institutions.cypher`: ROR, country, type, names, its lineage parents."""
    ref = institution_ref(inst)
    geo = inst.get("geo") or {}
    lineage = [_optional_id(x) for x in inst.get("lineage") or ()]
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


def source_row(source: Record) -> Record:
    """`cypher/import/sources.cypher`: a Venue, and the publisher hosting it."""
    host = _optional_id(source.get("host_organization"))
    issn = source.get("issn")
    return {
        "id": short_id(source.get("id")),
        "props": {
            "name": source.get("display_name") or "",
            "type": source.get("type"),
            "issnL": source.get("issn_l"),
            "issn": _names(issn),
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


def _level(raw: object, level: str) -> Record | None:
    if not isinstance(raw, dict) or not raw.get("id"):
        return None
    return {"id": taxonomy_id(raw["id"], f"{level}s"), "name": raw.get("display_name") or ""}


def topic_levels(raw: Record) -> Record:
    """`{subfield: {id, name}, field: …, domain: …}` for the levels the record names."""
    levels = {level: _level(raw.get(level), level) for level in ("subfield", "field", "domain")}
    return {level: value for level, value in levels.items() if value is not None}


def topic_row(topic: Record) -> Record:
    """`cypher/import/topics.cypher`: a topic with its subfield -> field -> domain chain.

    Only the fields the record has are set: a row of the taxonomy table (no keywords, no
    counts) leaves what a full topic record wrote before it.
    """
    props: Record = {"name": topic.get("display_name") or ""}
    for prop, key in (
        ("description", "description"),
        ("worksCount", "works_count"),
        ("citedByCount", "cited_by_count"),
    ):
        if key in topic:
            props[prop] = topic[key]
    if "keywords" in topic:
        props["keywords"] = _names(topic["keywords"])
    return {"id": short_id(topic.get("id")), "props": props, "levels": topic_levels(topic)}


def concept_row(concept: Record) -> Record:
    """`cypher/import/concepts.cypher`: a (deprecated) concept and its direct parents."""
    level = concept.get("level")
    parents = [
        {"id": short_id(a["id"]), "name": a.get("display_name") or ""}
        for a in concept.get("ancestors") or ()
        if a.get("id") and isinstance(level, int) and a.get("level") == level - 1
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


def publisher_row(publisher: Record) -> Record:
    """`cypher/import/publishers.cypher`: a publisher and its parent publisher."""
    ids = publisher.get("ids") or {}
    parent = publisher.get("parent_publisher")
    if isinstance(parent, dict):  # newer records name it as `{id, display_name}`
        parent = parent.get("id")
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
        "parentId": _optional_id(parent),
    }


def funder_row(funder: Record) -> Record:
    """`cypher/import/funders.cypher`: a funder."""
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


def merged_author_row(row: Record) -> Record:
    """`cypher/import/merged_authors.cypher`: `id` was merged into `into`."""
    old, into = short_id(row.get("id")), short_id(row.get("into"))
    if old == into:
        raise ValueError(f"{old} is merged into itself")
    return {"id": old, "into": into, "date": row.get("date")}
