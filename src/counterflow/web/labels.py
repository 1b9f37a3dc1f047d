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
}


def english(value: str) -> str:
    """The English label of a code value."""
    return _SPECIAL.get(value, value.replace("_", " ").capitalize())


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

LABELS: tuple[str, ...] = tuple(
    sorted({english(m.value) for enum in CODE_LISTS.values() for m in enum})
)
"""Every English label (extracted into the catalogue so that each gets a Khmer text)."""
