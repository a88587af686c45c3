"""An activity the viewer may not see (a co-production its producers have not published) is counted on the
memorandum's pages, in its report and on the home page, and never named there."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.coproduction.models import Project, ProjectText
from korkyt.institutions import services
from tests.factories import InstitutionFactory, memorandum

pytestmark = pytest.mark.django_db

TITLE = "The Wandering Spring"


@pytest.fixture
def memo():  # type: ignore[no-untyped-def]
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    memo = memorandum(kz, az)
    project = Project.objects.create(kind="fiction", status="approved", is_published=False)
    ProjectText.objects.create(project=project, language="en", title=TITLE)
    services.activity_record(memorandum=memo, area="joint_feature", activity=project)
    memo.project = project
    return memo


def test_an_unpublished_coproduction_is_counted_not_named(client: Client, memo):  # type: ignore[no-untyped-def]
    report = client.get(f"/api/memoranda/{memo.pk}/report").json()
    assert report["total"] == 1 and report["latest"] == []
    for path in (f"/en/memoranda/{memo.pk}/", f"/ru/memoranda/{memo.pk}/activities/", "/en/"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert TITLE not in answer.content.decode(), path
    area = client.get(f"/en/memoranda/{memo.pk}/activities/?area=joint_feature").content.decode()
    assert TITLE not in area
    assert "1 activity in this area is not public." in area
    assert "Nothing recorded in this area yet." not in area


def test_once_published_it_is_named(client: Client, memo):  # type: ignore[no-untyped-def]
    Project.objects.filter(pk=memo.project.pk).update(is_published=True)
    report = client.get(f"/api/memoranda/{memo.pk}/report").json()
    assert [row["title"] for row in report["latest"]] == [TITLE]
    for path in (f"/en/memoranda/{memo.pk}/", f"/ru/memoranda/{memo.pk}/activities/", "/en/"):
        assert TITLE in client.get(path).content.decode(), path


def test_the_memorandum_s_history_names_an_activity_by_its_kind_and_area_not_by_ids(memo) -> None:  # type: ignore[no-untyped-def]
    """Readable ("Co-production project · Joint feature films"), yet no title an editor may not see."""
    from tests.factories import MembershipFactory

    client = Client()
    client.force_login(MembershipFactory(institution=memo.party_links.first().institution).user)
    page = client.get(f"/en/history/institutions.memorandum/{memo.pk}").content.decode()
    activity = memo.activities.get()
    assert f"{activity.memorandum_id} · {activity.area_id} · " not in page
    assert f"{activity.content_type.model_class()._meta.verbose_name.capitalize()} · {activity.area}" in page
    assert TITLE not in page


def test_an_entry_recorded_with_the_activity_s_id_does_not_name_it_either(memo) -> None:  # type: ignore[no-untyped-def]
    from korkyt.core.models import AuditEntry
    from tests.factories import MembershipFactory

    entry = AuditEntry.objects.get(content_type__model="memorandumactivity")
    entry.changes = {**entry.changes, "object_id": ["None", str(memo.project.pk)]}  # as recorded before
    entry.save()
    client = Client()
    client.force_login(MembershipFactory(institution=memo.party_links.first().institution).user)
    page = client.get(f"/en/history/institutions.memorandum/{memo.pk}").content.decode()
    assert TITLE not in page and "Activity id" not in page
