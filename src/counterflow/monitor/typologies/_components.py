"""Connected components of an edge list, in NumPy (hook and shortcut).

Used to turn overlapping paths, cycles and bipartite cores into instances. Labels form a
forest of parent pointers that only ever point to smaller ids: each round hooks the root of
the larger label of every edge under the smaller one, then shortcuts pointers to roots until
they are stable. Rounds repeat until both ends of every edge share a root; the number of
rounds grows with the logarithm of the component diameter in practice.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]


def components(u: npt.ArrayLike, v: npt.ArrayLike) -> tuple[I64, I64]:
    """``(nodes, labels)``: each distinct node of the edges ``u[i] - v[i]`` and its component.

    A component's label is the smallest index (into ``nodes``) of its members.
    """
    ua = np.asarray(u, dtype=np.int64)
    va = np.asarray(v, dtype=np.int64)
    nodes, inverse = np.unique(np.concatenate([ua, va]), return_inverse=True)
    eu = inverse[: ua.size].astype(np.int64)
    ev = inverse[ua.size :].astype(np.int64)
    label = np.arange(nodes.size, dtype=np.int64)
    while True:
        lu, lv = label[eu], label[ev]
        differ = lu != lv
        if not differ.any():
            return nodes, label
        lo = np.minimum(lu[differ], lv[differ])
        np.minimum.at(label, lu[differ], lo)
        np.minimum.at(label, lv[differ], lo)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
