"""Password hashing with argon2id and the password policy.

argon2id is OWASP's first choice for password storage (Password Storage Cheat Sheet); the
library's defaults (RFC 9106 "low memory" profile: t=3, m=64 MiB, p=4) are used and old
hashes are re-hashed on login when the parameters change. The policy follows NIST SP
800-63B section 5.1.1: length matters, composition rules do not; at least 12 characters.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256
"""Long enough for any passphrase, short enough that hashing cannot be used to tie up CPU."""

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salt and parameters encoded in the string)."""
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; never raises on a wrong password."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether ``stored_hash`` was made with other parameters than the current ones."""
    return _HASHER.check_needs_rehash(stored_hash)


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why ``password`` is refused, or ``None`` if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"at most {MAX_LENGTH} characters"
    if username and username.casefold() in password.casefold():
        return "must not contain the user name"
    return None
