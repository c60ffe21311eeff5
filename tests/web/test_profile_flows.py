"""Claiming with an email code read from the development sender, releasing, and an invitation
that reaches the owner's inbox: the profile's flows in a real browser."""

from __future__ import annotations

import re

from playwright.async_api import Browser, Page, expect

from service.seed import SEED_RESEARCHER_ID
from tests.live import LiveServer
from tests.web.conftest import Console, accessible, log_in, shot, sign_up

PROFILE = f"/researchers/{SEED_RESEARCHER_ID}"


def claim_through_the_api(site: LiveServer, token: str, email: str) -> None:
    """The owner's claim, done as any API client would (the browser test of it is below)."""
    mark = len(site.lines)
    started = site.graphql(
        """mutation($e: String!) { startEmailVerification(email: $e) {
             ... on EmailVerificationStarted { verificationId } } }""",
        token,
        e=email,
    )["data"]["startEmailVerification"]["verificationId"]
    code = site.wait_for(rf"verification code for {re.escape(email)}: (\d{{6}})", after=mark)
    site.graphql(
        """mutation($v: ID!, $c: String!) { confirmEmailVerification(verificationId: $v,
             code: $c) { __typename } }""",
        token,
        v=started,
        c=code.group(1),
    )
    claimed = site.graphql(
        """mutation($id: ID!, $v: ID!) { claimResearcher(researcherId: $id,
             evidence: {emailVerificationId: $v}) { __typename } }""",
        token,
        id=SEED_RESEARCHER_ID,
        v=started,
    )
    assert claimed["data"]["claimResearcher"]["__typename"] == "ClaimSuccess"


async def test_claim_with_an_email_code_then_release(
    page: Page, site: LiveServer, console: Console
) -> None:
    email, _ = sign_up(site, "borui")
    await log_in(page, site, email, PROFILE)
    claim = page.locator("#claim")
    await expect(claim.locator("summary", has_text="Claim this record")).to_be_visible()
    mark = len(site.lines)
    await claim.get_by_label("Email address").fill("borui@megvii.com")
    await claim.get_by_role("button", name="Send the code").click()
    await page.wait_for_url(re.compile(r"verification=.*#claim$"))
    await expect(claim).to_contain_text("We sent a code to borui@megvii.com")
    code = site.wait_for(r"verification code for borui@megvii\.com: (\d{6})", after=mark).group(1)

    # A wrong code first: the claim does not go through, and says why.
    wrong = "000000" if code != "000000" else "111111"
    await claim.get_by_label("Code").fill(wrong)
    await claim.get_by_role("button", name="Verify and claim").click()
    await expect(claim.locator(".notice.error")).to_contain_text("does not match")
    await expect(page.locator("#trust")).to_contain_text("Unclaimed author")

    await claim.get_by_label("Code").fill(code)
    await claim.get_by_role("button", name="Verify and claim").click()
    await expect(claim.locator(".notice")).to_contain_text("The record is yours.")
    trust = page.locator("#trust")
    await expect(trust.locator(".trust-score")).to_have_text(
        re.compile(r"^Trust \d+ - Self-claimed$")
    )
    score = int(re.findall(r"\d+", await trust.locator(".trust-score").inner_text())[0])
    assert score > 19
    await expect(trust).to_contain_text("Verification L2")
    await expect(trust).to_contain_text("Claimed")
    await expect(claim).to_contain_text("You own this record")
    await expect(claim).to_contain_text("email: borui@megvii.com (+2)")
    await claim.get_by_text("Claim history").click()
    await expect(claim.locator("table.history tbody tr")).to_have_count(1)
    await expect(claim.locator("table.history")).to_contain_text("active")
    # Claimed now, direct collaboration unlocks for the owner's settings.
    await expect(page.locator("#collaboration")).to_contain_text("Open to collaborate")
    await shot(page, "profile-claimed")
    await accessible(page)

    await claim.get_by_role("button", name="Release this record").click()
    await expect(claim.locator(".notice")).to_contain_text("You released the record.")
    await expect(trust.locator(".trust-score")).to_have_text("Trust 19 - Unverified")
    await expect(trust).to_contain_text("Unclaimed author")
    await expect(trust).to_contain_text("Verification L1")


async def test_an_invitation_reaches_the_owner_inbox(
    browser: Browser, page: Page, site: LiveServer, console: Console
) -> None:
    owner_email, owner_token = sign_up(site, "owner")
    claim_through_the_api(site, owner_token, "owner@megvii.com")

    # The owner opens the record to invitations.
    await log_in(page, site, owner_email, PROFILE)
    settings = page.locator("#collaboration")
    await settings.get_by_label("Open to collaborate").check()
    await settings.get_by_label(re.compile("^Interests")).fill("distillation, fine-grained vision")
    await settings.get_by_role("button", name="Save settings").click()
    await expect(settings.locator(".notice")).to_contain_text("Settings saved.")
    await expect(page.locator(".facts")).to_contain_text("Open to collaborate")
    await expect(page.locator(".interests")).to_contain_text("distillation, fine-grained vision")

    # Someone else invites them.
    visitor_email, _ = sign_up(site, "visitor")
    other = await browser.new_context(viewport={"width": 1280, "height": 800})
    guest = await other.new_page()
    guest_console = Console(guest)
    await log_in(guest, site, visitor_email, PROFILE)
    invite = guest.locator("#collaboration")
    await invite.get_by_label("Topic").fill("Logit distillation for detection")
    await invite.get_by_label("Message").fill("Your DKD results look like a fit for our detector.")
    await invite.get_by_role("button", name="Send invitation").click()
    await expect(invite.locator(".notice")).to_contain_text("Invitation sent.")
    await invite.get_by_label("Topic").fill("Again")
    await invite.get_by_label("Message").fill("A second one")
    await invite.get_by_role("button", name="Send invitation").click()
    await expect(invite.locator(".notice.error")).to_contain_text(
        "already have a pending invitation"
    )
    await shot(guest, "profile-invite")
    assert guest_console.errors == []
    await other.close()

    # It is in the owner's inbox; accepting opens a conversation.
    await page.reload()
    inbox = page.locator("#collaboration .invitation")
    await expect(inbox).to_have_count(1)
    await expect(inbox).to_contain_text("Logit distillation for detection")
    await expect(inbox).to_contain_text("from visitor")
    await expect(inbox).to_contain_text("Your DKD results look like a fit")
    await shot(page, "profile-inbox")
    await inbox.get_by_role("button", name="Accept").click()
    await page.wait_for_url(re.compile(r"/conversations/"))
    await expect(page.get_by_role("heading", level=1)).to_have_text(
        "Logit distillation for detection"
    )
    await expect(page.locator(".thread")).to_contain_text("Your DKD results look like a fit")
    await page.get_by_label("Reply").fill("Happy to talk; next week?")
    await page.get_by_role("button", name="Send").click()
    await expect(page.locator(".thread .message")).to_have_count(2)
    await shot(page, "conversation")
    await accessible(page)
