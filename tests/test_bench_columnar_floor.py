"""The columnar floor does the work it is timed for: its co-author pair counts and co-authors'
institutions are those of the corpus, counted here in Python."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import duckdb

from bench.columnar_floor import run
from bench.generate import Corpus, write_corpus
from service.collaborators import MAX_BYLINE


def test_pairs_and_institutions_are_the_corpus_own(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(Corpus(works=300, seed=3), corpus)
    works = []
    for path in sorted(corpus.glob("works_*.jsonl.gz")):
        with gzip.open(path, "rt") as lines:
            works += [json.loads(line) for line in lines]
    pairs: Counter[tuple[str, str]] = Counter()
    member: dict[str, set[str]] = {}
    for w in works:
        authors = [a["author"]["id"] for a in w["authorships"]]
        for a in w["authorships"]:
            member.setdefault(a["author"]["id"], set()).update(i["id"] for i in a["institutions"])
        if len(authors) <= MAX_BYLINE:
            pairs.update((x, y) for x in authors for y in authors if x != y)
    institutions: Counter[tuple[str, str]] = Counter(
        (author, inst) for author, coauthor in pairs for inst in member[coauthor]
    )
    out = tmp_path / "out"
    out.mkdir()
    connection = duckdb.connect()
    seconds = run(corpus, out, connection)
    assert list(seconds) == [
        "read the JSON Lines once",
        "papers with abstracts",
        "AUTHORED, HAS_TOPIC, CITES",
        "co-author pair counts",
        "co-authors' institutions, counted",
    ]
    with (out / "pairs.csv").open() as f:
        written = {(r[0], r[1]): int(r[2]) for r in csv.reader(f)}
    assert written == dict(pairs) and len(written) > 300
    with (out / "authored.csv").open() as f:
        assert sum(1 for _ in f) == sum(len(w["authorships"]) for w in works)
    counted = connection.execute("SELECT author, institution, members FROM counted").fetchall()
    assert {(a, i): n for a, i, n in counted} == dict(institutions)
