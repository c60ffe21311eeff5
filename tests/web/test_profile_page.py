"""The researcher profile in a real browser: every seed-page element with the seed's values,
the embedded graph slice, and following with a live count."""

from __future__ import annotations

import json
import re

from playwright.async_api import Page, expect

from service.seed import SEED_RESEARCHER_ID
from service.settings import ROOT
from tests.live import LiveServer
from tests.web.conftest import Console, accessible, log_in, shot, sign_up

REFERENCE = json.loads((ROOT / "seed" / "reference" / "borui_zhao_2022.json").read_text())
PROFILE = f"/researchers/{SEED_RESEARCHER_ID}"


def newest_first_titles() -> list[str]:
    page = (ROOT / "seed" / "reference" / "seed-profile-page.txt").read_text().splitlines()
    return [page[i + 2] for i, line in enumerate(page) if line == "preprint2022arXiv"]


async def test_the_profile_shows_every_element_of_the_seed_page(
    page: Page, site: LiveServer, console: Console
) -> None:
    await page.goto(site.url + PROFILE)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Borui Zhao")
    await expect(page.locator(".headline")).to_contain_text("Borui Zhao works on")
    await expect(page.locator(".facts")).to_contain_text("Megvii Technology")
    trust = page.locator("#trust")
    await expect(trust).to_contain_text("Trust 19 - Unverified")
    await expect(trust).to_contain_text("Verification L1")
    await expect(trust).to_contain_text("Unclaimed author")
    for key, value in [("works", 5), ("followers", 0), ("topics", 2), ("close", 6)]:
        await expect(trust.locator(f"[data-count='{key}']")).to_have_text(str(value))
    await expect(trust).to_contain_text("6 close collaborators")
    await expect(trust).to_contain_text("18 co-authors")

    # Each signal's contribution and explanation, with the model version.
    await page.get_by_text("How this score is computed").click()
    table = trust.locator("table")
    await expect(table.locator("caption")).to_contain_text("trust-v3")
    await expect(table.locator("tbody tr")).to_have_count(7)
    await expect(table).to_contain_text("5 work(s) in the graph")
    await expect(table.locator("tfoot")).to_contain_text("19")

    actions = page.locator("#actions")
    await expect(actions).to_contain_text("Decide how to stay connected")
    await expect(actions.get_by_role("link", name=re.compile("Follow researcher"))).to_contain_text(
        "0"
    )
    identity = page.locator("#claim")
    await expect(identity).to_contain_text("How to connect with this researcher")
    await expect(identity).to_contain_text("Claiming links this public author record")
    await expect(identity.get_by_role("link", name="Log in to claim")).to_be_visible()
    direct = page.locator("#collaboration")
    await expect(direct).to_contain_text("Open a focused conversation when the fit is right")
    await expect(direct).to_contain_text(
        "Claim this author entity first to unlock direct invitations."
    )
    graph = page.locator("#graph")
    await expect(graph).to_contain_text("See the researcher in context")
    await expect(graph).to_contain_text(
        "Inspect adjacent work, topics, institutions and collaborators"
    )

    works = page.locator("#works")
    await expect(works).to_contain_text("5 published item(s)")
    items = works.locator("li.work")
    await expect(items).to_have_count(5)
    await expect(items.locator(".work-title")).to_have_text(newest_first_titles())
    for i in range(5):
        await expect(items.nth(i).locator(".work-meta")).to_contain_text("preprint")
        await expect(items.nth(i).locator(".work-meta")).to_contain_text("2022")
        await expect(items.nth(i).locator(".work-meta")).to_contain_text("arXiv")
    bylines = {w["title"]: w["authors"] for w in REFERENCE["works"]}
    first = items.nth(0)
    title = await first.locator(".work-title").inner_text()
    await expect(first.locator(".byline a")).to_have_text(bylines[title])
    await expect(first.get_by_role("link", name=re.compile("^DOI"))).to_have_attribute(
        "href", re.compile(r"^https://doi\.org/10\.")
    )
    # A long abstract is collapsed until asked for.
    await expect(first.locator("details.abstract")).not_to_have_attribute("open", "")
    await first.get_by_text("Show the whole abstract").click()
    await expect(first.locator("details.abstract p")).to_contain_text("logit distillation")
    await shot(page, "profile")
    await accessible(page)


async def test_the_graph_slice_draws_in_place_and_opens_the_explorer(
    page: Page, site: LiveServer, console: Console
) -> None:
    await page.goto(site.url + PROFILE)
    slice_root = page.locator("[data-slice]")
    await expect(slice_root).to_have_attribute("data-ready", re.compile(r"^\d+$"))
    assert int(await slice_root.get_attribute("data-ready") or 0) >= 20
    await expect(page.locator("[data-slice-status]")).to_be_hidden()
    # Selecting a node shows it in place, with a link to its own page.
    await page.get_by_text("The graph as a list").click()
    await page.get_by_role("button", name="researcher: Renjie Song").click()
    panel = page.locator("[data-slice-panel]")
    await expect(panel).to_contain_text("Renjie Song")
    await expect(panel).to_contain_text("works")
    await expect(panel.get_by_role("link", name="Open the researcher's page")).to_have_attribute(
        "href", "/researchers/seed:renjie-song"
    )
    await page.get_by_role("button", name=re.compile("^paper: Decoupled")).click()
    await expect(panel).to_contain_text("Decoupled Knowledge Distillation")
    await expect(panel).to_contain_text("preprint · 2022 · arXiv")
    await shot(page, "profile-graph")
    await page.get_by_role("link", name="Open full explorer").click()
    await page.wait_for_url(re.compile(r"/explore\?center=seed%3Aborui-zhao$"))


async def test_follow_updates_the_count_in_place_and_it_persists(
    page: Page, site: LiveServer, console: Console
) -> None:
    email, _ = sign_up(site, "fan")
    # Anonymous: Follow leads to log in, and back.
    await page.goto(site.url + PROFILE)
    await page.locator("#actions").get_by_role("link", name=re.compile("Follow researcher")).click()
    await expect(page).to_have_url(re.compile(r"/login\?next="))
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill("correct horse battery")
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url(re.compile(re.escape(PROFILE) + "#actions$"))

    button = page.locator("form[data-follow] button")
    await expect(button).to_contain_text("Follow researcher")
    await expect(button.locator("[data-follow-count]")).to_have_text("0")
    await button.click()
    await expect(button).to_contain_text("Following")
    await expect(button.locator("[data-follow-count]")).to_have_text("1")
    await expect(page.locator("#trust [data-count='followers']")).to_have_text("1")
    assert page.url.endswith("#actions")  # no navigation: updated in place
    await page.reload()
    await expect(page.locator("form[data-follow] button")).to_contain_text("Following")
    await expect(page.locator("[data-follow-count]")).to_have_text("1")
    await page.locator("form[data-follow] button").click()
    await expect(page.locator("[data-follow-count]")).to_have_text("0")


async def test_follow_works_without_javascript(
    site: LiveServer, page: Page, console: Console
) -> None:
    email, _ = sign_up(site, "plain")
    await page.context.route("**/*.js*", lambda route: route.abort())  # no scripts at all
    await log_in(page, site, email, PROFILE)
    await page.locator("form[data-follow] button").click()
    await page.wait_for_url(re.compile(re.escape(PROFILE) + "#actions$"))
    await expect(page.locator("#actions")).to_contain_text("You follow this researcher.")
    await expect(page.locator("[data-follow-count]")).to_have_text("1")
    console.errors.clear()  # the aborted scripts are reported as failed loads
