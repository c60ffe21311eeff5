"""Rebuild seed/borui_zhao_2022.json from seed/reference (run by hand; the JSON is committed).

The output is an OpenAlex API result page, so `scholar seed` goes through the same importer as any
OpenAlex download. Abstracts come from the seed profile page, metadata from borui_zhao_2022.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reference"

# Only DKD has a known OpenAlex id; the other works are keyed by their arXiv id.
WORK_IDS = {"2203.08679": "https://openalex.org/W4226426325"}
TOPICS = {
    "T10036": (
        "Advanced Neural Network Applications",
        "1707",
        "Computer Vision and Pattern Recognition",
    ),
    "T11307": ("Domain Adaptation and Few-Shot Learning", "1702", "Artificial Intelligence"),
}
PRIMARY_TOPIC = {"2203.03871": "T11307"}  # the transferability paper; the rest are T10036 first
INSTITUTIONS = {
    "Megvii Technology": ("seed:megvii-technology", "CN", "company"),
    "Nanjing University of Science and Technology": ("seed:njust", "CN", "education"),
    "Nankai University": ("seed:nankai-university", "CN", "education"),
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def inverted_index(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def page_abstracts() -> dict[str, str]:
    lines = (REFERENCE / "seed-profile-page.txt").read_text().splitlines()
    out: dict[str, str] = {}
    for i, line in enumerate(lines):
        if line == "preprint2022arXiv":
            title, abstract = lines[i + 2], lines[i + 4]
            out[title] = abstract
    return out


def venue(name: str) -> tuple[str, str]:
    short = re.sub(r"\s*\(.*\)$", "", name)
    return f"seed:{slug(short)}", short


def authorship(name: str, index: int, count: int, affiliations: dict[str, list[str]]) -> dict:
    names = affiliations.get(name, [])
    return {
        "author_position": "first" if index == 0 else "last" if index == count - 1 else "middle",
        "author": {"id": f"seed:{slug(name)}", "display_name": name, "orcid": None},
        "institutions": [
            {
                "id": INSTITUTIONS[n][0],
                "display_name": n,
                "ror": None,
                "country_code": INSTITUTIONS[n][1],
                "type": INSTITUTIONS[n][2],
            }
            for n in names
        ],
        "countries": sorted({INSTITUTIONS[n][1] for n in names}),
        "is_corresponding": False,
        "raw_author_name": name,
        "raw_affiliation_strings": names,
    }


def topic(topic_id: str, score: float) -> dict:
    name, subfield_id, subfield = TOPICS[topic_id]
    return {
        "id": f"https://openalex.org/{topic_id}",
        "display_name": name,
        "score": score,
        "subfield": {
            "id": f"https://openalex.org/subfields/{subfield_id}",
            "display_name": subfield,
        },
        "field": {"id": "https://openalex.org/fields/17", "display_name": "Computer Science"},
        "domain": {"id": "https://openalex.org/domains/3", "display_name": "Physical Sciences"},
    }


def work(ref: dict, abstract: str) -> dict:
    arxiv = ref["arxiv_id"]
    work_id = WORK_IDS.get(arxiv, f"arxiv:{arxiv}")
    doi = ref.get("doi") or f"10.48550/arXiv.{arxiv}"
    arxiv_source = {"id": "seed:arxiv", "display_name": "arXiv", "type": "repository"}
    published_id, published_name = venue(ref["venue"])
    first = PRIMARY_TOPIC.get(arxiv, "T10036")
    second = "T11307" if first == "T10036" else "T10036"
    authors = ref["authors"]
    return {
        "id": work_id,
        "doi": f"https://doi.org/{doi}",
        "title": ref["title"],
        "display_name": ref["title"],
        "publication_year": ref["year"],
        "publication_date": None,
        "ids": {"openalex": work_id, "doi": f"https://doi.org/{doi}", "arxiv": arxiv},
        "language": "en",
        "type": "preprint",
        "primary_location": {
            "landing_page_url": f"https://arxiv.org/abs/{arxiv}",
            "source": arxiv_source,
            "version": "submittedVersion",
        },
        "locations": [
            {
                "landing_page_url": f"https://arxiv.org/abs/{arxiv}",
                "source": arxiv_source,
                "version": "submittedVersion",
            },
            {
                "landing_page_url": ref["sources"][0],
                "source": {
                    "id": published_id,
                    "display_name": published_name,
                    "type": "conference",
                },
                "version": "publishedVersion",
            },
        ],
        "authorships": [
            authorship(name, i, len(authors), ref.get("affiliations_by_author") or {})
            for i, name in enumerate(authors)
        ],
        "primary_topic": topic(first, 1.0),
        "topics": [topic(first, 1.0), topic(second, 0.9)],
        "keywords": [{"display_name": k} for k in ref["topics"]],
        "cited_by_count": None,
        "referenced_works": [],
        "abstract_inverted_index": inverted_index(abstract),
    }


def main() -> None:
    reference = json.loads((REFERENCE / "borui_zhao_2022.json").read_text())
    abstracts = page_abstracts()
    results = [work(ref, abstracts[ref["title"]]) for ref in reference["works"]]
    page = {
        "meta": {
            "count": len(results),
            "page": 1,
            "per_page": len(results),
            "note": "seed: OpenAlex work records built by seed/build_seed.py",
        },
        "results": results,
    }
    (HERE / "borui_zhao_2022.json").write_text(
        json.dumps(page, indent=1, ensure_ascii=False) + "\n"
    )


if __name__ == "__main__":
    main()
