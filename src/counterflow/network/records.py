"""Case persons as link records (names, birth date, identifiers, accounts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.cases import CaseAccount, Identifier, Person
from counterflow.links import LinkRecord, RecordSource
from counterflow.model.codes import IdentifierKind
from counterflow.model.network import NodeKind, node_id


def person_key(person_id: int) -> str:
    return node_id(NodeKind.PERSON, person_id)


def person_records(session: Session, persons: Iterable[Person]) -> list[LinkRecord]:
    """The link records of ``persons`` with their identifiers and the accounts they hold."""
    people = list(persons)
    ids = [p.id for p in people]
    idents: dict[int, dict[IdentifierKind, list[str]]] = defaultdict(lambda: defaultdict(list))
    accounts: dict[int, list[str]] = defaultdict(list)
    if ids:
        for ident in session.scalars(select(Identifier).where(Identifier.person_id.in_(ids))):
            assert ident.person_id is not None
            idents[ident.person_id][ident.kind].append(ident.shown)
        for acc in session.scalars(
            select(CaseAccount).where(CaseAccount.holder_person_id.in_(ids))
        ):
            assert acc.holder_person_id is not None
            accounts[acc.holder_person_id].append(acc.account)
    out = []
    for p in people:
        mine = idents[p.id]
        out.append(
            LinkRecord(
                key=person_key(p.id),
                source=RecordSource.CASE_PERSON,
                name=p.name_latin,
                name_khmer=p.name_khmer,
                date_of_birth=p.date_of_birth or "",
                nationality=p.nationality or "",
                phones=tuple(mine[IdentifierKind.PHONE]),
                documents=tuple(mine[IdentifierKind.ID_DOCUMENT]),
                emails=tuple(mine[IdentifierKind.EMAIL]),
                addresses=tuple(mine[IdentifierKind.ADDRESS]),
                accounts=tuple(dict.fromkeys([*accounts[p.id], *mine[IdentifierKind.ACCOUNT]])),
                case_id=p.case_id,
            )
        )
    return out


def all_person_records(session: Session) -> list[LinkRecord]:
    return person_records(session, session.scalars(select(Person).order_by(Person.id)))
