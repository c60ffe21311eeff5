"""Reading, checking and mapping a corpus into the CSV files of a bulk load, in parallel."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from service.importer.bulk.assemble import Assembler, Written, usable_cpus
from service.importer.bulk.parts import Shaped, Task, set_up, shape
from service.importer.bulk.progress import Ticker
from service.importer.loader import Refusal, Summary, map_item
from service.importer.readers import Item, merged_ids_file


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Without the cyclic garbage collector for the time of a load's Python phases.

    A load holds millions of long-lived objects (every work's final record, the shared nodes)
    and makes no reference cycles; the collector would walk all of them again and again: at
    100k works, a third of reading and mapping and of the summaries. Forked workers inherit
    the setting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@no_cycle_collection()
def write_csv(
    files: list[Path],
    folder: Path,
    summary: Summary,
    *,
    source: str,
    imported_at: str,
    fail_fast: bool = False,
    processes: int | None = None,
    ticker: Ticker | None = None,
) -> tuple[Written, list[Item]]:
    """Map and write every work of `files`; return the files written and the other records,
    kept as they are for the transactional pass.

    Merged-id lists are read here first, wherever they are in `files`, so every worker resolves
    merged authors as the transactional import ends up doing whatever order they arrive in; the
    other files are shaped by up to `processes` workers (default: one per usable CPU), one file
    each, and put together in file order. `ticker` times and counts the phases "read, map,
    write CSV" (records read) and "researcher summaries" (researchers written).
    """
    ticker = ticker or Ticker()
    ticker.phase("read, map, write CSV", "records read")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    merged: dict[str, str] = {}
    set_up(merged, ticker)
    others: list[Item] = []
    assembler = Assembler(folder, source=source, imported_at=imported_at, processes=processes)

    def take(shaped: Shaped) -> None:
        summary.add(shaped.summary)
        others.extend(shaped.others)
        assembler.take(shaped.part)

    tasks = [Task(i, f, folder, source, imported_at, fail_fast) for i, f in enumerate(files)]
    lists = [t for t in tasks if merged_ids_file(t.file)]
    for task in lists:
        shaped = shape(task)
        for item in shaped.others:
            if item.entity == "merged_author" and not isinstance(mapped := map_item(item), Refusal):
                merged[mapped[1]["id"]] = mapped[1]["into"]
        take(shaped)
    rest = [t for t in tasks if not merged_ids_file(t.file)]
    workers = min(processes or usable_cpus(), len(rest))
    if workers <= 1:
        for task in rest:
            take(shape(task))
    else:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=set_up,
            initargs=(merged, ticker),
        ) as pool:
            try:
                for shaped in pool.map(shape, rest):
                    take(shaped)
            except BaseException:
                pool.shutdown(cancel_futures=True)  # a fatal bad record: the rest is moot
                raise
    written = assembler.finish(ticker)
    summary.written += assembler.works
    summary.by_entity["work"] += assembler.works
    return written, others
