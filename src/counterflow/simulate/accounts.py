"""The account population: who exists, at which bank, how active, and who knows whom.

Real payment networks are scale-free: most accounts make a few payments a month while a few
(payment processors, utilities, big employers, popular merchants) touch thousands of
counterparties. AMLworld reproduces this with heavy-tailed entity activity (Altman et al.,
NeurIPS 2023); we do the same with lognormal activity (how often an account pays) and
Pareto popularity (how likely it is to be chosen as a payee), and give each account a small
fixed circle of contacts drawn by popularity, i.e. preferential attachment, so that people pay
the same few counterparties again and again.

Account kinds: individuals, merchants, companies (employers, suppliers and utilities) and a
few hub institutions (payment processors / wallet operators). Each of the ``n_banks`` banks
also has a cash pseudo-account ``CASH@<bank>``, the counterparty of cash deposits and
withdrawals. Bank market shares are Zipf-like (a few large banks dominate, as in Cambodia).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.simulate.codes import Kind

I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]
F64 = npt.NDArray[np.float64]

N_CONTACTS = 8
N_FAVOURITES = 6

# pay plans of employers (Cambodian Labour Law art. 113: workers are paid at least twice
# a month, other employees at least monthly)
NO_PAYROLL, MONTHLY, SEMIMONTHLY, FORTNIGHTLY = 0, 1, 2, 3


@dataclass(slots=True)
class Accounts:
    """Attributes of every account, as arrays indexed by dense account id.

    Ids ``0..n-1`` are real accounts; ``n + b`` is the cash pseudo-account of bank ``b``.
    """

    n: int
    kind: I8
    bank: npt.NDArray[np.int16]
    names: list[str]
    bank_names: list[str]
    khr_pref: F64
    activity: F64
    popularity: F64
    employer: I32
    wage: F64
    pay_plan: I8
    pay_day: npt.NDArray[np.int16]
    ticket: F64
    processor: I32
    contacts: I32
    favourites: I32
    utilities: I32

    def of_kind(self, kind: Kind) -> I32:
        """Indices of the real accounts of one kind."""
        return np.flatnonzero(self.kind[: self.n] == kind).astype(np.int32)

    def cash_account(self, bank: npt.ArrayLike) -> I32:
        """The cash pseudo-account of each bank."""
        return (self.n + np.asarray(bank)).astype(np.int32)

    def employers(self) -> I32:
        """Accounts that run a payroll."""
        return np.flatnonzero(self.pay_plan != NO_PAYROLL).astype(np.int32)

    def unemployed(self) -> I32:
        """Individuals who receive no salary in the background."""
        ind = self.kind[: self.n] == Kind.INDIVIDUAL
        return np.flatnonzero(ind & (self.employer < 0)).astype(np.int32)


def draw(rng: np.random.Generator, candidates: I32, weights: F64, size: int) -> I32:
    """``size`` draws from ``candidates`` with probability proportional to ``weights``."""
    cum = np.cumsum(weights[candidates])
    pick = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
    picked: I32 = candidates[np.minimum(pick, len(candidates) - 1)]
    return picked


def _names(rng: np.random.Generator, n: int) -> list[str]:
    # opaque 9-hex-digit ids like AMLworld's: nothing in an id reveals kind or bank
    ids = np.unique(rng.integers(0x100000000, 0xFFFFFFFFF, size=n + n // 8 + 16))
    ids = rng.permutation(ids)[:n]
    return [f"{x:09X}" for x in ids.tolist()]


def build_accounts(rng: np.random.Generator, n: int, n_banks: int, khr_share: float) -> Accounts:
    """Draw a population of ``n`` accounts spread over ``n_banks`` banks."""
    n_hubs = int(np.clip(n // 60_000, 2, 12))
    n_merchants = int(0.08 * n)
    n_companies = int(0.05 * n)
    kind = np.full(n + n_banks, Kind.INDIVIDUAL, dtype=np.int8)
    order = rng.permutation(n)
    kind[order[:n_hubs]] = Kind.HUB
    kind[order[n_hubs : n_hubs + n_merchants]] = Kind.MERCHANT
    kind[order[n_hubs + n_merchants : n_hubs + n_merchants + n_companies]] = Kind.COMPANY
    kind[n:] = Kind.CASH
    real = kind[:n]
    idx = {k: np.flatnonzero(real == k).astype(np.int32) for k in Kind if k != Kind.CASH}

    share = 1.0 / np.arange(1, n_banks + 1) ** 0.8
    bank = np.searchsorted(np.cumsum(share / share.sum()), rng.random(n + n_banks))
    bank = np.minimum(bank, n_banks - 1).astype(np.int16)
    bank[n:] = np.arange(n_banks, dtype=np.int16)

    # riel is used less for large sums (currency.choose_currency): lift preferences to match
    m = float(np.clip(khr_share * 1.14, 1e-3, 1 - 1e-3))
    khr_pref = rng.beta(2.0 * m, 2.0 * (1.0 - m), size=n)
    khr_pref[real == Kind.COMPANY] *= 0.5

    activity = rng.lognormal(0.0, 1.1, size=n)
    activity[real == Kind.COMPANY] *= rng.lognormal(0.5, 0.8, size=len(idx[Kind.COMPANY]))
    activity[real == Kind.HUB] *= 200.0
    popularity = rng.pareto(1.4, size=n) + 1.0
    popularity[real == Kind.MERCHANT] = rng.pareto(1.1, size=len(idx[Kind.MERCHANT])) + 1.0

    # payroll: employers with heavy-tailed headcount (a garment factory employs thousands)
    pay_plan = np.zeros(n, dtype=np.int8)
    is_er = ((real == Kind.COMPANY) & (rng.random(n) < 0.65)) | (
        (real == Kind.MERCHANT) & (rng.random(n) < 0.25)
    )
    plans = rng.choice([MONTHLY, SEMIMONTHLY, FORTNIGHTLY], p=[0.45, 0.35, 0.2], size=n)
    pay_plan[is_er] = plans[is_er]
    pay_day = np.where(
        pay_plan == MONTHLY,
        rng.integers(1, 29, n),
        np.where(pay_plan == SEMIMONTHLY, rng.integers(1, 14, n), rng.integers(0, 14, n)),
    ).astype(np.int16)
    headcount = np.where(real == Kind.COMPANY, rng.pareto(1.1, n) + 1.0, rng.random(n) + 0.2)
    employers = np.flatnonzero(is_er).astype(np.int32)
    employer = np.full(n, -1, dtype=np.int32)
    ind = idx[Kind.INDIVIDUAL]
    employed = ind[rng.random(len(ind)) < 0.5]
    if len(employers):
        employer[employed] = draw(rng, employers, headcount, len(employed))
        same_bank = employed[rng.random(len(employed)) < 0.6]
        bank[same_bank] = bank[employer[same_bank]]  # payroll accounts at the employer's bank
    level = rng.lognormal(np.log(300.0), 0.35, size=n)
    wage = np.where(employer >= 0, level[np.maximum(employer, 0)] * rng.lognormal(0, 0.3, n), 0)

    ticket = rng.lognormal(np.log(8.0), 0.9, size=n)
    hubs = idx[Kind.HUB]
    processor = np.where(
        (real == Kind.MERCHANT) & (rng.random(n) < 0.5), rng.choice(hubs, size=n), -1
    ).astype(np.int32)

    # preferential attachment: fixed circles of contacts / favourite shops
    contacts = draw(rng, ind, popularity, n * N_CONTACTS).reshape(n, N_CONTACTS)
    business = np.concatenate([idx[Kind.MERCHANT], idx[Kind.COMPANY]])
    contacts[business] = draw(rng, business, popularity, len(business) * N_CONTACTS).reshape(
        -1, N_CONTACTS
    )
    own = contacts == np.arange(n, dtype=np.int32)[:, None]
    contacts[own] = (contacts[own] + 1) % n
    favourites = draw(rng, idx[Kind.MERCHANT], popularity, n * N_FAVOURITES).reshape(
        n, N_FAVOURITES
    )
    comp = idx[Kind.COMPANY]
    utilities = np.sort(rng.choice(comp, size=max(3, len(comp) // 150), replace=False))

    bank_names = [f"B{b + 1:03d}" for b in range(n_banks)]
    names = _names(rng, n) + [f"CASH@{b}" for b in bank_names]
    return Accounts(
        n=n,
        kind=kind,
        bank=bank.astype(np.int16),
        names=names,
        bank_names=bank_names,
        khr_pref=khr_pref,
        activity=activity,
        popularity=popularity,
        employer=employer,
        wage=wage.astype(np.float64),
        pay_plan=pay_plan,
        pay_day=pay_day,
        ticket=ticket,
        processor=processor,
        contacts=contacts.astype(np.int32),
        favourites=favourites.astype(np.int32),
        utilities=utilities.astype(np.int32),
    )
