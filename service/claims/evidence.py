"""Judging a claim's evidence: which pieces are accepted, their points, and the level they earn.

| evidence                                                  | points | strength |
|-----------------------------------------------------------|--------|----------|
| verified email whose domain belongs to one of the record's | 2      | weak     |
| institutions (listed `emailDomains`, else the domain's     |        |          |
| organisation label equals a word or acronym of its name)   |        |          |
| ORCID iD equal to the record's ORCID                      | 1      | weak     |
| vouch by a co-author who owns their own claimed record     | 1 each | weak, <= 2 |

Levels (the ladder is documented in `service/trust.py`): a claim needs at least 2 points; 2 is
L2, 3 or more is L3, an admin's approval is L4.
An ORCID iD alone proves nothing: the record's iD is public, so anyone could type it. It adds a
point to an institutional email (2 + 1 = L3) but is never enough on its own. Proving control of
the iD (ORCID's OAuth sign-in) is where a deployment would plug in a strong piece of evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ORCID_POINTS = 1
EMAIL_POINTS = 2
# Below this a claim is refused: no single weak piece but an institutional email suffices.
MIN_CLAIM_POINTS = 2
VOUCH_POINTS = 1
MAX_VOUCHES = 2
STRONG_AT = 3
REVIEWED_LEVEL = 4
ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "icloud.com",
        "qq.com",
        "163.com",
        "126.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "mail.ru",
    }
)
# Second-level labels under a country code that are not the organisation: ox.ac.uk, x.edu.cn.
GENERIC_LABELS = frozenset({"ac", "edu", "co", "com", "org", "gov", "net", "res"})
STOP_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "at", "in", "und"})


def normal_orcid(value: str | None) -> str | None:
    """`0000-0002-1825-0097` from a bare iD or an orcid.org URL; None when it is not one."""
    if not value:
        return None
    text = value.strip().upper().removeprefix("HTTPS://").removeprefix("HTTP://")
    text = text.removeprefix("ORCID.ORG/")
    if not ORCID.match(text):
        return None
    digits = text.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return text if digits[-1] == ("X" if check == 10 else str(check)) else None


@dataclass
class Assessment:
    points: int = 0
    accepted: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def level(self) -> int:
        return level_for(self.points)

    @property
    def enough(self) -> bool:
        return self.points >= MIN_CLAIM_POINTS


def level_for(points: int, reviewed: bool = False) -> int:
    if reviewed:
        return REVIEWED_LEVEL
    return 3 if points >= STRONG_AT else 2


def _organisation(domain: str) -> str:
    labels = domain.split(".")
    if len(labels) >= 3 and labels[-2] in GENERIC_LABELS and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else domain


def _suffixes(domain: str) -> Iterable[str]:
    labels = domain.split(".")
    return (".".join(labels[i:]) for i in range(len(labels) - 1))


def domain_matches(domain: str, institution: dict[str, Any]) -> bool:
    listed = {d.lower() for d in institution.get("emailDomains") or []}
    if listed:
        return any(s in listed for s in _suffixes(domain))
    words = list(re.findall(r"[a-z0-9]+", (institution.get("name") or "").lower()))
    meaningful = [w for w in words if w not in STOP_WORDS]
    acronym = "".join(w[0] for w in meaningful)
    org = _organisation(domain)
    return (len(org) >= 4 and org in meaningful) or (len(acronym) >= 3 and org == acronym)


def assess(
    *,
    record: dict[str, Any],
    orcid: str | None,
    email: dict[str, Any] | None,
    verification_id: str | None,
) -> Assessment:
    """Points and reasons for a claim's evidence against the record (`claims/evidence` row)."""
    result = Assessment()
    if orcid is not None:
        given = normal_orcid(orcid)
        on_record = normal_orcid(record.get("orcid"))
        if given is None:
            result.reasons.append("orcid is not a valid ORCID iD")
        elif on_record is None:
            result.reasons.append("the record has no ORCID iD to compare with")
        elif given != on_record:
            result.reasons.append("the ORCID iD does not match the record's")
        else:
            result.points += ORCID_POINTS
            result.accepted.append({"kind": "orcid", "orcid": given, "points": ORCID_POINTS})
    if verification_id is not None:
        if email is None:
            result.reasons.append("no email verification of yours has this id")
        elif email.get("verifiedAt") is None:
            result.reasons.append("the email address has not been verified with its code yet")
        else:
            address = str(email["email"])
            domain = address.rsplit("@", 1)[-1]
            institutions = record.get("institutions") or []
            if domain in FREE_MAIL:
                result.reasons.append(f"{domain} is a public mail provider, not an institution")
            elif not any(domain_matches(domain, i) for i in institutions):
                result.reasons.append(f"{domain} does not belong to the record's institutions")
            else:
                result.points += EMAIL_POINTS
                result.accepted.append({"kind": "email", "email": address, "points": EMAIL_POINTS})
    if orcid is None and verification_id is None:
        result.reasons.append(
            "a claim needs evidence: a verified email at one of the record's institutions"
        )
    elif not result.enough and not result.reasons:
        result.reasons.append(
            "an ORCID iD is public, so it only adds to a verified email at one of the record's "
            "institutions"
        )
    return result
