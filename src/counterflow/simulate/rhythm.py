"""Day/night and weekly rhythms: when people and firms in Cambodia move money.

Transactions are not spread evenly in time. Retail payments peak at lunch and in the evening,
office payments (wires, ACH batches, cheques) follow business hours, cash follows branch and
ATM hours, and everything slows on Sundays. Cambodia keeps Indochina Time (UTC+7, no daylight
saving), so rhythms are defined on local hours and timestamps are stored in UTC.

The :class:`Clock` turns a profile (24 local-hour weights x 7 weekday weights) into a
piecewise-constant intensity over the hours of the window and samples from it exactly, also
inside arbitrary sub-intervals. Planted laundering draws its times from the same intensities
as legitimate activity, so "time of day" is not an artificial give-away: AMLworld's laundering
shares the background's timing too (Altman et al., NeurIPS 2023).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

LOCAL_OFFSET_S = 7 * 3600  # Asia/Phnom_Penh, UTC+7 all year
DAY_S = 86_400
_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

_H = np.array  # short alias for the tables below

# fmt: off
#: Local-hour weights (00..23) per activity profile.
HOUR_PROFILES: dict[str, F64] = {
    # card and KHQR purchases: breakfast, lunch and evening peaks, quiet after midnight
    "retail": _H([0.15, 0.08, 0.05, 0.04, 0.06, 0.3, 0.9, 1.5, 1.6, 1.4, 1.4, 1.8,
                  2.0, 1.6, 1.2, 1.2, 1.4, 1.7, 2.0, 2.1, 1.8, 1.2, 0.7, 0.35], dtype=np.float64),
    # person-to-person mobile transfers: daytime and evening
    "transfer": _H([0.2, 0.1, 0.07, 0.05, 0.08, 0.25, 0.6, 1.1, 1.4, 1.5, 1.5, 1.5,
                    1.5, 1.4, 1.4, 1.4, 1.4, 1.5, 1.6, 1.7, 1.6, 1.2, 0.8, 0.4], dtype=np.float64),
    # wires, ACH and cheques initiated by firms: office hours, some late online banking
    "business": _H([0.04, 0.02, 0.02, 0.02, 0.03, 0.08, 0.3, 1.0, 2.0, 2.4, 2.4, 2.1,
                    1.2, 1.8, 2.2, 2.2, 1.9, 1.2, 0.6, 0.4, 0.3, 0.2, 0.1, 0.06], dtype=np.float64),
    # branch counters 8-16h, ATMs and cash-deposit machines around the clock
    "cash": _H([0.12, 0.07, 0.05, 0.05, 0.06, 0.2, 0.6, 1.2, 1.8, 1.9, 1.9, 1.8,
                1.5, 1.6, 1.8, 1.7, 1.4, 1.2, 1.1, 1.0, 0.8, 0.6, 0.4, 0.2], dtype=np.float64),
}

#: Weekday weights, Monday..Sunday, per profile.
WEEKDAY_PROFILES: dict[str, F64] = {
    "retail": _H([1.0, 1.0, 1.0, 1.0, 1.1, 1.15, 0.85], dtype=np.float64),
    "transfer": _H([1.0, 1.0, 1.0, 1.0, 1.05, 0.85, 0.6], dtype=np.float64),
    "business": _H([1.05, 1.0, 1.0, 1.0, 1.0, 0.5, 0.15], dtype=np.float64),
    "cash": _H([1.1, 1.0, 1.0, 1.0, 1.1, 0.8, 0.45], dtype=np.float64),
}
# fmt: on


class Clock:
    """Seconds since the window start <-> local calendar, and sampling from rhythms.

    Internally a time is an int64 number of seconds since ``start`` (UTC); the window is
    ``[0, horizon)``. Local days are numbered from the local (UTC+7) date of ``start``.
    """

    def __init__(self, start: datetime, days: int) -> None:
        self.start = start
        self.days = days
        self.horizon = days * DAY_S
        self.start_epoch = int(start.timestamp())
        local0 = self.start_epoch + LOCAL_OFFSET_S
        self._into_day = local0 % DAY_S  # local seconds-of-day at t = 0
        self.first_local_date = (start + timedelta(seconds=LOCAL_OFFSET_S)).date()
        self.n_local_days = (self.horizon + self._into_day - 1) // DAY_S + 1
        self._cum: dict[str, F64] = {}
        self._rate: dict[str, F64] = {}

    # calendar -------------------------------------------------------------------------
    def local_day(self, t: I64) -> I64:
        """Local day index of each time."""
        return (t + self._into_day) // DAY_S

    def at_local(self, day: npt.ArrayLike, second_of_day: npt.ArrayLike) -> I64:
        """Time of a local day and local second-of-day (may fall outside the window)."""
        d = np.asarray(day, dtype=np.int64)
        return d * DAY_S + np.asarray(second_of_day, dtype=np.int64) - self._into_day

    def weekday(self, day: I64) -> I64:
        """Weekday (0 = Monday) of local day indices."""
        return (day + self.first_local_date.weekday()) % 7

    def day_of_month(self, day: int) -> int:
        """Day of month (1..31) of a local day index (negative: before the window)."""
        return (self.first_local_date + timedelta(days=day)).day

    def absolute_day(self, day: int) -> int:
        """Days since 1970-01-01 of a local day index (for fortnightly schedules)."""
        return self.first_local_date.toordinal() - _EPOCH_ORDINAL + day

    # rhythm -----------------------------------------------------------------------------
    def _intensity(self, profile: str) -> tuple[F64, F64]:
        if profile not in self._cum:
            hours = np.arange(self.horizon // 3600 + 1, dtype=np.int64)
            local = hours * 3600 + self._into_day
            hour_of_day = (local % DAY_S) // 3600
            weekday = self.weekday(local // DAY_S)
            rate = HOUR_PROFILES[profile][hour_of_day] * WEEKDAY_PROFILES[profile][weekday]
            cum = np.concatenate(([0.0], np.cumsum(rate)))
            self._rate[profile], self._cum[profile] = rate, cum
        return self._rate[profile], self._cum[profile]

    def _cdf(self, t: I64, profile: str) -> F64:
        rate, cum = self._intensity(profile)
        h = t // 3600
        return cum[h] + rate[h] * (t - h * 3600) / 3600.0

    def between(self, rng: np.random.Generator, lo: I64, hi: I64, profile: str) -> I64:
        """One time per pair, drawn from the rhythm restricted to ``[lo[i], hi[i])``.

        Bounds are clipped to the window; an empty interval returns ``lo``.
        """
        rate, cum = self._intensity(profile)
        lo = np.clip(lo, 0, self.horizon - 1)
        hi = np.clip(hi, lo + 1, self.horizon)
        u = self._cdf(lo, profile) + rng.random(len(lo)) * (
            self._cdf(hi, profile) - self._cdf(lo, profile)
        )
        h = np.clip(np.searchsorted(cum, u, side="right") - 1, 0, len(rate) - 1)
        t = h * 3600 + ((u - cum[h]) / rate[h] * 3600.0).astype(np.int64)
        return np.clip(t, lo, hi - 1)

    def sample(self, rng: np.random.Generator, n: int, profile: str) -> I64:
        """``n`` times over the whole window, following the profile's rhythm."""
        lo = np.zeros(n, dtype=np.int64)
        return self.between(rng, lo, np.full(n, self.horizon, dtype=np.int64), profile)

    def seconds_of_day(self, rng: np.random.Generator, n: int, profile: str) -> I64:
        """``n`` local seconds-of-day drawn from the profile's hour weights."""
        w = HOUR_PROFILES[profile]
        hour = rng.choice(24, size=n, p=w / w.sum())
        return hour * 3600 + rng.integers(0, 3600, size=n)
