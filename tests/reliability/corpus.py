"""The fuzz corpus: requests of the kinds hostile testing sent, generated from a fixed seed.

Fragment chains and cycles, aliases, deep nesting, wrong variable types, null variables, weird
cursors, unknown fragments and fields, broken syntax and malformed bodies, beside the pages' own
documents. Each case is one HTTP request to /graphql; `python_text` says whether an answer leaks
interpreter internals.
"""

from __future__ import annotations

import base64
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from service.seed import SEED_RESEARCHER_ID
from service.web.documents import document, names, operation, placeholders

JSON_TYPE = {"content-type": "application/json"}


@dataclass(frozen=True)
class Case:
    kind: str
    body: bytes = b""
    method: str = "POST"
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=lambda: dict(JSON_TYPE))


# Tracebacks, exception class names, reprs, file paths: what must never reach a client. (A bare
# "None" is not here: graphql-core's own messages say "not to be None".)
PYTHON_TEXT = re.compile(
    r"Traceback|File \"|line \d+, in |site-packages|\.py\b|NoneType|object has no attribute"
    r"|\b(Key|Type|Value|Attribute|Index|Name|Runtime|Recursion|Unicode\w*|Assertion|Lookup"
    r"|ZeroDivision|Overflow|JSONDecode)Error\b|<\w[\w.]* object at 0x"
)
RAW_KEY = re.compile(r"'[^']*'")  # what str(KeyError('Missing')) looks like


def python_text(message: str) -> bool:
    return bool(PYTHON_TEXT.search(message) or RAW_KEY.fullmatch(message))


def post(kind: str, query: object, variables: object = None, **extra: object) -> Case:
    payload: dict[str, object] = {"query": query}
    if variables is not None:
        payload["variables"] = variables
    payload.update(extra)
    return Case(kind, json.dumps(payload).encode())


LEAVES = ["id", "name", "headline", "claimed", "__typename", "counts { works }"]
WEIRD_VALUES: list[object] = [
    None, "x", "²", "", " ", "٣", 1.5, -1, 0, 2**31, 2**40, 10**30, True, False, [], {}, [[[]]],
    {"a": {"b": [1, {"c": None}]}}, "A" * 3000, "\u0000", "\ud7ff", "🙂" * 50, "null", "1e9",
    [1, "2", None], {"from": "x"}, {"from": 1900, "to": 1800}, ["RESEARCHER", "NOPE"], "PAPER",
]  # fmt: skip
TEMPLATES: list[tuple[str, list[str]]] = [
    (
        "query($id: ID!, $f: Int, $a: String) { researcher(id: $id) { "
        "works(first: $f, after: $a) { totalCount edges { cursor node { title } } } } }",
        ["id", "f", "a"],
    ),
    (
        "query($id: ID!, $f: Int) { researcher(id: $id) { topics(first: $f) { works } "
        "coauthors(first: $f) { sharedWorks } closeCollaborators(first: $f) { strength } } }",
        ["id", "f"],
    ),
    ("query($f: Int!) { mostConnectedResearchers(first: $f) { id name } }", ["f"]),
    ("query($t: String!, $f: Int) { searchResearchers(text: $t, first: $f) { id } }", ["t", "f"]),
    (
        "query($t: String!, $k: [NodeKind!], $f: Int!) { search(text: $t, kinds: $k, first: $f) "
        "{ __typename } }",
        ["t", "k", "f"],
    ),
    (
        "query($c: ID!, $m: Int!, $k: [NodeKind!], $y: YearRange, $x: [ID!]) { graphSlice("
        "center: $c, maxNodes: $m, kinds: $k, years: $y, exclude: $x) { center total } }",
        ["c", "m", "k", "y", "x"],
    ),
    (
        "query($n: String!, $p: JSON, $f: Int!, $a: String) { runSavedQuery(name: $n, "
        "params: $p, first: $f, after: $a) { __typename ... on SavedQueryRows { totalCount } } }",
        ["n", "p", "f", "a"],
    ),
    ("query($id: ID!) { paper(id: $id) { title } topic(id: $id) { name } }", ["id"]),
    ("query($id: ID!, $f: Int!) { conversation(id: $id, first: $f) { __typename } }", ["id", "f"]),
    (
        "query($id: ID!, $f: Int!) { claimHistory(researcherId: $id, first: $f) { __typename } }",
        ["id", "f"],
    ),
]
FIRST_FIELDS = [
    "works(first: $f) { totalCount }",
    "topics(first: $f) { works }",
    "closeCollaborators(first: $f) { strength }",
    "coauthors(first: $f) { sharedWorks }",
]


def chains(rng: random.Random) -> Iterator[Case]:
    for _ in range(300):
        levels = rng.randint(1, 60)
        spreads = rng.choice([2, 2, 2, 3])
        cycle = rng.random() < 0.15
        links = "".join(
            f"fragment F{i} on Researcher {{ {' '.join([f'...F{i + 1}'] * spreads)} }}\n"
            for i in range(levels)
        )
        back = f"...F{rng.randrange(levels + 1)}" if cycle else ""
        leaf = f"fragment F{levels} on Researcher {{ {rng.choice(LEAVES)} {back} }}\n"
        query = f'query Chain {{ researcher(id: "{SEED_RESEARCHER_ID}") {{ ...F0 }} }}\n'
        yield post("chain", query + links + leaf)


def cycles(rng: random.Random) -> Iterator[Case]:
    for _ in range(100):
        size = rng.randint(1, 8)
        frags = "".join(
            f"fragment C{i} on Researcher {{ id ...C{(i + 1) % size} }}\n" for i in range(size)
        )
        entry = rng.randrange(size)
        yield post("cycle", f'{{ researcher(id: "x") {{ ...C{entry} }} }}\n{frags}')


def aliases(rng: random.Random) -> Iterator[Case]:
    for _ in range(150):
        count = rng.randint(1, 40)
        fields = " ".join(
            f'a{i}: researcher(id: "{SEED_RESEARCHER_ID}") {{ {rng.choice(LEAVES)} }}'
            for i in range(count)
        )
        yield post("aliases", f"{{ {fields} }}")


def nesting(rng: random.Random) -> Iterator[Case]:
    for _ in range(150):
        depth = rng.randint(1, 20)
        inner = "id"
        for _ in range(depth):
            inner = f"coauthors(first: 2) {{ researcher {{ {inner} }} }}"
        yield post("nesting", f'{{ researcher(id: "{SEED_RESEARCHER_ID}") {{ {inner} }} }}')
    for _ in range(50):
        depth = rng.randint(50, 1500)
        yield post("nesting", "{ " + "a { " * depth + "b" + " }" * depth + " }")


def variables(rng: random.Random) -> Iterator[Case]:
    for _ in range(600):
        template, names_ = rng.choice(TEMPLATES)
        values = {n: rng.choice(WEIRD_VALUES) for n in names_ if rng.random() < 0.8}
        yield post("variables", template, values)


def nulls(rng: random.Random) -> Iterator[Case]:
    for _ in range(200):
        selection = " ".join(rng.sample(FIRST_FIELDS, rng.randint(1, len(FIRST_FIELDS))))
        query = f"query($id: ID!, $f: Int) {{ researcher(id: $id) {{ {selection} }} }}"
        values: dict[str, Any] = {"id": SEED_RESEARCHER_ID}
        if rng.random() < 0.5:
            values["f"] = None
        yield post("null", query, values)


def cursors(rng: random.Random) -> Iterator[Case]:
    def encode(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).decode()

    def json64(value: object) -> str:
        return encode(json.dumps(value).encode())

    makers: list[Callable[[], str]] = [
        lambda: encode(rng.randbytes(rng.randint(0, 40))),
        lambda: json64(rng.choice(WEIRD_VALUES)),
        lambda: json64({"date": rng.choice(WEIRD_VALUES), "title": "t", "id": 1}),
        lambda: json64({"run": "0" * 16, "offset": rng.choice(["²", "-1", "1e3", "٣"])}),
        lambda: json64({"date": "2020", "title": "t", "id": "x", "more": 1}),
        lambda: "".join(rng.choice("=-_+/!%~²🙂") for _ in range(rng.randint(0, 30))),
        lambda: encode(b"\xff\xfe" + rng.randbytes(8)),
        lambda: "A" * rng.randint(1000, 4000),
    ]
    for _ in range(250):
        after = rng.choice(makers)()
        if rng.random() < 0.6:
            query = (
                "query($id: ID!, $a: String) { researcher(id: $id) { works(first: 2, after: $a) "
                "{ edges { cursor } } } }"
            )
            yield post("cursor", query, {"id": SEED_RESEARCHER_ID, "a": after})
        else:
            query = (
                'query($a: String) { runSavedQuery(name: "venues_by_topic", '
                'params: {topic: "T10036"}, after: $a) { __typename } }'
            )
            yield post("cursor", query, {"a": after})


def unknowns(rng: random.Random) -> Iterator[Case]:
    bodies = [
        '{ researcher(id: "x") { ...Missing } }',
        '{ researcher(id: "x") { salary } }',
        "{ nope }",
        '{ researcher(id: "x", extra: 1) { id } }',
        '{ researcher(id: "x") { id @nope } }',
        '{ researcher(id: "x") { ... on Nope { id } } }',
        'fragment F on Nope { id } { researcher(id: "x") { ...F } }',
        "subscription { nope }",
        "query($v: Nope) { __typename }",
        "query A { __typename } query A { __typename }",
        '{ researcher(id: "x") { ...F } } '
        "fragment F on Researcher { id } fragment F on Researcher { name }",
    ]
    for _ in range(150):
        name = rng.choice([None, "A", "Missing", 5, "", ["x"], "a b"])
        extra = {} if name is None else {"operationName": name}
        yield post("unknown", rng.choice(bodies), None, **extra)


def syntax(rng: random.Random) -> Iterator[Case]:
    valid = [document(name) for name in names()]
    tokens = [
        "{",
        "}",
        "(",
        ")",
        "...",
        "$",
        ":",
        "@",
        "query",
        "fragment",
        '"',
        "1",
        "!",
        "[",
        "]",
    ]
    for _ in range(150):
        if rng.random() < 0.5:
            text = rng.choice(valid)
            yield post("syntax", text[: rng.randrange(len(text))])
        else:
            yield post("syntax", " ".join(rng.choice(tokens) for _ in range(rng.randint(1, 60))))


def bodies(rng: random.Random) -> Iterator[Case]:
    deep = rng.randint(1000, 5000)
    fixed = [
        b"null", b"123", b'"x"', b"true", b"[]", b'[{"query": "{ __typename }"}]', b"{}",
        b"[" * deep + b"]" * deep, b'{"query": 1}', b'{"query": "{ __typename }", "variables": 1}',
        b'{"query": "{ __typename }", "extensions": []}', b'{"query": "{ __typename }"',
        b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * deep + b"]" * deep + b"}}",
        b'{"query": "\\ud800"}', b'{"query": "{ __typename }", "operationName": {}}', b"",
        b'{"query": "' + b"x" * 60_000 + b'"}', b'{"query": "' + b"x" * 70_000 + b'"}',
    ]  # fmt: skip
    for body in fixed:
        yield Case("body", body)
    for _ in range(150):
        yield Case("body", rng.randbytes(rng.randint(1, 200)))
    for kind in ("text/plain", "application/x-www-form-urlencoded", "application/json; charset=x"):
        yield Case("body", b'{"query": "{ __typename }"}', headers={"content-type": kind})
    for params in (
        {"query": "{ __typename }", "variables": "null"},
        {"query": "{ __typename }", "variables": "[1"},
        {"query": "mutation { logOut { __typename } }"},
        {"query": ""},
        {"query": "{ __typename }", "operationName": "Nope"},
        {"variables": "{}"},
    ):
        yield Case("body", method="GET", params=params, headers={"accept": "application/json"})


def valid(rng: random.Random) -> Iterator[Case]:
    queries = [n for n in names() if operation(n).operation.value == "query"]
    for _ in range(100):
        name = rng.choice(queries)
        values = placeholders(operation(name))
        for key, value in values.items():
            if value == "warm-up":
                values[key] = rng.choice([SEED_RESEARCHER_ID, "W4226426325", "x", "T10036"])
        yield post("valid", document(name), values)


GENERATORS = [chains, cycles, aliases, nesting, variables, nulls, cursors, unknowns, syntax]


def corpus(seed: int = 20261201) -> list[Case]:
    rng = random.Random(seed)  # noqa: S311 - reproducible fuzz input, not a secret
    cases = [case for make in (*GENERATORS, bodies, valid) for case in make(rng)]
    rng.shuffle(cases)
    return cases
