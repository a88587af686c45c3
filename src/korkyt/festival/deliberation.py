"""The jury's deliberation: once the scores are unsealed, the section's films ranked by the four methods
of korkyt.judging.ranking (mean, normalised mean, Borda, Schulze), each juror's z-scores beside the raw
means, and the films the methods disagree on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from korkyt.festival.models import JuryVote, Section, Submission, SubmissionStatus
from korkyt.festival.selectors import submission_title
from korkyt.judging import ranking, scores

METHOD_LABELS: dict[str, Any] = {
    "mean": _("mean"),
    "normalised": _("normalised mean"),
    "borda": _("Borda count"),
    "schulze": _("Schulze method"),
}


def method_label(method: str) -> Any:
    """A ranking method's name in the current language (an unknown name is shown as it is)."""
    return METHOD_LABELS.get(method, method)


@dataclass
class FilmRow:
    submission: Submission
    title: Any
    mean: float | None
    normalised: float | None
    places: dict[str, int] = field(default_factory=dict)


@dataclass
class Deliberation:
    films: list[FilmRow]
    rankings: dict[str, list[list[int]]]
    disagreements: list[ranking.Disagreement]
    jurors: int
    disputed: list[tuple[Any, list[tuple[Any, int]]]] = field(default_factory=list)
    """The disagreements as the page shows them: the film's title (not its entry number) and each method's
    place, the method named in the reader's language."""


def section_scores(section: Section) -> dict[int, dict[int, float]]:
    """juror id → submission id → score, for the section's selected films."""
    out: dict[int, dict[int, float]] = {}
    rows = JuryVote.objects.filter(
        juror__section=section, score__isnull=False, submission__status=SubmissionStatus.SELECTED
    ).values_list("juror_id", "submission_id", "score")
    for juror, sub, score in rows:
        if score is not None:
            out.setdefault(juror, {})[sub] = float(score)
    return out


def deliberate(section: Section) -> Deliberation:
    table = section_scores(section)
    results: dict[str, ranking.Ranking] = (
        {m: ranking.rank(table, m) for m in ranking.METHODS} if table else {}
    )
    z = scores.normalise(table) if table else {}
    subs = {
        s.pk: s
        for s in Submission.objects.filter(section=section, status=SubmissionStatus.SELECTED)
        .select_related("film")
        .prefetch_related("film__titles")
    }
    films = []
    for pk, sub in subs.items():
        raw = [v[pk] for v in table.values() if pk in v]
        zs = [v[pk] for v in z.values() if pk in v]
        films.append(
            FilmRow(
                submission=sub,
                title=submission_title(sub),
                mean=round(sum(raw) / len(raw), 2) if raw else None,
                normalised=round(sum(zs) / len(zs), 2) if zs else None,
                places={m: r.positions[pk] for m, r in results.items() if pk in r.positions},
            )
        )
    films.sort(key=lambda f: (f.places.get("schulze", 10**6), f.submission.pk))
    disagreements = ranking.compare(results) if results else []
    titles = {f.submission.pk: f.title for f in films}
    return Deliberation(
        films=films,
        rankings={m: r.order for m, r in results.items()},
        disagreements=disagreements,
        jurors=section.jury.count(),
        disputed=[
            (titles[d.film], [(method_label(m), p) for m, p in d.positions.items()])
            for d in disagreements
            if d.film in titles
        ],
    )
