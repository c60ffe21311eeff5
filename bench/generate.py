"""A synthetic OpenAlex-format works corpus of any size, the same for the same seed.

    .venv/bin/python -m bench.generate --works N [--seed S] --out data/gen [--shard K] [--plain]

A benchmark tool (bench/scale.py loads such corpora), not part of the service.

Shapes follow real scholarly graphs closely enough to load-test with: authors per work and
works per author are heavy-tailed (a few prolific authors, many one-paper ones), co-authors
come mostly from a lead author's circle so collaborations repeat, topics and institutions are
Zipf-spread, and works cite earlier works preferring older, already-cited ones. Every id is in
the `gen:` namespace (`gen:W1`, `gen:A7`, `gen:subfields/3`) so it never collides with a real
OpenAlex id when both are loaded into one graph.
"""

# Reproducible pseudo-randomness is the point here; nothing is secret.

from __future__ import annotations

import argparse
import bisect
import gzip
import itertools
import json
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NS = "gen:"
FIRST = [
    "Ada",
    "Alan",
    "Bo",
    "Chen",
    "Dana",
    "Emil",
    "Fatima",
    "Grace",
    "Hiro",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mei",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Uma",
    "Victor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoe",
    "Amir",
    "Bea",
    "Carlos",
    "Dmitri",
    "Elif",
    "Farah",
    "Goran",
]
LAST = [
    "Abe",
    "Berg",
    "Costa",
    "Diaz",
    "Eze",
    "Fischer",
    "Garcia",
    "Huang",
    "Ivanova",
    "Jensen",
    "Kim",
    "Li",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Park",
    "Quispe",
    "Rossi",
    "Singh",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wang",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Novak",
    "Silva",
    "Haddad",
    "Kowalski",
]
WORDS = [
    "graph",
    "learning",
    "model",
    "data",
    "network",
    "protein",
    "signal",
    "quantum",
    "neural",
    "cell",
    "climate",
    "energy",
    "analysis",
    "method",
    "system",
    "structure",
    "dynamics",
    "inference",
    "optimization",
    "sparse",
    "robust",
    "causal",
    "spectral",
    "molecular",
    "genome",
    "transport",
    "material",
    "sensor",
    "language",
    "vision",
    "policy",
    "market",
]
TYPES = ("article",) * 8 + ("preprint", "book-chapter", "dataset", "review")
COUNTRIES = ("US", "CN", "DE", "GB", "JP", "FR", "IN", "BR", "CA", "KR", "IT", "NL", "CH", "AU")


@dataclass(frozen=True)
class Corpus:
    """How big a corpus and which seed; sizes of the entity pools follow from `works`."""

    works: int
    seed: int = 1

    @property
    def authors(self) -> int:
        return max(20, self.works * 3 // 5)

    @property
    def institutions(self) -> int:
        return max(5, self.works // 200)

    @property
    def sources(self) -> int:
        return max(5, self.works // 400)

    @property
    def topics(self) -> int:
        return min(4500, max(20, self.works // 50))


def _zipf_table(n: int, exponent: float) -> list[float]:
    """Cumulative weights for picking index i with probability ~ 1/(i+1)^exponent."""
    return list(itertools.accumulate(1.0 / (i + 1) ** exponent for i in range(n)))


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def _byline_size(rng: random.Random) -> int:
    """Heavy-tailed: mostly 1-6 authors, sometimes dozens, rarely a consortium of hundreds."""
    size = int(rng.paretovariate(1.6))
    return max(1, min(size + rng.randint(0, 3), 300))


class _Generator:
    def __init__(self, corpus: Corpus) -> None:
        self.c = corpus
        self.rng = random.Random(corpus.seed)
        self.author_weights = _zipf_table(corpus.authors, 0.75)
        self.topic_weights = _zipf_table(corpus.topics, 0.9)
        self.inst_weights = _zipf_table(corpus.institutions, 0.9)
        self.source_weights = _zipf_table(corpus.sources, 0.8)
        # Fixed per entity, so an author always shows the same home institution and name.
        home_rng = random.Random(corpus.seed + 1)
        self.home = [_pick(home_rng, self.inst_weights) for _ in range(corpus.authors)]

    def institution(self, i: int) -> dict[str, Any]:
        return {
            "id": f"{NS}I{i + 1}",
            "display_name": f"Institute of {WORDS[i % len(WORDS)].title()} {i + 1}",
            "ror": None,
            "country_code": COUNTRIES[i % len(COUNTRIES)],
            "type": "education" if i % 5 else "company",
        }

    def topic(self, i: int, score: float) -> dict[str, Any]:
        subfield, field, domain = i % 250, i % 26, i % 4
        return {
            "id": f"{NS}T{i + 1}",
            "display_name": f"{WORDS[i % len(WORDS)].title()} {WORDS[(i // 7) % len(WORDS)]} {i}",
            "score": round(score, 4),
            "subfield": {
                "id": f"{NS}subfields/{subfield + 1}",
                "display_name": f"Subfield {subfield + 1}",
            },
            "field": {"id": f"{NS}fields/{field + 1}", "display_name": f"Field {field + 1}"},
            "domain": {"id": f"{NS}domains/{domain + 1}", "display_name": f"Domain {domain + 1}"},
        }

    def authors_of(self) -> list[int]:
        rng = self.rng
        lead = _pick(rng, self.author_weights)
        chosen = [lead]
        for _ in range(_byline_size(rng) - 1):
            if rng.random() < 0.7:  # the lead's circle: collaborations repeat
                candidate = (lead + rng.randint(-40, 40)) % self.c.authors
            else:
                candidate = _pick(rng, self.author_weights)
            if candidate not in chosen:
                chosen.append(candidate)
        rng.shuffle(chosen)
        return chosen

    def abstract(self) -> dict[str, list[int]]:
        inverted: dict[str, list[int]] = {}
        for position in range(self.rng.randint(40, 120)):
            inverted.setdefault(self.rng.choice(WORDS), []).append(position)
        return inverted

    def work(self, i: int) -> dict[str, Any]:
        rng = self.rng
        year = 2025 - min(35, int(rng.expovariate(0.12)))
        authors = self.authors_of()
        topics = sorted({_pick(rng, self.topic_weights) for _ in range(rng.randint(1, 3))})
        source = _pick(rng, self.source_weights)
        refs = sorted({int(i * rng.random() ** 2) for _ in range(rng.randint(0, 15))} if i else ())
        authorships = []
        for position, a in enumerate(authors):
            inst = self.home[a] if rng.random() < 0.9 else _pick(rng, self.inst_weights)
            institution = self.institution(inst)
            authorships.append(
                {
                    "author_position": "first" if position == 0 else "middle",
                    "author": {"id": f"{NS}A{a + 1}", "display_name": _name(a), "orcid": None},
                    "institutions": [institution],
                    "is_corresponding": position == 0,
                    "raw_author_name": _name(a),
                    "raw_affiliation_strings": [institution["display_name"]],
                }
            )
        if authorships:
            authorships[-1]["author_position"] = "last" if len(authorships) > 1 else "first"
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        return {
            "id": f"{NS}W{i + 1}",
            "doi": f"https://doi.org/10.5555/gen.{self.c.seed}.{i + 1}",
            "title": title,
            "display_name": title,
            "publication_year": year,
            "publication_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "type": rng.choice(TYPES),
            "language": "en",
            "cited_by_count": 0,
            "primary_location": {
                "source": {
                    "id": f"{NS}S{source + 1}",
                    "display_name": f"Journal of {WORDS[source % len(WORDS)].title()} {source + 1}",
                    "type": "journal",
                    "issn_l": None,
                }
            },
            "authorships": authorships,
            "topics": [self.topic(t, 1.0 - k * 0.2) for k, t in enumerate(topics)],
            "referenced_works": [f"{NS}W{r + 1}" for r in refs],
            "abstract_inverted_index": self.abstract(),
        }


def works(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """The corpus's work records in order; the same corpus yields the same records."""
    generator = _Generator(corpus)
    for i in range(corpus.works):
        yield generator.work(i)


def write_corpus(
    corpus: Corpus, out: Path, *, gzip_output: bool = True, shard_size: int = 20_000
) -> list[Path]:
    """Write the corpus as JSON Lines shards `works_000.jsonl(.gz)` under `out`; byte-stable."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    records = works(corpus)
    for shard in itertools.count():
        chunk = list(itertools.islice(records, shard_size))
        if not chunk:
            break
        text = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in chunk).encode()
        name = f"works_{shard:03d}.jsonl"
        if gzip_output:
            path = out / f"{name}.gz"
            # mtime=0 and no file name in the header: the same corpus gives the same bytes.
            with path.open("wb") as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as handle:
                handle.write(text)
        else:
            path = out / name
            path.write_bytes(text)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="bench.generate", description=__doc__.split("\n")[0])
    top.add_argument("--works", type=int, required=True, help="number of works")
    top.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
    top.add_argument("--out", type=Path, required=True, help="folder to write into")
    top.add_argument("--shard", type=int, default=20_000, help="works per file")
    top.add_argument("--plain", action="store_true", help="write .jsonl, not .jsonl.gz")
    args = top.parse_args(argv)
    corpus = Corpus(works=args.works, seed=args.seed)
    written = write_corpus(corpus, args.out, gzip_output=not args.plain, shard_size=args.shard)
    print(f"wrote {corpus.works:,} works in {len(written)} file(s) under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
