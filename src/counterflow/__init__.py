"""counterflow: one platform for a national community fighting trafficking and laundering.

The compute core (``model``, ``ingest``, ``monitor``, ``simulate``) is plain Python on
NumPy, Polars and Numba; entry points (``cli``) sit on top. See ``../shared/DESIGN.md``.
"""

__version__ = "0.1.0"
