from __future__ import annotations

import pytest

from korkyt.accounts.models import Role
from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.localization import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum

KK_SRT = """1
00:00:01,000 --> 00:00:03,500
Сәлем, досым!

2
00:00:04,000 --> 00:00:06,500
Бүгін күн жылы.

3
00:00:07,000 --> 00:00:09,800
Қорқыт Ата далада жүр.

4
00:00:10,500 --> 00:00:13,000
Шай ішесің бе?
""".encode()


def build_world():  # type: ignore[no-untyped-def]
    """The workbench's world: KZ-A's published Kazakh film with a Kazakh track, TR-C, their people."""
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    tr = InstitutionFactory(code="TR-C", country="TR")
    users = {
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "kz_editor": MembershipFactory(user=UserFactory(username="kz_editor"), institution=kz).user,
        "tr_editor": MembershipFactory(user=UserFactory(username="tr_editor"), institution=tr).user,
        "translator": MembershipFactory(
            user=UserFactory(username="translator"), institution=tr, role=Role.TRANSLATOR
        ).user,
        "other_translator": MembershipFactory(
            user=UserFactory(username="other_translator"), institution=tr, role=Role.TRANSLATOR
        ).user,
        "reviewer": MembershipFactory(
            user=UserFactory(username="reviewer"), institution=tr, role=Role.REVIEWER
        ).user,
        "other_reviewer": MembershipFactory(
            user=UserFactory(username="other_reviewer"), institution=kz, role=Role.REVIEWER
        ).user,
        "stranger": UserFactory(username="stranger"),
    }
    film = Film.objects.create(owner=kz, status=FilmStatus.PUBLISHED, year=2024)
    FilmTitle.objects.create(film=film, text="Дала әні", language="kk-Cyrl")
    memo = memorandum(kz, tr, areas=("translation_dubbing", "joint_feature"))
    track = services.track_upload(
        actor=users["kz_editor"], film=film, language="kk", data=KK_SRT, file_name="dala.kk.srt"
    )
    return {"kz": kz, "tr": tr, "users": users, "film": film, "memo": memo, "track": track}


def upload_track(world, data: bytes, *, language: str = "kk", file_name: str = "", fps: str = ""):  # type: ignore[no-untyped-def]
    """A new version of the film's track in ``language``, uploaded by KZ-A's editor."""
    return services.track_upload(
        actor=world["users"]["kz_editor"],
        film=world["film"],
        language=language,
        data=data,
        file_name=file_name,
        fps=fps,
    )


@pytest.fixture
def world(db):
    return build_world()


def order_job(world):  # type: ignore[no-untyped-def]
    """The translation of the film's track into Turkish, ordered by KZ-A's editor."""
    u = world["users"]
    return services.job_order(
        actor=u["kz_editor"],
        source=world["track"],
        target_language="tr",
        assignee=u["translator"],
        reviewer=u["reviewer"],
        memorandum=world["memo"],
        enqueue=False,
    )


@pytest.fixture
def job(world):
    return order_job(world)


@pytest.fixture
def kazakh():  # type: ignore[no-untyped-def]
    """Adds translations to the Kazakh catalogue for one test (new messages have none until the lead
    translates them): ``kazakh({"msgid": "msgstr", ("singular", 1): "plural form 1"})``."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation("kk")._catalog._catalogs[0]
    added: list[object] = []

    def add(entries: dict[object, str]) -> None:
        for key, value in entries.items():
            if key not in catalog:
                added.append(key)
            catalog[key] = value

    yield add
    for key in added:
        catalog.pop(key, None)
