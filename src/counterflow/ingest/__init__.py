"""Readers and writers of transaction files, with validation that names file, line and field.

Every reader returns a :class:`Ledger`: the canonical transaction columns of
:mod:`counterflow.model.columns` (plus ground truth where the source has it) with dense
int32 account ids, and an account table. Supported formats: canonical CSV/Parquet (ours),
IBM AMLworld (``*_Trans.csv`` + ``*_Patterns.txt``) and IBM AMLSim (``transactions.csv`` +
``nodes.csv``). Writers produce canonical Parquet/CSV and AMLworld files, atomically.

>>> from counterflow.ingest import read_transactions
>>> ledger = read_transactions("HI-Small_Trans.csv")  # doctest: +SKIP
"""

from counterflow.ingest.amlworld_writer import write_amlworld
from counterflow.ingest.canonical_writer import write_canonical, write_canonical_csv
from counterflow.ingest.ctdc import read_ctdc
from counterflow.ingest.holders import HolderKind, HolderRecord, read_holders, write_holders
from counterflow.ingest.htcds import HtcdsImport, import_htcds, read_htcds
from counterflow.ingest.ledger import Ledger
from counterflow.ingest.reader import FORMATS, detect_format, read_transactions
from counterflow.ingest.schema import POLARS_DTYPES
from counterflow.ingest.victims import VICTIM_FORMATS, detect_victim_format, read_victim_records

__all__ = [
    "FORMATS",
    "POLARS_DTYPES",
    "VICTIM_FORMATS",
    "HolderKind",
    "HolderRecord",
    "HtcdsImport",
    "Ledger",
    "detect_format",
    "detect_victim_format",
    "import_htcds",
    "read_ctdc",
    "read_holders",
    "read_htcds",
    "read_transactions",
    "read_victim_records",
    "write_amlworld",
    "write_canonical",
    "write_canonical_csv",
    "write_holders",
]
