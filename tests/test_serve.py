"""`scholar serve` as `make run` starts it: sign-up and verification codes on the console, client
errors and refused log ins in one log line."""

from __future__ import annotations

import httpx

from neo4j import AsyncDriver
from service.identity.throttle import account_key
from tests.live import LiveServer

SIGN_UP = """mutation($email: String!) {
  signUp(email: $email, password: "correct horse battery", displayName: "Ada") {
    __typename } }"""
CONFIRM_SIGN_UP = """mutation($email: String!, $code: String!) {
  confirmSignUp(email: $email, code: $code, password: "correct horse battery") {
    ... on AuthPayload { token } } }"""
LOG_IN = """mutation($email: String!) { logIn(email: $email, password: "not the password") {
  __typename } }"""
LOG_IN_RIGHT = """mutation($email: String!, $password: String!) { logIn(email: $email,
  password: $password) { __typename } }"""
START = """mutation($email: String!) { startEmailVerification(email: $email) {
  ... on EmailVerificationStarted { verificationId expiresAt } } }"""
CONFIRM = """mutation($id: ID!, $code: String!) { confirmEmailVerification(verificationId: $id,
  code: $code) { __typename ... on EmailVerified { email } } }"""


async def test_the_console_shows_each_verification_code(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    email = "ada@megvii.com"
    mark = len(live_server.lines)
    assert live_server.graphql(SIGN_UP, email=email)["data"]["signUp"] == {
        "__typename": "SignUpStarted"
    }
    code = live_server.wait_for(
        rf"\[dev mail\] verification code for {email}: (\d{{6}})", after=mark
    ).group(1)
    confirmed = live_server.graphql(CONFIRM_SIGN_UP, email=email, code=code)
    token = confirmed["data"]["confirmSignUp"]["token"]
    mark = len(live_server.lines)
    started = live_server.graphql(START, token, email=email)["data"]["startEmailVerification"]
    line = live_server.wait_for(
        rf"\[dev mail\] verification code for {email}: (\d{{6}}) \(expires (\S+ \S+) UTC\)",
        after=mark,
    )
    assert started["expiresAt"].startswith(line.group(2).replace(" ", "T")[:16])
    confirmed = live_server.graphql(
        CONFIRM, token, id=started["verificationId"], code=line.group(1)
    )
    assert confirmed["data"]["confirmEmailVerification"] == {
        "__typename": "EmailVerified",
        "email": email,
    }


async def test_a_client_error_logs_one_line_without_a_traceback(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    mark = len(live_server.lines)
    answer = live_server.graphql(
        'query Slice { graphSlice(center: "seed:borui-zhao", maxNodes: 5000) { center } }'
    )
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    live_server.wait_for(r"client error in Slice: maxNodes must be between", after=mark)
    live_server.wait_for(r'"POST /graphql HTTP/1.1" 200', after=mark)
    logged = live_server.lines[mark:]
    assert not [line for line in logged if "Traceback" in line], logged
    assert len([line for line in logged if "maxNodes" in line]) == 1, logged


async def test_a_refused_log_in_logs_one_line_without_the_email(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    email = "someone@megvii.com"
    mark = len(live_server.lines)
    answer = live_server.graphql(LOG_IN, email=email)
    assert answer["data"]["logIn"] == {"__typename": "InvalidCredentials"}
    live_server.wait_for(r'"POST /graphql HTTP/1.1" 200', after=mark)
    logged = live_server.lines[mark:]
    [line] = [line for line in logged if "log in refused" in line]
    assert f"account {account_key(email)[:8]} from 127.0.0.1: wrong email or password" in line
    # Besides it, only the access line; the email appears nowhere.
    assert len(logged) == 2, logged
    assert not [line for line in logged if "someone" in line or "Traceback" in line], logged


async def test_an_email_with_an_account_gets_a_notice_not_a_code(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    email = "twice@megvii.com"
    mark = len(live_server.lines)
    live_server.graphql(SIGN_UP, email=email)
    code = live_server.wait_for(rf"verification code for {email}: (\d{{6}})", after=mark).group(1)
    live_server.graphql(CONFIRM_SIGN_UP, email=email, code=code)
    mark = len(live_server.lines)
    again = live_server.graphql(SIGN_UP, email=email)
    assert again["data"]["signUp"] == {"__typename": "SignUpStarted"}
    live_server.wait_for(rf"\[dev mail\] notice for {email}: .*already has an account", after=mark)
    assert not [line for line in live_server.lines[mark:] if "verification code" in line]


async def test_the_lockout_scenario_leaves_the_owners_browser_able_to_log_in(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    """Someone at the owner's own address (a shared network) guesses; the owner still logs in."""
    email = "owner@megvii.com"
    mark = len(live_server.lines)
    live_server.graphql(SIGN_UP, email=email)
    code = live_server.wait_for(rf"verification code for {email}: (\d{{6}})", after=mark).group(1)
    right = {"email": email, "password": "correct horse battery"}
    async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as browser:
        confirmed = await browser.post(
            "/graphql",
            json={"query": CONFIRM_SIGN_UP, "variables": {"email": email, "code": code}},
        )
        assert "scholar_device" in browser.cookies
        browser.cookies.delete("scholar_session")
        for variant in ["OWNER@megvii.com", " owner@megvii.com ", "Owner@Megvii.com"] * 2:
            live_server.graphql(LOG_IN, email=variant)
        assert live_server.graphql(LOG_IN, email=email)["data"]["logIn"] == {
            "__typename": "RateLimited"
        }
        owner = await browser.post("/graphql", json={"query": LOG_IN_RIGHT, "variables": right})
    assert confirmed.status_code == 200
    assert owner.json()["data"]["logIn"] == {"__typename": "AuthPayload"}
