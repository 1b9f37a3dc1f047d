"""Publish (L3): releases of the joint statistics after disclosure control, in an
append-only, hash-chained ledger the public page shows and anyone can verify."""

from counterflow.publish.models import StatisticsRelease
from counterflow.publish.service import (
    GENESIS_HASH,
    Release,
    latest,
    ledger,
    may_publish,
    publish,
    release,
    release_json,
    verify_ledger,
)

__all__ = [
    "GENESIS_HASH",
    "Release",
    "StatisticsRelease",
    "latest",
    "ledger",
    "may_publish",
    "publish",
    "release",
    "release_json",
    "verify_ledger",
]
