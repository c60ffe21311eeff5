"""Browser tests: Debian's Chromium driven by Playwright against a real `scholar serve` on the
test Neo4j. Each test checks the page's console for errors and writes 1280x800 screenshots to
`.screenshots/` (ignored by git) to look at.

Playwright's async API runs on the suite's one event loop; its sync API (and the sync fixtures
of pytest-playwright) would keep a loop of its own running in the main thread, after which no
async test or fixture of the suite could run.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright, expect

from neo4j import AsyncDriver
from service.settings import ROOT
from tests.live import LiveServer

SHOTS = ROOT / ".screenshots"
PASSWORD = "correct horse battery"
# Generous: a 2-core CI machine runs Neo4j, the service and Chromium at once, and the first
# run of a query plans it.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            # These keep Chromium off the network it would otherwise try to reach at start.
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    opened = await context.new_page()
    yield opened
    await context.close()


@pytest.fixture
def site(seeded: AsyncDriver, live_server: LiveServer) -> LiveServer:
    """The running service over a graph holding just the seed."""
    return live_server


@pytest.fixture
def sample_site(sampled: AsyncDriver, live_server: LiveServer) -> LiveServer:
    """The running service over the seed and the 200 sample works, as `make run` loads them."""
    return live_server


class Console:
    """Errors the page reported: console errors, uncaught exceptions, failed requests."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")


@pytest.fixture
async def console(page: Page) -> AsyncIterator[Console]:
    # Async: subscribing schedules a task, so it needs the running loop (a sync fixture has none).
    watched = Console(page)
    yield watched
    assert watched.errors == [], watched.errors


async def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    await page.screenshot(path=SHOTS / f"{name}.png")


async def accessible(page: Page) -> None:
    """No serious or critical violation that axe-core finds on the page as it is now."""
    results = await Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad


def sign_up(server: LiveServer, name: str) -> tuple[str, str]:
    """An account made through the running service's API, with the code it printed; returns
    (email, token)."""
    email = f"{name}@example.org"
    mark = len(server.lines)
    server.graphql(
        """mutation($email: String!, $name: String!) {
          signUp(email: $email, password: "correct horse battery", displayName: $name) {
            __typename } }""",
        email=email,
        name=name,
    )
    code = server.wait_for(rf"verification code for {re.escape(email)}: (\d{{6}})", after=mark)
    answer = server.graphql(
        """mutation($email: String!, $code: String!) {
          confirmSignUp(email: $email, code: $code, password: "correct horse battery") {
            ... on AuthPayload { token } } }""",
        email=email,
        code=code.group(1),
    )
    return email, answer["data"]["confirmSignUp"]["token"]


async def log_in(page: Page, server: LiveServer, email: str, next_path: str = "/") -> None:
    await page.goto(f"{server.url}/login?next={quote(next_path)}")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url(re.compile(re.escape(server.url + next_path.split("#")[0]) + ".*"))
