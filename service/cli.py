"""`scholar`: the command line behind the Makefile (serve, seed, db start|stop|status)."""

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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="scholar", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="the local Neo4j server (no Docker needed)")
    db.add_argument("action", choices=["start", "stop", "status"])
    db.set_defaults(run=cmd_db)
    sub.add_parser("seed", help="create the schema and load seed/").set_defaults(run=cmd_seed)
    sub.add_parser("serve", help="serve the GraphQL API").set_defaults(run=cmd_serve)
    sub.add_parser("schema", help="print the GraphQL schema (SDL)").set_defaults(run=cmd_schema)
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
