"""Typed wrappers around Numba's ``njit`` so that mypy --strict sees real signatures.

``numba`` has no type stubs; decorating with it directly would make every kernel ``Any``.
These wrappers return the function's own type, so callers stay type-checked and no
``type: ignore`` is needed on each kernel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from numba import njit

F = TypeVar("F", bound=Callable[..., Any])


def kernel(fn: F) -> F:
    """Compile ``fn`` in nopython mode, cached on disk, releasing the GIL."""
    return cast(F, njit(cache=True, nogil=True)(fn))


def parallel_kernel(fn: F) -> F:
    """Like :func:`kernel`, with ``prange`` loops run on Numba's thread pool."""
    return cast(F, njit(cache=True, nogil=True, parallel=True)(fn))


def inline_kernel(fn: F) -> F:
    """A small helper kernel inlined into its callers at the Numba IR level.

    Passing tuples of arrays to a called function costs reference-count updates per call
    (atomic, and contended when threads share the arrays); inlining removes the call.
    """
    return cast(F, njit(cache=True, nogil=True, inline="always")(fn))
