"""A synthetic corpus (bench/generate.py) goes through the importer whole."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.generate import Corpus, write_corpus
from tests.importer.conftest import Load

Counts = Callable[[], Awaitable[dict[str, Any]]]


async def test_a_generated_corpus_imports(load: Load, counts: Counts, tmp_path: Path) -> None:
    paths = write_corpus(Corpus(works=400, seed=5), tmp_path, gzip_output=False)
    records = [json.loads(line) for line in paths[0].read_text().splitlines()]
    summary = await load(tmp_path, batch_size=150)
    assert (summary.written, sum(summary.skipped.values())) == (400, 0)
    found = await counts()
    assert found["works"] == 400
    assert found["authorships"] == sum(len(w["authorships"]) for w in records)
    assert found["stubs"] == 0  # every reference points at an earlier work of the corpus
