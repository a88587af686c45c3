"""Pages that list a memorandum's activities (its page, what it produced, its report, the home page) name
them in the same number of queries however many there are: films, translation and dubbing jobs."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.institutions import services as institutions
from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from tests.localization.conftest import KK_SRT, build_world
from tests.localization.dubbing.conftest import TR_SRT, build_dub_world

pytestmark = pytest.mark.django_db


def _activities(world: dict[str, Any], n: int, start: int) -> None:
    """n films recorded under the memorandum, each translated and dubbed under it."""
    u = world["users"]
    for i in range(start, start + n):
        film = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=2024)
        FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
        institutions.activity_record(memorandum=world["memo"], area="joint_feature", activity=film)
        kk = services.track_upload(
            actor=u["kz_editor"], film=film, language="kk", data=KK_SRT, file_name=f"f{i}.kk.srt"
        )
        services.job_order(
            actor=u["kz_editor"],
            source=kk,
            target_language="tr",
            assignee=u["translator"],
            reviewer=u["reviewer"],
            memorandum=world["memo"],
            enqueue=False,
        )
        tr = services.track_upload(
            actor=u["kz_editor"], film=film, language="tr", data=TR_SRT, file_name=f"f{i}.tr.srt"
        )
        dubbing.dubbing_order(
            actor=u["kz_editor"],
            film=film,
            target_language="az",
            source_track=tr,
            adapter=u["adapter"],
            director=u["director"],
            studio_institution=world["studio"],
            memorandum=world["memo"],
            enqueue=False,
        )


@pytest.mark.parametrize(
    "path",
    [
        "/en/memoranda/{memo}/activities/",
        "/en/memoranda/{memo}/",
        "/api/memoranda/{memo}/report",
        "/en/",
    ],
)
def test_the_activities_are_named_in_the_same_number_of_queries(db: Any, path: str) -> None:
    world = build_dub_world(build_world())
    url = path.format(memo=world["memo"].pk)
    client = Client()

    def queries() -> tuple[int, str]:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url)
        assert answer.status_code == 200, url
        return len(captured), answer.content.decode()

    _activities(world, 1, 0)  # 3 activities
    few, _ = queries()
    _activities(world, 2, 1)  # 9: fewer than the 10 latest the memorandum's page and the report show
    many, body = queries()
    assert body.count("Dala 2") >= 3  # the film, its translation, its dubbing: each named by its title
    assert many == few, (path, few, many)
