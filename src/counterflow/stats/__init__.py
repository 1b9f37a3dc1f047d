"""Joint statistics (L1): report tables from case facts, disclosure control, charts.

Pure computation: facts in, tables out. The platform slices load the facts from the
database; pages, the CLI and exports render the tables.
"""

from counterflow.stats.table import (
    PLATFORM_SOURCE,
    UNKNOWN,
    Column,
    Period,
    Row,
    Sheet,
    Table,
    Unit,
)

__all__ = [
    "PLATFORM_SOURCE",
    "UNKNOWN",
    "Column",
    "Period",
    "Row",
    "Sheet",
    "Table",
    "Unit",
]
