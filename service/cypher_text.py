"""What a query file's Cypher text says about itself: its parameters, whether it writes, and the
names its final RETURN gives its columns. Deliberately lexical, no Cypher grammar: enough to
hold a file's declared header to its text (see service/queries.py), not to validate Cypher.
"""

from __future__ import annotations

import re

# One pass, left to right, so whichever starts first wins: a `//` inside a string stays text,
# an apostrophe inside a comment does not open a string.
_NOISE = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_PARAM = re.compile(r"\$(\w+)")
# Not after `.` or `$` or a word character (a property `n.set`, a parameter `$delete`) and not
# before `:` (a map key `{create: ...}`).
_WRITE = re.compile(r"(?<![.$\w])(CREATE|MERGE|SET|DELETE|REMOVE|DETACH)\b(?!\s*:)", re.IGNORECASE)
_RETURN = re.compile(r"(?<![.$\w])RETURN\b", re.IGNORECASE)
# A RETURN clause's items end where its modifiers begin.
_MODIFIER = re.compile(r"(?<![.$\w])(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.IGNORECASE)
_ALIAS = re.compile(r"\bAS\s+(\w+)\s*$", re.IGNORECASE)
_BARE = re.compile(r"^\w+(?:\.\w+)?$")
_OPEN = {"(": ")", "[": "]", "{": "}"}


def strip(text: str) -> str:
    """The text with string literals emptied and comments removed, line breaks kept (so offsets
    still map to lines); backticked names become a plain placeholder."""

    def blank(match: re.Match[str]) -> str:
        token = match.group()
        if token[0] in "'\"":
            return token[0] * 2
        if token[0] == "`":
            return "_quoted_"
        return "\n" * token.count("\n")

    return _NOISE.sub(blank, text)


def parameters(stripped: str) -> dict[str, int]:
    """Each `$name` the text uses, with the offset of its first use, in order of first use."""
    found: dict[str, int] = {}
    for match in _PARAM.finditer(stripped):
        found.setdefault(match[1], match.start())
    return found


def first_write(stripped: str) -> re.Match[str] | None:
    """The first write clause keyword, or None. Does not see writes made by procedure calls
    (`CALL db.create.setNodeVectorProperty(...)`); Neo4j's read routing still refuses those."""
    return _WRITE.search(stripped)


def _depths(stripped: str) -> list[int]:
    """Bracket depth at each offset: 0 is the top level of the statement."""
    depth, out = 0, []
    for char in stripped:
        if char in "([{":
            depth += 1
        out.append(depth)
        if char in ")]}":
            depth = max(depth - 1, 0)
    return out


def _split_items(clause: str) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in clause:
        if char in _OPEN:
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def final_return(stripped: str) -> tuple[int, list[str | None]] | None:
    """The offset of the statement's last top-level RETURN and the name of each item it returns
    (`expr AS name` gives `name`; a bare `x` or `x.y` gives itself, as Neo4j names it), None
    for an item Neo4j would name by its expression text. None when there is no top-level
    RETURN. `RETURN *` yields `["*"]`. Items after a top-level UNION are the same names again,
    so only the last part is read."""
    depths = _depths(stripped)
    returns = [m for m in _RETURN.finditer(stripped) if depths[m.start()] == 0]
    if not returns:
        return None
    start = returns[-1].end()
    clause = stripped[start:]
    clause_depths = depths[start:]
    for modifier in _MODIFIER.finditer(clause):
        if clause_depths[modifier.start()] == 0:
            clause = clause[: modifier.start()]
            break
    clause = re.sub(r"^\s*DISTINCT\b", "", clause, flags=re.IGNORECASE)
    names: list[str | None] = []
    for item in _split_items(clause):
        alias = _ALIAS.search(item)
        if alias:
            names.append(alias[1])
        elif item == "*" or _BARE.match(item):
            names.append(item)
        else:
            names.append(None)
    return returns[-1].start(), names
