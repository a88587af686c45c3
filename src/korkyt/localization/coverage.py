"""The subtitle coverage of the catalogue (films × the network's languages): the totals and the country
pairs counted by the database over every film the reader may see, the rows built for the page shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, Value, When

from korkyt.catalogue.models import Film, Track, TrackKind, TrackStatus
from korkyt.catalogue.selectors import film_visibility
from korkyt.core.actors import Actor
from korkyt.core.languages import language_of
from korkyt.institutions.selectors import memorandum_visible
from korkyt.localization.models import (
    JobKind,
    JobStatus,
    TranslationJob,
)
from korkyt.localization.selectors import job_visibility

# Coverage ----------------------------------------------------------------------------------------

COVERAGE_LANGUAGES = (
    "kk-Cyrl",
    "kk-Latn",
    "az-Latn",
    "ky-Cyrl",
    "tk-Latn",
    "tr",
    "uz-Latn",
    "uz-Cyrl",
    "ru",
    "en",
)
LANGUAGE_COUNTRY = {"kk": "KZ", "az": "AZ", "ky": "KG", "tk": "TM", "tr": "TR", "uz": "UZ"}


@dataclass
class CoverageRow:
    film: Film
    cells: list[tuple[str, str, int | None]]  # (language, status, job id or None)
    dubs: list[str] = field(default_factory=list)  # per language: the dub's status (any script), or "missing"


@dataclass
class Coverage:
    languages: tuple[str, ...]
    rows: list[CoverageRow]
    totals: dict[str, dict[str, int]] = field(default_factory=dict)  # language → status → count
    pairs: list[dict[str, Any]] = field(default_factory=list)
    memoranda: list[dict[str, Any]] = field(default_factory=list)


def coverage_films(*, user: Actor) -> QuerySet[Film]:
    """The films the coverage tells ``user`` of, in its order (the newest first): the page and the API page
    them."""
    return Film.objects.filter(film_visibility(user)).select_related("owner").order_by("-year", "pk")


def coverage(
    *, user: Actor, films: QuerySet[Film] | None = None, rows_for: Sequence[Film] | None = None
) -> Coverage:
    """Films × languages: available, in progress or missing, with totals per country pair and memorandum.
    The totals and the pairs count every film of ``films`` (the database counts them); the rows are those
    of ``rows_for`` (the page shown), else of every film of ``films``."""
    films = films if films is not None else coverage_films(user=user)
    visible_jobs = job_visibility(user)
    totals, pairs = _coverage_counts(films)
    film_list = list(
        rows_for if rows_for is not None else films.select_related("owner").order_by("-year", "pk")
    )
    rows = _coverage_rows(film_list, visible_jobs)
    memoranda = []
    if visible_jobs is not None:
        for row in (
            # a job seen under a draft memorandum its reader may not see is not told by that memorandum
            TranslationJob.objects.filter(visible_jobs, memorandum__in=memorandum_visible(user).values("pk"))
            .values("memorandum_id")
            .annotate(
                jobs=Count("pk"),
                approved=Count("pk", filter=Q(status=JobStatus.APPROVED)),
            )
            .order_by("memorandum_id")
        ):
            memoranda.append(dict(row))
    return Coverage(languages=COVERAGE_LANGUAGES, rows=rows, totals=totals, pairs=pairs, memoranda=memoranda)


_STARTED = (TrackStatus.AVAILABLE, TrackStatus.IN_PROGRESS)  # a planned track is still missing


def _coverage_counts(films: QuerySet[Film]) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]]]:
    """Per language, how many films have subtitles available, in progress (none available) or missing;
    per pair of the owner's country and a country of a language, the same at the film's best script; each
    counted by the database (a film counted once per language and pair, at its best track)."""
    ids = films.order_by().values("pk")
    started = Track.objects.filter(
        film__in=ids,
        kind__in=[TrackKind.SUBTITLES, TrackKind.SDH],
        language__in=COVERAGE_LANGUAGES,
        status__in=_STARTED,
    ).order_by()
    counts = {
        "available": Count("film", distinct=True, filter=Q(status=TrackStatus.AVAILABLE)),
        "started": Count("film", distinct=True),
    }
    total = films.count()
    per_language = {row["language"]: row for row in started.values("language").annotate(**counts)}
    totals: dict[str, dict[str, int]] = {}
    for lang in COVERAGE_LANGUAGES:
        row = per_language.get(lang, {"available": 0, "started": 0})
        told = {
            "available": row["available"],
            "in_progress": row["started"] - row["available"],
            "missing": total - row["started"],
        }
        totals[lang] = {status: n for status, n in told.items() if n}
    countries = list(dict.fromkeys(c for lang in COVERAGE_LANGUAGES if (c := _country_of(lang))))
    target = Case(
        *[
            When(language__in=[lang for lang in COVERAGE_LANGUAGES if _country_of(lang) == c], then=Value(c))
            for c in countries
        ],
        default=Value(""),
    )
    per_pair = {
        (str(row["film__owner__country"]), row["target"]): row
        for row in started.annotate(target=target)
        .exclude(target="")
        .values("film__owner__country", "target")
        .annotate(**counts)
    }
    owners = (
        films.order_by()
        .filter(owner__isnull=False)
        .exclude(owner__country="")
        .values("owner__country")
        .annotate(n=Count("pk"))
    )
    pairs = []
    for owner in owners:
        source = str(owner["owner__country"])
        for country in countries:
            if country == source:
                continue
            row = per_pair.get((source, country), {"available": 0, "started": 0})
            pairs.append(
                {
                    "from": source,
                    "to": country,
                    "available": row["available"],
                    "in_progress": row["started"] - row["available"],
                    "missing": owner["n"] - row["started"],
                }
            )
    return totals, sorted(pairs, key=lambda p: (p["from"], p["to"]))


def _country_of(lang: str) -> str:
    return LANGUAGE_COUNTRY.get(language_of(lang), "")


def _coverage_rows(film_list: list[Film], visible_jobs: Q | None) -> list[CoverageRow]:
    """The rows of the films given: each language's best subtitle track, dub and job (a few queries for
    them all)."""
    ids = [f.pk for f in film_list]
    status_of: dict[tuple[int, str], str] = {}
    rank = {TrackStatus.AVAILABLE: 3, TrackStatus.IN_PROGRESS: 2, TrackStatus.PLANNED: 1}
    for film_id, language, status in Track.objects.filter(
        film_id__in=ids, kind__in=[TrackKind.SUBTITLES, TrackKind.SDH]
    ).values_list("film_id", "language", "status"):
        key = (film_id, language)
        if rank.get(status, 0) > rank.get(status_of.get(key, ""), 0):  # type: ignore[call-overload]
            status_of[key] = status
    dub_of: dict[tuple[int, str], str] = {}  # a dub is heard, whatever the script its script was in
    for film_id, language, status in Track.objects.filter(film_id__in=ids, kind=TrackKind.DUB).values_list(
        "film_id", "language", "status"
    ):
        key = (film_id, language_of(language))
        if rank.get(status, 0) > rank.get(dub_of.get(key, ""), 0):  # type: ignore[call-overload]
            dub_of[key] = status
    job_of: dict[tuple[int, str], int] = {}
    if visible_jobs is not None:
        subtitle_jobs = TranslationJob.objects.exclude(kind=JobKind.ADAPTATION)
        for pk, film_id, language in subtitle_jobs.filter(visible_jobs, film_id__in=ids).values_list(
            "pk", "film_id", "target_language"
        ):
            job_of.setdefault((film_id, language), pk)
    rows = []
    for film in film_list:
        cells = []
        for lang in COVERAGE_LANGUAGES:
            status = status_of.get((film.pk, lang), "missing")
            cells.append(
                (lang, "missing" if status == TrackStatus.PLANNED else status, job_of.get((film.pk, lang)))
            )
        dubs = []
        for lang in COVERAGE_LANGUAGES:
            dub = dub_of.get((film.pk, language_of(lang)), "missing")
            dubs.append("missing" if dub == TrackStatus.PLANNED else dub)
        rows.append(CoverageRow(film=film, cells=cells, dubs=dubs))
    return rows
