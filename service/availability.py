"""Whether Neo4j answers, shared by every request of one app: fail fast while it does not, probe
until it does, and set the schema up and warm the driver and query plans before saying ready.

Without this, every request during an outage waited out the driver's retries and connection
timeouts (8-62 s); and after an outage, or on a cold start, the first requests paid for new
connections and for Neo4j planning their queries (10.7 s). Now the first round trip that cannot
reach Neo4j marks it down; from then on round trips fail at once with `Unavailable`, while a
probe runs `RETURN 1` on the configured database every `PROBE_EVERY_S`. When it answers, requests
go through again and the plans are warmed afresh in the background (a restarted server has
forgotten them). `/readyz` says ready only once Neo4j answers and the start-up preparation
(schema, then the warm-up) has finished.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from neo4j import AsyncDriver
from neo4j import exceptions as neo
from service import errors, metrics
from service.settings import Neo4jSettings

log = logging.getLogger(__name__)
PROBE_EVERY_S = 0.25
PROBE_S = 5.0
PROBES_AT_ONCE = 8
REWARM_AFTER_S = 5.0
UNAVAILABLE = "the graph database is unavailable; try again shortly"
# What says the server cannot be reached, as opposed to a query it refused. A pool with no free
# connection (ConnectionPoolError) is load, not an outage: it fails that request alone.
CONNECTIVITY = (neo.ServiceUnavailable, neo.SessionExpired, neo.DatabaseUnavailable, OSError)

Step = Callable[[], Awaitable[None]]


class Availability:
    """Neo4j's state as this app sees it, and the start-up work: `setup` (the schema) before
    serving, `warm` (driver and query plans) in the background before `/readyz` says ready."""

    def __init__(
        self, driver: AsyncDriver, settings: Neo4jSettings, setup: Step, warm: Step | None
    ) -> None:
        self.driver = driver
        self.settings = settings
        self._setup = setup
        self._warm = warm
        self.up = True
        self.prepared = False
        self._probing = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._stray: set[asyncio.Future[None]] = set()
        metrics.NEO4J_UP.set(1)

    @property
    def ready(self) -> bool:
        return self.up and self.prepared

    def check(self) -> None:
        """Refuse at once while Neo4j is known to be down."""
        if not self.up:
            raise errors.Unavailable(UNAVAILABLE)

    def lost(self, reason: str) -> None:
        """A round trip could not reach Neo4j: fail the next ones at once; probe till it answers."""
        if self.up:
            log.warning("Neo4j unreachable (%s); failing fast until it answers", reason)
            self.up = False
            metrics.NEO4J_UP.set(0)
        if not self._probing:
            self._probing = True
            self._spawn(self._probe())

    async def answers(self) -> bool:
        """Whether Neo4j runs a query on the configured database now; marks it down if not."""
        failure = await self._try()
        if failure is not None:
            self.lost(failure)
        return failure is None

    async def start(self) -> None:
        """Set the schema up now if Neo4j answers (uvicorn serves once this returns) and warm up
        in the background; if it does not answer, serve at once, unready, and start over when
        the probe finds it."""
        # Asked first: setting the schema up retries for long, which only helps a live server.
        if not await self.answers():
            return
        try:
            await self._setup()
        except errors.GraphError as exc:
            log.warning("start-up waits for Neo4j: %s", exc.message)
            self.lost(exc.code)
            return
        if self._warm is None:
            self.prepared = True
        else:
            self._spawn(self._warm_up())

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        # Before the driver closes: attempts left to finish end within the connect timeout.
        if self._stray:
            _, late = await asyncio.wait(self._stray, timeout=self.settings.connect_timeout_s + 1)
            for attempt in late:
                attempt.cancel()

    async def _warm_up(self) -> None:
        assert self._warm is not None
        try:
            await self._warm()
        except errors.GraphError as exc:
            log.warning("warming the driver and query plans stopped: %s", exc.message)
            if isinstance(exc, errors.Unavailable):
                self.lost(exc.code)
            return
        if not self.prepared:
            self.prepared = True
            log.info("ready: schema set up, driver and query plans warmed")

    async def _try(self, timeout_s: float | None = None) -> str | None:
        """None if `RETURN 1` runs in time (by default, the connect timeout and a little), else
        what went wrong."""
        attempt = asyncio.ensure_future(self._return_1())
        try:
            async with asyncio.timeout(timeout_s or self.settings.connect_timeout_s + 0.5):
                await asyncio.shield(attempt)
        except asyncio.CancelledError:
            self._let_run(attempt)
            raise
        except TimeoutError:
            self._let_run(attempt)
            return "TimeoutError"
        except (neo.Neo4jError, neo.DriverError, OSError) as exc:
            log.debug("Neo4j did not answer: %r", exc)
            return type(exc).__name__
        return None

    async def _return_1(self) -> None:
        async with self.driver.session(database=self.settings.database) as session:
            await (await session.run("RETURN 1")).consume()

    def _let_run(self, attempt: asyncio.Future[None]) -> None:
        # Not cancelled: the driver leaves a socket it is connecting when cancelled to the
        # garbage collector. Its own connection timeout ends the attempt and closes the socket.
        self._stray.add(attempt)
        attempt.add_done_callback(self._stray.discard)
        attempt.add_done_callback(lambda done: done.cancelled() or done.exception())

    async def _probe(self) -> None:
        # A server that has just come back can take seconds over its first queries: attempts
        # overlap, a new one every PROBE_EVERY_S, so the first that gets through ends the
        # outage instead of one slow attempt holding up the next.
        attempts: set[asyncio.Task[str | None]] = set()
        try:
            while True:
                if len(attempts) < PROBES_AT_ONCE:
                    attempts.add(asyncio.get_running_loop().create_task(self._try(PROBE_S)))
                await asyncio.sleep(PROBE_EVERY_S)
                finished = {attempt for attempt in attempts if attempt.done()}
                attempts -= finished
                if any(attempt.result() is None for attempt in finished):
                    break
        finally:
            for attempt in attempts:
                attempt.cancel()
            # Awaited, so that no attempt is still connecting when the app closes the driver (a
            # socket left half-open then is closed only by the garbage collector).
            await asyncio.gather(*attempts, return_exceptions=True)
            self._probing = False
        self.up = True
        metrics.NEO4J_UP.set(1)
        log.warning("Neo4j answers again")
        # The server may be a new one: unprepared, or with its plan cache emptied by a restart.
        self._spawn(self.start() if not self.prepared else self._rewarm())

    async def _rewarm(self) -> None:
        # Later, so that the first requests after the outage do not queue behind the warm-up's
        # planning for the database's CPU.
        await asyncio.sleep(REWARM_AFTER_S)
        await self._warm_up()

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        # In a fresh context: the request that noticed the outage is not what the probe's and
        # the warm-up's log lines belong to.
        task = asyncio.get_running_loop().create_task(work, context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
