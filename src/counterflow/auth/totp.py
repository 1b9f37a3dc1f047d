"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the optional second factor.

Six digits, 30-second steps, HMAC-SHA1: what every authenticator app reads from an
``otpauth://`` URI. A code is accepted one step either side of now, for clock drift.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
import time
from hashlib import sha1
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1


def new_secret() -> str:
    """A fresh 160-bit seed, base32 without padding (RFC 4226 recommends 160 bits)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226 section 5.3: dynamic truncation of HMAC-SHA1(key, counter)."""
    mac = hmac.new(key, struct.pack(">Q", counter), sha1).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def totp(secret: str, at: float | None = None) -> str:
    """The code for ``secret`` at time ``at`` (seconds since the epoch; now by default)."""
    now = time.time() if at is None else at
    return hotp(_key(secret), int(now // STEP_SECONDS))


def verify_totp(secret: str, code: str, at: float | None = None) -> bool:
    """Whether ``code`` is the code of ``secret`` now, or one step before or after."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return False
    now = time.time() if at is None else at
    step = int(now // STEP_SECONDS)
    key = _key(secret)
    return any(
        hmac.compare_digest(hotp(key, step + d), code) for d in range(-DRIFT_STEPS, DRIFT_STEPS + 1)
    )


def provisioning_uri(secret: str, *, username: str, issuer: str = "counterflow") -> str:
    """The ``otpauth://totp/...`` URI an authenticator app enrols from (Key Uri Format)."""
    label = quote(f"{issuer}:{username}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&digits={DIGITS}"
