"""`scholar`: the command line behind the Makefile (serve, seed, db, schema, query, import,
refresh)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from neo4j import AsyncDriver
from service import errors, localdb, neo4j_runtime
from service.graph import open_driver, setup_schema
from service.seed import load_sample, seed
from service.settings import Settings

T = TypeVar("T")


def _instance(settings: Settings) -> localdb.Instance:
    return localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    inst = _instance(settings)
    if args.action == "start":
        seconds = localdb.start(inst)
        how = f"started in {seconds:.1f}s" if seconds else "already running"
        print(f"Neo4j {neo4j_runtime.pinned_version()} {how}: {inst.uri}")
    elif args.action == "stop":
        print("stopped" if localdb.stop(inst) else "not running")
    else:
        print(localdb.status(inst))
    return 0


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> str:
        driver = open_driver(settings.neo4j)
        try:
            done = [(await seed(driver, settings.neo4j.database)).render()]
            if args.sample:
                done.append(
                    "sample: " + (await load_sample(driver, settings.neo4j.database)).render()
                )
            return "\n".join(done)
        finally:
            await driver.close()

    print(asyncio.run(run()))
    return 0


def _show_progress() -> bool:
    """A live records/s line only for a person at a terminal: never in CI logs or pipes."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


async def _on_graph(settings: Settings, body: Callable[[AsyncDriver], Awaitable[T]]) -> T:
    """Run `body` with a driver on a graph whose schema is set up, and close the driver."""
    driver = open_driver(settings.neo4j)
    try:
        await setup_schema(driver, settings.neo4j.database)
        return await body(driver)
    finally:
        await driver.close()


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from service.importer.bulk import NotEmpty, bulk_import
    from service.importer.bulk.progress import Step
    from service.importer.loader import ImportAborted, Summary, import_items, items_from

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"scholar import: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2

    def progress(summary: Summary) -> None:
        rate = summary.written / summary.seconds if summary.seconds else 0.0
        print(
            f"\r{summary.read:,} read, {summary.written:,} written ({rate:,.0f} records/s)",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def step(step: Step) -> None:
        line = f"{step.phase}: {step.seconds:,.0f}s"
        if step.unit:
            rate = step.done / step.seconds if step.seconds else 0.0
            line += f", {step.done:,} {step.unit} ({rate:,.0f}/s)"
        # Padded to overwrite a longer line; a phase's last report keeps its line.
        print(f"\r{line:<72}", end="\n" if step.final else "", file=sys.stderr, flush=True)

    async def run() -> Summary:
        if args.bulk:
            return await bulk_import(
                settings,
                args.paths,
                source=args.source,
                fail_fast=args.fail_fast,
                progress=step if _show_progress() else None,
            )
        return await _on_graph(
            settings,
            lambda driver: import_items(
                driver,
                settings.neo4j.database,
                items_from(args.paths),
                source=args.source,
                batch_size=args.batch_size,
                fail_fast=args.fail_fast,
                progress=progress if _show_progress() else None,
            ),
        )

    try:
        summary = asyncio.run(run())
    except ImportAborted as exc:
        print(f"\nscholar import: stopped at the first error (--fail-fast): {exc}", file=sys.stderr)
        return 1
    except (errors.GraphError, ValueError, NotEmpty, localdb.LocalDbError) as exc:
        print(f"\nscholar import: {exc}", file=sys.stderr)
        return 1
    if _show_progress() and not args.bulk:  # a bulk load's last step ended its line
        print(file=sys.stderr)
    print(summary.render())
    return 1 if summary.skipped or summary.warnings else 0


def cmd_refresh(args: argparse.Namespace, settings: Settings) -> int:
    from service.importer.summaries import Refreshed, refresh_all

    def progress(report: Refreshed) -> None:
        print(f"\r{report.researchers:,} researchers refreshed", end="", file=sys.stderr)

    run = _on_graph(
        settings,
        lambda driver: refresh_all(
            driver,
            settings.neo4j.database,
            batch_size=args.batch_size,
            progress=progress if _show_progress() else None,
        ),
    )
    try:
        report = asyncio.run(run)
    except errors.GraphError as exc:
        print(f"\nscholar refresh: {exc}", file=sys.stderr)
        return 1
    if _show_progress():
        print(file=sys.stderr)
    print(f"refreshed {report.researchers} researcher summaries in {report.seconds:.2f}s")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from service import logs
    from service.identity.mailer import MailNotConfigured, sender_for

    try:
        sender_for(settings)  # refuse to start here, with the reason, rather than mid-start
    except MailNotConfigured as exc:
        print(f"scholar serve: {exc}", file=sys.stderr)
        return 2
    logs.configure(settings.log)
    host, port = settings.server.host, settings.server.port
    print(
        f"Web UI at http://{host}:{port}/ and GraphQL at http://{host}:{port}/graphql", flush=True
    )
    if settings.mail.sender != "smtp":
        print("Verification codes are printed here, on the console ([dev mail] lines).", flush=True)
    from service.app import create_app

    app = create_app(settings)
    # Everything built so far (modules, the schema, templates) lives as long as the process:
    # frozen out of the collector's view, a full collection walks only what requests create,
    # about 20 ms instead of 60-130 ms during which no request, /healthz included, is served.
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_config=None, log_level=settings.log.level)
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from service.schema import build_schema  # only this command needs it

    print(build_schema(settings.graphql).as_str())
    return 0


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from service import errors  # only this command needs these
    from service.analyst import formats
    from service.analyst.catalogue import default_catalogue
    from service.analyst.runner import Runner

    if args.list:
        print(formats.render_catalogue(default_catalogue(), args.format))
        return 0
    if not args.name:
        print("scholar query: name a saved query, or --list them", file=sys.stderr)
        return 2

    async def run() -> str:
        driver = open_driver(settings.neo4j)
        try:
            result = await Runner(driver, settings.neo4j).run_text(args.name, args.param)
        finally:
            await driver.close()
        return formats.render(result, args.format)

    try:
        print(asyncio.run(run()))
    except errors.InvalidInput as exc:  # unknown parameter, wrong type, out of range
        print(f"scholar query: {exc.message}", file=sys.stderr)
        return 2
    except errors.Missing as exc:  # not a catalogue name
        print(f"scholar query: {exc.message}", file=sys.stderr)
        return 2
    except errors.GraphError as exc:  # refused, timed out, database unreachable
        print(f"scholar query: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="scholar", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="the local Neo4j server (no Docker needed)")
    db.add_argument("action", choices=["start", "stop", "status"])
    db.set_defaults(run=cmd_db)
    seed_cmd = sub.add_parser("seed", help="create the schema and load seed/")
    seed_cmd.add_argument(
        "--sample",
        action="store_true",
        help="also load the 200 real OpenAlex works of data/openalex/ to explore",
    )
    seed_cmd.set_defaults(run=cmd_seed)
    sub.add_parser("serve", help="serve the GraphQL API").set_defaults(run=cmd_serve)
    sub.add_parser("schema", help="print the GraphQL schema (SDL)").set_defaults(run=cmd_schema)
    query = sub.add_parser(
        "query",
        help="run a saved analyst query from cypher/analyst/ (read-only)",
        description="Run a saved query by name: scholar query coauthor_network "
        "--param researcher=seed:borui-zhao --format table",
    )
    query.add_argument("name", nargs="?", help="the query's name (see --list)")
    query.add_argument(
        "--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="repeatable"
    )
    query.add_argument("--format", "-f", choices=["table", "csv", "json"], default="table")
    query.add_argument("--list", action="store_true", help="list the catalogue instead")
    query.set_defaults(run=cmd_query)
    imp = sub.add_parser("import", help="load data into the graph").add_subparsers(
        dest="format", required=True
    )
    openalex = imp.add_parser(
        "openalex",
        help="OpenAlex API pages, records, JSON Lines (.gz) or a snapshot folder",
    )
    openalex.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    openalex.add_argument("--batch-size", type=int, default=1000, help="records per transaction")
    openalex.add_argument("--fail-fast", action="store_true", help="stop at the first bad record")
    openalex.add_argument("--source", default="openalex", help="recorded on every node written")
    openalex.add_argument(
        "--bulk",
        action="store_true",
        help="initial load into the empty local database with neo4j-admin (offline, fastest)",
    )
    openalex.set_defaults(run=cmd_import)
    refresh = sub.add_parser(
        "refresh",
        help="recompute every researcher's summary (after a bulk load the importer did not do)",
    )
    refresh.add_argument("--batch-size", type=int, default=500, help="researchers per transaction")
    refresh.set_defaults(run=cmd_refresh)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Settings], int] = args.run
    try:
        return run(args, Settings())
    except localdb.LocalDbError as exc:
        print(f"scholar: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
