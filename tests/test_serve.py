"""`scholar serve` as `make run` starts it: verification codes on the console, client errors and
refused log ins in one log line."""

from __future__ import annotations

from neo4j import AsyncDriver
from service.identity.throttle import account_key
from tests.live import LiveServer

SIGN_UP = """mutation($email: String!) {
  signUp(email: $email, password: "correct horse battery", displayName: "Ada") {
    ... on AuthPayload { token } } }"""
START = """mutation($email: String!) { startEmailVerification(email: $email) {
  ... on EmailVerificationStarted { verificationId expiresAt } } }"""
LOG_IN = """mutation($email: String!) { logIn(email: $email, password: "not the password") {
  __typename } }"""
CONFIRM = """mutation($id: ID!, $code: String!) { confirmEmailVerification(verificationId: $id,
  code: $code) { __typename ... on EmailVerified { email } } }"""


async def test_the_console_shows_each_verification_code(
    seeded: AsyncDriver, live_server: LiveServer
) -> None:
    email = "ada@megvii.com"
    token = live_server.graphql(SIGN_UP, email=email)["data"]["signUp"]["token"]
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
