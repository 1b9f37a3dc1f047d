"""The tip form's spam guard: signed single-use form tokens with a minimum and maximum
age, and a rate limit that never keeps a client's address."""

from __future__ import annotations

from counterflow.tips import FormTokens, RateLimiter, TokenVerdict


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_token_is_good_between_three_seconds_and_two_hours() -> None:
    clock = Clock()
    tokens = FormTokens(b"k" * 32, clock=clock)
    token = tokens.issue()
    clock.now += 1
    assert tokens.check(token).verdict is TokenVerdict.TOO_FAST
    clock.now += 2 * 3600
    assert tokens.check(token).verdict is TokenVerdict.EXPIRED
    clock.now -= 3600
    assert tokens.check(token).verdict is TokenVerdict.OK


def test_a_token_serves_once() -> None:
    clock = Clock()
    tokens = FormTokens(b"k" * 32, clock=clock)
    token = tokens.issue(issued_at=clock.now - 10)
    assert tokens.check(token).ok
    assert tokens.check(token).verdict is TokenVerdict.USED
    # A token re-issued for a corrected form keeps the first time, with a new nonce.
    again = tokens.issue(issued_at=tokens.check(tokens.issue(issued_at=clock.now - 5)).issued_at)
    assert tokens.check(again).ok


def test_forged_altered_or_foreign_tokens_are_invalid() -> None:
    clock = Clock()
    tokens = FormTokens(b"k" * 32, clock=clock)
    good = tokens.issue(issued_at=clock.now - 60)
    version, issued, nonce, mac = good.split(".")
    for bad in (
        "",
        "garbage",
        f"{version}.{int(issued) - 3600}.{nonce}.{mac}",  # backdated
        f"{version}.{issued}.{nonce}x.{mac}",
        f"{version}.{issued}.{nonce}.{mac[:-2]}AA",
        FormTokens(b"other key" * 4, clock=clock).issue(issued_at=clock.now - 60),
        "v1.-5.a.b",
    ):
        assert tokens.check(bad).verdict is TokenVerdict.INVALID, bad
    assert tokens.check(good).ok


def test_rate_limit_per_client_and_overall_over_a_sliding_hour() -> None:
    clock = Clock()
    limiter = RateLimiter(per_client=3, overall=5, window=3600, clock=clock)
    assert [limiter.allow("198.51.100.7") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("198.51.100.8") and limiter.allow("198.51.100.8")
    assert not limiter.allow("198.51.100.9")  # the global cap of 5
    clock.now += 3601
    assert limiter.allow("198.51.100.7")


def test_the_count_survives_a_secret_rotation_and_no_address_is_kept() -> None:
    clock = Clock()
    limiter = RateLimiter(per_client=2, overall=100, window=3600, clock=clock)
    assert limiter.allow("203.0.113.77")
    clock.now += 3599
    assert limiter.allow("203.0.113.77")
    clock.now += 2  # the secret rotates; the first hit has aged out, the second has not
    assert limiter.allow("203.0.113.77")
    assert not limiter.allow("203.0.113.77")
    state = repr(vars(limiter)) + repr(vars(limiter._current)) + repr(vars(limiter._previous))
    assert "203.0.113.77" not in state


def test_rotation_keeps_counting_the_previous_secrets_hits() -> None:
    clock = Clock()
    limiter = RateLimiter(per_client=2, overall=100, window=3600, clock=clock)
    clock.now += 3000
    assert limiter.allow("a") and limiter.allow("a")
    clock.now += 700  # rotated: the two hits are 700 s old, under the previous secret
    assert not limiter.allow("a")
    clock.now += 3000  # now they are 3700 s old
    assert limiter.allow("a")
