"""Pages that list films by title read the titles in one query, however many films there are: the upload
and dubbing order pickers (up to 500 films each), the coverage table (50 a page) and its API."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle

pytestmark = pytest.mark.django_db

PAGES = (
    "/en/localization/tracks/new/",
    "/en/localization/dubbing/new/",
    "/en/localization/coverage/",
    "/api/localization/coverage",
)


def _films(world, n: int, start: int) -> None:
    for i in range(start, start + n):
        film = Film.objects.create(owner=world["tr"], status=FilmStatus.PUBLISHED, year=1990 + i % 30)
        FilmTitle.objects.create(film=film, text=f"Film {i}", language="tr")
        FilmTitle.objects.create(film=film, text=f"Фильм {i}", language="ru")


@pytest.mark.parametrize("path", PAGES)
def test_the_number_of_queries_does_not_grow_with_the_films(world, path: str) -> None:
    client = Client()
    client.force_login(world["users"]["admin"])

    def queries() -> tuple[int, str]:
        client.get(path)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(path)
        assert answer.status_code == 200, path
        return len(captured), answer.content.decode()

    _films(world, 2, 0)
    few, _ = queries()
    _films(world, 25, 2)
    many, body = queries()
    assert "Film 26" in body  # the films added are listed, by title
    assert many == few, (path, few, many)


def _jobs(world, n: int, start: int) -> None:  # type: ignore[no-untyped-def]
    """n films, each with a Kazakh track translated into Turkish, one cue of each job drafted."""
    from korkyt.localization import services
    from korkyt.localization.models import TargetCue
    from tests.localization.conftest import KK_SRT, order_job

    for i in range(start, start + n):
        film = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=2024)
        FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
        track = services.track_upload(
            actor=world["users"]["kz_editor"], film=film, language="kk", data=KK_SRT, file_name=f"f{i}.kk.srt"
        )
        job = order_job({**world, "track": track})
        TargetCue.objects.filter(pk=job.cues.order_by("position").values("pk")[:1]).update(state="draft")


@pytest.mark.parametrize("path", ["/en/localization/", "/api/localization/jobs?limit=100"])
def test_the_jobs_are_listed_in_the_same_number_of_queries(world, path: str) -> None:
    """The workbench lists jobs (up to 200) and tracks (up to 100), each by its film's title; the API lists
    jobs with their cues counted per state."""
    client = Client()
    client.force_login(world["users"]["kz_editor"])

    def queries() -> tuple[int, str]:
        client.get(path)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(path)
        assert answer.status_code == 200
        return len(captured), answer.content.decode()

    _jobs(world, 2, 0)
    few, _ = queries()
    _jobs(world, 4, 2)
    many, body = queries()
    if path.startswith("/api/"):
        jobs = json.loads(body)["items"]
        assert len(jobs) == 6
        assert {tuple(sorted(j["counts"].items())) for j in jobs} == {
            tuple(sorted({**EMPTY, "untranslated": 3, "draft": 1, "total": 4}.items()))
        }
    else:
        assert body.count("Dala 5") == 2  # its job and its track, named by the film's title
    assert many == few, (path, few, many)


EMPTY = {"untranslated": 0, "draft": 0, "needs_editing": 0, "waiting_review": 0, "approved": 0}
