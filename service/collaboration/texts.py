"""The bounds of what people write: topics, messages and interests."""

from __future__ import annotations

from service import errors

MAX_TOPIC = 120
MAX_MESSAGE = 2000
MAX_INTERESTS = 5
MAX_INTEREST = 40


def text(value: str, field: str, maximum: int) -> str:
    """`value` without surrounding blanks, or `errors.Invalid` when empty or too long."""
    cleaned = value.strip()
    if not 0 < len(cleaned) <= maximum:
        raise errors.Invalid(f"{field} must be 1 to {maximum} characters", field)
    return cleaned


def interests(values: list[str]) -> list[str]:
    """Non-blank interests, or `errors.Invalid` past the count or length bound."""
    cleaned = [v.strip() for v in values if v.strip()]
    if len(cleaned) > MAX_INTERESTS or any(len(v) > MAX_INTEREST for v in cleaned):
        raise errors.Invalid(
            f"at most {MAX_INTERESTS} interests of at most {MAX_INTEREST} characters each",
            "interests",
        )
    return cleaned
