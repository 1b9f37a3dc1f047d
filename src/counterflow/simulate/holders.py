"""KYC records of a simulated world: who holds each account, as the banks wrote it down.

Derived from a built world *after* its transactions, from its own random stream, so no
transaction changes. Names are common Khmer surnames and given names written in Khmer script
and romanised as Cambodian banks and ID cards commonly spell them (checked against the
platform's romaniser), plus Chinese and Vietnamese names for foreign nationals.

Red flags of FATF-APG (2018) are planted where the world planted trafficking flows: in each
``wage_sweep`` (wages credited to workers and swept within hours to one controller) the
workers' accounts carry the controller's phone and often his address, and the controller is
signatory on most of them: he opened the accounts and keeps the cards. Everything else is
noise a real KYC file has: Latin spellings that vary (``Sophea``/``Sophia``), typos, birth
dates known by year only, missing phones and documents, names in Khmer script only, and
people holding accounts at two banks recorded slightly differently (the duplicates entity
resolution must find).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl

from counterflow.ingest.holders import HolderKind, HolderRecord
from counterflow.simulate.codes import Kind
from counterflow.simulate.world import World

SURNAMES: tuple[tuple[str, str], ...] = (
    ("សុខ", "Sok"), ("ចាន់", "Chan"), ("កែវ", "Keo"), ("មាស", "Meas"), ("ហេង", "Heng"),
    ("លី", "Ly"), ("ទេព", "Tep"), ("ប្រាក់", "Prak"), ("អ៊ុក", "Ouk"), ("សំ", "Sam"),
    ("គឹម", "Kim"), ("ស៊ុន", "Sun"), ("ឈឹម", "Chhim"), ("យឹម", "Yim"), ("ពេជ្រ", "Pich"),
    ("ញឹម", "Nhim"), ("ខៀវ", "Khiev"), ("ងួន", "Nguon"), ("សេង", "Seng"), ("ជា", "Chea"),
)  # fmt: skip
GIVEN: tuple[tuple[str, str], ...] = (
    ("ដារា", "Dara"), ("សុភា", "Sophea"), ("វណ្ណា", "Vanna"), ("សុខា", "Sokha"),
    ("ចន្ធូ", "Chanthou"), ("ស្រីមុំ", "Sreymom"), ("ពិសី", "Pisey"), ("វិសាល", "Visal"),
    ("រតនា", "Ratana"), ("សុផល", "Sophal"), ("បុប្ផា", "Bopha"), ("ធារី", "Theary"),
    ("សុវណ្ណ", "Sovann"), ("មករា", "Makara"), ("រស្មី", "Reaksmey"), ("ស្រីនាង", "Sreyneang"),
    ("សំណាង", "Samnang"), ("ពៅ", "Pov"), ("សុជាតា", "Socheata"), ("វុទ្ធី", "Vuthy"),
    ("កុសល", "Kosal"), ("ស្រីល័ក្ខ", "Sreyleak"),
)  # fmt: skip
VARIANTS: dict[str, tuple[str, ...]] = {
    "Sok": ("Sokh", "Sauk"), "Chan": ("Chann",), "Keo": ("Kaev", "Kev"), "Meas": ("Mias",),
    "Heng": ("Heang",), "Ly": ("Lee", "Li"), "Ouk": ("Uk",), "Pich": ("Pech",),
    "Khiev": ("Khieu",), "Chea": ("Chia",), "Dara": ("Darah", "Dareth"),
    "Sophea": ("Sophia", "Sopheap"), "Vanna": ("Vana", "Vonna"), "Sokha": ("Sokhar", "Sukha"),
    "Chanthou": ("Chanthu", "Chantho"), "Pisey": ("Pisei",), "Ratana": ("Rattana", "Rathana"),
    "Sophal": ("Sophorl",), "Bopha": ("Bophar",), "Theary": ("Thiary", "Theari"),
    "Sovann": ("Sovan",), "Reaksmey": ("Raksmey", "Reaksmei"), "Socheata": ("Sochetra",),
    "Vuthy": ("Vuthi", "Vutthy"), "Sreyleak": ("Sreylak",),
}  # fmt: skip
"""Latin spellings of the same Khmer name seen on Cambodian documents."""
FOREIGN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CHN": (("Wang", "Li", "Zhang", "Liu", "Chen", "Yang"),
            ("Wei", "Fang", "Jun", "Lei", "Min", "Hao")),
    "VNM": (("Nguyen", "Tran", "Le", "Pham"), ("Van Nam", "Thi Lan", "Minh", "Thi Hoa", "Duc Anh")),
}  # fmt: skip
COMPANY_WORDS = (
    ("Golden", "Angkor", "Mekong", "Lucky", "Royal", "Asia", "Sunrise", "Jade"),
    ("Trading", "Investment", "Garment", "Construction", "Technology", "Import Export"),
)
STREETS = ("Street 271", "Street 2004", "Monivong Blvd", "Street 63", "Russian Blvd", "Street 598")
SANGKATS = (
    "Sangkat Toul Tompoung, Phnom Penh", "Sangkat Boeung Kak, Phnom Penh",
    "Sangkat Chbar Ampov, Phnom Penh", "Sangkat 4, Preah Sihanouk",
    "Sangkat Svay Dangkum, Siem Reap",
)  # fmt: skip
PHONE_PREFIXES = (
    "12",
    "15",
    "16",
    "17",
    "69",
    "70",
    "77",
    "78",
    "85",
    "89",
    "92",
    "96",
    "97",
    "99",
)
DUPLICATE_SHARE = 0.02
"""Share of individuals holding a second account at another bank."""


def _typo(rng: np.random.Generator, word: str) -> str:
    if len(word) < 4:
        return word
    i = int(rng.integers(1, len(word) - 1))
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _spell(rng: np.random.Generator, latin: str, noise: float) -> str:
    words = []
    for word in latin.split():
        if rng.random() < noise and word in VARIANTS:
            word = str(rng.choice(VARIANTS[word]))
        elif rng.random() < noise / 4:
            word = _typo(rng, word)
        words.append(word)
    return " ".join(words)


def _phone(rng: np.random.Generator) -> str:
    digits = "".join(str(d) for d in rng.integers(0, 10, 7 if rng.random() < 0.4 else 6))
    prefix = str(rng.choice(PHONE_PREFIXES))
    return (
        f"+855 {prefix} {digits}" if rng.random() < 0.3 else f"0{prefix} {digits[:3]} {digits[3:]}"
    )


def _address(rng: np.random.Generator) -> str:
    return f"No. {int(rng.integers(1, 400))}, {rng.choice(STREETS)}, {rng.choice(SANGKATS)}"


def _dob(rng: np.random.Generator, lo: int = 1955, hi: int = 2005) -> str:
    year = int(rng.integers(lo, hi))
    if rng.random() < 0.3:
        return str(year)
    return f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"


def _person(rng: np.random.Generator, account: str, bank: str, nationality: str) -> HolderRecord:
    if nationality in FOREIGN:
        surnames, givens = FOREIGN[nationality]
        name, khmer = f"{rng.choice(surnames)} {rng.choice(givens)}", ""
    else:
        s, g = SURNAMES[int(rng.integers(len(SURNAMES)))], GIVEN[int(rng.integers(len(GIVEN)))]
        name, khmer = _spell(rng, f"{s[1]} {g[1]}", 0.25), f"{s[0]} {g[0]}"
        if rng.random() < 0.5:
            khmer = ""
        elif rng.random() < 0.15:
            name = ""  # recorded in Khmer script only
    return HolderRecord(
        account=account,
        bank=bank,
        holder_kind=HolderKind.PERSON,
        name=name,
        name_khmer=khmer,
        date_of_birth=_dob(rng) if rng.random() < 0.9 else "",
        nationality=nationality if rng.random() < 0.95 else "",
        id_document=f"N{int(rng.integers(10**7, 10**8))}" if rng.random() < 0.6 else "",
        phone=_phone(rng) if rng.random() < 0.85 else "",
        email=f"user{int(rng.integers(10**5, 10**6))}@gmail.com" if rng.random() < 0.15 else "",
        address=_address(rng) if rng.random() < 0.7 else "",
    )


def _company(rng: np.random.Generator, account: str, bank: str) -> HolderRecord:
    a, b = COMPANY_WORDS
    return HolderRecord(
        account=account,
        bank=bank,
        holder_kind=HolderKind.COMPANY,
        name=f"{rng.choice(a)} {rng.choice(b)} Co., Ltd.",
        date_of_birth=str(int(rng.integers(1995, 2024))),
        nationality="KHM",
        id_document=f"CO-{int(rng.integers(10**5, 10**6))}",
        phone=_phone(rng) if rng.random() < 0.8 else "",
        address=_address(rng),
    )


def _second_account(rng: np.random.Generator, h: HolderRecord, other: HolderRecord) -> HolderRecord:
    """``h``'s identity on ``other``'s account, as another bank recorded it."""
    dob = h.date_of_birth[:4] if h.date_of_birth and rng.random() < 0.4 else h.date_of_birth
    phone = h.phone.replace("+855 ", "0").replace(" ", "") if rng.random() < 0.7 else other.phone
    return replace(
        h,
        account=other.account,
        bank=other.bank,
        name=_spell(rng, h.name, 0.5) if h.name else h.name,
        date_of_birth=dob,
        phone=phone,
        id_document=h.id_document if rng.random() < 0.5 else "",
        address=other.address,
    )


def wage_sweeps(transactions: pl.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(employer, controller, workers)`` of every planted ``wage_sweep``."""
    out = []
    sweeps = transactions.filter(pl.col("pattern") == "wage_sweep")
    for (_,), group in sweeps.group_by(["pattern_id"], maintain_order=True):
        src = set(group.get_column("src_account").to_list())
        dst = set(group.get_column("dst_account").to_list())
        employers, controllers = src - dst, dst - src
        workers = tuple(sorted(src & dst))
        if len(employers) == 1 and len(controllers) == 1 and workers:
            out.append((employers.pop(), controllers.pop(), workers))
    return out


def simulate_holders(world: World, *, seed: int | None = None) -> list[HolderRecord]:
    """One KYC record per real account of ``world`` (module docstring), in account order."""
    acc = world.scene.accounts
    rng = np.random.default_rng(np.random.SeedSequence([world.config.seed, 0x401D, seed or 0]))
    nationality = rng.choice(["KHM", "CHN", "VNM", "THA"], p=[0.9, 0.05, 0.04, 0.01], size=acc.n)
    records: dict[str, HolderRecord] = {}
    for i in range(acc.n):
        account, bank = acc.names[i], acc.bank_names[int(acc.bank[i])]
        if acc.kind[i] == Kind.INDIVIDUAL:
            records[account] = _person(rng, account, bank, str(nationality[i]))
        else:
            records[account] = _company(rng, account, bank)
    individuals = [a for a, r in records.items() if r.holder_kind is HolderKind.PERSON]
    pairs = rng.choice(
        len(individuals), size=(int(DUPLICATE_SHARE * len(individuals)), 2), replace=False
    )
    for a, b in pairs:
        first, second = records[individuals[a]], records[individuals[b]]
        records[second.account] = _second_account(rng, first, second)
    for _employer, controller, workers in wage_sweeps(world.transactions):
        boss = records[controller]
        if boss.holder_kind is not HolderKind.PERSON:
            continue
        boss_name = boss.name or boss.name_khmer
        for worker in workers:
            w = records[worker]
            records[worker] = replace(
                w,
                phone=boss.phone if boss.phone and rng.random() < 0.8 else w.phone,
                address=boss.address if boss.address and rng.random() < 0.6 else w.address,
                signatory=boss_name if rng.random() < 0.8 else "",
            )
    return list(records.values())
