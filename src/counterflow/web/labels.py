"""Human labels for code values, in the interface language.

Code values (``forced_criminality``) are stored and exported as they are; pages show
``label(value)``, which looks the English label up in :data:`LABELS` and translates it.
"""

from __future__ import annotations

from enum import StrEnum

from counterflow.cases import Relation
from counterflow.model import codes

_SPECIAL: dict[str, str] = {
    "karaoke_ktv": "Karaoke / KTV",
    "mosvy": "MoSVY",
    "ngo": "NGO",
    "id_document": "Identity document",
    "sent_to_prosecution": "Sent to prosecution",
    "physical_sexual_abuse": "Physical or sexual abuse",
    "physical_sexual_violence": "Physical and sexual violence",
    "intimidation_threats": "Intimidation and threats",
    "abusive_conditions": "Abusive working and living conditions",
    "retention_of_documents": "Retention of identity documents",
    "forced_criminality": "Forced criminality (online scam)",
    "payments_to_controller": "Payments to a person in control",
    "abuse_of_vulnerability": "Abuse of a position of vulnerability",
    "dismissal_pending": "Dismissal awaiting approval",
    "lead": "Lead agency",
    "oversight": "Oversight (read-only)",
    "none": "No access",
    "previous-year": "Same period a year before",
    "previous-period": "The period before",
    "str": "Suspicious transaction reports (STR)",
    "ctr": "Cash transaction reports (CTR)",
    "other_asean": "Other ASEAN",
    "tip_cases": "Cases",
    "suspects_to_court": "Suspects sent to court",
    "freezes": "Asset freezes",
    "none_recorded": "No stage recorded",
    "same_foreign_nationality": "Foreign suspects exploiting their own nationals",
}


def english(value: str) -> str:
    """The English label of a code value (``forced_labour`` → ``Forced labour``). Values
    that are not snake_case codes (agency codes such as ``NP``, province names such as
    ``Phnom Penh``) are already labels and stay as they are."""
    if value in _SPECIAL:
        return _SPECIAL[value]
    if value != value.lower():
        return value
    return value.replace("_", " ").capitalize()


CODE_LISTS: dict[str, type[StrEnum]] = {
    "category": codes.CaseCategory,
    "status": codes.CaseStatus,
    "exploitation_form": codes.ExploitationForm,
    "venue": codes.Venue,
    "control_method": codes.ControlMethod,
    "palermo_act": codes.PalermoAct,
    "palermo_means": codes.PalermoMeans,
    "palermo_purpose": codes.PalermoPurpose,
    "ilo_indicator": codes.IloIndicator,
    "person_role": codes.PersonRole,
    "gender": codes.Gender,
    "handed_to": codes.HandedTo,
    "identifier_kind": codes.IdentifierKind,
    "share_scope": codes.ShareScope,
    "alert_status": codes.AlertStatus,
    "tip_status": codes.TipStatus,
    "tip_category": codes.TipCategory,
    "role": codes.Role,
    "relation": Relation,
}
"""Every code list a form offers, by the name templates use."""


def statistics_messages() -> set[str]:
    """The words of the joint report that the statistics package holds as data: table
    titles, definitions, denominator rules, dimension names and every row value's label
    (read off an empty report, so a new table or value is picked up by itself)."""
    from datetime import date

    from counterflow.stats.joint import joint_report
    from counterflow.stats.periods import COMPARISONS
    from counterflow.stats.table import Period

    day = Period(date(2000, 1, 1), date(2000, 1, 1))
    messages: set[str] = {english(c) for c in COMPARISONS}
    for t in joint_report(cases=[], persons=[], periods=[day]).tables:
        messages |= {t.title, english(t.population)} | {english(d) for d in t.dimensions}
        messages |= {m for m in (t.definition, t.denominator_rule) if m}
        if "month" not in t.dimensions:
            messages |= {english(v) for row in t.rows for v in row.key}
    return messages


LABELS: tuple[str, ...] = tuple(
    sorted({english(m.value) for enum in CODE_LISTS.values() for m in enum} | statistics_messages())
)
"""Every English label (extracted into the catalogue so that each gets a Khmer text)."""
