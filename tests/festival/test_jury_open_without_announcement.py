"""One rule for the announcement time: without one, each award is public as soon as it is decided and the
jury's work (scores, conflicts, awards, the jury's people) stays open; with one, the awards are sealed until
then and the jury's work is final from then on, staff's changes to the jury included."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import AwardKind, AwardWinner, Conflict, JuryMember, JuryVote
from korkyt.festival.services import editing
from korkyt.festival.services.jury import award_update
from tests.factories import UserFactory, person
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db

LOCKED = "The results are published: the jury's work can no longer change."


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _selected(feature: Any, agency: Any, editor: Any, head: Any, staff: Any, title: str) -> Any:
    sub = eligible_entry(feature, agency, editor, head, title=title)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="select")
    sub.refresh_from_db()
    return sub


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


@pytest.fixture
def films(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> tuple[Any, Any]:
    return (
        _selected(feature, agency_kg, kg_editor, kg_head, staff, "Tomiris"),
        _selected(feature, agency_kg, kg_editor, kg_head, staff, "Kelin"),
    )


def _awards(edition: Any, staff: Any, feature: Any) -> tuple[Any, Any]:
    best = services.award_create(
        actor=staff,
        edition=edition,
        code="best",
        names={"en": "Best Feature"},
        kind=AwardKind.MAIN,
        section=feature,
    )
    mention = services.award_create(
        actor=staff, edition=edition, code="mention", names={"en": "Special Mention"}, kind=AwardKind.MENTION
    )
    return best, mention


def test_without_an_announcement_time_the_jury_s_work_stays_open_and_decided_awards_are_public(
    edition: Any, feature: Any, staff: Any, films: tuple[Any, Any]
) -> None:
    tomiris, kelin = films
    best, _mention = _awards(edition, staff, feature)
    juror_user = UserFactory(username="juror-open")
    juror = services.juror_add(actor=staff, section=feature, user=juror_user)
    client = _client(staff)
    assert client.post("/en/festival/6/edit/", _edition_post()).status_code == 302
    edition.refresh_from_db()
    assert edition.results_at is None
    listed = _client().get("/api/festival/editions").json()[0]
    assert listed["results_published"] is True and listed["results_final"] is False
    # Staff decide and take back an award, on the API and on the page.
    url = f"/api/festival/awards/{best.pk}/winners"
    answer = client.post(url, {"submission": tomiris.pk}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert client.delete(f"{url}/{tomiris.film_id}").status_code == 204
    page = client.post(
        "/en/festival/6/manage/", {"action": "award", "award": best.pk, "submission": kelin.pk}
    )
    assert page.status_code == 302
    assert list(best.winners.values_list("film", flat=True)) == [kelin.film_id]
    manage = client.get("/en/festival/6/manage/").content.decode()
    assert "Take the award back" in manage  # public already, still open
    # A decided award is public at once.
    public = _client().get("/api/festival/awards?edition=6").json()
    assert [w["film"] for a in public for w in a["winners"]] == [kelin.film_id]
    # The juror still views, scores and declares a conflict.
    j = _client(juror_user)
    j.post(f"/en/festival/submissions/{tomiris.pk}/jury", {"action": "seen"})
    j.post(f"/en/festival/submissions/{tomiris.pk}/jury", {"action": "score", "score": "8"})
    assert JuryVote.objects.get(juror=juror, submission=tomiris).score == 8
    j.post(f"/en/festival/submissions/{kelin.pk}/jury", {"action": "recuse", "reason": "My cousin"})
    assert Conflict.objects.filter(juror=juror, submission=kelin).exists()


def test_once_the_announcement_time_has_passed_staff_change_the_jury_no_more(
    edition: Any, feature: Any, staff: Any, films: tuple[Any, Any]
) -> None:
    tomiris, _kelin = films
    juror_user = UserFactory(username="juror-2")
    juror = services.juror_add(actor=staff, section=feature, user=juror_user)
    services.jury_mark_seen(actor=juror_user, juror=juror, submission=tomiris)
    services.jury_score(actor=juror_user, juror=juror, submission=tomiris, score=8)
    credited = person(("Credited Person", "en"))
    catalogue.credit_create(actor=SYSTEM, film=tomiris.film, role="director", person=credited)
    edition.results_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    edition.save(update_fields=["results_at"])
    juror = JuryMember.objects.select_related("edition", "section", "user").get(pk=juror.pk)
    client = _client(staff)
    answer = client.post(
        "/en/festival/6/people/",
        {"action": "juror_person", "pk": juror.pk, "person": f"#{credited.pk}"},
        follow=True,
    )
    assert LOCKED in html.unescape(answer.content.decode())
    answer = client.post("/en/festival/6/people/", {"action": "remove_juror", "pk": juror.pk}, follow=True)
    assert LOCKED in html.unescape(answer.content.decode())
    answer = client.post(
        "/en/festival/6/people/",
        {
            "action": "juror",
            "email": UserFactory(username="late", email="late@example.org").email,
            "section": "feature",
        },
    )
    assert LOCKED in html.unescape(answer.content.decode())
    for call in (
        lambda: editing.juror_person_set(actor=staff, juror=juror, person=credited),
        lambda: editing.juror_remove(actor=staff, juror=juror),
        lambda: services.juror_add(actor=staff, section=feature, user=UserFactory(username="late-2")),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert LOCKED in str(exc.value)
    juror.refresh_from_db()
    assert juror.person_id is None
    assert JuryVote.objects.get(juror=juror, submission=tomiris).score == 8
    assert not Conflict.objects.filter(juror=juror).exists()
    assert JuryMember.objects.filter(section=feature).count() == 1


def test_before_the_announcement_a_new_catalogue_person_still_recuses_the_juror(
    edition: Any, feature: Any, staff: Any, films: tuple[Any, Any]
) -> None:
    tomiris, _kelin = films
    juror_user = UserFactory(username="juror-3")
    juror = services.juror_add(actor=staff, section=feature, user=juror_user)
    services.jury_mark_seen(actor=juror_user, juror=juror, submission=tomiris)
    services.jury_score(actor=juror_user, juror=juror, submission=tomiris, score=8)
    credited = person(("Credited Person", "en"))
    catalogue.credit_create(actor=SYSTEM, film=tomiris.film, role="director", person=credited)
    editing.juror_person_set(actor=staff, juror=juror, person=credited)
    assert Conflict.objects.filter(juror=juror, submission=tomiris).exists()
    assert not JuryVote.objects.filter(juror=juror, submission=tomiris).exists()


def test_a_film_given_an_award_gets_no_special_mention(
    edition: Any, feature: Any, staff: Any, films: tuple[Any, Any]
) -> None:
    tomiris, kelin = films
    best, mention = _awards(edition, staff, feature)
    client = _client(staff)
    answer = client.post(
        f"/api/festival/awards/{best.pk}/winners", {"submission": tomiris.pk}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    answer = client.post(
        f"/api/festival/awards/{mention.pk}/winners",
        {"submission": tomiris.pk},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "A film given an award gets no special mention as well." in answer.content.decode()
    page = client.post(
        "/en/festival/6/manage/", {"action": "award", "award": mention.pk, "submission": tomiris.pk}
    )
    assert page.status_code == 400
    assert "A film given an award gets no special mention as well." in page.content.decode()
    assert not mention.winners.exists()
    # The other way round too: a film with a mention gets no award.
    prize = services.award_create(
        actor=staff, edition=edition, code="prize", names={"en": "Jury Prize"}, kind=AwardKind.AWARD
    )
    services.award_decide(actor=staff, award=mention, film=kelin.film, submission=kelin)
    with pytest.raises(ValidationError) as exc:
        services.award_decide(actor=staff, award=prize, film=kelin.film, submission=kelin)
    assert "no special mention" in str(exc.value)
    assert AwardWinner.objects.filter(film=kelin.film).count() == 1


def test_an_award_becomes_no_mention_for_a_film_that_holds_another_award(
    edition: Any, feature: Any, staff: Any, films: tuple[Any, Any]
) -> None:
    tomiris, _kelin = films
    best, _mention = _awards(edition, staff, feature)
    prize = services.award_create(
        actor=staff, edition=edition, code="prize", names={"en": "Jury Prize"}, kind=AwardKind.AWARD
    )
    services.award_decide(actor=staff, award=best, film=tomiris.film, submission=tomiris)
    services.award_decide(actor=staff, award=prize, film=tomiris.film, submission=tomiris)
    with pytest.raises(ValidationError) as exc:
        award_update(actor=staff, award=prize, names={"en": "Jury Prize"}, kind=AwardKind.MENTION)
    assert "no special mention" in str(exc.value)
    prize.refresh_from_db()
    assert prize.kind == AwardKind.AWARD
