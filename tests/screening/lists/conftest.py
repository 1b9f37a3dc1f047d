"""Fixtures for the watch-list parser tests (helpers in list_files.py, importable here)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from list_files import (
    ADD_ROWS,
    ALT_ROWS,
    SDN_ROWS,
    SHARED_LISTS,
    WriteOfac,
    crlf_file,
)


@pytest.fixture
def write_ofac(tmp_path: Path) -> WriteOfac:
    """Write sdn.csv, alt.csv and add.csv (the rows above unless given) into a fresh folder."""

    def write(
        sdn: Sequence[str] = SDN_ROWS,
        alt: Sequence[str] = ALT_ROWS,
        add: Sequence[str] = ADD_ROWS,
        folder: str = "sdn",
    ) -> Path:
        out = tmp_path / folder
        out.mkdir()
        for name, rows in (("sdn.csv", sdn), ("alt.csv", alt), ("add.csv", add)):
            (out / name).write_bytes(crlf_file(rows))
        return out

    return write


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    """The real lists in ../shared/data/lists (skipped when the folder is absent)."""
    if not SHARED_LISTS.is_dir():
        pytest.skip(f"shared list data not found at {SHARED_LISTS.resolve()}")
    return SHARED_LISTS
