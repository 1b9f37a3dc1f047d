"""The network part of the platform demo: the banks' KYC file of the demo world, and a case
person who is one of its account holders, written the way an investigator heard the name.

``counterflow demo`` writes ``holders.csv`` next to the transactions; it plants a
``wage_sweep`` whose controller is signatory on the workers' accounts. The FIU's laundering
case ("Funnel accounts receiving wages of foreign workers") gets that controller as a
suspect, his name spelled with a common variant (``Sophea`` → ``Sophia``) or in the other
word order, his birth date, phone and ID card number as written on a form, and his account. Entity
resolution then finds the case person and the bank's holder as a candidate pair, with the
weights that explain it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.cases import AccountIn, Case, Person, PersonIn, add_person, link_account
from counterflow.links import SharedKind, latin_key, normalise
from counterflow.model.actor import Actor
from counterflow.network import AccountHolder, import_holders, resolve_duplicates
from counterflow.simulate.holders import VARIANTS

LAUNDERING_TITLE = "Funnel accounts receiving wages of foreign workers"
NOTE = "Named by workers as the man who keeps their bank cards (demo: KYC of the FIU file)."


def _variant(name: str) -> str:
    """The name as an investigator might write it: a common spelling variant of one word,
    else the words in the other order."""
    words = name.split()
    for i, word in enumerate(words):
        if word in VARIANTS:
            return " ".join([*words[:i], VARIANTS[word][0], *words[i + 1 :]])
    return " ".join(reversed(words))


def _controller(session: Session) -> AccountHolder | None:
    """The holder who signs for the most accounts of others (the planted controller)."""
    signed = Counter(
        normalise(SharedKind.SIGNATORY, s)
        for s in session.scalars(
            select(AccountHolder.signatory).where(AccountHolder.signatory != "")
        )
    )
    if not signed:
        return None
    name, _ = signed.most_common(1)[0]
    for row in session.scalars(select(AccountHolder).order_by(AccountHolder.id)):
        for written in (row.name, row.name_khmer):
            if written and normalise(SharedKind.SIGNATORY, written) == name:
                return row
    return None


def seed_network(session: Session, actors: dict[str, Actor], holders: Path) -> int:
    """Import the demo KYC file once, add its controller to the FIU case, resolve
    duplicates; returns the number of new duplicate candidates (0 without the file)."""
    if not holders.exists():
        return 0
    if session.scalar(select(AccountHolder.id).limit(1)) is None:
        import_holders(session, actor=None, path=holders)
    case = session.scalars(select(Case).where(Case.title == LAUNDERING_TITLE)).first()
    boss = _controller(session)
    if case is not None and boss is not None:
        known = session.scalar(
            select(Person.id).where(Person.case_id == case.id, Person.notes == NOTE)
        )
        if known is None:
            chenda = actors["chenda"]
            name = boss.name or latin_key(boss.name_khmer).title()
            person = add_person(
                session,
                actor=chenda,
                case_id=case.id,
                screener=None,
                data=PersonIn.model_validate(
                    {
                        "role": "suspect",
                        "name_latin": _variant(name),
                        "nationality": boss.nationality or None,
                        "date_of_birth": boss.date_of_birth or None,
                        "gender": "male",
                        "phones": [boss.phone] if boss.phone else [],
                        "documents": [boss.id_document] if boss.id_document else [],
                        "notes": NOTE,
                    }
                ),
            )
            link_account(
                session,
                actor=chenda,
                case_id=case.id,
                data=AccountIn(
                    account=boss.account,
                    bank=boss.bank,
                    holder_person_id=person.id,
                    note="signatory on the workers' accounts (bank KYC)",
                ),
            )
    return resolve_duplicates(session, actor=None)
