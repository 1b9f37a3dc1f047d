"""A seeded history of trafficking cases, for the demo and for the statistics' tests.

Shaped on what the National Police and Gendarmerie's joint report of January 2023 tells:
269 human trafficking and sexual exploitation cases in the first nine months of 2021 and
122 in the same period of 2022 (:data:`JOINT_REPORT_2022`); online scam compounds run by
foreigners holding workers of their own nationality (Preah Sihanouk, the border towns);
sexual exploitation of Cambodian women and girls in karaoke bars and brothels; Cambodian
men in forced labour on Thai fishing boats and building sites, repatriated; forced
marriage abroad; children made to beg. The numbers of people per case, their sexes, ages
and nationalities and how far cases got in the courts are plausible draws, not published
figures: only the quarterly case counts are taken from the report, and some values are
left unknown on purpose, as in real records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

JOINT_REPORT_2022: dict[tuple[int, int], int] = {
    (2021, 1): 95,
    (2021, 2): 90,
    (2021, 3): 84,
    (2021, 4): 70,
    (2022, 1): 44,
    (2022, 2): 41,
    (2022, 3): 37,
    (2022, 4): 33,
}
"""Cases per (year, quarter): Q1-Q3 add up to the report's 269 (2021) and 122 (2022)."""


@dataclass(frozen=True)
class Profile:
    """A kind of case: where, what, who."""

    name: str
    category: str
    forms: tuple[str, ...]
    venue: str
    provinces: tuple[str, ...]
    cross_border: bool
    victims: tuple[int, int]
    victim_nationalities: tuple[str, ...]
    victim_female: float
    victim_ages: tuple[int, int]
    suspect_nationalities: tuple[str, ...]
    handed_to: tuple[str, ...]
    controls: tuple[str, ...]


PROFILES: tuple[tuple[Profile, float], ...] = (
    (
        Profile(
            "scam compound",
            "trafficking",
            ("forced_criminality",),
            "online_scam_compound",
            ("Preah Sihanouk", "Banteay Meanchey", "Koh Kong", "Svay Rieng", "Kandal"),
            True,
            (2, 8),
            ("CHN", "VNM", "IDN", "THA", "MYS", "CHN", "KHM"),
            0.3,
            (18, 35),
            ("CHN", "CHN", "MYS", "KHM"),
            ("repatriated", "repatriated", "ngo"),
            (
                "debt_bondage",
                "confiscation_of_documents",
                "restricted_movement",
                "threats",
                "physical_sexual_abuse",
            ),
        ),
        0.30,
    ),
    (
        Profile(
            "KTV",
            "sexual_exploitation",
            ("sexual_exploitation",),
            "karaoke_ktv",
            ("Phnom Penh", "Siem Reap", "Battambang", "Preah Sihanouk"),
            False,
            (1, 4),
            ("KHM", "KHM", "KHM", "VNM"),
            0.97,
            (14, 24),
            ("KHM", "KHM", "VNM"),
            ("ngo", "mosvy", "family"),
            ("debt_bondage", "takes_earnings", "threats"),
        ),
        0.30,
    ),
    (
        Profile(
            "fishing",
            "trafficking",
            ("forced_labour",),
            "fishing_vessel",
            ("Banteay Meanchey", "Battambang", "Prey Veng", "Oddar Meanchey"),
            True,
            (1, 5),
            ("KHM",),
            0.05,
            (16, 45),
            ("KHM", "THA"),
            ("repatriated", "family"),
            ("debt_bondage", "confiscation_of_documents", "isolation", "false_promises"),
        ),
        0.15,
    ),
    (
        Profile(
            "marriage",
            "trafficking",
            ("forced_marriage",),
            "private_household",
            ("Kampong Cham", "Prey Veng", "Tbong Khmum", "Svay Rieng"),
            True,
            (1, 2),
            ("KHM",),
            1.0,
            (16, 28),
            ("KHM", "CHN"),
            ("repatriated", "family", "mosvy"),
            ("false_promises", "restricted_movement", "isolation"),
        ),
        0.15,
    ),
    (
        Profile(
            "begging",
            "trafficking",
            ("begging",),
            "other",
            ("Phnom Penh", "Siem Reap"),
            False,
            (1, 3),
            ("KHM",),
            0.5,
            (6, 14),
            ("KHM",),
            ("mosvy", "family", "ngo"),
            ("takes_earnings", "threats", "withholding_necessities"),
        ),
        0.10,
    ),
)

_NAMES = {
    "KHM": ("Sokha", "Dara", "Sreypov", "Vannak", "Chenda", "Rathana", "Bopha", "Piseth"),
    "CHN": ("Wang Lei", "Li Na", "Zhang Wei", "Chen Jie", "Liu Yang"),
    "VNM": ("Nguyen Van An", "Tran Thi Mai", "Le Van Hung"),
    "THA": ("Somchai", "Malee", "Anong"),
}


@dataclass
class PersonDraw:
    name: str
    gender: str
    nationality: str | None
    age: int | None
    handed_to: str | None = None
    rescued: bool = False
    controls: list[str] = field(default_factory=list)
    arrested: bool = False
    charged: bool = False
    sent_to_court: bool = False
    convicted: bool = False
    public_official: bool = False


@dataclass
class CaseDraw:
    title: str
    reported_on: datetime
    lead: str
    profile: Profile
    province: str | None
    cross_border: bool | None
    stage: str
    """How far the case got: reported, investigating, sent_to_prosecution, in_court, closed."""
    victims: list[PersonDraw]
    suspects: list[PersonDraw]


def _stage(rng: random.Random, years_old: float) -> str:
    # Older cases got further through the courts.
    advance = min(0.9, 0.25 + 0.2 * years_old)
    stage = "reported"
    for nxt in ("investigating", "sent_to_prosecution", "in_court", "closed"):
        if rng.random() > (0.9 if stage == "reported" else advance):
            break
        stage = nxt
    return stage


def _person(
    rng: random.Random, nationality: str, female: float, ages: tuple[int, int]
) -> PersonDraw:
    gender = "female" if rng.random() < female else "male"
    known = rng.random() > 0.06  # a few records lack nationality or age
    age = rng.randint(*ages) if rng.random() > 0.08 else None
    pool = _NAMES.get(nationality, _NAMES["KHM"])
    return PersonDraw(rng.choice(pool), gender, nationality if known else None, age)


def draw_cases(
    counts: dict[tuple[int, int], int], *, seed: int = 2023, today: date | None = None
) -> list[CaseDraw]:
    """Cases reported in each (year, quarter) as ``counts`` says (module docstring)."""
    rng = random.Random(seed)
    today = today or datetime.now(UTC).date()
    profiles, weights = zip(*PROFILES, strict=True)
    cases: list[CaseDraw] = []
    for (year, quarter), n in sorted(counts.items()):
        start = date(year, 3 * quarter - 2, 1)
        days = (date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - start).days
        for _ in range(n):
            day = start + timedelta(days=rng.randrange(days))
            p: Profile = rng.choices(profiles, weights)[0]
            victims = [
                _person(rng, rng.choice(p.victim_nationalities), p.victim_female, p.victim_ages)
                for _ in range(rng.randint(*p.victims))
            ]
            for v in victims:
                v.rescued = rng.random() < 0.85
                v.handed_to = rng.choice(p.handed_to) if rng.random() < 0.9 else None
                v.controls = rng.sample(p.controls, k=rng.randint(0, min(3, len(p.controls))))
            stage = _stage(rng, (today - day).days / 365)
            suspects = []
            for _ in range(rng.randint(1, 3)):
                s = _person(rng, rng.choice(p.suspect_nationalities), 0.25, (22, 55))
                s.arrested = rng.random() < 0.75
                court = stage in ("sent_to_prosecution", "in_court", "closed") and s.arrested
                s.charged = court and rng.random() < 0.9
                s.sent_to_court = s.charged and stage in ("in_court", "closed")
                s.convicted = s.sent_to_court and stage == "closed" and rng.random() < 0.8
                s.public_official = rng.random() < 0.02
                suspects.append(s)
            cases.append(
                CaseDraw(
                    title=f"{p.name.capitalize()} case, {day:%B %Y}",
                    reported_on=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
                    lead="NP" if rng.random() < 0.62 else "GMP",
                    profile=p,
                    province=rng.choice(p.provinces) if rng.random() > 0.03 else None,
                    cross_border=p.cross_border if rng.random() > 0.05 else None,
                    stage=stage,
                    victims=victims,
                    suspects=suspects,
                )
            )
    return cases
