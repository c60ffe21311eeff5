"""The pages people read: home, profile, paper, topic, institution, conversation, saved queries.

Each handler runs its document (service/web/queries/) in-process and renders one template; the
pages read fully without JavaScript, which only enhances them (graph, search box, live follow).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from service.schema.context import context_for
from service.seed import SEED_RESEARCHER_ID
from service.web.documents import DocumentFailed, run
from service.web.render import STATIC, render

Handler = Callable[[Request], Awaitable[Response]]
TITLES = {400: "Bad request", 404: "Not found", 503: "Unavailable", 500: "Something went wrong"}


def error_page(request: Request, status: int, message: str) -> Response:
    return render(
        request,
        "error.html",
        {"viewer": None, "title": TITLES.get(status, "Error"), "message": message},
        status_code=status,
    )


def page(handler: Handler) -> Handler:
    """Turn a failed document into the error page with its status."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except DocumentFailed as exc:
            return error_page(request, exc.status, exc.message)

    return wrapped


@page
async def home(request: Request) -> Response:
    data = await run(request, "home", seed=SEED_RESEARCHER_ID)
    return render(
        request,
        "home.html",
        {"viewer": data["viewer"], "seed": data["seed"], "top": data["mostConnectedResearchers"]},
    )


def _claim_step(request: Request) -> dict[str, str] | None:
    """The institutional-email claim in progress (after its code was sent), from the URL."""
    verification = request.query_params.get("verification", "")[:100]
    email = request.query_params.get("email", "")[:254]
    return {"verification": verification, "email": email} if verification else None


@page
async def researcher(request: Request) -> Response:
    rid = request.path_params["id"]
    context = context_for(request)
    after = request.query_params.get("after") or None
    data = await run(request, "profile", context=context, id=rid, after=after)
    found = data["researcher"]
    if found is None:
        return error_page(request, 404, f"No researcher has the id {rid}.")
    owner = await run(request, "owner", context=context, id=rid) if found["viewerOwns"] else None
    return render(
        request,
        "researcher.html",
        {
            "viewer": data["viewer"],
            "r": found,
            "owner": owner,
            "claim_step": _claim_step(request),
            "after": after,
        },
    )


async def _node_page(request: Request, name: str, key: str, kind: str) -> Response:
    nid = request.path_params["id"]
    data = await run(request, name, id=nid)
    found = data[key]
    if found is None:
        return error_page(request, 404, f"No {kind} has the id {nid}.")
    return render(request, f"{name}.html", {"viewer": data["viewer"], key: found})


@page
async def paper(request: Request) -> Response:
    return await _node_page(request, "paper", "paper", "paper")


@page
async def topic(request: Request) -> Response:
    return await _node_page(request, "topic", "topic", "topic")


@page
async def institution(request: Request) -> Response:
    return await _node_page(request, "institution", "institution", "institution")


@page
async def conversation(request: Request) -> Response:
    data = await run(request, "conversation", id=request.path_params["id"])
    found = data["conversation"]
    if found["__typename"] == "NotAuthenticated":
        return error_page(request, 401, "Log in to read your conversations.")
    if found["__typename"] != "Conversation":
        return error_page(request, 404, found["message"])
    return render(request, "conversation.html", {"viewer": data["viewer"], "c": found})


@page
async def saved_queries(request: Request) -> Response:
    data = await run(request, "saved_queries")
    return render(
        request, "saved_queries.html", {"viewer": data["viewer"], "queries": data["savedQueries"]}
    )


def _params(request: Request, query: dict[str, Any]) -> dict[str, Any]:
    """The form's values for the query's parameters, typed as the header declares; left-out
    parameters take their defaults."""
    given: dict[str, Any] = {}
    for p in query["parameters"]:
        raw = request.query_params.get(p["name"], "").strip()
        if not raw:
            continue
        if p["type"].startswith(("Int", "Float", "Boolean", "List")):
            try:
                given[p["name"]] = json.loads(raw)
            except ValueError:
                given[p["name"]] = raw  # the runner names the parameter and the type it wants
        else:
            given[p["name"]] = raw
    return given


@page
async def saved_query(request: Request) -> Response:
    name = request.path_params["name"]
    listing = await run(request, "saved_queries")
    query = next((q for q in listing["savedQueries"] if q["name"] == name), None)
    if query is None:
        return error_page(request, 404, f"No saved query is named {name}.")
    result = None
    if "run" in request.query_params:
        params = _params(request, query)
        result = (await run(request, "run_saved_query", name=name, params=params))["runSavedQuery"]
    return render(
        request,
        "saved_query.html",
        {
            "viewer": listing["viewer"],
            "q": query,
            "result": result,
            "cells": _cells(result),
            "inputs": _inputs(request, query),
        },
    )


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _inputs(request: Request, query: dict[str, Any]) -> dict[str, str]:
    """Each parameter's field: what was sent, else the header's example for a first run."""
    example = query["example"] or {}
    return {
        p["name"]: request.query_params.get(p["name"])
        or (_shown(example[p["name"]]) if p["name"] in example else "")
        for p in query["parameters"]
    }


def _cells(result: dict[str, Any] | None) -> list[list[str]]:
    if not result or result["__typename"] != "SavedQueryRows":
        return []
    names = [c["name"] for c in result["columns"]]
    return [[_shown(row["values"].get(n)) for n in names] for row in result["rows"]]


@page
async def search(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()[:200]
    if not text:
        data = await run(request, "viewer")
        return render(request, "search.html", {"viewer": data["viewer"], "hits": [], "query": ""})
    try:
        data = await run(request, "search", text=text)
    except DocumentFailed as exc:
        if exc.status != 400:
            raise
        return render(request, "search.html", {"viewer": None, "hits": [], "query": text})
    return render(
        request, "search.html", {"viewer": data["viewer"], "hits": data["search"], "query": text}
    )


@page
async def explore(request: Request) -> Response:
    data = await run(request, "viewer")
    center = request.query_params.get("center", "")[:200] or SEED_RESEARCHER_ID
    return render(request, "explore.html", {"viewer": data["viewer"], "center": center})


async def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico on pages that name no icon (JSON errors, GraphQL)."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
