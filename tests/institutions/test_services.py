from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from korkyt.config.demo import SYSTEM
from korkyt.institutions import selectors, services
from korkyt.institutions.models import Institution, Memorandum, MemorandumActivity
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_institution_create_keeps_texts_per_language_and_normalises_tags():
    inst = services.institution_create(
        actor=SYSTEM,
        code="kz-test",
        kind="studio",
        country="kz",
        native_language="kk",
        translations=[
            {"language": "en", "name": "Kazakhfilm"},
            {"language": "kk-cyrl", "name": "Қазақфильм"},
        ],
    )
    assert inst.code == "KZ-TEST"
    assert inst.country == "KZ"
    assert inst.native_language == "kk-Cyrl"
    assert {t.language for t in inst.translations.all()} == {"en", "kk-Cyrl"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"country": "Kazakhstan"}, "country"),
        ({"kind": "cinema"}, "kind"),
        ({"code": ""}, "code"),
        ({"code": "has space"}, "code"),
        ({"native_language": "klingon"}, "native_language"),
        ({"translations": []}, "translations"),
        ({"translations": [{"language": "xx", "name": "A"}]}, "translations[0].language"),
        ({"translations": [{"language": "en", "name": ""}]}, "translations[0].name"),
        (
            {"translations": [{"language": "en", "name": "A"}, {"language": "en", "name": "B"}]},
            "translations[1].language",
        ),
        ({"website": "not a url"}, "website"),
    ],
)
def test_institution_create_refuses_bad_input_and_saves_nothing(changes, field):
    data = {
        "code": "KZ-NEW",
        "kind": "studio",
        "country": "KZ",
        "translations": [{"language": "en", "name": "New"}],
    }
    data.update(changes)
    with pytest.raises(ValidationError) as exc:
        services.institution_create(actor=SYSTEM, **data)
    assert field in _errors(exc)
    assert not Institution.objects.filter(code="KZ-NEW").exists()


def test_new_language_text_without_a_name_is_refused():
    inst = InstitutionFactory(code="KZ-A")
    with pytest.raises(ValidationError) as exc:
        services.institution_update(
            actor=SYSTEM, institution=inst, translations=[{"language": "tr", "description": "x"}]
        )
    assert "translations.tr.name" in _errors(exc)


def test_institution_name_longer_than_limit_is_refused():
    inst = InstitutionFactory(code="KZ-A")
    with pytest.raises(ValidationError) as exc:
        services.institution_update(
            actor=SYSTEM, institution=inst, translations=[{"language": "en", "name": "x" * 301}]
        )
    assert "translations.en.name" in _errors(exc)


def test_editor_updates_own_institution_but_not_another():
    own = InstitutionFactory(code="KZ-A")
    other = InstitutionFactory(code="AZ-B", country="AZ")
    editor = MembershipFactory(institution=own).user
    services.institution_update(
        actor=editor,
        institution=own,
        website="https://kino.kz",
        translations=[{"language": "kk", "name": "Атауы", "description": "Сипаттама"}],
    )
    services.institution_update(
        actor=editor, institution=own, translations=[{"language": "kk", "description": "Жаңа"}]
    )
    assert own.translations.get(language="kk-Cyrl").name == "Атауы"
    own.refresh_from_db()
    assert own.website == "https://kino.kz"
    with pytest.raises(PermissionDenied):
        services.institution_update(actor=editor, institution=other, website="https://x.az")


def test_editor_cannot_publish_or_hide_institution():
    own = InstitutionFactory(code="KZ-A")
    editor = MembershipFactory(institution=own).user
    with pytest.raises(ValidationError) as exc:
        services.institution_update(actor=editor, institution=own, is_public=False)
    assert "is_public" in _errors(exc)


def _parties():
    return InstitutionFactory(code="KZ-A"), InstitutionFactory(code="AZ-B", country="AZ")


def test_memorandum_create_with_parties_areas_and_texts():
    a, b = _parties()
    memo = services.memorandum_create(
        actor=SYSTEM,
        parties=["KZ-A", "AZ-B"],
        areas=["joint_feature", "workshops"],
        signed_on=dt.date(2025, 10, 1),
        signed_on_precision="month",
        status="signed",
        valid_until=dt.date(2030, 10, 1),
        translations=[{"language": "en", "title": "Cinema cooperation"}],
    )
    assert [p.code for p in selectors.memorandum_parties(memo)] == ["KZ-A", "AZ-B"]
    assert sorted(memo.areas.values_list("code", flat=True)) == ["joint_feature", "workshops"]
    assert selectors.memorandum_title(memo, "kk").text == "Cinema cooperation"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"valid_until": dt.date(2020, 1, 1)}, "valid_until"),
        ({"parties": ["KZ-A", "KZ-A"]}, "parties"),
        ({"parties": ["KZ-A"]}, "parties"),
        ({"parties": ["KZ-A", "NOPE"]}, "parties"),
        ({"areas": ["space_travel"]}, "areas"),
        ({"status": "signed", "signed_on": None}, "signed_on"),
        ({"status": "whatever"}, "status"),
        ({"signed_on": dt.date.today() + dt.timedelta(days=30)}, "signed_on"),
        ({"framework": "NOPE"}, "framework"),
        ({"translations": [{"language": "zz", "title": "T"}]}, "translations[0].language"),
        ({"document": SimpleUploadedFile("m.pdf", b"GIF89a not a pdf")}, "document"),
    ],
)
def test_memorandum_create_refuses_bad_input_and_saves_nothing(changes, field):
    _parties()
    data = {"parties": ["KZ-A", "AZ-B"], "signed_on": dt.date(2025, 10, 1), "status": "signed"}
    data.update(changes)
    with pytest.raises(ValidationError) as exc:
        services.memorandum_create(actor=SYSTEM, **data)
    assert field in _errors(exc)
    assert Memorandum.objects.count() == 0


def test_memorandum_document_over_limit_is_refused(settings):
    settings.KORKYT_MAX_UPLOAD_MB = 1
    a, b = _parties()
    memo = memorandum(a, b)
    big = SimpleUploadedFile("m.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as exc:
        services.memorandum_attach_document(actor=SYSTEM, memorandum=memo, document=big)
    assert "document" in _errors(exc)
    memo.refresh_from_db()
    assert not memo.document


def test_memorandum_document_pdf_is_stored():
    a, b = _parties()
    memo = memorandum(a, b)
    services.memorandum_attach_document(
        actor=SYSTEM, memorandum=memo, document=SimpleUploadedFile("m.pdf", PDF)
    )
    memo.refresh_from_db()
    assert memo.document.read() == PDF


def test_editor_must_remain_party_of_memorandum_they_create():
    a, b = _parties()
    c = InstitutionFactory(code="TR-C", country="TR")
    editor = MembershipFactory(institution=a).user
    with pytest.raises(ValidationError) as exc:
        services.memorandum_create(actor=editor, parties=["AZ-B", "TR-C"])
    assert "parties" in _errors(exc)
    memo = services.memorandum_create(actor=editor, parties=["KZ-A", "TR-C"])
    assert memo.status == "draft"
    assert c in selectors.memorandum_parties(memo)


def test_activity_record_is_idempotent_and_counted_in_reports():
    a, b = _parties()
    c = InstitutionFactory(code="TR-C", country="TR")
    memo = memorandum(a, b, areas=("joint_feature", "workshops"))
    memo2 = memorandum(a, c, areas=("workshops",))
    film = FakeActivity.objects.create(name="A co-produced film")
    lab = FakeActivity.objects.create(name="A lab")
    services.activity_record(
        memorandum=memo, area="joint_feature", activity=film, happened_on=dt.date(2026, 1, 5)
    )
    services.activity_record(memorandum=memo, area="joint_feature", activity=film)
    services.activity_record(memorandum=memo, area="workshops", activity=lab)
    services.activity_record(memorandum=memo2, area="workshops", activity=lab)
    assert MemorandumActivity.objects.filter(memorandum=memo).count() == 2

    report = selectors.memorandum_report(memorandum=memo)
    counts = {row.code: row.count for row in report.areas}
    assert report.total == 2
    assert counts == {"joint_feature": 1, "workshops": 1}
    assert report.areas[0].by_kind == {"fake activity": 1}

    pairs = {row.countries: row for row in selectors.country_pair_report(user=SYSTEM)}
    assert pairs[("AZ", "KZ")].activities == 2
    assert pairs[("AZ", "KZ")].by_area == {"joint_feature": 1, "workshops": 1}
    assert pairs[("KZ", "TR")].activities == 1
    assert pairs[("KZ", "TR")].memoranda == 1


def test_report_counts_zero_for_each_area_when_nothing_was_done():
    a, b = _parties()
    memo = memorandum(a, b, areas=("joint_feature", "workshops", "film_tourism"))
    report = selectors.memorandum_report(memorandum=memo)
    assert report.total == 0
    assert [(r.code, r.count) for r in report.areas] == [
        ("joint_feature", 0),
        ("workshops", 0),
        ("film_tourism", 0),
    ]


def test_activity_in_area_not_covered_is_refused():
    a, b = _parties()
    memo = memorandum(a, b, areas=("joint_feature",))
    thing = FakeActivity.objects.create(name="x")
    with pytest.raises(ValidationError) as exc:
        services.activity_record(memorandum=memo, area="film_tourism", activity=thing)
    assert "area" in _errors(exc)


def test_activity_recorded_on_behalf_of_non_party_is_denied():
    a, b = _parties()
    outsider = MembershipFactory(institution=InstitutionFactory(code="UZ-D", country="UZ")).user
    memo = memorandum(a, b)
    with pytest.raises(PermissionDenied):
        services.activity_record(
            memorandum=memo,
            area="joint_feature",
            activity=FakeActivity.objects.create(name="x"),
            actor=outsider,
        )


def test_activity_forget_removes_records():
    a, b = _parties()
    memo = memorandum(a, b)
    thing = FakeActivity.objects.create(name="x")
    services.activity_record(memorandum=memo, area="joint_feature", activity=thing)
    assert services.activity_forget(activity=thing) == 1
    assert selectors.memorandum_report(memorandum=memo).total == 0


def test_institution_with_memoranda_cannot_be_deleted():
    a, b = _parties()
    memorandum(a, b)
    with pytest.raises(ValidationError):
        services.institution_delete(actor=SYSTEM, institution=a)
    assert Institution.objects.filter(code="KZ-A").exists()


def test_users_are_hashed_with_argon2(settings):
    from korkyt.config import settings as production_settings

    # The platform's own settings (the test settings use a fast hasher) put Argon2 first.
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = UserFactory(username="hashme")
    user.set_password("a long enough password")
    assert user.password.startswith("argon2$")


def test_institution_names_are_saved_composed():
    inst = services.institution_create(
        actor=SYSTEM,
        code="TR-NFD",
        kind="studio",
        country="TR",
        translations=[{"language": "tr", "name": "Ku\u0308ltu\u0308r Merkezi", "short_name": "Ku\u0308M"}],
    )
    row = inst.translations.get()
    assert (row.name, row.short_name) == ("Kültür Merkezi", "KüM")
