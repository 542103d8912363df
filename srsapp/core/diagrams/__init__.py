"""Diagrams as data (e.g. the Docker container lifecycle): the loader and the cards it makes.

``diagram`` reads and validates a diagram data file (TOML); ``cards`` turns a diagram into
concepts and ``CardKind.DIAGRAM`` card drafts.
"""

from srsapp.core.diagrams.cards import (
    attach_diagram,
    diagram_cards,
    find_parent,
    landmarks,
    names_target,
    shares_stem,
)
from srsapp.core.diagrams.diagram import (
    Diagram,
    Edge,
    Node,
    concept_paths,
    edge_concept,
    load_diagram,
    node_concept,
)

__all__ = [
    "Diagram",
    "Edge",
    "Node",
    "attach_diagram",
    "concept_paths",
    "diagram_cards",
    "edge_concept",
    "find_parent",
    "landmarks",
    "load_diagram",
    "names_target",
    "node_concept",
    "shares_stem",
]
