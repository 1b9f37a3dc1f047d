"""Typed wrapper around Numba's ``njit`` so mypy --strict sees the kernels' own signatures.

The same helper as :mod:`counterflow.monitor.kernels._jit`; the compute packages are
independent of one another (import-linter), so the tracer keeps its own three lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from numba import njit

F = TypeVar("F", bound=Callable[..., Any])


def kernel(fn: F) -> F:
    """Compile ``fn`` in nopython mode, cached on disk, releasing the GIL."""
    return cast(F, njit(cache=True, nogil=True)(fn))


def inline_kernel(fn: F) -> F:
    """A small helper inlined into its callers at the Numba IR level: a call that passes
    arrays would otherwise cost reference-count updates on every event of a sweep."""
    return cast(F, njit(cache=True, nogil=True, inline="always")(fn))
