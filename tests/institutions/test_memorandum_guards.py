"""What one party's editor may not do alone: set a signed memorandum back to draft, delete a memorandum
others refer to, change what only administrators change; and what a JSON null means in a PATCH."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.config.demo import SYSTEM
from korkyt.institutions import services
from korkyt.institutions.models import Institution, Memorandum, MemorandumActivity
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    tm = InstitutionFactory(code="TM-B", country="TM")
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    return {"kz": kz, "tm": tm, "editor": editor, "admin": admin, "memo": memorandum(kz, tm)}


def _headers(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_a_party_editor_cannot_set_a_signed_memorandum_back_to_draft(world):  # type: ignore[no-untyped-def]
    memo = world["memo"]
    with pytest.raises(ValidationError) as exc:
        services.memorandum_update(actor=world["editor"], memorandum=memo, status="draft")
    assert "status" in exc.value.message_dict
    memo.refresh_from_db()
    assert memo.status == "signed"
    services.memorandum_update(actor=world["editor"], memorandum=memo, status="in_force")
    services.memorandum_update(actor=world["admin"], memorandum=memo, status="draft")
    memo.refresh_from_db()
    assert memo.status == "draft"


def test_the_api_refuses_draft_then_delete_by_one_party(client: Client, world):  # type: ignore[no-untyped-def]
    memo, headers = world["memo"], _headers(world["editor"])
    answer = client.patch(
        f"/api/memoranda/{memo.pk}", {"status": "draft"}, content_type="application/json", headers=headers
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "status"
    assert client.delete(f"/api/memoranda/{memo.pk}", headers=headers).status_code == 403
    assert Memorandum.objects.filter(pk=memo.pk).exists()


def test_a_memorandum_with_activities_is_not_deleted_even_by_an_admin(world):  # type: ignore[no-untyped-def]
    memo = world["memo"]
    activity = FakeActivity.objects.create(name="Workshop")
    services.activity_record(memorandum=memo, area="joint_feature", activity=activity)
    with pytest.raises(ValidationError) as exc:
        services.memorandum_delete(actor=world["admin"], memorandum=memo)
    assert "fake activity" in " ".join(exc.value.messages)
    assert "refer to it" in " ".join(exc.value.messages)
    assert Memorandum.objects.filter(pk=memo.pk).exists()
    assert MemorandumActivity.objects.filter(memorandum=memo).count() == 1


def test_a_draft_with_nothing_recorded_is_still_deleted_by_its_party(world):  # type: ignore[no-untyped-def]
    memo = memorandum(world["kz"], world["tm"], status="draft")
    services.memorandum_delete(actor=world["editor"], memorandum=memo)
    assert not Memorandum.objects.filter(pk=memo.pk).exists()


def test_a_memorandum_a_coproduction_names_is_not_deleted(world):  # type: ignore[no-untyped-def]
    from korkyt.coproduction.models import Project

    memo = memorandum(world["kz"], world["tm"], status="draft")
    project = Project.objects.create(memorandum=memo, kind="fiction")
    MemorandumActivity.objects.filter(memorandum=memo).delete()  # named by its field alone
    with pytest.raises(ValidationError) as exc:
        services.memorandum_delete(actor=world["editor"], memorandum=memo)
    assert "co-productions" in " ".join(exc.value.messages)
    project.refresh_from_db()
    assert project.memorandum_id == memo.pk


@pytest.mark.parametrize("field", ["kind", "country", "native_language", "source_url"])
def test_only_an_admin_changes_what_the_edit_page_does_not_offer(client: Client, world, field):  # type: ignore[no-untyped-def]
    value = {"kind": "studio", "country": "TR", "native_language": "tr", "source_url": "https://x.tr"}[field]
    answer = client.patch(
        "/api/institutions/KZ-A",
        {field: value},
        content_type="application/json",
        headers=_headers(world["editor"]),
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field
    kz = Institution.objects.get(code="KZ-A")
    assert (kz.kind, kz.country, kz.native_language, kz.source_url) == (
        "national_agency",
        "KZ",
        "kk-Cyrl",
        "",
    )
    same = {"kind": "national_agency", "country": "kz", "website": "https://kino.kz"}
    answer = client.patch(
        "/api/institutions/KZ-A", same, content_type="application/json", headers=_headers(world["editor"])
    )
    assert answer.status_code == 200, answer.content  # what it already is may be sent back
    answer = client.patch(
        "/api/institutions/KZ-A",
        {field: value},
        content_type="application/json",
        headers=_headers(world["admin"]),
    )
    assert answer.status_code == 200, answer.content


def test_a_json_null_empties_an_optional_text_or_names_the_field(client: Client, world):  # type: ignore[no-untyped-def]
    memo, admin = world["memo"], _headers(world["admin"])
    Memorandum.objects.filter(pk=memo.pk).update(source_url="https://gov.kz/mou")
    Institution.objects.filter(code="KZ-A").update(website="https://kino.kz", source_url="https://gov.kz")
    answer = client.patch(
        f"/api/memoranda/{memo.pk}", {"source_url": None}, content_type="application/json", headers=admin
    )
    assert answer.status_code == 200 and answer.json()["source_url"] == ""
    answer = client.patch(
        "/api/institutions/KZ-A",
        {"website": None, "source_url": None},
        content_type="application/json",
        headers=admin,
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["website"], answer.json()["source_url"]) == ("", "")
    for field in ("kind", "country", "native_language", "is_public"):
        answer = client.patch(
            "/api/institutions/KZ-A", {field: None}, content_type="application/json", headers=admin
        )
        assert answer.status_code == 422, (field, answer.content)
        assert answer.json()["errors"][0]["field"] == field
    for field in ("status", "signed_on_precision"):
        answer = client.patch(
            f"/api/memoranda/{memo.pk}", {field: None}, content_type="application/json", headers=admin
        )
        assert answer.status_code == 422, (field, answer.content)
        assert answer.json()["errors"][0]["field"] == field


def test_emptying_a_languages_texts_on_the_edit_page_removes_them(client: Client, world):  # type: ignore[no-untyped-def]
    memo = world["memo"]
    services.memorandum_update(
        actor=SYSTEM, memorandum=memo, translations=[{"language": "uz-Latn", "title": "Test title UZ"}]
    )
    client.force_login(world["editor"])
    page = f"/en/staff/memoranda/{memo.pk}/edit/?language=uz-Latn"
    form = client.get(page).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        parties=[world["kz"].pk, world["tm"].pk], areas=data["areas"], title="", signed_on="2025-10-01"
    )
    answer = client.post(page, data)
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    assert not memo.translations.filter(language="uz-Latn").exists()


def test_only_an_administrator_changes_the_parties_of_a_signed_memorandum(client: Client, world):  # type: ignore[no-untyped-def]
    memo, kz, tm = world["memo"], world["kz"], world["tm"]
    InstitutionFactory(code="TR-C", country="TR")
    with pytest.raises(ValidationError) as exc:
        services.memorandum_update(actor=world["editor"], memorandum=memo, parties=["KZ-A", "TR-C"])
    assert "Only a platform administrator" in exc.value.message_dict["parties"][0]
    # the API: 422 naming the field, nothing changed
    answer = client.patch(
        f"/api/memoranda/{memo.pk}",
        {"parties": ["KZ-A", "TR-C"]},
        content_type="application/json",
        headers=_headers(world["editor"]),
    )
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["parties"]
    # the page: the form again, with the refusal on the field
    client.force_login(world["editor"])
    page = f"/en/staff/memoranda/{memo.pk}/edit/"
    form = client.get(page).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    tr = Institution.objects.get(code="TR-C")
    answer = client.post(page, data | {"parties": [kz.pk, tr.pk], "signed_on": "2025-10-01"})
    assert answer.status_code == 400
    assert "Only a platform administrator" in str(answer.context["form"].errors["parties"])
    assert sorted(memo.parties.values_list("code", flat=True)) == ["KZ-A", "TM-B"]
    # the same parties sent back (the page always sends them) are no change: the other fields are saved
    answer = client.post(
        page, data | {"parties": [tm.pk, kz.pk], "signed_on": "2025-10-01", "place": "Aktau"}
    )
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    # an administrator changes them; a party's editor still changes those of a draft
    services.memorandum_update(actor=world["admin"], memorandum=memo, parties=["KZ-A", "TR-C"])
    assert sorted(memo.parties.values_list("code", flat=True)) == ["KZ-A", "TR-C"]
    draft = memorandum(kz, tm, status="draft")
    services.memorandum_update(actor=world["editor"], memorandum=draft, parties=["KZ-A", "TR-C"])
    assert sorted(draft.parties.values_list("code", flat=True)) == ["KZ-A", "TR-C"]


def test_an_expired_memorandum_is_not_valid_until_a_day_to_come(world):  # type: ignore[no-untyped-def]
    """Its page said "Expired" above "Valid until 1 January 2030"; an early end is "terminated"."""
    import datetime as dt

    memo = world["memo"]
    later = dt.date.today() + dt.timedelta(days=400)
    with pytest.raises(ValidationError) as exc:
        services.memorandum_update(
            actor=world["editor"], memorandum=memo, status="expired", valid_until=later
        )
    assert "status" in exc.value.message_dict
    memo.refresh_from_db()
    assert memo.status == "signed" and memo.valid_until is None
    past = dt.date.today() - dt.timedelta(days=1)
    services.memorandum_update(actor=world["editor"], memorandum=memo, status="expired", valid_until=past)
    services.memorandum_update(actor=world["editor"], memorandum=memo, status="terminated", valid_until=later)
    memo.refresh_from_db()
    assert (memo.status, memo.valid_until) == ("terminated", later)
