"""Numba kernels over the temporal transaction graph: tiny loops on plain arrays.

Internal to :mod:`counterflow.monitor`; use :func:`counterflow.monitor.features.mine_features`.
Each kernel has a pure-Python reference twin in ``tests/monitor/kernels`` and a test that
compares the two on random graphs (hubs, timestamp ties, caps hit).
"""
