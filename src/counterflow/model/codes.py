"""Code lists of case work, declared once: every form, table, export and statistic derives
from these.

Sources: the Palermo Protocol (UN Protocol to Prevent, Suppress and Punish Trafficking in
Persons, 2000, Art. 3); the ILO's 11 indicators of forced labour (ILO, 2012); IOM's Human
Trafficking Case Data Standard (HTCDS 2.0) and the CTDC global dataset for forms of
exploitation and methods of control; the National Committee for Counter Trafficking's
reporting practice for categories, venues and where victims are handed. Values are stable
snake_case strings (they are stored in the database and exported); labels in English and
Khmer live in the web layer's catalogues.
"""

from __future__ import annotations

from enum import StrEnum


class AgencyKind(StrEnum):
    """What kind of body an agency is (DOMAIN.md, "Who uses it")."""

    POLICE = "police"
    GENDARMERIE = "gendarmerie"
    COORDINATION = "coordination"
    """The NCCT secretariat: coordination, national statistics, public awareness."""
    FIU = "fiu"
    PROSECUTION = "prosecution"
    OVERSIGHT = "oversight"
    SOCIAL = "social"
    """Victim care (MoSVY, NGOs, IOM): receives referrals."""


class Role(StrEnum):
    """A user's role inside their agency."""

    INVESTIGATOR = "investigator"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    AGENCY_ADMIN = "agency_admin"
    """Manages the users of one agency; sees no case content (separation of duties)."""
    AUDITOR = "auditor"
    """Oversight: read-only over everything, the audit trail included."""
    SYSTEM_ADMIN = "system_admin"
    """Manages agencies and users everywhere; sees no case content."""


class CaseCategory(StrEnum):
    """Case category. Trafficking is kept apart from sexual exploitation that is not
    trafficking: official series combine them ("human trafficking and sexual exploitation
    cases") and users need both."""

    TRAFFICKING = "trafficking"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    MONEY_LAUNDERING = "money_laundering"


class CaseStatus(StrEnum):
    """Where a case stands in the justice pipeline (in order)."""

    REPORTED = "reported"
    INVESTIGATING = "investigating"
    SENT_TO_PROSECUTION = "sent_to_prosecution"
    IN_COURT = "in_court"
    CLOSED = "closed"


class ExploitationForm(StrEnum):
    """Forms of exploitation (CTDC / HTCDS 2.0), with forced criminality for scam compounds."""

    SEXUAL_EXPLOITATION = "sexual_exploitation"
    FORCED_LABOUR = "forced_labour"
    FORCED_CRIMINALITY = "forced_criminality"
    FORCED_MARRIAGE = "forced_marriage"
    DOMESTIC_SERVITUDE = "domestic_servitude"
    BEGGING = "begging"
    ORGAN_REMOVAL = "organ_removal"
    OTHER = "other"


class Venue(StrEnum):
    """Where the exploitation took place (local values)."""

    ONLINE_SCAM_COMPOUND = "online_scam_compound"
    KARAOKE_KTV = "karaoke_ktv"
    BROTHEL = "brothel"
    MASSAGE_PARLOUR = "massage_parlour"
    BRICK_KILN = "brick_kiln"
    FISHING_VESSEL = "fishing_vessel"
    CASINO = "casino"
    CONSTRUCTION = "construction"
    AGRICULTURE = "agriculture"
    PRIVATE_HOUSEHOLD = "private_household"
    OTHER = "other"


class ControlMethod(StrEnum):
    """Methods of control (HTCDS 2.0)."""

    DEBT_BONDAGE = "debt_bondage"
    TAKES_EARNINGS = "takes_earnings"
    THREATS = "threats"
    PHYSICAL_SEXUAL_ABUSE = "physical_sexual_abuse"
    CONFISCATION_OF_DOCUMENTS = "confiscation_of_documents"
    RESTRICTED_MOVEMENT = "restricted_movement"
    ISOLATION = "isolation"
    FALSE_PROMISES = "false_promises"
    PSYCHOACTIVE_SUBSTANCES = "psychoactive_substances"
    WITHHOLDING_NECESSITIES = "withholding_necessities"
    THREATS_TO_FAMILY = "threats_to_family"


class PalermoAct(StrEnum):
    """The ACT element of trafficking (Palermo Protocol, Art. 3(a))."""

    RECRUITMENT = "recruitment"
    TRANSPORT = "transport"
    TRANSFER = "transfer"
    HARBOURING = "harbouring"
    RECEIPT = "receipt"


class PalermoMeans(StrEnum):
    """The MEANS element (Art. 3(a)); not needed for a child (Art. 3(c))."""

    FORCE = "force"
    THREAT = "threat"
    COERCION = "coercion"
    ABDUCTION = "abduction"
    FRAUD = "fraud"
    DECEPTION = "deception"
    ABUSE_OF_POWER = "abuse_of_power"
    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability"
    PAYMENTS_TO_CONTROLLER = "payments_to_controller"


class PalermoPurpose(StrEnum):
    """The PURPOSE element (Art. 3(a)), with forced criminality for scam compounds."""

    SEXUAL_EXPLOITATION = "sexual_exploitation"
    FORCED_LABOUR = "forced_labour"
    SLAVERY = "slavery"
    SERVITUDE = "servitude"
    ORGAN_REMOVAL = "organ_removal"
    FORCED_CRIMINALITY = "forced_criminality"


class IloIndicator(StrEnum):
    """The ILO's 11 indicators of forced labour (ILO Special Action Programme, 2012)."""

    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability"
    DECEPTION = "deception"
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement"
    ISOLATION = "isolation"
    PHYSICAL_SEXUAL_VIOLENCE = "physical_sexual_violence"
    INTIMIDATION_THREATS = "intimidation_threats"
    RETENTION_OF_DOCUMENTS = "retention_of_documents"
    WITHHOLDING_OF_WAGES = "withholding_of_wages"
    DEBT_BONDAGE = "debt_bondage"
    ABUSIVE_CONDITIONS = "abusive_conditions"
    EXCESSIVE_OVERTIME = "excessive_overtime"


class PersonRole(StrEnum):
    """A person's role in one case."""

    VICTIM = "victim"
    SUSPECT = "suspect"
    WITNESS = "witness"
    ACCOUNT_HOLDER = "account_holder"
    OTHER = "other"


class Gender(StrEnum):
    """Sex as recorded (HTCDS 2.0 ``gender``); unknown is a value, never a blank."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class HandedTo(StrEnum):
    """Where an identified victim was handed (the joint report's categories)."""

    FAMILY = "family"
    MOSVY = "mosvy"
    NGO = "ngo"
    REPATRIATED = "repatriated"
    OTHER = "other"


class IdentifierKind(StrEnum):
    """Identifiers that tie records together across cases (deconfliction, link analysis)."""

    PHONE = "phone"
    ID_DOCUMENT = "id_document"
    ACCOUNT = "account"
    EMAIL = "email"
    ADDRESS = "address"


class ShareScope(StrEnum):
    """What a sharing grants the receiving agency."""

    READ = "read"
    """See the case and its records."""
    CONTRIBUTE = "contribute"
    """See the case and add notes, persons, accounts and evidence."""


class AlertStatus(StrEnum):
    """Where an alert stands in triage."""

    NEW = "new"
    ASSIGNED = "assigned"
    DISMISSAL_PENDING = "dismissal_pending"
    """A high-score alert a user asked to dismiss: waits for a supervisor (four eyes)."""
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


class TipCategory(StrEnum):
    """What a member of the public says an anonymous tip is about (their own choice, so
    only as sure as they are; staff judge it in triage)."""

    TRAFFICKING = "trafficking"
    LAUNDERING = "laundering"
    OTHER = "other"


class TipStatus(StrEnum):
    """Where an anonymous tip stands in the NCCT secretariat's triage."""

    NEW = "new"
    REVIEWING = "reviewing"
    """Someone of the secretariat has taken it."""
    REFERRED = "referred"
    """Passed to one or more agencies (police, gendarmerie, FIU), who now see it too."""
    DISMISSED = "dismissed"


class HitDecision(StrEnum):
    """A reviewer's decision on a screening hit."""

    CONFIRMED = "confirmed"
    CLEARED = "cleared"


HOME_COUNTRY = "KHM"
"""ISO 3166-1 alpha-3 of Cambodia: a suspect of any other nationality is foreign."""


NATIONALITIES: dict[str, tuple[str, str]] = {
    "KHM": ("KH", "Cambodian"),
    "THA": ("TH", "Thai"),
    "VNM": ("VN", "Vietnamese"),
    "LAO": ("LA", "Lao"),
    "MMR": ("MM", "Myanmar"),
    "CHN": ("CN", "Chinese"),
    "TWN": ("TW", "Taiwanese"),
    "HKG": ("HK", "Hong Kong"),
    "MYS": ("MY", "Malaysian"),
    "IDN": ("ID", "Indonesian"),
    "PHL": ("PH", "Filipino"),
    "SGP": ("SG", "Singaporean"),
    "KOR": ("KR", "Korean"),
    "JPN": ("JP", "Japanese"),
    "IND": ("IN", "Indian"),
    "BGD": ("BD", "Bangladeshi"),
    "PAK": ("PK", "Pakistani"),
    "NPL": ("NP", "Nepali"),
    "LKA": ("LK", "Sri Lankan"),
    "UGA": ("UG", "Ugandan"),
    "KEN": ("KE", "Kenyan"),
    "RUS": ("RU", "Russian"),
    "USA": ("US", "American"),
    "GBR": ("GB", "British"),
    "AUS": ("AU", "Australian"),
}
"""Nationalities offered first in forms: ISO 3166-1 alpha-3 → (alpha-2, English name).
The region's source and destination countries of trafficking to and from Cambodia (UNODC
Global Report on Trafficking in Persons 2022, East Asia and the Pacific); any other
alpha-3 code is accepted too."""

PROVINCES: tuple[str, ...] = (
    "Banteay Meanchey",
    "Battambang",
    "Kampong Cham",
    "Kampong Chhnang",
    "Kampong Speu",
    "Kampong Thom",
    "Kampot",
    "Kandal",
    "Kep",
    "Koh Kong",
    "Kratie",
    "Mondulkiri",
    "Oddar Meanchey",
    "Pailin",
    "Phnom Penh",
    "Preah Sihanouk",
    "Preah Vihear",
    "Prey Veng",
    "Pursat",
    "Ratanakiri",
    "Siem Reap",
    "Stung Treng",
    "Svay Rieng",
    "Takeo",
    "Tbong Khmum",
)
"""Cambodia's capital and 24 provinces: the finest geography a case records (statistics
never go below it)."""
