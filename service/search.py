"""Turning what a person types into a full-text query that forgives accents and typos.

The indexes fold accents (`standard-folding`), but Lucene does not analyse prefix and fuzzy
terms, so the words are folded here the same way: "Bórui Zhào" and "Borui Zhao" ask the same.
Every word must match (AND), each exactly (ranked highest), as a prefix (the word being typed)
or within one edit (two for long words), so "Borui Zaho" still finds Borui Zhao.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORDS = 10
# The standard analyzer drops these when indexing, so requiring them would match nothing.
STOP_WORDS = frozenset(
    ("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
     "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
     "these", "they", "this", "to", "was", "will", "with")
)  # fmt: skip


class EmptyQuery(ValueError):
    """The text holds no letter or digit to search for."""


def fold(text: str) -> str:
    """Lower case without accents: "Wätzold" -> "watzold", "Bórui" -> "borui"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clause(word: str) -> str:
    if len(word) < 4:
        return f"({word}^3 OR {word}*^2)"
    edits = 1 if len(word) < 7 else 2
    return f"({word}^3 OR {word}*^2 OR {word}~{edits})"


def lucene_query(text: str) -> str:
    """The Lucene query for `text`, or `EmptyQuery`."""
    words = re.findall(r"\w+", fold(text))[:MAX_WORDS]
    if not words:
        raise EmptyQuery("text must contain at least one letter or digit")
    meaningful = [w for w in words if w not in STOP_WORDS] or words
    return " AND ".join(_clause(w) for w in meaningful)
