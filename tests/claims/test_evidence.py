"""Judging claim evidence without the graph: ORCID checksums, email domains, the ladder."""

from __future__ import annotations

import pytest

from service.claims import evidence


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        (" 0000-0002-1694-233x ", "0000-0002-1694-233X"),
        ("0000-0002-1825-0098", None),
        ("0000000218250097", None),
        ("", None),
    ],
)
def test_orcid(given: str, expected: str | None) -> None:
    assert evidence.normal_orcid(given) == expected


@pytest.mark.parametrize(
    ("domain", "institution", "matches"),
    [
        ("megvii.com", {"name": "Megvii Technology"}, True),
        ("cs.ox.ac.uk", {"name": "University of Oxford"}, False),
        ("ox.ac.uk", {"name": "University of Oxford", "emailDomains": ["ox.ac.uk"]}, True),
        ("cs.ox.ac.uk", {"name": "University of Oxford", "emailDomains": ["ox.ac.uk"]}, True),
        ("mit.edu", {"name": "Massachusetts Institute of Technology"}, True),
        ("evil.com", {"name": "Megvii Technology"}, False),
        ("megvii.com", {"name": "Megvii Technology", "emailDomains": ["megvii.cn"]}, False),
        ("tsinghua.edu.cn", {"name": "Tsinghua University"}, True),
    ],
)
def test_email_domain(domain: str, institution: dict[str, object], matches: bool) -> None:
    assert evidence.domain_matches(domain, institution) is matches


def test_ladder() -> None:
    assert [evidence.level_for(p) for p in (1, 2, 3, 5)] == [2, 2, 3, 3]
    assert evidence.level_for(1, reviewed=True) == 4


def test_no_evidence_is_refused() -> None:
    judged = evidence.assess(record={}, orcid=None, email=None, verification_id=None)
    assert judged.points == 0 and judged.reasons


def test_both_pieces_add_up() -> None:
    judged = evidence.assess(
        record={"orcid": "0000-0002-1825-0097", "institutions": [{"name": "Megvii Technology"}]},
        orcid="0000-0002-1825-0097",
        email={"email": "b@megvii.com", "verifiedAt": "2026-01-01"},
        verification_id="v",
    )
    assert judged.points == 3 and judged.level == 3 and judged.enough
    assert [a["kind"] for a in judged.accepted] == ["orcid", "email"]


def test_a_public_orcid_alone_is_not_enough() -> None:
    judged = evidence.assess(
        record={"orcid": "0000-0002-1825-0097"},
        orcid="0000-0002-1825-0097",
        email=None,
        verification_id=None,
    )
    assert judged.points == 1 and not judged.enough
    assert "only adds to a verified email" in judged.reasons[0]
