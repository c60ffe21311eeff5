"""Opaque random tokens; only their SHA-256 is stored, so a leaked database leaks no session."""

from __future__ import annotations

import hashlib
import secrets

MAX_TOKEN_LENGTH = 200


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    """A six-digit email verification code."""
    return f"{secrets.randbelow(10**6):06d}"


def code_hash(verification_id: str, code: str) -> str:
    # Bound to the verification, so one code's hash says nothing about another's.
    return hashlib.sha256(f"{verification_id}:{code.strip()}".encode()).hexdigest()


def new_id(prefix: str) -> str:
    return f"{prefix}:{secrets.token_hex(12)}"
