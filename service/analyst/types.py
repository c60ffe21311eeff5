"""The value types a saved query's header declares, and the checks values must pass.

Parameters are checked here before anything reaches Neo4j; result values are checked against
their columns, so a query that drifts from its header fails its tests instead of a client.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from service import errors

# Free-text parameters are capped so a request cannot ship megabytes into a query.
MAX_STRING_LENGTH = 1000
MAX_LIST_LENGTH = 1000

_TYPE = re.compile(
    r"^(?:List<(?P<item>String|Int|Float)>|(?P<scalar>String|Int|Float|Boolean))(?P<null>\?)?$"
)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class InvalidParameter(errors.InvalidInput):
    """A parameter the query does not take, or a value its header does not allow."""

    code = "INVALID_PARAMETER"

    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(f"parameter {parameter!r}: {problem}")
        self.parameter = parameter
        self.problem = problem


@dataclass(frozen=True)
class ValueType:
    """A declared type: `Int`, `String?`, `List<String>`."""

    scalar: str
    is_list: bool = False
    nullable: bool = False

    @classmethod
    def parse(cls, text: str) -> ValueType:
        match = _TYPE.match(text)
        if match is None:
            raise ValueError(f"unknown type {text!r} (String, Int, Float, Boolean, List<...>, ?)")
        item = match["item"]
        return cls(scalar=item or match["scalar"], is_list=bool(item), nullable=bool(match["null"]))

    def __str__(self) -> str:
        base = f"List<{self.scalar}>" if self.is_list else self.scalar
        return base + ("?" if self.nullable else "")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: ValueType
    description: str
    required: bool
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    allowed: tuple[str, ...] = ()

    @property
    def range_text(self) -> str | None:
        """The declared range as the header writes it, for listings."""
        if self.allowed:
            return "|".join(self.allowed)
        if self.minimum is None or self.maximum is None:
            return None
        if self.type.scalar == "Int":
            return f"{int(self.minimum)}..{int(self.maximum)}"
        return f"{self.minimum}..{self.maximum}"


@dataclass(frozen=True)
class Column:
    name: str
    type: ValueType
    description: str


def _scalar(kind: str, value: Any) -> Any:
    """`value` as `kind`, or None when it is not one (bool is not a number here)."""
    if kind == "Boolean":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool):
        return None
    if kind == "Int":
        # JSON clients may send 10.0 for 10; anything with a fraction is not an Int.
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if isinstance(value, int) else None
    if kind == "Float":
        return float(value) if isinstance(value, int | float) and math.isfinite(value) else None
    return value if isinstance(value, str) else None


def check(param: Parameter, value: Any) -> Any:
    """The value to send for `param`, or InvalidParameter saying what is wrong with it."""
    kind = param.type
    if value is None:
        if kind.nullable:
            return None
        raise InvalidParameter(param.name, f"must not be null (expected {kind})")
    if kind.is_list:
        if not isinstance(value, list):
            raise InvalidParameter(param.name, f"expected {kind}, got {type(value).__name__}")
        if len(value) > MAX_LIST_LENGTH:
            raise InvalidParameter(param.name, f"at most {MAX_LIST_LENGTH} items")
        items = [_scalar(kind.scalar, item) for item in value]
        if any(item is None for item in items):
            raise InvalidParameter(param.name, f"every item must be a {kind.scalar}")
        return [_in_range(param, item) for item in items]
    checked = _scalar(kind.scalar, value)
    if checked is None:
        got = type(value).__name__
        raise InvalidParameter(param.name, f"expected {kind}, got {got} {value!r}")
    return _in_range(param, checked)


def _in_range(param: Parameter, value: Any) -> Any:
    if isinstance(value, str):
        if len(value) > MAX_STRING_LENGTH:
            raise InvalidParameter(param.name, f"at most {MAX_STRING_LENGTH} characters")
        if param.allowed and value not in param.allowed:
            raise InvalidParameter(param.name, f"must be one of {'|'.join(param.allowed)}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        lo, hi = param.minimum, param.maximum
        if lo is not None and hi is not None and not lo <= value <= hi:
            raise InvalidParameter(param.name, f"must be in {param.range_text}, got {value}")
    return value


def from_text(param: Parameter, text: str) -> Any:
    """A command-line value (`--param limit=5`) converted to the declared type, then checked.

    Text that does not convert is passed on as text, so `check` reports the type mismatch.
    """
    kind = param.type
    value: Any
    if kind.nullable and text == "null":
        value = None
    elif kind.is_list:
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            # `a,b,c` is friendlier on a command line than a JSON array.
            value = [_scalar_from_text(kind.scalar, t.strip()) for t in text.split(",") if t]
    else:
        value = _scalar_from_text(kind.scalar, text)
    return check(param, value)


def _scalar_from_text(kind: str, text: str) -> Any:
    if kind == "Int":
        return int(text) if re.fullmatch(r"[-+]?\d+", text) else text
    if kind == "Float":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "Boolean":
        lowered = text.lower()
        return True if lowered in _TRUE else False if lowered in _FALSE else text
    return text


def check_column(query: str, column: Column, value: Any) -> Any:
    """A result value as its column declares it; a mismatch is a bug in the query file."""
    kind = column.type
    ok: Any
    if value is None:
        ok = kind.nullable
    elif kind.is_list:
        ok = isinstance(value, list) and all(_scalar(kind.scalar, v) is not None for v in value)
        value = [_scalar(kind.scalar, v) for v in value] if ok else value
    else:
        converted = _scalar(kind.scalar, value)
        ok = converted is not None
        value = converted if ok else value
    if not ok:
        raise errors.GraphError(
            f"saved query {query} returned {value!r} for column {column.name} ({kind})"
        )
    return value
