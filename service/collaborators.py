"""What makes a co-author a collaborator, and a close one: the rules the summaries and the
profile share."""

from __future__ import annotations

# A close collaborator shares at least this many works (of 2..200 authors) with the
# researcher: repeated collaboration, not one crowded paper (the profile's count and list).
CLOSE_MIN_SHARED = 2
