"""Coverage at scale: its totals and country pairs are counted by the database over every film, its rows are
built for the films of the page shown only, and what it says is what it said when it walked every film (the
walk is kept here as the reference, on the demo data and on a world with every case of status, kind and
script)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle, Track, TrackKind, TrackStatus
from korkyt.catalogue.selectors import film_visibility
from korkyt.core.languages import language_of
from korkyt.localization import coverage, selectors
from korkyt.localization.coverage import COVERAGE_LANGUAGES, LANGUAGE_COUNTRY
from korkyt.localization.models import JobKind, TranslationJob
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

_PAIR_RANK = {"missing": 0, "in_progress": 1, "available": 2}


def _walk(user: Any) -> dict[str, Any]:
    """The coverage as it was computed before, film by film (the reference the database's counts match)."""
    film_list = list(
        Film.objects.filter(film_visibility(user)).select_related("owner").order_by("-year", "pk")
    )
    ids = [f.pk for f in film_list]
    rank = {TrackStatus.AVAILABLE: 3, TrackStatus.IN_PROGRESS: 2, TrackStatus.PLANNED: 1}
    status_of: dict[tuple[int, str], str] = {}
    for film_id, language, status in Track.objects.filter(
        film_id__in=ids, kind__in=[TrackKind.SUBTITLES, TrackKind.SDH]
    ).values_list("film_id", "language", "status"):
        if rank.get(status, 0) > rank.get(status_of.get((film_id, language), ""), 0):
            status_of[(film_id, language)] = status
    dub_of: dict[tuple[int, str], str] = {}
    for film_id, language, status in Track.objects.filter(film_id__in=ids, kind=TrackKind.DUB).values_list(
        "film_id", "language", "status"
    ):
        key = (film_id, language_of(language))
        if rank.get(status, 0) > rank.get(dub_of.get(key, ""), 0):
            dub_of[key] = status
    visible_jobs = selectors.job_visibility(user)
    job_of: dict[tuple[int, str], int] = {}
    if visible_jobs is not None:
        for pk, film_id, language in (
            TranslationJob.objects.exclude(kind=JobKind.ADAPTATION)
            .filter(visible_jobs, film_id__in=ids)
            .values_list("pk", "film_id", "target_language")
        ):
            job_of.setdefault((film_id, language), pk)
    rows = []
    totals: dict[str, dict[str, int]] = {lang: defaultdict(int) for lang in COVERAGE_LANGUAGES}
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for film in film_list:
        cells = []
        by_country: dict[str, str] = {}
        for lang in COVERAGE_LANGUAGES:
            status = status_of.get((film.pk, lang), "missing")
            status = "missing" if status == TrackStatus.PLANNED else status
            cells.append((lang, status, job_of.get((film.pk, lang))))
            totals[lang][status] += 1
            country = LANGUAGE_COUNTRY.get(language_of(lang))
            if country:
                best = by_country.get(country, "missing")
                by_country[country] = status if _PAIR_RANK[status] > _PAIR_RANK[best] else best
        owner_country = str(film.owner.country) if film.owner_id else ""
        for country, status in by_country.items():
            if owner_country and country != owner_country:
                counts = pairs.setdefault(
                    (owner_country, country), {"available": 0, "in_progress": 0, "missing": 0}
                )
                counts[status] += 1
        dubs = []
        for lang in COVERAGE_LANGUAGES:
            dub = dub_of.get((film.pk, language_of(lang)), "missing")
            dubs.append("missing" if dub == TrackStatus.PLANNED else dub)
        rows.append((film.pk, cells, dubs))
    return {
        "rows": rows,
        "totals": {k: dict(v) for k, v in totals.items()},
        "pairs": [{"from": a, "to": b, **counts} for (a, b), counts in sorted(pairs.items())],
    }


def _said(data: coverage.Coverage) -> dict[str, Any]:
    return {
        "rows": [(row.film.pk, row.cells, row.dubs) for row in data.rows],
        "totals": data.totals,
        "pairs": data.pairs,
    }


def _people() -> list[Any]:
    from korkyt.accounts.models import User

    return [AnonymousUser(), *User.objects.order_by("pk")]


def test_the_demo_coverage_is_what_the_walk_over_every_film_said():
    from korkyt.config import demo

    demo.load(users_password="demo-password-1")
    for user in _people():
        assert _said(coverage.coverage(user=user)) == _walk(user), user


def test_every_status_kind_and_script_is_counted_as_the_walk_counted(world):
    ru = InstitutionFactory(code="RU-A", country="RU")
    kz, tr = world["kz"], world["tr"]
    cases = [
        (kz, FilmStatus.PUBLISHED, [("subtitles", "tr", "available"), ("subtitles", "tr", "planned")]),
        (kz, FilmStatus.DRAFT, [("sdh", "az-Latn", "in_progress"), ("subtitles", "az-Latn", "planned")]),
        (
            tr,
            FilmStatus.PUBLISHED,
            [("subtitles", "kk-Latn", "in_progress"), ("subtitles", "kk-Cyrl", "available")],
        ),
        (tr, FilmStatus.PUBLISHED, [("subtitles", "uz-Cyrl", "in_progress"), ("sdh", "uz-Latn", "planned")]),
        (tr, FilmStatus.PUBLISHED, [("dub", "kk-Latn", "in_progress"), ("dub", "kk", "available")]),
        (ru, FilmStatus.PUBLISHED, [("subtitles", "ru", "available"), ("subtitles", "kk", "available")]),
        (
            ru,
            FilmStatus.PUBLISHED,
            [("audio_description", "tr", "available"), ("subtitles", "en", "planned")],
        ),
        (ru, FilmStatus.PUBLISHED, []),
    ]
    for i, (owner, status, tracks) in enumerate(cases):
        film = Film.objects.create(owner=owner, status=status, year=2000 + i % 3)
        FilmTitle.objects.create(film=film, text=f"Film {i}", language="en")
        for kind, language, track_status in tracks:
            Track.objects.create(film=film, kind=kind, language=language, status=track_status)
    for user in _people():
        assert _said(coverage.coverage(user=user)) == _walk(user), user


def test_no_film_counts_nothing(db):
    data = coverage.coverage(user=AnonymousUser())
    assert data.rows == [] and data.pairs == []
    assert data.totals == {lang: {} for lang in COVERAGE_LANGUAGES}


def _films(world: dict[str, Any], n: int, start: int) -> None:
    Film.objects.bulk_create(
        Film(owner=world["tr"] if i % 2 else world["kz"], status=FilmStatus.PUBLISHED, year=1990 + i % 30)
        for i in range(start, start + n)
    )


def test_rows_are_built_for_the_films_of_the_page_only(world):
    _films(world, 120, 0)
    films = coverage.coverage_films(user=world["users"]["admin"])
    page = list(films[50:100])
    data = coverage.coverage(user=world["users"]["admin"], films=films, rows_for=page)
    assert [row.film.pk for row in data.rows] == [f.pk for f in page]
    assert sum(data.totals["tr"].values()) == 121  # the totals count every film all the same


def test_the_coverage_page_reads_the_same_number_of_rows_and_queries_however_many_films(world):
    client = Client()
    client.force_login(world["users"]["admin"])

    def measure() -> tuple[int, int, str]:
        client.get("/en/localization/coverage/?page=2")
        loaded: list[Film] = []

        def count(sender: type, instance: Film, **kwargs: Any) -> None:
            loaded.append(instance)

        post_init.connect(count, sender=Film)
        try:
            with CaptureQueriesContext(connection) as captured:
                answer = client.get("/en/localization/coverage/?page=2")
        finally:
            post_init.disconnect(count, sender=Film)
        assert answer.status_code == 200
        assert len(loaded) <= 50  # the films of the page are read, not every film
        body = answer.content.decode()
        return len(captured), body.count('<th scope="row">'), body

    _films(world, 60, 0)
    few, shown_few, _ = measure()
    _films(world, 400, 60)
    many, shown_many, body = measure()
    assert many == few
    assert shown_few == 11 and shown_many == 50  # 61 films: page 2 shows the last 11; 461: a full page
    assert "Page 2 of 10" in body
