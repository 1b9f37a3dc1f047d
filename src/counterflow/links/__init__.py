"""Link analysis (L1): entities linked across cases and bank data.

- :func:`shared_identifiers`: phones, documents, e-mails, addresses and signatories carried
  by several records (the FATF-APG red flag of one phone on twenty workers' accounts);
- :func:`resolve`: which case persons and account holders are one human (Splink, DuckDB,
  Fellegi-Sunter weights per comparison);
- :func:`record_graph`: the network of records, accounts and identifiers.

Records come in as :class:`LinkRecord` (case persons, or :func:`holder_record` of a KYC
row); nothing here touches a database.
"""

from counterflow.links.comparisons import prior_match_probability
from counterflow.links.graph import (
    account_node,
    edge,
    identifier_node,
    record_graph,
    record_node,
    signatory_node,
)
from counterflow.links.identifiers import (
    SharedIdentifier,
    SharedKind,
    normalise,
    shared_identifiers,
)
from counterflow.links.names import latin_key, name_keys
from counterflow.links.records import LinkRecord, RecordSource, holder_record
from counterflow.links.resolve import (
    DEFAULT_THRESHOLD,
    MIN_RECORDS_TO_ESTIMATE,
    Candidate,
    ComparisonWeight,
    Resolution,
    resolve,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_RECORDS_TO_ESTIMATE",
    "Candidate",
    "ComparisonWeight",
    "LinkRecord",
    "RecordSource",
    "Resolution",
    "SharedIdentifier",
    "SharedKind",
    "account_node",
    "edge",
    "holder_record",
    "identifier_node",
    "latin_key",
    "name_keys",
    "normalise",
    "prior_match_probability",
    "record_graph",
    "record_node",
    "resolve",
    "shared_identifiers",
    "signatory_node",
]
