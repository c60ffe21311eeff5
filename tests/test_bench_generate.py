"""The synthetic corpus: deterministic, namespaced ids, heavy-tailed, importable."""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bench.generate import Corpus, main, works, write_corpus
from service.importer.ids import short_id
from service.importer.readers import entity_of

Counts = Callable[[], Awaitable[dict[str, Any]]]


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    one = write_corpus(Corpus(works=300, seed=7), tmp_path / "one", shard_size=200)
    two = write_corpus(Corpus(works=300, seed=7), tmp_path / "two", shard_size=200)
    other = write_corpus(Corpus(works=300, seed=8), tmp_path / "other", shard_size=200)
    assert [p.name for p in one] == ["works_000.jsonl.gz", "works_001.jsonl.gz"]
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in other]
    assert sum(len(gzip.decompress(p.read_bytes()).splitlines()) for p in one) == 300


def test_ids_are_namespaced_and_accepted() -> None:
    record = next(iter(works(Corpus(works=5))))
    ids = [record["id"], record["primary_location"]["source"]["id"]]
    ids += [a["author"]["id"] for a in record["authorships"]]
    ids += [t["id"] for t in record["topics"]]
    assert all(i.startswith("gen:") and short_id(i) == i for i in ids)
    assert entity_of(record) == "work"


def test_authors_per_work_and_works_per_author_are_heavy_tailed() -> None:
    corpus = list(works(Corpus(works=5000, seed=3)))
    per_work = [len(w["authorships"]) for w in corpus]
    per_author = Counter(a["author"]["id"] for w in corpus for a in w["authorships"])
    assert max(per_work) >= 5 * sorted(per_work)[len(per_work) // 2]
    counts = sorted(per_author.values())
    assert counts[-1] >= 20 * counts[len(counts) // 2]
    assert sum(1 for w in corpus if w["referenced_works"]) > len(corpus) // 2


def test_generate_writes_the_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["--works", "50", "--seed", "2", "--out", str(tmp_path)])
    assert code == 0
    assert (tmp_path / "works_000.jsonl.gz").is_file()
    assert "wrote 50 works" in capsys.readouterr().out
