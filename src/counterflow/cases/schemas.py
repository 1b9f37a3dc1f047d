"""What the case services accept: Pydantic models, one per form or API body.

The same models validate a browser form and a JSON body; :func:`parse` turns Pydantic's
errors into :class:`InvalidFieldsError` with one message per field, which a page shows next to
the field and the API returns as 422.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from counterflow.model.codes import (
    PROVINCES,
    CaseCategory,
    ControlMethod,
    ExploitationForm,
    Gender,
    HandedTo,
    IdentifierKind,
    IloIndicator,
    PalermoAct,
    PalermoMeans,
    PalermoPurpose,
    PersonRole,
    ShareScope,
    Venue,
)
from counterflow.model.errors import InvalidFieldsError

M = TypeVar("M", bound=BaseModel)
_DOB = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CaseIn(_In):
    """A new case, or the editable fields of one."""

    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(default="", max_length=20_000)
    category: CaseCategory
    exploitation_forms: list[ExploitationForm] = Field(default_factory=list)
    venue: Venue | None = None
    province: str | None = None
    cross_border: bool | None = None
    reported_on: datetime | None = None

    @field_validator("province")
    @classmethod
    def _province(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if value not in PROVINCES:
            raise ValueError("one of Cambodia's 25 provinces (capital included)")
        return value

    @field_validator("exploitation_forms")
    @classmethod
    def _unique(cls, value: list[ExploitationForm]) -> list[ExploitationForm]:
        return sorted(set(value))


class IdentifierIn(_In):
    kind: IdentifierKind
    value: str = Field(min_length=1, max_length=200)


class PersonIn(_In):
    """A person added to a case; a name in at least one script is required."""

    role: PersonRole
    name_latin: str = Field(default="", max_length=200)
    name_khmer: str = Field(default="", max_length=200)
    aliases: list[str] = Field(default_factory=list, max_length=20)
    nationality: str | None = None
    date_of_birth: str | None = None
    estimated_age: int | None = Field(default=None, ge=0, le=120)
    gender: Gender = Gender.UNKNOWN
    notes: str = Field(default="", max_length=20_000)
    phones: list[str] = Field(default_factory=list, max_length=20)
    documents: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("nationality")
    @classmethod
    def _nationality(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        code = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError("ISO 3166-1 alpha-3 code, such as KHM, THA or CHN")
        return code

    @field_validator("date_of_birth")
    @classmethod
    def _dob(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not _DOB.match(value):
            raise ValueError("YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("aliases", "phones", "documents")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        return [v.strip() for v in value if v.strip()]


class VictimIn(_In):
    """The victim context: Palermo checklist, ILO indicators, control, care."""

    palermo_acts: list[PalermoAct] = Field(default_factory=list)
    palermo_means: list[PalermoMeans] = Field(default_factory=list)
    palermo_purposes: list[PalermoPurpose] = Field(default_factory=list)
    ilo_indicators: list[IloIndicator] = Field(default_factory=list)
    control_methods: list[ControlMethod] = Field(default_factory=list)
    non_punishment_assessed: bool = False
    handed_to: HandedTo | None = None
    rescued: bool = False


class SuspectIn(_In):
    arrested: bool = False
    charged: bool = False
    sent_to_court: bool = False
    convicted: bool = False
    public_official: bool = False


class ShareIn(_In):
    agency_code: str = Field(min_length=2, max_length=16)
    scope: ShareScope = ShareScope.READ
    legal_basis: str = Field(min_length=10, max_length=2000)
    """The law, agreement or order that allows the sharing (required: no basis, no share)."""


class AccountIn(_In):
    account: str = Field(min_length=1, max_length=128)
    bank: str = Field(default="", max_length=200)
    holder_person_id: int | None = None
    note: str = Field(default="", max_length=2000)


class TransactionIn(_In):
    txn_id: str = Field(min_length=1, max_length=128)
    ts: datetime | None = None
    src_account: str = Field(default="", max_length=128)
    dst_account: str = Field(default="", max_length=128)
    amount: Decimal | None = Field(default=None, max_digits=20, decimal_places=2)
    currency: str = Field(default="", max_length=3)
    amount_usd: Decimal | None = Field(default=None, max_digits=20, decimal_places=2)


class AssetFreezeIn(_In):
    """A freezing order: the amount in its currency and, unless in dollars, its USD value."""

    ordered_on: datetime
    amount: Decimal = Field(gt=0, max_digits=20, decimal_places=2)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    amount_usd: Decimal | None = Field(default=None, gt=0, max_digits=20, decimal_places=2)
    description: str = Field(default="", max_length=2000)


class NoteIn(_In):
    text: str = Field(min_length=1, max_length=20_000)


def parse(model: type[M], data: dict[str, Any]) -> M:
    """``model`` from ``data``, or :class:`InvalidFieldsError` naming each bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "__root__"
            errors.setdefault(field, err["msg"].removeprefix("Value error, "))
        raise InvalidFieldsError(errors) from None
