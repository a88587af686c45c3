"""Pages that list films by title read the titles in one query, however many films there are: the upload
and dubbing order pickers (up to 500 films each), the coverage table (50 a page) and its API."""

from __future__ import annotations

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


def test_the_workbench_names_its_jobs_and_tracks_in_the_same_number_of_queries(world) -> None:
    """The workbench lists jobs (up to 200) and tracks (up to 100), each by its film's title."""
    from korkyt.localization import services
    from tests.localization.conftest import KK_SRT, order_job

    u = world["users"]
    client = Client()
    client.force_login(u["kz_editor"])
    url = "/en/localization/"

    def jobs(n: int, start: int) -> None:
        for i in range(start, start + n):
            film = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=2024)
            FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
            track = services.track_upload(
                actor=u["kz_editor"], film=film, language="kk", data=KK_SRT, file_name=f"f{i}.kk.srt"
            )
            order_job({**world, "track": track})

    def queries() -> tuple[int, str]:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url)
        assert answer.status_code == 200
        return len(captured), answer.content.decode()

    jobs(2, 0)
    few, _ = queries()
    jobs(4, 2)
    many, body = queries()
    assert body.count("Dala 5") == 2  # its job and its track, named by the film's title
    assert many == few, (few, many)
