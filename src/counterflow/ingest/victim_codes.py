"""Source values of IOM's victim formats mapped to the platform's code values, declared once.

Two IOM formats carry historical victim records (:mod:`.ctdc`, :mod:`.htcds`). Each writes
sex, age, forms of exploitation and methods of control in its own words; the tables below
say, as data, which platform code (:mod:`counterflow.model.codes`) each source value means.
Every other module reads these tables and none holds a mapping of its own.

Matching is forgiving about *spelling* and strict about *meaning*: a value is compared
by :func:`spelling_key` (case, spaces, punctuation and accents ignored), so the HTCDS value
name ``ForcedLabour`` and its label ``Forced labour`` are the same entry; a value that is in
no table is an error for the closed lists (gender, exploitation, control, trafficking status)
and "unrecognised" for countries (see :func:`country_code`).

Sources:

- IOM Counter Trafficking Data Collaborative (CTDC), global victim-perpetrator synthetic
  dataset, December 2022 release: ``gender``, ``majorityStatus`` and the 0/1 flags
  ``isForcedLabour`` and ``isSexualExploit``.
- IOM Human Trafficking Case Data Standard 2.0 (HTCDS, github.com/UNMigration/HTCDS,
  CC BY 4.0): the picklists of ``HTCDS Field Standards 2.0.ods`` (value names and labels) and
  the methods-of-control names of ``Field Definitions.md``, which differ slightly from the
  picklist (``UsesChildren`` there, ``ThreatensChildrenFamily`` here); both are accepted.
- ISO 3166-1 for countries; country names in English and Khmer from the Unicode CLDR (through
  Babel), plus the spellings declared in :data:`COUNTRY_SPELLINGS`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Generic, TypeVar

from babel import Locale

from counterflow.model.codes import NATIONALITIES, ControlMethod, ExploitationForm, Gender

T = TypeVar("T")

C = ControlMethod
F = ExploitationForm


def spelling_key(text: str) -> str:
    """``text`` reduced to what tells values apart: letters and digits, case-folded, accents
    of Latin letters dropped, ``&`` read as "and" (``Bosnia & Herzegovina``). Marks of other
    scripts are kept (a Khmer vowel sign changes the word)."""
    folded = unicodedata.normalize("NFKD", text.replace("&", " and ")).casefold()
    kept: list[str] = []
    for char in folded:
        kind = unicodedata.category(char)[0]
        if kind in "LN" or (kind == "M" and kept and not kept[-1].isascii()):
            kept.append(char)
    return "".join(kept)


MISSING: frozenset[str] = frozenset({"", "null", "na", "n/a", "nan", "none", "unknown"})
"""Cell texts meaning "not recorded" (trimmed, case-folded): empty cells, and the markers
that statistics packages write for a missing value (``NULL``, ``NA``, ``nan``)."""


def is_missing(text: str) -> bool:
    """The cell records nothing (:data:`MISSING`)."""
    return text.strip().casefold() in MISSING


@dataclass(frozen=True)
class Picklist(Generic[T]):
    """A closed list of source values: canonical names (shown in errors) and their meaning,
    plus aliases (labels, older names, common spellings) that point at a canonical name."""

    values: Mapping[str, T]
    aliases: Mapping[str, str] = field(default_factory=dict)
    _index: dict[str, T] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, T] = {}
        spellings = [(name, name) for name in self.values] + list(self.aliases.items())
        for spelling, name in spellings:
            key = spelling_key(spelling)
            value = self.values[name]  # KeyError: an alias of an undeclared value
            if index.setdefault(key, value) != value:
                raise ValueError(f"{spelling!r} means two different values")
        object.__setattr__(self, "_index", index)

    def get(self, text: str) -> T | None:
        """The meaning of ``text``, or None when it is none of the list's spellings."""
        return self._index.get(spelling_key(text))

    @property
    def expected(self) -> str:
        """The canonical names, for an error message."""
        return ", ".join(self.values)


# --- CTDC ---------------------------------------------------------------------------------

CTDC_GENDER: Picklist[Gender] = Picklist(
    {
        "Female": Gender.FEMALE,
        "Male": Gender.MALE,
        "Trans/Transgender/NonConforming": Gender.OTHER,
        "Other": Gender.OTHER,
    },
    aliases={
        "Woman": "Female",
        "F": "Female",
        "Man": "Male",
        "M": "Male",
        "Transgender": "Trans/Transgender/NonConforming",
        "NonConforming": "Trans/Transgender/NonConforming",
        "Non-binary": "Trans/Transgender/NonConforming",
    },
)
"""CTDC ``gender`` (the global dataset writes ``Woman``/``Man``, the victim-perpetrator one
``Female``/``Male``). A missing value is :attr:`Gender.UNKNOWN`."""

CTDC_MAJORITY: Picklist[bool] = Picklist({"Adult": False, "Minor": True})
"""CTDC ``majorityStatus`` → ``is_minor`` (a minor is under 18; CTDC gives no exact age)."""

FLAG_VALUES: Mapping[str, bool] = {
    "1": True,
    "1.0": True,
    "true": True,
    "yes": True,
    "0": False,
    "0.0": False,
    "false": False,
    "no": False,
}
"""CTDC 0/1 flags, compared trimmed and case-folded (not by :func:`spelling_key`, which would
read ``1.0`` as ``10``). ``1.0``: pandas writes a 0/1 column that has blanks as floats."""

CTDC_FLAG_FORMS: tuple[tuple[str, ExploitationForm], ...] = (
    ("isForcedLabour", F.FORCED_LABOUR),
    ("isSexualExploit", F.SEXUAL_EXPLOITATION),
)
"""CTDC flag column → the form of exploitation it records when 1."""


# --- HTCDS 2.0 ----------------------------------------------------------------------------

HTCDS_GENDER: Picklist[Gender] = Picklist(
    {
        "Feminine": Gender.FEMALE,
        "Masculine": Gender.MALE,
        "TransgenderFeminine": Gender.OTHER,
        "TransgenderMasculine": Gender.OTHER,
        "NonConforming": Gender.OTHER,
        "NonSpecifiedUnknown": Gender.UNKNOWN,
    },
    aliases={
        "Not Specified/Unknown": "NonSpecifiedUnknown",
        "Female": "Feminine",
        "Woman": "Feminine",
        "F": "Feminine",
        "Male": "Masculine",
        "Man": "Masculine",
        "M": "Masculine",
    },
)
"""HTCDS ``prs_Gender``. The platform records sex as female, male, other or unknown, so the
two transgender values and non-conforming are ``other``."""

HTCDS_EXPLOITATION: Picklist[tuple[ExploitationForm, ...]] = Picklist(
    {
        "ForcedLabour": (F.FORCED_LABOUR,),
        "SexualExploitation": (F.SEXUAL_EXPLOITATION,),
        "ChildLabour": (F.FORCED_LABOUR,),
        "ForcedMarriage": (F.FORCED_MARRIAGE,),
        "Servitude": (F.DOMESTIC_SERVITUDE,),
        "ForcedMilitaryByNonStateActors": (F.OTHER,),
        "OrganRemoval": (F.ORGAN_REMOVAL,),
        "ForcedBegging": (F.BEGGING,),
        "ForcedAdoption": (F.OTHER,),
        "Surrogacy": (F.OTHER,),
        "Other": (F.OTHER,),
        "ForcedCriminality": (F.FORCED_CRIMINALITY,),
    },
    aliases={
        "Forced labor": "ForcedLabour",
        "Child labor": "ChildLabour",
        "Begging": "ForcedBegging",
    },
)
"""HTCDS ``vic_TypeOfExploitation`` (multi-select). Decisions:

- ``ChildLabour`` → forced labour: a child cannot consent (Palermo Protocol, Art. 3(c)), so
  exploiting a trafficked child's labour is counted with forced labour, as CTDC does with
  ``isForcedLabour``.
- ``Servitude`` → domestic servitude: HTCDS 2.0 has one servitude value and the platform one
  servitude code.
- Forced military service, forced adoption and surrogacy have no platform code → other.
- ``ForcedCriminality`` is *not* an HTCDS 2.0 value: it is the local extension for victims
  forced to work in online scam compounds, accepted because the platform's code list has it.
"""

HTCDS_CONTROL: Picklist[tuple[ControlMethod, ...]] = Picklist(
    {
        "PhysicalThreats": (C.THREATS,),
        "ThreatsLawEnforcement": (C.THREATS,),
        "ThreatensChildrenFamily": (C.THREATS_TO_FAMILY,),
        "DebtBondage": (C.DEBT_BONDAGE,),
        "FalsePromises": (C.FALSE_PROMISES,),
        "PhysicalAbuse": (C.PHYSICAL_SEXUAL_ABUSE,),
        "SexualAbuse": (C.PHYSICAL_SEXUAL_ABUSE,),
        "TakesEarnings": (C.TAKES_EARNINGS,),
        "RestrictsFinancialAccess": (C.TAKES_EARNINGS,),
        "RestrictsMedicalCare": (C.WITHHOLDING_NECESSITIES,),
        "WithholdsNecessities": (C.WITHHOLDING_NECESSITIES,),
        "PsychologicalAbuse": (),
        "PsychoactiveSubstance": (C.PSYCHOACTIVE_SUBSTANCES,),
        "ExcessiveWorkingHours": (),
        "WithholdsDocuments": (C.CONFISCATION_OF_DOCUMENTS,),
        "RestrictsMovement": (C.RESTRICTED_MOVEMENT,),
        "Other": (),
    },
    aliases={
        # Labels of the picklist that do not spell the value name.
        "Threats of law enforcement": "ThreatsLawEnforcement",
        # Names in Field Definitions.md (with or without the MethodsOfControl prefix).
        **{
            prefix + name: value
            for name, value in {
                "Threats": "PhysicalThreats",
                "ThreatOfLawEnforcement": "ThreatsLawEnforcement",
                "UsesChildren": "ThreatensChildrenFamily",
                "PsychoactiveSubstances": "PsychoactiveSubstance",
                "DebtBondage": "DebtBondage",
                "TakesEarnings": "TakesEarnings",
                "RestrictsFinancialAccess": "RestrictsFinancialAccess",
                "PsychologicalAbuse": "PsychologicalAbuse",
                "PhysicalAbuse": "PhysicalAbuse",
                "SexualAbuse": "SexualAbuse",
                "FalsePromises": "FalsePromises",
                "RestrictsMedicalCare": "RestrictsMedicalCare",
                "ExcessiveWorkingHours": "ExcessiveWorkingHours",
                "WithholdsNecessities": "WithholdsNecessities",
                "WithholdsDocuments": "WithholdsDocuments",
                "Other": "Other",
            }.items()
            for prefix in ("", "MethodsOfControl")
        },
        "MethodsOfControlRestrictsMovement": "RestrictsMovement",
    },
)
"""HTCDS ``vic_MethodsOfControl`` (multi-select) → the platform's methods of control.

HTCDS distinguishes more methods than the platform: threats of any kind (physical, of
reporting to the police or immigration) are ``threats``; physical and sexual abuse are one
code; restricting financial access is grouped with taking earnings (both control the
victim's money); restricting medical care with withholding necessities. Psychological
abuse, excessive working hours and "other" are valid HTCDS values with no platform code:
they are accepted and add no code. ``RestrictsMovement`` comes from Field Definitions.md
(the picklist lacks it); it includes isolation, but maps to restricted movement only, so
that one answer is never counted twice."""


class TraffickingStatus(StrEnum):
    """HTCDS ``vic_TraffickingStatus``: whether the person was trafficked (value names)."""

    ACTUAL = "ActualVictimOfTrafficking"
    """Determined to be a victim of trafficking."""
    POSSIBLE = "PossibleVictimOfTrafficking"
    """Indicators of trafficking, not (yet) verified."""
    NOT_A_VICTIM = "NotAVictimOfTrafficking"


HTCDS_TRAFFICKING_STATUS: Picklist[TraffickingStatus] = Picklist(
    {status.value: status for status in TraffickingStatus}
)
"""The labels (``Actual victim of trafficking`` ...) spell the value names, so no aliases."""


# --- Countries ----------------------------------------------------------------------------

ISO_3166: str = """
    AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT
    AU:AUS AW:ABW AX:ALA AZ:AZE BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI
    BJ:BEN BL:BLM BM:BMU BN:BRN BO:BOL BQ:BES BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR
    BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN
    CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE DE:DEU DJ:DJI DK:DNK DM:DMA
    DO:DOM DZ:DZA EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN FJ:FJI FK:FLK
    FM:FSM FO:FRO FR:FRA GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL
    GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD
    HN:HND HR:HRV HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN
    IS:ISL IT:ITA JE:JEY JM:JAM JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA
    KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO
    LT:LTU LU:LUX LV:LVA LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD
    ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ MR:MRT MS:MSR MT:MLT MU:MUS MV:MDV MW:MWI
    MX:MEX MY:MYS MZ:MOZ NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL
    NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM
    PN:PCN PR:PRI PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA
    SA:SAU SB:SLB SC:SYC SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR
    SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF
    TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON TR:TUR TT:TTO TV:TUV TW:TWN
    TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR
    VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE
"""
"""The 249 ISO 3166-1 countries as ``alpha-2:alpha-3`` (HTCDS asks for ISO 3166 codes)."""

ALPHA3_OF: Mapping[str, str] = {pair[:2]: pair[3:] for pair in ISO_3166.split()}
"""ISO alpha-2 → alpha-3."""

ALPHA3: frozenset[str] = frozenset(ALPHA3_OF.values())

COUNTRY_SPELLINGS: Mapping[str, str] = {
    # Cambodia and its neighbours, as Cambodian case files write them.
    "Kampuchea": "KHM",
    "Khmer": "KHM",
    "ខ្មែរ": "KHM",
    "Viet Nam": "VNM",
    "Lao PDR": "LAO",
    "Lao People's Democratic Republic": "LAO",
    "Laotian": "LAO",
    "Burma": "MMR",
    "Burmese": "MMR",
    "Filipina": "PHL",
    "Nepalese": "NPL",
    "Brunei Darussalam": "BRN",
    "East Timor": "TLS",
    # China and Korea in their official and UN forms.
    "People's Republic of China": "CHN",
    "PRC": "CHN",
    "Taiwan, Province of China": "TWN",
    "Hong Kong SAR": "HKG",
    "Macao": "MAC",
    "Macau": "MAC",
    "Republic of Korea": "KOR",
    "Korea, Republic of": "KOR",
    "Democratic People's Republic of Korea": "PRK",
    "Korea, Democratic People's Republic of": "PRK",
    # UN and older names elsewhere.
    "Russian Federation": "RUS",
    "United States of America": "USA",
    "UK": "GBR",
    "Great Britain": "GBR",
    "Iran, Islamic Republic of": "IRN",
    "Iran (Islamic Republic of)": "IRN",
    "Syrian Arab Republic": "SYR",
    "Turkey": "TUR",
    "Czech Republic": "CZE",
    "Ivory Coast": "CIV",
    "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD",
    "Republic of the Congo": "COG",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Cabo Verde": "CPV",
    "Holy See": "VAT",
    "Republic of Moldova": "MDA",
    "Moldova, Republic of": "MDA",
    "United Republic of Tanzania": "TZA",
    "Tanzania, United Republic of": "TZA",
    "Bolivia (Plurinational State of)": "BOL",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Micronesia (Federated States of)": "FSM",
    "State of Palestine": "PSE",
    "Palestine": "PSE",
}
"""Country spellings beyond the CLDR names: official and UN forms, older names, and the words
Cambodian files use. They take precedence over every derived name."""

CLDR_LOCALES: tuple[str, ...] = ("en", "km")
"""Languages whose CLDR country names are accepted: English and Khmer."""


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        names.setdefault(spelling_key(name), code)  # the first declaration wins

    for name, code in COUNTRY_SPELLINGS.items():
        add(name, code)
    for code, (_alpha2, adjective) in NATIONALITIES.items():
        add(adjective, code)
    for locale in CLDR_LOCALES:
        territories = Locale.parse(locale).territories
        for alpha2, code in ALPHA3_OF.items():
            territory: str | None = territories.get(alpha2)
            if territory:
                add(territory, code)
                add(territory.split("(")[0], code)  # "Myanmar (Burma)" is also "Myanmar"
                if territory.startswith("St. "):
                    add("Saint " + territory[4:], code)  # CLDR abbreviates "Saint"
    return names


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 of one country written as an alpha-2 or alpha-3 code, an English
    or Khmer name, or a spelling of :data:`COUNTRY_SPELLINGS`; None when unrecognised."""
    raw = text.strip()
    upper = raw.upper()
    if len(raw) == 2 and upper in ALPHA3_OF:
        return ALPHA3_OF[upper]
    if len(raw) == 3 and upper in ALPHA3:
        return upper
    return _country_names().get(spelling_key(raw))
