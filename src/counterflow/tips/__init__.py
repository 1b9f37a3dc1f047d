"""Anonymous tips (L3): the public tells the authorities what it saw, untraced; the NCCT
secretariat triages and refers tips to the police, the gendarmerie or the FIU.

    tip = submit_tip(session, text="...", province="Preah Sihanouk", photo=raw, storage=dir)
    rows = tip_queue(session, actor=actor)
    refer_tip(session, actor=actor, tip_id=tip.id, agency_code="NP", note="compound named")

The spam guard of the public form (signed form tokens, rate limits without keeping
addresses) is :class:`TipGuard`; the photo cleaning is :func:`clean_photo`.
"""

from counterflow.tips.access import REFERRAL_KINDS, TipAccess, triages
from counterflow.tips.guard import (
    MAX_AGE,
    MIN_AGE,
    FormTokens,
    RateLimiter,
    TipGuard,
    TokenCheck,
    TokenVerdict,
)
from counterflow.tips.intake import CONTACT_MAX, TEXT_MAX, submit_tip, text_digest
from counterflow.tips.models import Tip, TipNote, TipReferral
from counterflow.tips.photo import MAX_BYTES as PHOTO_MAX_BYTES
from counterflow.tips.photo import MAX_PIXELS as PHOTO_MAX_PIXELS
from counterflow.tips.photo import CleanPhoto, clean_photo
from counterflow.tips.service import (
    Note,
    Referral,
    TipFile,
    TipPhoto,
    TipSummary,
    add_tip_note,
    dismiss_tip,
    get_tip,
    refer_tip,
    referral_agencies,
    take_tip,
    tip_photo,
    tip_queue,
)

__all__ = [
    "CONTACT_MAX",
    "MAX_AGE",
    "MIN_AGE",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_PIXELS",
    "REFERRAL_KINDS",
    "TEXT_MAX",
    "CleanPhoto",
    "FormTokens",
    "Note",
    "RateLimiter",
    "Referral",
    "Tip",
    "TipAccess",
    "TipFile",
    "TipGuard",
    "TipNote",
    "TipPhoto",
    "TipReferral",
    "TipSummary",
    "TokenCheck",
    "TokenVerdict",
    "add_tip_note",
    "clean_photo",
    "dismiss_tip",
    "get_tip",
    "refer_tip",
    "referral_agencies",
    "submit_tip",
    "take_tip",
    "text_digest",
    "tip_photo",
    "tip_queue",
    "triages",
]
