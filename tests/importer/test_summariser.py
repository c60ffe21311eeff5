"""Researcher summaries, one definition for both import paths. Their figures are checked against
the live computation of cards and slices (tests/importer/test_summaries.py) and between the
paths by the bulk parity test (tests/importer/bulk/test_load.py); these check how the
researchers are shared out between the processes of a bulk load."""

from __future__ import annotations

from service.importer.summariser import Summariser, Work


def summariser(works: list[Work], people: str) -> Summariser:
    return Summariser(
        works,
        {p: p.lower() for p in people},
        {},
        {},
        {},
        keep_collaborators=10,
        keep_slice=10,
        close_min_shared=2,
    )


def test_shares_give_a_prolific_author_a_process_of_their_own() -> None:
    # A is on 400 works, B..E on one each: A costs more than all the rest together, rows and
    # co-authors (ROW_COST + 400 against 4 * (ROW_COST + 1)).
    works = [Work(f"W{i}", 2020, None, ("A",), ()) for i in range(400)]
    works += [Work(f"X{p}", 2020, None, (p,), ()) for p in "BCDE"]
    ids = list("ABCDE")
    shares = summariser(works, "ABCDE").shares(ids, 2)
    assert shares == [0, 1, 5]


def test_shares_cover_every_researcher_once_whatever_the_count() -> None:
    works = [Work(f"W{i}", 2020, None, ("A", "B"), ()) for i in range(3)]
    one = summariser(works, "ABC")
    for parts in (1, 2, 3, 5):
        bounds = one.shares(list("ABC"), parts)
        assert len(bounds) == parts + 1
        assert bounds[0] == 0 and bounds[-1] == 3
        assert bounds == sorted(bounds)
