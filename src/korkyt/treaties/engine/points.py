"""Points tables: the creative and technical elements that score for the party states."""

from __future__ import annotations

from ..model import Points, Project
from ..rules import PointsTable


def score(table: PointsTable, project: Project, parties: frozenset[str]) -> Points:
    ranked = project.elements.ranked_roles()
    scored, hit, miss = 0, [], []
    for entry in table.entries:
        if entry.role is not None:
            ok = len(ranked) >= entry.role and ranked[entry.role - 1][1].country in parties
        else:
            ok = any(project.elements.get(e) in parties for e in entry.elements)
        if ok:
            scored += entry.points
            hit.append(entry.label)
        else:
            miss.append(entry.label)
    return Points(
        table=table.kind,
        scored=scored,
        of=table.of,
        needed=table.needed,
        discretionary=table.discretionary and scored < table.needed,
        advisory=table.advisory,
        scored_by=tuple(hit),
        missing=tuple(miss),
    )
