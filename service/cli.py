"""`scholar`: the command line behind the Makefile (serve, seed, db, schema, query)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from service import localdb
from service.graph import open_driver
from service.seed import seed
from service.settings import Settings


def _instance(settings: Settings) -> localdb.Instance:
    return localdb.Instance(settings.localdb, settings.neo4j.password.get_secret_value())


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    inst = _instance(settings)
    if args.action == "start":
        seconds = localdb.start(inst)
        how = f"started in {seconds:.1f}s" if seconds else "already running"
        print(f"Neo4j {localdb.pinned_version()} {how}: {inst.uri}")
    elif args.action == "stop":
        print("stopped" if localdb.stop(inst) else "not running")
    else:
        print(localdb.status(inst))
    return 0


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> str:
        driver = open_driver(settings.neo4j)
        try:
            return (await seed(driver, settings.neo4j.database)).render()
        finally:
            await driver.close()

    print(asyncio.run(run()))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    host, port = settings.server.host, settings.server.port
    print(f"GraphQL at http://{host}:{port}/graphql", flush=True)
    uvicorn.run("service.app:create_app", factory=True, host=host, port=port, log_level="info")
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
    except errors.NotFound as exc:  # not a catalogue name
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
    sub.add_parser("seed", help="create the schema and load seed/").set_defaults(run=cmd_seed)
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
