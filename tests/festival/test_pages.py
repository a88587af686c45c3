"""The festival's path through the pages, as its users take it (HTTP level): staff close and reopen the call,
the Kyrgyz agency nominates and its head signs off, a producer submits and is told why the entry is
refused, a reviewer scores, the programmer selects, the jurors watch and score, the deliberation ranks
and the award is decided."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.festival import services
from korkyt.festival.models import AwardKind, JuryVote, Review, Submission
from tests.factories import UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_festival_path_through_the_pages(
    edition: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, producer: Any
) -> None:
    s = _as(staff)
    assert s.post("/en/festival/6/manage/", {"action": "close"}).status_code == 302
    edition.call.refresh_from_db()
    assert not edition.call.is_open
    s.post("/en/festival/6/manage/", {"action": "reopen"})
    edition.call.refresh_from_db()
    assert edition.call.is_open

    film = make_film(agency_kg, "Nominated film")
    form = {
        "section": "feature",
        "film": film.pk,
        "premiere": "none",
        "runtime": "",
        "screener_url": "https://v.example/n",
    }
    assert _as(kg_editor).post("/en/festival/6/nominations/", form).status_code == 302
    sub = Submission.objects.get(film=film)
    page = _as(kg_head).get("/en/festival/6/nominations/")
    assert b"Sign off" in page.content
    _as(kg_head).post(f"/en/festival/submissions/{sub.pk}/sign-off")
    sub.refresh_from_db()
    assert sub.status == "eligible"
    # who signed it off, by the name on their account in the reader's language (not the user name)
    from korkyt.accounts import services as account_services

    account_services.user_name_set(user=kg_head, language="ky-Cyrl", full_name="Айбек Токтогулов")
    signed = _as(kg_editor).get("/ky/festival/6/nominations/").content.decode()
    assert '(<span lang="ky-Cyrl">Айбек Токтогулов</span>)' in signed and kg_head.username not in signed

    old = make_film(agency_kg, "Old short", year=2001, runtime=38, tracks=["tr"])
    form = {"section": "feature", "film": old.pk, "premiere": "none", "screener_url": "https://v.example/p"}
    response = _as(producer).post("/en/festival/6/submit/", form, follow=True)
    assert b"running time 38 min: the section asks 60\xe2\x80\x93240" in response.content
    # the producer is no editor of the film: no link to a workbench page that would answer them 404
    assert b"/localization/films/" not in response.content
    response = _as(producer).post("/en/festival/6/submit/", {**form, "film": 999999})
    assert b"No film with the number 999999 in the catalogue." in response.content
    # the same film named by its title in another case, the address of its page or "#id": found (and
    # refused as entered already)
    for named in ("old short", f"http://testserver/ky/films/{old.pk}/", f"#{old.pk}"):
        response = _as(producer).post("/en/festival/6/submit/", {**form, "film": named})
        assert response.context["form"].errors == {"film": ["This film is entered in this section already."]}
    response = _as(producer).post("/en/festival/6/submit/", {**form, "film": "Young short"})
    assert "No film in the catalogue is called “Young short”" in response.content.decode()
    assert 'value="Young short"' in response.content.decode()  # kept as typed, to correct

    s.post(f"/en/festival/submissions/{sub.pk}/decide", {"transition": "start_review"})
    reviewer = UserFactory(username="rev-page")
    services.committee_add(actor=staff, edition=edition, user=reviewer, sections=["feature"])
    s.post("/en/festival/6/assign")
    r = _as(reviewer)
    assert b"Nominated film" in r.get("/en/festival/reviews/").content
    # the festival's index links a reviewer's reviews; someone with none to write is not shown the link
    assert b'href="/en/festival/reviews/"' in r.get("/en/festival/").content
    index = _as(UserFactory(username="no-reviews")).get("/en/festival/").content
    assert b'href="/en/festival/reviews/"' not in index and b'href="/en/festival/my-programme/"' in index
    r.post(
        f"/en/festival/submissions/{sub.pk}/",
        {"score_story": "8", "score_craft": "7", "comment": "Fine", "send": "1"},
    )
    assert Review.objects.get(assignment__reviewer=reviewer).submitted_at is not None
    assert b"Fine" in s.get(f"/en/festival/submissions/{sub.pk}/").content

    s.post(f"/en/festival/submissions/{sub.pk}/decide", {"transition": "select", "note": "Strong"})
    sub.refresh_from_db()
    assert sub.status == "selected"

    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-page"))
    j = _as(juror.user)
    assert b"Nominated film" in j.get("/en/festival/jury/").content
    j.post(f"/en/festival/submissions/{sub.pk}/jury", {"action": "score", "score": "9"})
    assert not JuryVote.objects.filter(juror=juror, score__isnull=False).exists()  # not seen yet
    j.post(f"/en/festival/submissions/{sub.pk}/jury", {"action": "seen"})
    j.post(f"/en/festival/submissions/{sub.pk}/jury", {"action": "score", "score": "9"})
    assert JuryVote.objects.get(juror=juror).score == 9
    j.post(f"/en/festival/submissions/{sub.pk}/jury", {"action": "score", "score": "6.5"})
    # The score box gives back 6.5 on a Russian page too (a number field cannot read "6,5").
    assert b'step="0.5" value="6.5"' in j.get("/ru/festival/jury/").content
    j.post(f"/en/festival/submissions/{sub.pk}/jury", {"action": "score", "score": "9"})
    page = j.get("/en/festival/6/deliberation/feature/")
    assert b"by Schulze" in page.content and b"Nominated film" in page.content

    award = services.award_create(
        actor=staff, edition=edition, code="best", names={"en": "Best Feature Film"}, kind=AwardKind.MAIN
    )
    decide = {"action": "award", "award": award.pk, "submission": sub.pk}
    # A refused decision keeps the statements typed, with the reason under the field it is about.
    refused = s.post("/en/festival/6/manage/", {**decide, "award": "²", "statement_ru": "За свет."})
    assert refused.status_code == 400 and not award.winners.exists()
    body = refused.content.decode()
    assert 'id="id_award_error"' in body and "За свет.</textarea>" in body
    answer = s.post(
        "/en/festival/6/manage/", {**decide, "statement_en": "For its light.", "statement_ru": "За свет."}
    )
    assert answer.status_code == 302
    assert {st.language: st.text for st in award.winners.get().statements.all()} == {
        "en": "For its light.",
        "ru": "За свет.",
    }
    manage = s.get("/en/festival/6/manage/").content.decode()
    assert '— <span lang="ky-Latn">Nominated film</span>' in manage  # the winner by title, not its number
    assert "(statement in English, Russian)" in manage
    # A second main award for the film is refused by the rules, on the page, with the statement kept.
    other = services.award_create(
        actor=staff, edition=edition, code="other", names={"en": "Another prize"}, kind=AwardKind.MAIN
    )
    refused = s.post(
        "/en/festival/6/manage/", {**decide, "award": other.pk, "statement_en": "Once more, for its light."}
    )
    assert refused.status_code == 400 and not other.winners.exists()
    assert '<p class="error" id="id_submission_error"' in refused.content.decode()
    assert "Once more, for its light.</textarea>" in refused.content.decode()
    assert f"— #{film.pk}" not in manage
    assert b"Best Feature Film" not in Client().get("/en/festival/6/").content  # sealed until announced
    edition.results_at = None
    edition.save()
    assert b"Best Feature Film" in Client().get("/en/festival/6/").content
    assert b"Best Feature Film" in Client().get("/en/festival/palmares/").content


def test_a_nominating_agency_is_named_not_shown_as_its_code(
    edition: Any, feature: Any, agency_kg: Any, kg_editor: Any
) -> None:
    film = make_film(agency_kg, "Named agency film")
    form = {"section": "feature", "film": film.pk, "premiere": "none", "screener_url": "https://v.example/a"}
    assert _as(kg_editor).post("/en/festival/6/nominations/", form).status_code == 302
    sub = Submission.objects.get(film=film)
    named = '<span lang="en">Institution KG-DC</span>'
    for path in ("/en/festival/6/nominations/", f"/en/festival/submissions/{sub.pk}/", "/en/festival/mine/"):
        body = _as(kg_editor).get(path).content.decode()
        assert named in body, path
        assert "(KG-DC)" not in body and ">KG-DC<" not in body, path


def test_the_public_jury_is_named_not_listed_by_account(edition: Any, feature: Any, staff: Any) -> None:
    """Jurors appear on the edition page and in the API by the catalogue person they are linked to (in the
    reader's language, linked to the person's page), else by the name on their account; never the account's
    user name when a name is known."""
    from korkyt.accounts.services import user_name_set
    from korkyt.catalogue.models import Person, PersonName

    person = Person.objects.create()
    PersonName.objects.create(person=person, text="Turdybek Maidan", language="en")
    PersonName.objects.create(person=person, text="Тұрдыбек Майдан", language="kk-Cyrl")
    services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-a"), person=person)
    named = UserFactory(username="juror-b", first_name="", last_name="")
    user_name_set(user=named, language="kk-Cyrl", full_name="Әлия Нұрова")
    services.juror_add(actor=staff, section=feature, user=named)
    page = Client().get("/kk/festival/6/").content.decode()
    assert f'<a href="/kk/people/{person.pk}/" lang="kk-Cyrl">Тұрдыбек Майдан</a>' in page
    assert '<span lang="kk-Cyrl">Әлия Нұрова</span>' in page
    assert "juror-a" not in page and "juror-b" not in page
    api = Client().get("/api/festival/jury?edition=6", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {j["name"] for j in api} == {"Turdybek Maidan", "Әлия Нұрова"}


def test_an_entrant_withdraws_an_entry_only_with_the_box_ticked(
    edition: Any, feature: Any, agency_kg: Any, producer: Any, staff: Any
) -> None:
    film = make_film(agency_kg, "Withdrawn film", tracks=["en"])
    form = {"section": "feature", "film": film.pk, "premiere": "none", "screener_url": "https://v.example/w"}
    _as(producer).post("/en/festival/6/submit/", form)
    sub = Submission.objects.get(film=film)
    url = f"/en/festival/submissions/{sub.pk}/"
    page = _as(producer).get(url).content.decode()
    # the entrant is offered withdrawal in its own confirmed form, not under the programmers' "Decision"
    assert "Withdraw the entry" in page and 'name="confirm"' in page and "<h2>Decision</h2>" not in page
    refused = _as(producer).post(f"{url}decide", {"transition": "withdraw"}, follow=True)
    assert "Tick the box to confirm the withdrawal." in refused.content.decode()
    sub.refresh_from_db()
    assert sub.status != "withdrawn"
    _as(producer).post(f"{url}decide", {"transition": "withdraw", "confirm": "on", "note": "Re-edited"})
    sub.refresh_from_db()
    assert sub.status == "withdrawn"
    # the programmers' page offers them no withdrawal (only the entrant may)
    assert "Withdraw the entry" not in _as(staff).get(url).content.decode()


def test_the_public_edition_page_gives_the_results_time_in_the_festivals_zone(
    edition: Any, client: Any
) -> None:
    import datetime as dt

    edition.time_zone = "Asia/Aqtau"
    edition.results_at = dt.datetime(2027, 2, 28, 21, 30, tzinfo=dt.UTC)  # 1 March, 02:30 in Aktau
    edition.save(update_fields=["time_zone", "results_at"])
    page = client.get(f"/en/festival/{edition.number}/").content.decode()
    assert "March 1, 2027, 02:30" in page and "(Asia/Aqtau)" in page
    assert "February 28, 2027" not in page


def test_selected_films_link_to_their_catalogue_page_when_the_reader_may_open_it(grid: Any) -> None:
    """The edition page's selected films lead on to each film, not to a dead end; a draft film the reader may
    not see stays a plain title (no link to a 404)."""
    from korkyt.catalogue.models import Film, FilmStatus

    films = [s.film for s in Submission.objects.filter(section__edition=grid).select_related("film")]
    Film.objects.filter(pk=films[0].pk).update(status=FilmStatus.PUBLISHED)
    Film.objects.filter(pk__in=[f.pk for f in films[1:]]).update(status=FilmStatus.DRAFT)
    html = Client().get(f"/en/festival/{grid.number}/").content.decode()
    selected = html.split("Selected films")[1].split("</ul>")[0]
    assert f'href="/en/films/{films[0].pk}/"' in selected
    assert all(f'href="/en/films/{f.pk}/"' not in selected for f in films[1:])
    assert selected.count("<li>") == len(films)
