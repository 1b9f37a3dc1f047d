"""The agencies of the community: each user belongs to one, each case is led by one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from counterflow.model.codes import AgencyKind
from counterflow.store.base import Base
from counterflow.store.types import StrEnumType, UTCDateTime


class Agency(Base):
    """A police department, the gendarmerie, the NCCT, the FIU, a prosecution office ..."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    """Short stable code shown everywhere (``NP``, ``GMP``, ``CAFIU``); starts case refs."""
    name: Mapped[str] = mapped_column(Text)
    name_km: Mapped[str] = mapped_column(Text)
    kind: Mapped[AgencyKind] = mapped_column(StrEnumType(AgencyKind, 16))
    contact: Mapped[str] = mapped_column(Text, default="")
    """Desk to call about shared or deconflicted cases (phone, e-mail)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
