"""Keeping spam out of the anonymous tip form without JavaScript and without tracking.

The form must work on the cheapest phone with scripts off, and must not remember who
sent what. Three cheap checks together stop the bulk of automated abuse:

- **a signed form token** (:class:`FormTokens`): the page carries the time it was issued
  and a random nonce, signed with HMAC-SHA256 under a server secret. A submission earlier
  than :data:`MIN_AGE` after the form was served is a script (nobody types a tip in three
  seconds), one later than :data:`MAX_AGE` is stale, a forged or altered one fails the
  signature, and each nonce serves one tip (a reload does not send it twice). The token is
  also the form's CSRF defence: the visitor has no session to tie one to.
- **a honeypot field**: hidden from people by the stylesheet, filled in by form-stuffing
  robots (checked by the page).
- **a rate limit** (:class:`RateLimiter`): so many tips per client per hour, and a global
  cap. The client is known only by a keyed hash of its address, under a secret that
  rotates and is then forgotten, and only in this process's memory: the address itself is
  never kept, and once the secret is gone not even the hash can be linked back to it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

MIN_AGE = 3.0
"""Seconds: a tip sent sooner after the form was served is refused as automated."""
MAX_AGE = 2 * 3600.0
"""Seconds: a form older than this must be reloaded."""

Clock = Callable[[], float]


class TokenVerdict(StrEnum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"
    USED = "used"


@dataclass(frozen=True, slots=True)
class TokenCheck:
    verdict: TokenVerdict
    issued_at: float = 0.0

    @property
    def ok(self) -> bool:
        return self.verdict is TokenVerdict.OK


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class FormTokens:
    """Issue and check signed, single-use form tokens ``v1.<issued>.<nonce>.<mac>``."""

    def __init__(
        self,
        secret: bytes,
        *,
        min_age: float = MIN_AGE,
        max_age: float = MAX_AGE,
        clock: Clock = time.time,
    ) -> None:
        self._secret = secret
        self.min_age = min_age
        self.max_age = max_age
        self.clock = clock
        self._used: dict[str, float] = {}
        self._lock = threading.Lock()

    def _mac(self, issued: int, nonce: str) -> str:
        message = f"v1.{issued}.{nonce}".encode("ascii")
        return _b64(hmac.new(self._secret, message, hashlib.sha256).digest())

    def issue(self, *, issued_at: float | None = None) -> str:
        """A token for a form served now (or, re-serving a form, when it was first served)."""
        issued = int(self.clock() if issued_at is None else issued_at)
        nonce = _b64(secrets.token_bytes(12))
        return f"v1.{issued}.{nonce}.{self._mac(issued, nonce)}"

    def check(self, token: str, *, consume: bool = True) -> TokenCheck:
        """Verify ``token``; when valid and ``consume``, its nonce cannot serve again."""
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != "v1" or not parts[1].isdigit() or len(token) > 200:
            return TokenCheck(TokenVerdict.INVALID)
        issued, nonce, mac = int(parts[1]), parts[2], parts[3]
        if not hmac.compare_digest(mac, self._mac(issued, nonce)):
            return TokenCheck(TokenVerdict.INVALID)
        now = self.clock()
        age = now - issued
        if age < self.min_age:
            return TokenCheck(TokenVerdict.TOO_FAST, issued)
        if age > self.max_age:
            return TokenCheck(TokenVerdict.EXPIRED, issued)
        with self._lock:
            # Forget nonces whose tokens have expired anyway: the memory stays bounded.
            for old in [n for n, t in self._used.items() if now - t > self.max_age]:
                del self._used[old]
            if nonce in self._used:
                return TokenCheck(TokenVerdict.USED, issued)
            if consume:
                self._used[nonce] = issued
        return TokenCheck(TokenVerdict.OK, issued)


@dataclass
class _Generation:
    secret: bytes
    started: float
    hits: dict[str, deque[float]] = field(default_factory=dict)


class RateLimiter:
    """At most ``per_client`` submissions per client and ``overall`` in all per ``window``.

    Clients are bucketed by ``HMAC(secret, address)``. The secret rotates every ``window``:
    the previous generation is still counted (so a rotation never resets anybody's count),
    and the one before it is dropped with its secret.
    """

    def __init__(
        self,
        *,
        per_client: int,
        overall: int,
        window: float = 3600.0,
        clock: Clock = time.monotonic,
    ) -> None:
        self.per_client = per_client
        self.overall = overall
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        now = clock()
        self._current = _Generation(secrets.token_bytes(32), now)
        self._previous: _Generation | None = None
        self._all: deque[float] = deque()

    def _rotate(self, now: float) -> None:
        if now - self._current.started >= self.window:
            self._previous = self._current
            self._current = _Generation(secrets.token_bytes(32), now)

    @staticmethod
    def _key(generation: _Generation, address: str) -> str:
        return hmac.new(generation.secret, address.encode("utf-8"), hashlib.sha256).hexdigest()

    def _recent(self, generation: _Generation | None, address: str, now: float) -> int:
        if generation is None:
            return 0
        hits = generation.hits.get(self._key(generation, address))
        if not hits:
            return 0
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        return len(hits)

    def allow(self, address: str) -> bool:
        """Count one submission from ``address``; ``False`` if it is over a limit (an
        over-limit attempt is not counted, so waiting is enough to get through)."""
        with self._lock:
            now = self._clock()
            self._rotate(now)
            while self._all and now - self._all[0] >= self.window:
                self._all.popleft()
            used = self._recent(self._current, address, now) + self._recent(
                self._previous, address, now
            )
            if used >= self.per_client or len(self._all) >= self.overall:
                return False
            self._current.hits.setdefault(self._key(self._current, address), deque()).append(now)
            self._all.append(now)
            return True


@dataclass(frozen=True)
class TipGuard:
    """The form tokens and the rate limiter of one running platform process."""

    tokens: FormTokens
    limiter: RateLimiter

    @classmethod
    def create(cls, *, secret: bytes | None, per_client: int, overall: int) -> TipGuard:
        """``secret`` ``None``: a random one for this process (forms served by another
        process, or before a restart, then fail their check and are simply served again)."""
        return cls(
            FormTokens(secret or secrets.token_bytes(32)),
            RateLimiter(per_client=per_client, overall=overall),
        )
