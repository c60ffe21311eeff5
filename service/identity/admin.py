"""Operator command: grant or revoke the admin role, which no GraphQL mutation can do.

.venv/bin/python -m service.identity.admin grant someone@example.org
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from service.graph import Graph, open_driver
from service.identity import accounts
from service.settings import Settings


async def change_role(settings: Settings, email: str, role: str) -> bool:
    driver = open_driver(settings.neo4j)
    try:
        return await accounts.set_role(Graph(driver, settings.neo4j), email, role)
    finally:
        await driver.close()


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    top = argparse.ArgumentParser(prog="python -m service.identity.admin", description=__doc__)
    top.add_argument("action", choices=["grant", "revoke"])
    top.add_argument("email")
    args = top.parse_args(argv)
    role = accounts.ADMIN if args.action == "grant" else "user"
    if not asyncio.run(change_role(settings or Settings(), args.email, role)):
        print(f"no account has email {args.email}", file=sys.stderr)
        return 1
    print(f"{args.email} is now {role}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
