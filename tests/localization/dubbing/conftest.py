"""Fixtures of the dubbing tests: a Turkish track with named speakers, a studio, voice actors."""

from __future__ import annotations

import pytest

from korkyt.accounts.models import Role
from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, person

TR_SRT = """1
00:00:01,000 --> 00:00:03,500
AYŞE: Merhaba, nasılsın?

2
00:00:04,000 --> 00:00:06,500
MEHMET: İyiyim, sağ ol.

3
00:00:07,000 --> 00:00:08,000
AYŞE: Bugün hava çok güzel ama biraz soğuk, değil mi sevgili arkadaşım?

4
00:00:40,000 --> 00:00:43,000
MEHMET: Çay içelim mi?
""".encode()


def build_dub_world(world):  # type: ignore[no-untyped-def]
    """The workbench's world with a studio, its people, a Turkish track with speakers and voice actors."""
    u = world["users"]
    studio = InstitutionFactory(code="AZ-S", country="AZ")
    u["studio_staff"] = MembershipFactory(
        user=UserFactory(username="studio_staff"), institution=studio, role=Role.TRANSLATOR
    ).user
    u["adapter"] = MembershipFactory(
        user=UserFactory(username="adapter"), institution=world["tr"], role=Role.TRANSLATOR
    ).user
    u["director"] = MembershipFactory(
        user=UserFactory(username="director"), institution=studio, role=Role.REVIEWER
    ).user
    track = services.track_upload(
        actor=u["kz_editor"], film=world["film"], language="tr", data=TR_SRT, file_name="dala.tr.srt"
    )
    actors = []
    for name in ("Leyla Həsənova", "Rəşad Əliyev"):
        actors.append(person((name, "az-Latn")))  # through the catalogue's services: indexed, found by name
    return {**world, "studio": studio, "tr_track": track, "actors": actors}


@pytest.fixture
def dub_world(world):
    return build_dub_world(world)


def order_dub_job(dub_world):  # type: ignore[no-untyped-def]
    """The Turkish dubbing of the film, adapted by "adapter", directed by "director" in the studio."""
    u = dub_world["users"]
    return dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        target_language="tr",
        source_track=dub_world["tr_track"],
        adapter=u["adapter"],
        director=u["director"],
        studio_institution=dub_world["studio"],
        memorandum=dub_world["memo"],
        enqueue=False,
    )


@pytest.fixture
def dub_job(dub_world):
    return order_dub_job(dub_world)
