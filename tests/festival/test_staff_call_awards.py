"""More of the edition's staff pages: organisers and the memorandum the edition runs under (counted in the
memorandum's report), the call's deadline tiers and waiver codes (enforced on submission), the awards'
definitions, deleting a section, and a juror's catalogue person (conflicts from their credits)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.catalogue import services as catalogue
from korkyt.core.models import AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import (
    Award,
    AwardKind,
    Conflict,
    ConflictSource,
    Edition,
    Section,
    Submission,
    SubmissionStatus,
    WaiverCode,
)
from korkyt.institutions.models import CooperationArea, MemorandumActivity
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum, person
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _edition_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "city": "Aktau",
        "country": "KZ",
        "starts_on": "2027-10-01",
        "ends_on": "2027-10-05",
        "venues": "Aktau Drama Theatre",
        "results_at": "",
        "notes": "",
        "source_url": "",
    }
    data.update(changes)
    return data


def _actions(edition: Edition, action: str) -> list[AuditEntry]:
    return [e for e in AuditEntry.objects.filter(action_type=action) if e.object_pk == str(edition.pk)]


@pytest.fixture
def selected(feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Selected film")
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=sub, name=name)
    sub.refresh_from_db()
    return sub


# ---- who may open the new pages --------------------------------------------------------------------


def test_the_new_staff_pages_answer_404_to_everyone_but_the_edition_staff(
    edition: Edition, feature: Section, staff: Any, producer: Any, kg_editor: Any, selected: Any
) -> None:
    award = services.award_create(actor=staff, edition=edition, code="grand", names={"en": "Grand"})
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="a-juror")).user
    pages = [
        "/en/festival/6/deadlines/",
        "/en/festival/6/awards/",
        f"/en/festival/6/awards/{award.pk}/",
    ]
    posts = [*pages, "/en/festival/6/sections/feature/delete"]
    for user in (None, producer, kg_editor, juror, selected.submitted_by):
        for url in pages:
            answer = _client(user).get(url)
            assert answer.status_code == 404 or "/accounts/login" in answer.get("Location", ""), (user, url)
        for url in posts:
            answer = _client(user).post(
                url, {"action": "delete", "code": "x", "opens_at": "2027-01-01T00:00"}
            )
            assert answer.status_code in (404, 302), (user, url)
            assert answer.status_code == 404 or "/accounts/login" in answer["Location"]
    assert Award.objects.filter(pk=award.pk).exists() and Section.objects.filter(pk=feature.pk).exists()
    for url in pages:
        assert _client(staff).get(url).status_code == 200, url
    assert _client(staff).get("/en/festival/6/awards/99999/").status_code == 404
    assert _client(staff).get("/en/festival/7/deadlines/").status_code == 404
    assert _client(staff).post("/en/festival/6/sections/nonsense/delete").status_code == 404


# ---- 1. organisers, memorandum and area -------------------------------------------------------------


def test_staff_set_the_organisers_and_the_memorandum_and_the_report_counts_the_edition(
    edition: Edition, staff: Any
) -> None:
    kz = InstitutionFactory(code="KZ-SC", country="KZ", native_language="kk")
    turksoy = InstitutionFactory(code="TURKSOY", country="TR", native_language="en")
    memo = memorandum(kz, turksoy, areas=("festival_participation", "joint_feature"))
    MembershipFactory(user=staff, institution=kz)  # an editor of a party places the edition under it
    area = CooperationArea.objects.get(code="festival_participation")
    other = CooperationArea.objects.get(code="workshops")
    client = _client(staff)
    page = client.get("/en/festival/6/edit/").content.decode()
    assert 'name="organisers"' in page and 'name="memorandum"' in page and 'name="area"' in page

    # A memorandum without its area, and an area the memorandum does not cover, are refused.
    bad = client.post("/en/festival/6/edit/", _edition_post(memorandum=memo.pk))
    assert bad.status_code == 200
    assert "Name the area of cooperation the edition is held under." in bad.content.decode()
    bad = client.post("/en/festival/6/edit/", _edition_post(memorandum=memo.pk, area=other.pk))
    assert "This memorandum does not cover that area of cooperation." in bad.content.decode()
    bad = client.post("/en/festival/6/edit/", _edition_post(area=area.pk))
    assert "Choose the memorandum the area belongs to." in bad.content.decode()
    assert not MemorandumActivity.objects.exists()

    answer = client.post(
        "/en/festival/6/edit/",
        _edition_post(organisers=[kz.pk, turksoy.pk], memorandum=memo.pk, area=area.pk),
    )
    assert answer.status_code == 302
    edition.refresh_from_db()
    assert set(edition.organisers.values_list("code", flat=True)) == {"KZ-SC", "TURKSOY"}
    row = MemorandumActivity.objects.get()
    assert (row.memorandum_id, row.area.code, row.object_id) == (
        memo.pk,
        "festival_participation",
        edition.pk,
    )
    assert row.happened_on == dt.date(2027, 10, 1)
    # Audited: the memorandum and area (fields before → after) and the organisers (many-to-many).
    changed = [e.changes_dict for e in AuditEntry.objects.filter(object_pk=str(edition.pk)) if e.changes_dict]
    assert any("memorandum" in c and "area" in c for c in changed)
    assert any("organisers" in c for c in changed)

    # The public page names the organisers (each in its own language) and the memorandum.
    public = _client().get("/en/festival/6/").content.decode()
    assert '/institutions/KZ-SC/" lang="en">Institution KZ-SC</a>' in public
    assert f"/memoranda/{memo.pk}/" in public or f"memorandum/{memo.pk}" in public
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', public, re.S)[1])
    assert {"@type": "Organization", "name": {"@value": "Institution KZ-SC", "@language": "en"}} in data[
        "organizer"
    ]
    assert data["location"]["name"] == {"@value": "Aktau Drama Theatre", "@language": edition.language}

    # Moving it to the memorandum's other area moves the record; clearing it removes the record.
    client.post(
        "/en/festival/6/edit/",
        _edition_post(
            organisers=[kz.pk],
            memorandum=memo.pk,
            area=CooperationArea.objects.get(code="joint_feature").pk,
        ),
    )
    assert list(MemorandumActivity.objects.values_list("area__code", flat=True)) == ["joint_feature"]
    client.post("/en/festival/6/edit/", _edition_post(organisers=[kz.pk]))
    assert not MemorandumActivity.objects.exists()
    assert "Held under the memorandum" not in _client().get("/en/festival/6/").content.decode()


# ---- 2. the call: deadlines and waiver codes -------------------------------------------------------


def _call_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "opens_at": "2026-01-01T09:00",
        "early_closes": "2027-01-10T23:59",
        "early_fee": "20",
        "regular_closes": "2027-02-10T23:59",
        "regular_fee": "40",
        "late_closes": "",
        "late_fee": "",
        "extended_closes": "",
        "extended_fee": "",
        "waivers-TOTAL_FORMS": "2",
        "waivers-INITIAL_FORMS": "0",
        "waivers-MIN_NUM_FORMS": "0",
        "waivers-MAX_NUM_FORMS": "200",
        "waivers-0-code": "TURKSOY27",
        "waivers-0-max_uses": "3",
        "waivers-1-code": "LATE-KG",
        "waivers-1-max_uses": "1",
        "waivers-1-late_entry": "on",
    }
    data.update(changes)
    return data


def test_staff_set_the_deadline_tiers_and_waiver_codes_and_bad_input_is_named(
    edition: Edition, feature: Section, staff: Any
) -> None:
    client = _client(staff)
    page = client.get("/en/festival/6/deadlines/").content.decode()
    assert 'name="early_closes"' in page and 'name="extended_fee"' in page and "TURKSOY26" in page
    inverted = client.post("/en/festival/6/deadlines/", _call_post(regular_closes="2027-01-01T00:00"))
    assert inverted.status_code == 200
    assert "Each tier closes after the one before it." in inverted.content.decode()
    late_open = client.post("/en/festival/6/deadlines/", _call_post(opens_at="2027-03-01T00:00"))
    assert "The call opens before its first deadline." in late_open.content.decode()
    none = client.post("/en/festival/6/deadlines/", _call_post(early_closes="", regular_closes=""))
    assert "Give at least one deadline." in none.content.decode()
    twice = client.post("/en/festival/6/deadlines/", _call_post(**{"waivers-1-code": "turksoy27"}))
    assert "Each waiver code is given once." in twice.content.decode()
    odd = client.post("/en/festival/6/deadlines/", _call_post(**{"waivers-1-code": "no spaces!"}))
    assert "A waiver code is 1–40 letters, digits, - or _." in odd.content.decode()
    nonsense = client.post(
        "/en/festival/6/deadlines/",
        _call_post(early_fee="-5", opens_at="soon", **{"waivers-0-max_uses": "0"}),
    )
    assert nonsense.status_code == 200
    before = [(d.tier, d.fee_eur) for d in edition.call.deadlines.all()]
    assert before == [("early", 20), ("regular", 40)]
    assert set(edition.call.waivers.values_list("code", flat=True)) == {"TURKSOY26"}

    was_open = edition.call.is_open
    answer = client.post(
        "/en/festival/6/deadlines/", _call_post(late_closes="2027-03-01T12:00", late_fee="60")
    )
    assert answer.status_code == 302
    edition.call.refresh_from_db()
    assert edition.call.is_open == was_open  # saving the deadlines neither opens nor closes the call
    assert [(d.tier, d.fee_eur) for d in edition.call.deadlines.order_by("closes_at")] == [
        ("early", 20),
        ("regular", 40),
        ("late", 60),
    ]
    assert {(w.code, w.max_uses, w.late_entry) for w in edition.call.waivers.all()} == {
        ("TURKSOY27", 3, False),
        ("LATE-KG", 1, True),
    }
    entry = _actions(edition, "festival.edition.call_set")[-1]
    assert [w[0] for w in entry.additional_data["before"]["waivers"]] == ["TURKSOY26"]
    assert len(entry.additional_data["after"]["deadlines"]) == 3

    # The public call page of each section shows the tiers with their fee and the rule for late entries.
    public = _client().get("/en/festival/6/call/feature/").content.decode()
    assert "Late" in public and ">60<" in public
    assert "An entry sent after the last deadline is refused" in public


def test_a_used_waiver_code_stays_and_its_uses_cannot_drop_below_its_use(
    edition: Edition, feature: Section, staff: Any
) -> None:
    WaiverCode.objects.filter(code="TURKSOY26").update(used=2)
    client = _client(staff)
    gone = client.post("/en/festival/6/deadlines/", _call_post())
    assert "has been used: it stays" in gone.content.decode()
    fewer = client.post(
        "/en/festival/6/deadlines/",
        _call_post(**{"waivers-0-code": "TURKSOY26", "waivers-0-max_uses": "1"}),
    )
    assert "has been used 2 times already" in fewer.content.decode()
    assert WaiverCode.objects.get(code="TURKSOY26").max_uses == 5


def _past_deadlines(edition: Edition) -> None:
    now = dt.datetime.now(UTC)
    services.call_set(
        actor=SYSTEM,
        edition=edition,
        opens_at=now - dt.timedelta(days=60),
        deadlines=[
            services.DeadlineData("early", now - dt.timedelta(days=30), 20),
            services.DeadlineData("extended", now - dt.timedelta(days=1), 80),
        ],
        waivers=[
            services.WaiverData("FEE-ONLY", 5, late_entry=False),
            services.WaiverData("LATE-KG", 1, late_entry=True),
        ],
    )


def _entry_post(film_id: int, **changes: Any) -> dict[str, Any]:
    data = {
        "section": "feature",
        "film": str(film_id),
        "premiere": "none",
        "runtime": "96",
        "screener_url": "https://vimeo.com/2",
        "screener_password": "pw",
    }
    data.update(changes)
    return data


def test_an_entry_after_the_last_deadline_is_refused_unless_its_waiver_code_admits_late_entries(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    _past_deadlines(edition)
    film = make_film(agency_kg, "Late Film")
    client = _client(producer)
    late = client.post("/en/festival/6/submit/", _entry_post(film.pk))
    assert late.status_code == 200
    text = late.content.decode()
    assert "The last deadline (Extended," in text and "late entries are refused" in text
    assert not Submission.objects.exists()  # nothing half-saved: the producer may try again
    fee_only = client.post("/en/festival/6/submit/", _entry_post(film.pk, waiver_code="FEE-ONLY"))
    assert "The last deadline (Extended," in fee_only.content.decode()
    unknown = client.post("/en/festival/6/submit/", _entry_post(film.pk, waiver_code="NOPE"))
    assert "This waiver code is unknown or used up." in unknown.content.decode()
    assert not Submission.objects.exists()
    assert WaiverCode.objects.get(code="FEE-ONLY").used == 0

    admitted = client.post("/en/festival/6/submit/", _entry_post(film.pk, waiver_code="LATE-KG"))
    assert admitted.status_code == 302
    sub = Submission.objects.get()
    assert sub.status != SubmissionStatus.DRAFT and sub.waiver is not None and sub.waiver.code == "LATE-KG"
    assert "fee waived" in client.get(admitted["Location"]).content.decode()
    assert WaiverCode.objects.get(code="LATE-KG").used == 1
    # Used up: the next late entry is refused again.
    other = make_film(agency_kg, "Later Film")
    again = client.post("/en/festival/6/submit/", _entry_post(other.pk, waiver_code="LATE-KG"))
    assert "This waiver code is unknown or used up." in again.content.decode()


def test_the_refusal_of_a_late_entry_is_said_in_the_readers_language(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    _past_deadlines(edition)
    film = make_film(agency_kg, "Late Film")
    text = _client(producer).post("/ky/festival/6/submit/", _entry_post(film.pk)).content.decode()
    assert "Акыркы мөөнөт" in text and "late entries" not in text


# ---- 3. award definitions ---------------------------------------------------------------------------


def _award_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"code": "best-film", "kind": "main", "section": "feature", "name_en": "Best Film"}
    data.update(changes)
    return data


def test_staff_define_awards_with_names_per_language_and_the_award_rules_hold(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    client = _client(staff)
    page = client.get("/en/festival/6/awards/").content.decode()
    assert 'name="name_ky"' in page and 'lang="ky"' in page
    nameless = client.post("/en/festival/6/awards/", _award_post(name_en=""))
    assert "Give the award a name." in nameless.content.decode()
    unknown = client.post("/en/festival/6/awards/", _award_post(kind="trophy", section="nonsense"))
    assert unknown.status_code == 200 and not Award.objects.exists()
    answer = client.post(
        "/en/festival/6/awards/", _award_post(name_ky="Эң мыкты тасма", name_ru="Лучший фильм")
    )
    assert answer.status_code == 302
    best = Award.objects.get(code="best-film")
    assert (best.kind, best.section_id, best.ex_aequo) == ("main", feature.pk, False)
    assert {t.language: t.name for t in best.translations.all()} == {
        "en": "Best Film",
        "ky-Cyrl": "Эң мыкты тасма",
        "ru": "Лучший фильм",
    }
    again = client.post("/en/festival/6/awards/", _award_post())
    assert "The edition has this award already." in again.content.decode()
    assert "Эң мыкты тасма" in client.get("/ky/festival/6/awards/").content.decode()

    jury_prize = services.award_create(
        actor=staff, edition=edition, code="jury", names={"en": "Jury Prize"}, section=feature
    )
    services.award_decide(actor=staff, award=best, film=selected.film, submission=selected)
    services.award_decide(actor=staff, award=jury_prize, film=selected.film, submission=selected)
    # Making the jury prize a main award would give the film two main awards: refused, nothing changes.
    url = f"/en/festival/6/awards/{jury_prize.pk}/"
    refused = client.post(url, _award_post(kind="main", name_en="Jury Prize"))
    assert "This film has a main award already." in refused.content.decode()
    jury_prize.refresh_from_db()
    assert jury_prize.kind == AwardKind.AWARD
    # A rename and ex aequo are fine, and audited.
    renamed = client.post(url, _award_post(kind="award", name_en="Grand Jury Prize", ex_aequo="on"))
    assert renamed.status_code == 302
    jury_prize.refresh_from_db()
    assert jury_prize.ex_aequo and jury_prize.translations.get().name == "Grand Jury Prize"
    entry = _actions(edition, "festival.award.update")[-1]
    assert entry.additional_data["before"]["names"] == {"en": "Jury Prize"}
    assert entry.additional_data["after"]["ex_aequo"] is True
    # Given awards are not deleted; an award nobody has won is.
    assert "cannot be deleted" in client.get(url).content.decode()
    kept = client.post(url, {"action": "delete"}, follow=True)
    assert "The award has been given: it cannot be deleted." in kept.content.decode()
    spare = services.award_create(actor=staff, edition=edition, code="spare", names={"en": "Spare"})
    gone = client.post(f"/en/festival/6/awards/{spare.pk}/", {"action": "delete"})
    assert gone.status_code == 302 and not Award.objects.filter(pk=spare.pk).exists()
    assert _actions(edition, "festival.award.delete")


def test_the_award_form_shows_and_keeps_the_names_kept_under_a_script_tag(
    edition: Edition, feature: Section, staff: Any
) -> None:
    """A Kyrgyz name is kept as "ky-Cyrl": the form's Kyrgyz field shows it, and saving the form (whose names
    replace the others) neither drops it nor a name in a language the form has no field for."""
    award = services.award_create(
        actor=staff,
        edition=edition,
        code="best-film",
        names={"en": "Best Film", "ky": "Эң мыкты тасма", "kk-Latn": "Üzdik fılm"},
        section=feature,
        kind=AwardKind.MAIN,
    )
    client = _client(staff)
    url = f"/en/festival/6/awards/{award.pk}/"
    form = client.get(url).content.decode()
    assert 'name="name_ky" value="Эң мыкты тасма"' in form
    saved = client.post(
        url, _award_post(name_en="Best Film", name_ky="Эң мыкты тасма", name_ru="Лучший фильм")
    )
    assert saved.status_code == 302
    assert {t.language: t.name for t in award.translations.all()} == {
        "en": "Best Film",
        "ky-Cyrl": "Эң мыкты тасма",
        "kk-Latn": "Üzdik fılm",
        "ru": "Лучший фильм",
    }
    # Emptying a field removes that language's name.
    client.post(url, _award_post(name_en="Best Film", name_ru="Лучший фильм"))
    assert {t.language for t in award.translations.all()} == {"en", "kk-Latn", "ru"}


def test_ex_aequo_cannot_be_switched_off_once_two_films_share_the_award(
    edition: Edition,
    feature: Section,
    staff: Any,
    selected: Any,
    agency_kg: Any,
    kg_editor: Any,
    kg_head: Any,
) -> None:
    second = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Second film")
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=second, name=name)
    shared = services.award_create(
        actor=staff, edition=edition, code="shared", names={"en": "Shared"}, section=feature, ex_aequo=True
    )
    services.award_decide(actor=staff, award=shared, film=selected.film, submission=selected)
    services.award_decide(actor=staff, award=shared, film=second.film, submission=second)
    answer = _client(staff).post(
        f"/en/festival/6/awards/{shared.pk}/", _award_post(kind="award", name_en="Shared")
    )
    assert "ex aequo is not allowed" in answer.content.decode()
    shared.refresh_from_db()
    assert shared.ex_aequo


# ---- 4. deleting a section --------------------------------------------------------------------------


def test_a_section_is_deleted_only_while_it_has_no_entries(
    edition: Edition, feature: Section, staff: Any, producer: Any, agency_kg: Any
) -> None:
    client = _client(staff)
    documentary = services.section_create(
        actor=staff, edition=edition, kind="documentary", criteria=[services.CriterionData("c", {"en": "C"})]
    )
    doc_juror = UserFactory(username="doc-juror")
    services.juror_add(actor=staff, section=documentary, user=doc_juror)
    services.award_create(actor=staff, edition=edition, code="doc", names={"en": "Doc"}, section=documentary)
    services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg, "Entered"), country="KG"
    )
    page = client.get("/en/festival/6/sections/feature/").content.decode()
    assert "The section has 1 entry: it cannot be deleted." in page
    refused = client.post("/en/festival/6/sections/feature/delete", follow=True)
    assert "This section has 1 entries: it cannot be deleted." in refused.content.decode()
    assert Section.objects.filter(pk=feature.pk).exists()

    assert "Delete the section" in client.get("/en/festival/6/sections/documentary/").content.decode()
    answer = client.post("/en/festival/6/sections/documentary/delete")
    assert answer.status_code == 302 and answer["Location"] == "/en/festival/6/edit/"
    assert not Section.objects.filter(pk=documentary.pk).exists()
    assert not Award.objects.filter(code="doc").exists()
    assert not edition.jury.filter(user__username="doc-juror").exists()
    entry = _actions(edition, "festival.section.delete")[-1]
    assert entry.additional_data["section"] == "documentary"
    assert entry.additional_data["juror_user_ids"] == [doc_juror.pk]  # accounts by id, never by user name
    assert entry.additional_data["awards"] == ["doc"]
    assert _client(staff).get("/en/festival/6/sections/documentary/").status_code == 404


# ---- 5. a juror's catalogue person ----------------------------------------------------------------


def test_staff_link_a_juror_to_their_catalogue_person_and_conflicts_follow_the_credits(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    director = person(("Aktan Arym Kubat", "en"))
    catalogue.credit_create(actor=SYSTEM, film=selected.film, role="director", person=director)
    stranger = person(("Nobody Credited", "en"))
    juror_user = UserFactory(username="juror-p", email="juror-p@example.org")
    client = _client(staff)
    # On adding, by number.
    missing = client.post(
        "/en/festival/6/people/",
        {"action": "juror", "email": "juror-p@example.org", "section": "feature", "person": "999999"},
    )
    assert "Nobody with the number 999999 in the catalogue." in missing.content.decode()
    assert not edition.jury.exists()
    added = client.post(
        "/en/festival/6/people/",
        {"action": "juror", "email": "juror-p@example.org", "section": "feature", "person": str(director.pk)},
        follow=True,
    )
    assert "Conflicts of interest found: 1." in added.content.decode()
    juror = edition.jury.get(user=juror_user)
    assert juror.person_id == director.pk
    assert Conflict.objects.filter(juror=juror, source=ConflictSource.CREDIT).count() == 1
    page = client.get("/en/festival/6/people/").content.decode()
    assert re.search(rf'/people/{director.pk}/" lang="en">Aktan Arym Kubat</a>', page)

    # Changed to someone with no credit on the entries: the credit conflict goes; a declared one stays.
    services.conflict_declare(actor=juror_user, juror=juror, submission=selected, reason="friend")
    changed = client.post(
        "/en/festival/6/people/", {"action": "juror_person", "pk": juror.pk, "person": str(stranger.pk)}
    )
    assert changed.status_code == 302
    juror.refresh_from_db()
    assert juror.person_id == stranger.pk
    assert list(Conflict.objects.filter(juror=juror).values_list("source", flat=True)) == ["declared"]
    # Cleared, then set back: the credit conflict is found again. Bad input is said, never a 500.
    client.post("/en/festival/6/people/", {"action": "juror_person", "pk": juror.pk, "person": ""})
    juror.refresh_from_db()
    assert juror.person_id is None
    assert "no catalogue person" in client.get("/en/festival/6/people/").content.decode()
    bad = client.post(
        "/en/festival/6/people/", {"action": "juror_person", "pk": juror.pk, "person": "abc"}, follow=True
    )
    assert bad.status_code == 200 and "Nobody in the catalogue is called “abc”" in bad.content.decode()
    # by name, in another case: found
    client.post(
        "/en/festival/6/people/", {"action": "juror_person", "pk": juror.pk, "person": "nobody credited"}
    )
    juror.refresh_from_db()
    assert juror.person_id == stranger.pk
    assert client.post("/en/festival/6/people/", {"action": "juror_person", "pk": "x"}).status_code == 404
    client.post("/en/festival/6/people/", {"action": "juror_person", "pk": juror.pk, "person": director.pk})
    juror.refresh_from_db()
    assert juror.person_id == director.pk
    assert Conflict.objects.filter(juror=juror).count() == 1  # the declared one, the credit not twice
    changes = [
        e.changes_dict
        for e in AuditEntry.objects.filter(object_pk=str(juror.pk))
        if "person" in e.changes_dict
    ]
    assert len(changes) >= 3


# ---- the new pages in the seven other languages ----------------------------------------------------


def test_the_new_staff_pages_have_no_english_left_in_the_seven_other_languages(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    from tests.web.test_no_english_left import english_left

    award = services.award_create(
        actor=staff, edition=edition, code="a", names={"en": "Grand"}, section=feature
    )
    services.juror_add(actor=staff, section=feature, user=UserFactory(username="j1"))
    staff.username = "u1"
    staff.save()
    client = _client(staff)
    paths = [
        "/{lang}/festival/6/deadlines/",
        "/{lang}/festival/6/awards/",
        f"/{{lang}}/festival/6/awards/{award.pk}/",
        "/{lang}/festival/6/people/",
        "/{lang}/festival/6/sections/feature/",
        "/{lang}/festival/6/call/feature/",
    ]
    left = english_left(client, paths, ignore=frozenset({"Grand"}))
    assert not left, left


# ---- 6. a film not in the catalogue yet, entered with its entry ------------------------------------


def _new_film_post(**changes: Any) -> dict[str, Any]:
    data = {
        "section": "feature",
        "film": "",
        "new_title": "Тоолордун үнү",
        "new_language": "ky-Cyrl",
        "new_year": "2025",
        "new_countries": "Kyrgyzstan, kz",  # a name (in any of the eight languages) or a code
        "new_directors": "Aigul Bekova, Nurlan Asanov",
        "premiere": "none",
        "runtime": "96",
        "screener_url": "https://vimeo.com/3",
        "screener_password": "pw",
    }
    data.update(changes)
    return data


def test_a_producer_enters_a_film_the_catalogue_lacks_and_it_is_catalogued_as_a_draft(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    from korkyt.catalogue.models import Credit, Film

    client = _client(producer)
    page = client.get("/en/festival/6/submit/").content.decode()
    assert 'name="new_title"' in page and 'name="new_directors"' in page
    # Without an organising institution nobody catalogues the film: said, nothing saved.
    orphan = client.post("/en/festival/6/submit/", _new_film_post())
    assert "this edition names no institution to catalogue new films" in orphan.content.decode()
    assert not Film.objects.exists() and not Submission.objects.exists()
    edition.organisers.add(InstitutionFactory(code="KZ-SC"))
    neither = client.post("/en/festival/6/submit/", _new_film_post(new_title=""))
    assert "Name the film in the catalogue, or give its title to catalogue it." in neither.content.decode()
    both = client.post("/en/festival/6/submit/", _new_film_post(film="1"))
    assert "Give either a film of the catalogue or a new film, not both." in both.content.decode()
    odd = client.post("/en/festival/6/submit/", _new_film_post(new_countries="KG, ZZ"))
    assert "Unknown country “ZZ”." in odd.content.decode()
    assert not Film.objects.exists()

    answer = client.post("/en/festival/6/submit/", _new_film_post())
    assert answer.status_code == 302
    film = Film.objects.get()
    assert (film.status, film.owner.code, film.year, film.runtime) == ("draft", "KZ-SC", 2025, 96)
    assert film.titles.get(kind="original", generated=False).text == "Тоолордун үнү"
    assert [str(c.country) for c in film.countries.all()] == ["KG", "KZ"]  # the majority producer's first
    directors = Credit.objects.filter(film=film, role="director").order_by("billing_order")
    assert [str(c.person.names.filter(generated=False).first().text) for c in directors] == [
        "Aigul Bekova",
        "Nurlan Asanov",
    ]
    sub = Submission.objects.get()
    assert sub.film_id == film.pk and sub.status == SubmissionStatus.INELIGIBLE  # no jury subtitles yet
    assert AuditEntry.objects.filter(
        action_type="festival.entry.film_create", object_pk=str(film.pk)
    ).exists()
    # The same film entered again in another section is found in the catalogue, not catalogued twice.
    services.section_create(actor=SYSTEM, edition=edition, kind="panorama")
    again = client.post("/en/festival/6/submit/", _new_film_post(section="panorama"))
    assert again.status_code == 302
    assert Film.objects.count() == 1 and Submission.objects.filter(film=film).count() == 2


def test_an_agency_nominates_a_film_the_catalogue_lacks_and_catalogues_it_itself(
    edition: Edition, feature: Section, agency_kg: Any, kg_editor: Any
) -> None:
    from korkyt.catalogue.models import Film

    answer = _client(kg_editor).post(
        "/en/festival/6/nominations/", _new_film_post(new_title="Ала-Тоо", new_directors="Aibek Osmonov")
    )
    assert answer.status_code == 302
    film = Film.objects.get()
    assert film.owner_id == agency_kg.pk and film.status == "draft"
    sub = Submission.objects.get()
    assert (sub.film_id, sub.agency_id, sub.nomination) == (film.pk, agency_kg.pk, "nominated")


def test_a_director_the_catalogue_knows_in_another_script_is_credited_not_made_twice(
    edition: Edition, feature: Section, agency_kg: Any, kg_editor: Any
) -> None:
    from korkyt.catalogue.models import Credit, Person
    from korkyt.catalogue.services import person_create

    known = person_create(
        actor=SYSTEM, names=[{"text": "Айбек Осмонов", "language": "ky-Cyrl"}], owner=agency_kg
    )
    twins = [
        person_create(actor=SYSTEM, names=[{"text": "Nurlan Asanov", "language": "en"}], owner=agency_kg)
        for _ in range(2)
    ]
    answer = _client(kg_editor).post(
        "/en/festival/6/nominations/",
        _new_film_post(new_title="Ала-Тоо", new_directors="Aibek Osmonov, Nurlan Asanov, Ainura Sadykova"),
    )
    assert answer.status_code == 302
    credited = list(
        Credit.objects.filter(role="director").order_by("billing_order").values_list("person_id", flat=True)
    )
    assert credited[0] == known.pk  # the Latin spelling found the Cyrillic name
    assert credited[1] not in {t.pk for t in twins}  # two people of that name: neither is guessed
    assert Person.objects.count() == 3 + 2


def test_staff_may_allow_a_film_several_main_awards_and_the_rule_cannot_return_while_broken(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    first = services.award_create(actor=staff, edition=edition, code="m1", names={"en": "M1"}, kind="main")
    second = services.award_create(actor=staff, edition=edition, code="m2", names={"en": "M2"}, kind="main")
    services.award_decide(actor=staff, award=first, film=selected.film, submission=selected)
    client = _client(staff)
    assert 'name="one_main_award_per_film"' in client.get("/en/festival/6/awards/").content.decode()
    refused = client.post(
        "/en/festival/6/manage/",
        {"action": "award", "award": second.pk, "submission": selected.pk},
        follow=True,
    )
    assert "This film has a main award already." in refused.content.decode()
    client.post("/en/festival/6/awards/", {"action": "rules"})  # the box unticked: several allowed
    edition.refresh_from_db()
    assert not edition.one_main_award_per_film
    services.award_decide(actor=staff, award=second, film=selected.film, submission=selected)
    back = client.post(
        "/en/festival/6/awards/", {"action": "rules", "one_main_award_per_film": "on"}, follow=True
    )
    assert "A film holds two main awards already." in back.content.decode()
    edition.refresh_from_db()
    assert not edition.one_main_award_per_film
    changes = [e.changes_dict for e in AuditEntry.objects.filter(object_pk=str(edition.pk)) if e.changes_dict]
    assert any("one_main_award_per_film" in c for c in changes)


def test_staff_link_a_reviewer_to_their_catalogue_person_and_conflicting_open_assignments_go(
    edition: Edition, feature: Section, staff: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    from korkyt.festival.models import Assignment

    entry = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Reviewed film")
    services.submission_decide(actor=staff, submission=entry, name="start_review")
    director = person(("Reviewer Credited", "en"))
    catalogue.credit_create(actor=SYSTEM, film=entry.film, role="director", person=director)
    reviewer = UserFactory(username="rev-p")
    services.committee_add(actor=staff, edition=edition, user=reviewer, sections=["feature"])
    services.assignment_create(actor=staff, submission=entry, reviewer=reviewer)
    member = edition.committee.get(user=reviewer)
    client = _client(staff)
    assert "no catalogue person" in client.get("/en/festival/6/people/").content.decode()
    answer = client.post(
        "/en/festival/6/people/",
        {"action": "reviewer_person", "pk": member.pk, "person": director.pk},
        follow=True,
    )
    assert "Assignments taken off for a conflict: 1." in answer.content.decode()
    member.refresh_from_db()
    assert member.person_id == director.pk and not Assignment.objects.filter(reviewer=reviewer).exists()
    entry_log = _actions(edition, "festival.edition.committee_person")[-1]
    assert entry_log.changes_dict["person"] == ["None", str(director.pk)]
    bad = client.post(
        "/en/festival/6/people/",
        {"action": "reviewer_person", "pk": member.pk, "person": "999999"},
        follow=True,
    )
    assert "Nobody with the number 999999 in the catalogue." in bad.content.decode()
    assert client.post("/en/festival/6/people/", {"action": "reviewer_person", "pk": "0"}).status_code == 404


# ---- a section's own deadline ------------------------------------------------------------------------


def test_a_section_closing_before_the_call_refuses_entries_to_it_and_only_to_it(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any, staff: Any
) -> None:
    """The call is open for 5 more days; staff close the feature competition yesterday on its edit page.
    Entries to it are refused with the date, a late-entry waiver admits one, the documentary section
    stays open; the public call page and the API show the section's deadline."""
    from django.utils import timezone

    services.section_create(actor=SYSTEM, edition=edition, kind="documentary", runtime_min=30)
    yesterday = timezone.localtime(timezone=edition.tz) - dt.timedelta(days=1)  # entered as the festival's
    page = _client(staff).post(
        "/en/festival/6/sections/feature/",
        {
            "year_from": "2024",
            "year_to": "2026",
            "runtime_min": "60",
            "runtime_max": "240",
            "premiere": "none",
            "jury_languages": ["en", "ru"],
            "max_per_country": "2",
            "direct_allowed": "on",
            "reviews_per_entry": "3",
            "entries_close_at": yesterday.strftime("%Y-%m-%dT%H:%M"),
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "30",
        },
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    feature.refresh_from_db()
    assert feature.entries_close_at is not None
    assert abs(feature.entries_close_at - yesterday.replace(second=0, microsecond=0)) < dt.timedelta(
        seconds=1
    )
    edit_page = _client(staff).get("/en/festival/6/sections/feature/").content.decode()
    assert f'value="{yesterday.strftime("%Y-%m-%dT%H:%M")}"' in edit_page

    client = _client(producer)
    film = make_film(agency_kg, "Late Feature")
    refused = client.post("/en/festival/6/submit/", _entry_post(film.pk))
    assert refused.status_code == 200
    assert "Entries to this section closed on" in refused.content.decode()
    assert not Submission.objects.exists()
    documentary = client.post("/en/festival/6/submit/", _entry_post(film.pk, section="documentary"))
    assert documentary.status_code == 302
    WaiverCode.objects.create(call=edition.call, code="LATE-DOC", max_uses=1, late_entry=True)
    other = make_film(agency_kg, "Another Feature")
    admitted = client.post("/en/festival/6/submit/", _entry_post(other.pk, waiver_code="LATE-DOC"))
    assert admitted.status_code == 302
    assert Submission.objects.filter(section=feature).count() == 1

    call_page = Client().get("/en/festival/6/call/feature/").content.decode()
    assert "Entries close" in call_page and f'datetime="{feature.entries_close_at:%Y}' in call_page
    sections = {s["kind"]: s for s in Client().get("/api/festival/sections?edition=6").json()}
    assert dt.datetime.fromisoformat(sections["feature"]["entries_close_at"]) == feature.entries_close_at
    assert sections["documentary"]["entries_close_at"] is None


def test_a_section_deadline_needs_its_time_zone_and_a_bad_one_is_named(
    edition: Edition, feature: Section, staff: Any
) -> None:
    with pytest.raises(ValidationError) as err:
        services.section_create(
            actor=SYSTEM, edition=edition, kind="short", entries_close_at=dt.datetime(2027, 1, 1, 12, 0)
        )
    assert "entries_close_at" in err.value.message_dict
    page = _client(staff).post(
        "/en/festival/6/sections/feature/",
        {
            "premiere": "none",
            "reviews_per_entry": "3",
            "entries_close_at": "soon",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "30",
        },
    )
    assert page.status_code == 200 and "Enter a valid date/time." in page.content.decode()
    feature.refresh_from_db()
    assert feature.entries_close_at is None


def test_the_call_names_the_versions_the_jury_needs_in_the_readers_language(
    edition: Edition, feature: Section
) -> None:
    """The section asks for English or Russian versions: the call says so in words, not codes ("en, ru")."""
    english = _client().get("/en/festival/6/call/feature/").content.decode()
    assert "<dd>English or Russian</dd>" in english
    russian = _client().get("/ru/festival/6/call/feature/").content.decode()
    assert re.search(r"<dd>Английский[^<]*Русский</dd>", russian, re.I), russian[russian.find("жюри") :][:400]


def test_the_call_says_at_least_and_or_later_for_an_open_bound(edition: Edition) -> None:
    """A documentary section of 40 minutes or more, made in 2020 or later: "at least 40 min", not "40–… min"."""
    services.section_create(
        actor=SYSTEM, edition=edition, kind="documentary", year_from=2020, runtime_min=40, criteria=[]
    )
    page = _client().get("/en/festival/6/call/documentary/").content.decode()
    assert "<dd>at least 40 min</dd>" in page and "<dd>2020 or later</dd>" in page
    assert "…" not in page[page.find("<dl") : page.find("</dl>")]
    Section.objects.filter(kind="documentary").update(
        year_from=None, year_to=2025, runtime_min=None, runtime_max=90
    )
    page = _client().get("/en/festival/6/call/documentary/").content.decode()
    assert "<dd>at most 90 min</dd>" in page and "<dd>2025 or earlier</dd>" in page


def test_the_call_names_the_eligible_countries_in_the_readers_language(edition: Edition) -> None:
    """A section open to Kazakhstan and Kyrgyzstan: the call names them, not "KZ, KG"."""
    services.section_create(
        actor=SYSTEM, edition=edition, kind="documentary", countries_allowed=["KZ", "KG"], criteria=[]
    )
    english = _client().get("/en/festival/6/call/documentary/").content.decode()
    assert "<dd>Kazakhstan, Kyrgyzstan</dd>" in english
    kazakh = _client().get("/kk/festival/6/call/documentary/").content.decode()
    assert "<dd>Қазақстан, Қырғызстан</dd>" in kazakh
