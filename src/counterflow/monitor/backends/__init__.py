"""Execution backends for monitoring work; :func:`get_backend` is the one factory."""

from counterflow.monitor.backends.base import Backend, PartitionWork
from counterflow.monitor.backends.local import LocalBackend, partition_bounds


def get_backend(name: str = "local", *, partitions: int = 1) -> Backend:
    """The backend called ``name`` (only ``local`` exists until the Spark issue)."""
    if name == "local":
        return LocalBackend(partitions=partitions)
    raise ValueError(f"unknown backend {name!r}; available: local")


__all__ = ["Backend", "LocalBackend", "PartitionWork", "get_backend", "partition_bounds"]
