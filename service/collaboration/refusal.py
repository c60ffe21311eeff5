"""Why a collaboration step is refused; each reason's sentence is written here, once."""

from __future__ import annotations

from enum import Enum

from service.settings import AuthSettings


class Refusal(Enum):
    LOGIN = "log in to do this"
    MISSING = "no such record"
    NOT_OWNER = "only the record's owner sets its collaboration settings"
    UNCLAIMED = "Claim this author entity first to unlock direct invitations."
    CLOSED = "This researcher is not open to collaboration right now."
    SELF = "you own this record; you cannot invite yourself"
    BLOCKED = "this researcher does not accept invitations from you"
    PENDING = "you already have a pending invitation to this researcher"
    INVITATION_LIMIT = "too many invitations today"
    MESSAGE_LIMIT = "too many messages this hour"
    NOT_RECIPIENT = "only the invited researcher answers an invitation"
    ANSWERED = "this invitation was already answered"
    NOT_PARTICIPANT = "only its participants read or write in a conversation"

    def text(self, auth: AuthSettings) -> str:
        """The sentence to show; the rate limits name their number."""
        if self is Refusal.INVITATION_LIMIT:
            return f"at most {auth.invitations_per_day} invitations a day"
        if self is Refusal.MESSAGE_LIMIT:
            return f"at most {auth.messages_per_hour} messages an hour"
        return str(self.value)

    @property
    def retry_after_s(self) -> int:
        """How long a rate-limited client waits before trying again."""
        return {Refusal.INVITATION_LIMIT: 24 * 3600, Refusal.MESSAGE_LIMIT: 3600}.get(self, 0)


# The outcome words cypher/collaboration/send_invitation.cypher answers with, read here once.
INVITE_OUTCOMES = {
    "missing": Refusal.MISSING,
    "unclaimed": Refusal.UNCLAIMED,
    "self": Refusal.SELF,
    "blocked": Refusal.BLOCKED,
    "closed": Refusal.CLOSED,
    "pending": Refusal.PENDING,
    "limit": Refusal.INVITATION_LIMIT,
}
