"""What makes a co-author a collaborator, a close one, and how strong the tie is: the rules the
stored summaries (service/importer/summariser.py), the profile and the saved query
`coauthor_network` share."""

from __future__ import annotations

# A close collaborator shares at least this many works (of 2..MAX_BYLINE authors) with the
# researcher: repeated collaboration, not one crowded paper (the profile's count and list).
CLOSE_MIN_SHARED = 2
# Works with more authors than this do not count as collaboration: a 3000-author paper says
# little about who actually works together.
MAX_BYLINE = 200
# A shared work's weight in the strength falls by this factor for each year it lies before the
# researcher's latest work: recent collaboration counts more.
DECAY = 0.8


def weight(byline: int, years_before: int) -> float:
    """What one shared work of `byline` authors adds to a collaborator's strength, published
    `years_before` the researcher's latest work: small bylines weigh more, old works less.
    `cypher/analyst/coauthor_network.cypher` computes the same (a test holds them equal)."""
    return (1.0 / (byline - 1)) * DECAY**years_before
