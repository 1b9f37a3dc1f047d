"""Exporters of a network :class:`~counterflow.model.network.Graph`: pure functions from a
graph to text, for the tools investigators already use.

- :func:`to_graphml`: GraphML 1.0 for Gephi, yEd and networkx;
- :func:`to_ftm_lines`: FollowTheMoney entities as JSON lines, for Aleph and OpenSanctions
  tooling.
"""

from counterflow.links.export.ftm import entity_id, to_ftm_lines
from counterflow.links.export.graphml import to_graphml

__all__ = ["entity_id", "to_ftm_lines", "to_graphml"]
