"""Every other page in a real browser: what it shows, no console errors, no serious
accessibility violations, a screenshot; the search box's suggestions; GraphiQL offline."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.live import LiveServer
from tests.web.conftest import Console, accessible, shot

PAGES = [
    ("home", "/", "Find researchers, their work and their collaborators", "Borui Zhao"),
    ("paper", "/papers/W4226426325", "Decoupled Knowledge Distillation", "Jiajun Liang"),
    ("topic", "/topics/T10036", "Advanced Neural Network Applications", "Computer Vision"),
    ("field", "/topics/subfields/1707", "Computer Vision and Pattern Recognition", "Narrower"),
    (
        "institution",
        "/institutions/seed:megvii-technology",
        "Megvii Technology",
        "Borui Zhao",
    ),
    ("search", "/search?q=jose+gobbi", "Search", "José Gobbi"),
    ("queries", "/queries", "Saved Cypher queries", "coauthor_network"),
    (
        "query-run",
        "/queries/coauthor_network?run=1&researcher=seed%3Aborui-zhao",
        "coauthor_network",
        "seed:renjie-song",
    ),
    ("log-in", "/login", "Log in", "Email"),
]


@pytest.mark.parametrize(("name", "path", "heading", "text"), PAGES, ids=[p[0] for p in PAGES])
async def test_page(
    page: Page,
    sample_site: LiveServer,
    console: Console,
    name: str,
    path: str,
    heading: str,
    text: str,
) -> None:
    await page.goto(sample_site.url + path)
    await expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    await expect(page.locator("main")).to_contain_text(text)
    await shot(page, name)
    await accessible(page)


async def test_unknown_ids_are_404_pages(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    answer = await page.goto(sample_site.url + "/researchers/nobody")
    assert answer is not None and answer.status == 404
    await expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    console.errors.clear()  # the browser reports the 404 document itself


async def test_the_home_page_lists_entry_points(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    await page.goto(sample_site.url + "/")
    await expect(page.get_by_role("link", name="GraphiQL").first).to_have_attribute(
        "href", "/graphql"
    )
    await expect(page.get_by_role("link", name="Saved Cypher queries").first).to_be_visible()
    top = page.locator(
        "section", has=page.get_by_role("heading", name="Most connected researchers")
    )
    await expect(top.locator("li")).to_have_count(8)


async def test_the_search_box_suggests_as_you_type_despite_typos(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    await page.goto(sample_site.url + "/")
    box = page.get_by_role("combobox", name=re.compile("Search researchers"))
    await box.first.fill("borui zaho")
    options = page.get_by_role("option")
    await expect(options.first).to_contain_text("Borui Zhao")
    await shot(page, "home-suggestions")
    await box.first.press("ArrowDown")
    await expect(options.first).to_have_attribute("aria-selected", "true")
    await box.first.press("Enter")
    await page.wait_for_url(re.compile(r"/researchers/seed:borui-zhao$"))


async def test_graphiql_loads_from_the_service_alone(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(sample_site.url) else None,
    )
    await page.goto(sample_site.url + "/graphql")
    await expect(page.locator(".graphiql-container")).to_be_visible()
    await page.get_by_role("button", name=re.compile("Execute query")).click()
    await expect(page.locator(".result-window")).to_contain_text("Borui Zhao", timeout=10000)
    await shot(page, "graphiql")
    assert [u for u in outside if not u.startswith("data:")] == []
