"""The domain vocabulary: column contracts, code lists, value objects and errors.

Standard library only, so that every layer above may depend on it.
"""

from counterflow.model.actor import Actor
from counterflow.model.alert import Alert, AlertWindow
from counterflow.model.columns import (
    ACCOUNT_ID_COLUMNS,
    GROUND_TRUTH_COLUMNS,
    TRANSACTION_COLUMNS,
    Column,
    ColumnType,
    required_columns,
)
from counterflow.model.errors import (
    ConflictError,
    CounterflowError,
    InputError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)
from counterflow.model.network import Edge, EdgeKind, Graph, Node, NodeKind, graph_of, node_id
from counterflow.model.screening import Evidence, ScreeningHit, ScreeningQuery, TokenMatch
from counterflow.model.typology import Typology
from counterflow.model.watchlist import (
    EntityKind,
    EntryName,
    IdentityDocument,
    ListSource,
    NameStrength,
    WatchlistEntry,
)

__all__ = [
    "ACCOUNT_ID_COLUMNS",
    "GROUND_TRUTH_COLUMNS",
    "TRANSACTION_COLUMNS",
    "Actor",
    "Alert",
    "AlertWindow",
    "Column",
    "ColumnType",
    "ConflictError",
    "CounterflowError",
    "Edge",
    "EdgeKind",
    "EntityKind",
    "EntryName",
    "Evidence",
    "Graph",
    "IdentityDocument",
    "InputError",
    "InvalidFieldsError",
    "ListSource",
    "NameStrength",
    "Node",
    "NodeKind",
    "NotFoundError",
    "PermissionDeniedError",
    "ScreeningHit",
    "ScreeningQuery",
    "TokenMatch",
    "Typology",
    "WatchlistEntry",
    "graph_of",
    "node_id",
    "required_columns",
]
