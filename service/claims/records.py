"""Claims and their audit trail as the domain hands them out, and who may see what of them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from service.identity.accounts import User
from service.identity.clock import native


class Refusal(Enum):
    LOGIN = "log in to do this"
    MISSING = "no such record"
    NOT_OWNER = "only the record's owner can release it"
    NOT_ADMIN = "only admins review claims"
    OWN_CLAIM = "admins do not review their own claims"
    CLOSED = "this claim is already closed"
    NO_VOUCH = (
        "only a co-author who owns their own claimed record may vouch for another person's open "
        "claim"
    )
    HISTORY = "only the record's owner and admins see its claim history"


@dataclass(frozen=True)
class Evidence:
    kind: str  # orcid | email
    detail: str  # the iD or address, or "" when the viewer may not see it
    points: int


def evidence_of(text: str | None, visible: bool) -> list[Evidence]:
    items: list[dict[str, Any]] = json.loads(text) if text else []
    return [
        Evidence(
            i["kind"], str(i.get("orcid") or i.get("email") or "") if visible else "", i["points"]
        )
        for i in items
    ]


def sees_details(viewer: User | None, claimant_id: str) -> bool:
    """Evidence details (an email address, an iD) are for the claimant and admins only."""
    return viewer is not None and (viewer.is_admin or viewer.id == claimant_id)


@dataclass(frozen=True)
class Claim:
    id: str
    researcher_id: str
    claimant_id: str
    status: str  # active | disputed | released | rejected | superseded
    level: int
    strength: int
    reviewed: bool
    created_at: datetime
    evidence_text: str | None

    def evidence(self, viewer: User | None) -> list[Evidence]:
        return evidence_of(self.evidence_text, sees_details(viewer, self.claimant_id))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Claim:
        return cls(
            id=row["id"],
            researcher_id=row["researcherId"],
            claimant_id=row["userId"],
            status=row["status"],
            level=row["level"],
            strength=row["strength"],
            reviewed=bool(row.get("reviewed")),
            created_at=native(row["createdAt"]),
            evidence_text=row.get("evidence"),
        )


@dataclass(frozen=True)
class Event:
    id: str
    at: datetime
    actor_id: str
    action: str  # claim | release | vouch | review
    decision: str
    claim_id: str
    evidence: list[Evidence]
    note: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any], viewer: User) -> Event:
        return cls(
            id=row["id"],
            at=native(row["at"]),
            actor_id=row["actorId"],
            action=row["action"],
            decision=row["decision"],
            claim_id=row["claimId"],
            evidence=evidence_of(
                row.get("evidence"), sees_details(viewer, row.get("claimantId") or "")
            ),
            note=row.get("note"),
        )
