"""The cooperation network drawn as a graph of countries (SVG coordinates from longitude/latitude)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django_countries.fields import Country

# Approximate centre of each country (longitude, latitude) for placing its node.
CENTRES: dict[str, tuple[float, float]] = {
    "TR": (34.5, 39.0),
    "AZ": (47.7, 40.3),
    "TM": (58.4, 39.0),
    "UZ": (64.5, 41.4),
    "KZ": (67.0, 48.0),
    "KG": (74.6, 41.2),
    "RU": (60.0, 55.0),
}
WIDTH, HEIGHT, MARGIN = 640, 360, 50
#: The names' font size on a phone, in the drawing's units (korkyt.css: ``.network text``).
LABEL_EM = 22


@dataclass
class Node:
    country: str
    name: str
    x: float
    y: float
    institutions: int
    #: Whether the name goes above the node (set by ``_place_labels``; None: by the default rule).
    above: bool | None = None

    @property
    def label_anchor(self) -> str:
        """Where a label hangs from its node: a node near the left or right edge has its name run inwards,
        so that a long name ("Кыргызстан" at a phone's large font) is not cut off by the edge."""
        if self.x > WIDTH * 0.8:
            return "end"
        if self.x < WIDTH * 0.2:
            return "start"
        return "middle"

    @property
    def label_x(self) -> float:
        return {"end": self.x + 14, "start": self.x - 14}.get(self.label_anchor, self.x)

    @property
    def label_y(self) -> float:
        # Labels below the node, except near the top edge (or where ``_place_labels`` says) above.
        above = self.y < HEIGHT / 2 if self.above is None else self.above
        return self.y - 20 if above else self.y + 30

    def label_span(self) -> tuple[float, float]:
        """The x range the name covers at the largest font the page uses (a phone's)."""
        width = len(self.name) * LABEL_EM * 0.6
        start = {"end": self.label_x - width, "start": self.label_x}.get(
            self.label_anchor, self.label_x - width / 2
        )
        return start, start + width


def _place_labels(nodes: list[Node]) -> None:
    """Put a name above its node when below it would run into a name already placed (Uzbekistan's and
    Kyrgyzstan's, side by side), from the right edge inwards."""
    placed: list[tuple[float, float, float]] = []
    for node in sorted(nodes, key=lambda n: -n.x):
        default = node.y < HEIGHT / 2
        for above in (default, not default):
            node.above = above
            x0, x1 = node.label_span()
            if not any(x0 < b1 and b0 < x1 and abs(node.label_y - by) < LABEL_EM for b0, b1, by in placed):
                break
        else:
            node.above = default
        placed.append((*node.label_span(), node.label_y))


@dataclass
class Edge:
    a: Node
    b: Node
    memoranda: int
    activities: int


def _project(lon: float, lat: float, box: tuple[float, float, float, float]) -> tuple[float, float]:
    min_lon, max_lon, min_lat, max_lat = box
    x = MARGIN + (lon - min_lon) / max(max_lon - min_lon, 1e-6) * (WIDTH - 2 * MARGIN)
    y = MARGIN + (max_lat - lat) / max(max_lat - min_lat, 1e-6) * (HEIGHT - 2 * MARGIN)
    return round(x, 1), round(y, 1)


def build(
    counts: dict[str, int], memoranda: list[tuple[list[str], int]], names: dict[str, str] | None = None
) -> dict[str, Any]:
    """counts: institutions per country code; memoranda: (party countries, activity count) per memorandum;
    names: the countries' names (django-countries' in the active language when not given)."""
    names = {c: (names or {}).get(c) or str(Country(c).name) for c in counts}
    known = [c for c in counts if c in CENTRES]
    if not known:
        return {"nodes": [], "edges": [], "width": WIDTH, "height": HEIGHT}
    lons = [CENTRES[c][0] for c in known]
    lats = [CENTRES[c][1] for c in known]
    box = (min(lons), max(lons), min(lats), max(lats))
    nodes = {c: Node(c, names[c], *_project(*CENTRES[c], box), counts[c]) for c in known}
    pairs: dict[tuple[str, str], list[int]] = {}
    for countries, activities in memoranda:
        for a, b in combinations(sorted(set(countries)), 2):
            if a in nodes and b in nodes:
                entry = pairs.setdefault((a, b), [0, 0])
                entry[0] += 1
                entry[1] += activities
    _place_labels(list(nodes.values()))
    edges = [Edge(nodes[a], nodes[b], m, act) for (a, b), (m, act) in sorted(pairs.items())]
    return {"nodes": list(nodes.values()), "edges": edges, "width": WIDTH, "height": HEIGHT}
