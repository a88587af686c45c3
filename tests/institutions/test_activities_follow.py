"""Activities under a memorandum follow their object: deleted with it (also by cascade), moved with it,
never counted once it is gone; their titles are read from the object in the viewer's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.catalogue.services import film_delete, film_update
from korkyt.core.permissions import SYSTEM
from korkyt.institutions import selectors, services
from korkyt.institutions.models import MemorandumActivity
from tests.factories import InstitutionFactory, memorandum
from tests.fakeapp.models import FakeActivity, FakeMovable, FakeParent, FakeUndeclared

pytestmark = pytest.mark.django_db


def _pair_activities(country_a: str, country_b: str) -> int:
    rows = {r.countries: r for r in selectors.country_pair_report(user=SYSTEM)}
    row = rows.get((country_a, country_b))
    return row.activities if row else 0


@pytest.fixture
def memos():
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    tr = InstitutionFactory(code="TR-C", country="TR")
    return {
        "kz_az": memorandum(kz, az, areas=("workshops", "joint_feature")),
        "kz_tr": memorandum(kz, tr, areas=("workshops",)),
        "kz": kz,
    }


def test_deleting_an_activity_removes_its_record_from_the_reports(memos):
    thing = FakeActivity.objects.create(name="A lab")
    services.activity_record(memorandum=memos["kz_az"], area="workshops", activity=thing)
    assert selectors.memorandum_report(memorandum=memos["kz_az"]).total == 1
    thing.delete()  # no activity_forget call: the record goes with the object
    assert selectors.memorandum_report(memorandum=memos["kz_az"]).total == 0
    assert _pair_activities("AZ", "KZ") == 0
    assert not MemorandumActivity.objects.exists()


def test_an_activity_deleted_by_a_cascade_or_a_queryset_leaves_no_record(memos):
    parent = FakeParent.objects.create(name="p")
    children = [FakeMovable.objects.create(parent=parent, memorandum=memos["kz_az"]) for _ in range(3)]
    assert selectors.memorandum_report(memorandum=memos["kz_az"]).total == 3
    parent.delete()
    assert MemorandumActivity.objects.count() == 0
    others = [FakeActivity.objects.create(name=str(i)) for i in range(2)]
    for other in others:
        services.activity_record(memorandum=memos["kz_tr"], area="workshops", activity=other)
    FakeActivity.objects.all().delete()
    assert _pair_activities("KZ", "TR") == 0 and children[0].pk is not None


def test_moving_an_activity_to_another_memorandum_moves_its_record(memos):
    movable = FakeMovable.objects.create(memorandum=memos["kz_az"])
    movable.memorandum = memos["kz_tr"]
    movable.save()
    assert (_pair_activities("AZ", "KZ"), _pair_activities("KZ", "TR")) == (0, 1)
    movable.memorandum = None
    movable.save(update_fields=["memorandum"])
    assert not MemorandumActivity.objects.exists()


def test_a_model_without_the_relation_cannot_be_recorded(memos):
    with pytest.raises(TypeError, match="ActivityRelation"):
        services.activity_record(
            memorandum=memos["kz_az"], area="workshops", activity=FakeUndeclared.objects.create()
        )


def test_titles_are_read_from_the_object_in_the_viewers_language(memos):
    thing = FakeActivity.objects.create(name="Workshop", name_ru="Мастерская")
    services.activity_record(memorandum=memos["kz_az"], area="workshops", activity=thing)
    assert [
        r.title.text for r in selectors.memorandum_report(memorandum=memos["kz_az"], language="ru").latest
    ] == ["Мастерская"]
    thing.name = "Lab"
    thing.save()
    assert [r.title.text for r in selectors.activity_latest(user=SYSTEM, language="en")] == ["Lab"]


def test_a_films_record_follows_the_film_and_its_title_is_the_viewers(memos):
    film = Film.objects.create(owner=memos["kz"], status=FilmStatus.PUBLISHED, year=2020)
    FilmTitle.objects.create(film=film, text="Дала", language="kk-Cyrl", kind="original")
    FilmTitle.objects.create(film=film, text="Steppe", language="en", kind="translated")
    film_update(actor=SYSTEM, film=film, memorandum=memos["kz_az"].pk, area="joint_feature")
    assert [
        r.title.text for r in selectors.memorandum_report(memorandum=memos["kz_az"], language="en").latest
    ] == ["Steppe"]
    film_delete(actor=SYSTEM, film=film)
    assert selectors.memorandum_report(memorandum=memos["kz_az"]).total == 0


def test_the_report_pages_show_titles_in_the_pages_language(client, memos):
    thing = FakeActivity.objects.create(name="Workshop", name_ru="Мастерская")
    services.activity_record(memorandum=memos["kz_az"], area="workshops", activity=thing)
    with translation.override("en"):  # the language each request activates is not left to the next test
        assert "Мастерская" in client.get(f"/ru/memoranda/{memos['kz_az'].pk}/").content.decode()
        assert "Workshop" in client.get(f"/en/memoranda/{memos['kz_az'].pk}/").content.decode()
        url = f"/api/memoranda/{memos['kz_az'].pk}/report"
        api = client.get(url, headers={"Accept-Language": "ru"}).json()
    assert [a["title"] for a in api["latest"]] == ["Мастерская"]
