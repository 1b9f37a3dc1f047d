"""Agencies (L3): the bodies of the community; every user and every case belongs to one."""

from counterflow.agencies.models import Agency
from counterflow.agencies.service import (
    NATIONAL_AGENCIES,
    agency_by_code,
    agency_of_kind,
    create_agency,
    ensure_national_agencies,
    list_agencies,
)

__all__ = [
    "NATIONAL_AGENCIES",
    "Agency",
    "agency_by_code",
    "agency_of_kind",
    "create_agency",
    "ensure_national_agencies",
    "list_agencies",
]
