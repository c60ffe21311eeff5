"""Rendering saved-query results and the catalogue for the command line: table, CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from service.analyst.catalogue import Catalogue, SavedQuery
from service.analyst.runner import Result

FORMATS = ("table", "csv", "json")
# Long titles would make a terminal table unreadable; csv and json keep every character.
MAX_CELL = 60


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def render(result: Result, fmt: str) -> str:
    names = [c.name for c in result.columns]
    if fmt == "json":
        document = {
            "query": result.query.name,
            "hash": result.query.hash,
            "parameters": result.params,
            "columns": [{"name": c.name, "type": str(c.type)} for c in result.columns],
            "rows": result.records(),
            "truncated": result.truncated,
        }
        return json.dumps(document, indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        # Lists as JSON arrays: unambiguous even when an item holds the separator.
        for row in result.rows:
            writer.writerow(
                ["" if v is None else json.dumps(v) if isinstance(v, list) else v for v in row]
            )
        return out.getvalue().rstrip("\n")
    body = _table(names, [[_text(v) for v in row] for row in result.rows])
    footer = f"({len(result.rows)} rows{', cut at the row cap' if result.truncated else ''})"
    return f"{body}\n{footer}"


def signature(query: SavedQuery) -> str:
    """`researcher: String, limit: Int = 25 (1..1000)`: what to pass, at a glance."""
    parts = []
    for p in query.parameters:
        text = f"{p.name}: {p.type}"
        if not p.required:
            text += f" = {json.dumps(p.default)}"
        if p.range_text:
            text += f" ({p.range_text})"
        parts.append(text)
    return ", ".join(parts)


def render_catalogue(catalogue: Catalogue, fmt: str) -> str:
    if fmt == "json":
        entries = [
            {
                "name": q.name,
                "description": q.description,
                "hash": q.hash,
                "parameters": [
                    {
                        "name": p.name,
                        "type": str(p.type),
                        "required": p.required,
                        "default": p.default,
                        "range": p.range_text,
                        "description": p.description,
                    }
                    for p in q.parameters
                ],
                "columns": [
                    {"name": c.name, "type": str(c.type), "description": c.description}
                    for c in q.columns
                ],
                "example": q.example,
            }
            for q in catalogue
        ]
        return json.dumps(entries, indent=2, ensure_ascii=False)
    rows = [[q.name, q.hash[:12], signature(q), q.description] for q in catalogue]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [["name", "hash", "parameters", "description"], *rows]
        )
        return out.getvalue().rstrip("\n")
    lines = []
    for name, short, params, description in rows:
        lines += [f"{name}  [{short}]", f"  {description}", f"  parameters: {params or '-'}", ""]
    return "\n".join(lines).rstrip("\n")
