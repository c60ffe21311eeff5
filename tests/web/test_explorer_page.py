"""The full explorer in a real browser: opened from the profile, expanded, filtered, reloaded,
searched with a typo, a collaboration path, a CSV export, and keyboard-only use of the list."""

from __future__ import annotations

import csv
import io
import re

from playwright.async_api import Page, expect

from service.seed import SEED_RESEARCHER_ID
from tests.live import LiveServer
from tests.web.conftest import Console, accessible, shot

EXPLORE = "/explore?center=seed%3Aborui-zhao"


async def ready(page: Page) -> int:
    root = page.locator("[data-explorer]")
    await expect(root).to_have_attribute("data-state", "ready")
    return int(await root.get_attribute("data-nodes") or 0)


async def on_screen(page: Page) -> list[str]:
    return [
        str(await item.get_attribute("data-node"))
        for item in await page.locator("[data-list] [role=option]").all()
    ]


async def choose(page: Page, name: str) -> None:
    await page.locator("[data-list] [role=option]", has_text=name).first.click()
    await expect(page.locator("[data-panel] h3")).to_have_text(re.compile(re.escape(name)))


async def test_the_explorer_opens_expands_filters_and_reloads(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    await page.goto(sample_site.url + f"/researchers/{SEED_RESEARCHER_ID}")
    await page.get_by_role("link", name="Open full explorer").click()
    first = await ready(page)
    assert first == 29  # Borui Zhao and his whole neighbourhood
    await expect(page.locator("[data-explorer-status]")).to_contain_text("Around Borui Zhao")
    await shot(page, "explorer")
    await accessible(page)

    # A co-author: the button named Expand.
    await choose(page, "Renjie Song")
    await page.locator("[data-panel]").get_by_role("button", name="Expand").click()
    await expect(page.locator("[data-explorer]")).to_have_attribute("data-state", "ready")
    await expect(page).to_have_url(
        re.compile(r"expanded=seed%253Arenjie-song|expanded=seed%3Arenjie-song")
    )
    # A paper (double-click stands in on the canvas; here through its Expand button) and a topic.
    await choose(page, "Decoupled Knowledge Distillation")
    await page.locator("[data-panel]").get_by_role("button", name="Expand").click()
    await ready(page)
    await choose(page, "Advanced Neural Network Applications")
    await page.locator("[data-panel]").get_by_role("button", name="Expand").click()
    after = await ready(page)
    assert after >= first
    assert "subfields/1707" in await on_screen(page)  # the topic's broader subfield came in
    await shot(page, "explorer-expanded")

    # The same state after a reload.
    before = sorted(await on_screen(page))
    await page.reload()
    await ready(page)
    assert sorted(await on_screen(page)) == before

    # Filters: no papers, then only 2022.
    await page.get_by_label("Papers", exact=True).uncheck()
    await ready(page)
    kinds = [await o.inner_text() for o in await page.locator("[data-list] [role=option]").all()]
    assert kinds and not [k for k in kinds if k.startswith("paper:")]
    await expect(page).to_have_url(re.compile(r"kinds=RESEARCHER%2CTOPIC%2CINSTITUTION"))
    await page.get_by_label("Papers", exact=True).check()
    await page.get_by_label("From").fill("2023")
    await page.get_by_role("button", name="Apply years").click()
    await ready(page)
    assert await on_screen(page) == [SEED_RESEARCHER_ID]  # nothing of his after 2022
    await expect(page).to_have_url(re.compile(r"from=2023"))


async def test_search_with_a_typo_adds_a_node_and_a_path_links_two_researchers(
    page: Page, sample_site: LiveServer, console: Console
) -> None:
    await page.goto(sample_site.url + EXPLORE)
    await ready(page)
    box = page.get_by_role("combobox", name="Add a node")
    await box.fill("Frank Watzold")
    await page.get_by_role("option", name=re.compile("Frank Wätzold")).click()
    await expect(page.locator("[data-panel] h3")).to_have_text("Frank Wätzold")
    assert any(i.startswith("A") for i in await on_screen(page))

    await choose(page, "Shihao Zhou")
    await page.get_by_role("button", name="Path from here").click()
    await choose(page, "Osamu Yoshie")
    await page.get_by_role("button", name="Path to here").click()
    status = page.locator("[data-path-status]")
    await expect(status).to_contain_text(
        re.compile(r"^Shihao Zhou → .* → Osamu Yoshie: \d co-authorships?\.$")
    )
    await shot(page, "explorer-path")


async def test_csv_export_lists_what_is_on_screen(
    page: Page, site: LiveServer, console: Console
) -> None:
    await page.goto(site.url + EXPLORE)
    count = await ready(page)
    async with page.expect_download() as event:
        await page.get_by_role("button", name="Nodes CSV").click()
    download = await event.value
    path = await download.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert len(rows) == count
    assert {"id", "kind", "label", "degree"} <= set(rows[0])
    assert {r["id"] for r in rows} == set(await on_screen(page))
    async with page.expect_download() as event:
        await page.get_by_role("button", name="Edges CSV").click()
    edges = list(csv.DictReader(io.StringIO((await (await event.value).path()).read_text())))
    assert len([e for e in edges if e["kind"] == "AUTHORED"]) == 33


async def test_the_list_view_works_from_the_keyboard_alone(
    page: Page, site: LiveServer, console: Console
) -> None:
    await page.goto(site.url + EXPLORE)
    count = await ready(page)
    listbox = page.get_by_role("listbox", name="Nodes on screen")
    await listbox.focus()
    await page.keyboard.press("Home")
    await expect(page.locator("[data-panel] h3")).to_have_text("Borui Zhao")
    await page.keyboard.press("ArrowRight")  # to a neighbour of the center
    first_neighbour = await page.locator("[data-panel] h3").inner_text()
    assert first_neighbour != "Borui Zhao"
    await page.keyboard.press("ArrowDown")
    selected = await listbox.locator("[aria-selected=true]").get_attribute("data-node")
    assert selected is not None
    await page.keyboard.press("Delete")
    await expect(page.locator("[data-explorer]")).to_have_attribute("data-nodes", str(count - 1))
    assert selected not in await on_screen(page)
    await expect(page).to_have_url(re.compile(r"hidden="))
    await listbox.focus()
    await page.keyboard.press("Home")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await ready(page)
    await expect(page.locator("[data-explorer-status]")).to_contain_text("Expanded")
    await page.keyboard.press("Escape")
    await expect(listbox.locator("[aria-selected=true]")).to_have_count(0)
