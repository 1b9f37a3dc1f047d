"""Reports (L3): joint statistics over the platform's cases, imported historical victim
records (CTDC, HTCDS) and the FIU's report tallies, with access control and audit."""

from counterflow.reports.models import ImportedVictim, ReportTally, VictimImport
from counterflow.reports.service import (
    REPORT_TYPES,
    ImportSummary,
    import_victims,
    joint,
    may_read_reports,
    record_tally,
    sources,
)

__all__ = [
    "REPORT_TYPES",
    "ImportSummary",
    "ImportedVictim",
    "ReportTally",
    "VictimImport",
    "import_victims",
    "joint",
    "may_read_reports",
    "record_tally",
    "sources",
]
