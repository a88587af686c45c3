"""A filmmaker outside the agencies finds the call, gets an account and comes back to submit: the open
call's pages show a signed-out visitor the way in (sign in, or create an account) that leads back to the
submission form, and a sent entry says on arrival that it is sent and what happens next."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.festival.models import Edition, Section, Submission
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["call", "edition"])
def test_a_signed_out_visitor_is_shown_the_way_to_submit_through_an_account(
    client: Client, edition: Edition, feature: Section, page: str
) -> None:
    with translation.override("ky"):
        url = (
            reverse("festival:call", args=[edition.number, feature.kind])
            if page == "call"
            else reverse("festival:edition", args=[edition.number])
        )
        login, signup = reverse("accounts:login"), reverse("account_signup")
    body = html.unescape(client.get(url).content.decode())
    back = "next=" + quote("/ky/festival/6/submit/", safe="")
    assert f'href="{login}?{back}"' in body
    assert f'href="{signup}?{back}"' in body


def test_a_closed_call_offers_no_way_to_submit(client: Client, edition: Edition, feature: Section) -> None:
    edition.call.is_open = False
    edition.call.save()
    body = html.unescape(
        client.get(reverse("festival:call", args=[edition.number, feature.kind])).content.decode()
    )
    assert "/festival/6/submit/" not in body and quote("/en/festival/6/submit/", safe="") not in body


def test_a_sent_entry_says_so_on_its_page_with_what_comes_next(
    client: Client, edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    film = make_film(agency_kg)
    client.force_login(producer)
    response = client.post(
        reverse("festival:submit", args=[edition.number]),
        {"section": "feature", "film": str(film.pk), "premiere": "none", "runtime": "90"},
        follow=True,
    )
    sub = Submission.objects.get(film=film)
    assert response.redirect_chain[-1][0] == reverse("festival:submission", args=[sub.pk])
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    from korkyt.festival.backoffice import KEPT_OUT

    kept_out = sub.status in KEPT_OUT  # a warning for an entry kept out as it is, else a success
    assert len(shown) == 1 and shown[0][0] == ("warning" if kept_out else "success"), shown
    assert shown[0][1].startswith("The film is entered in ")
    assert ("what keeps it out is listed below" in shown[0][1]) is kept_out


def test_an_entry_kept_out_is_said_so_as_a_warning(
    client: Client, edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    film = make_film(agency_kg, tracks=[])  # no English or Russian version: kept out
    client.force_login(producer)
    response = client.post(
        reverse("festival:submit", args=[edition.number]),
        {"section": "feature", "film": str(film.pk), "premiere": "none", "runtime": "90"},
        follow=True,
    )
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert len(shown) == 1 and shown[0][0] == "warning", shown
    assert (
        shown[0][1].startswith("The film is entered in ")
        and "what keeps it out is listed below" in shown[0][1]
    )


def test_a_withdrawn_entry_is_not_said_to_be_admitted_and_the_withdrawal_is_confirmed(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    film = make_film(agency_kg, tracks=[])  # no English or Russian version: kept out
    client = Client()
    client.force_login(producer)
    client.post(
        reverse("festival:submit", args=[edition.number]),
        {"section": "feature", "film": str(film.pk), "premiere": "none", "runtime": "90"},
        follow=True,
    )
    sub = Submission.objects.get(film=film)
    assert sub.status == "ineligible"
    url = reverse("festival:submission", args=[sub.pk])
    response = client.post(f"{url}decide", {"transition": "withdraw", "confirm": "on"}, follow=True)
    sub.refresh_from_db()
    assert sub.status == "withdrawn"
    assert [str(m) for m in response.context["messages"]] == ["The entry's status is now: Withdrawn."]
    page = response.content.decode()
    assert "The programmers admitted the entry meanwhile." not in page
    assert "What the entry still lacks" not in page


def test_the_programmers_decision_is_confirmed_on_the_entrys_page(
    edition: Edition, feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    from tests.festival.conftest import eligible_entry

    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    client = Client()
    client.force_login(staff)
    url = reverse("festival:submission", args=[sub.pk])
    response = client.post(f"{url}decide", {"transition": "start_review"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The entry's status is now: In review."]


def test_my_submissions_lists_no_reasons_for_a_withdrawn_entry(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    film = make_film(agency_kg, tracks=[])
    client = Client()
    client.force_login(producer)
    client.post(
        reverse("festival:submit", args=[edition.number]),
        {"section": "feature", "film": str(film.pk), "premiere": "none", "runtime": "90"},
    )
    sub = Submission.objects.get(film=film)
    mine = reverse("festival:my_submissions")
    assert client.get(mine).context["rows"][0]["reasons"]
    client.post(
        reverse("festival:submission", args=[sub.pk]) + "decide", {"transition": "withdraw", "confirm": "on"}
    )
    assert client.get(mine).context["rows"][0]["reasons"] == []


def test_a_producer_who_cannot_order_subtitles_is_not_told_to_order_them(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any, kg_editor: Any
) -> None:
    """The film is the agency's (its editors order translations in the workbench); the producer who
    entered it may not, so their reason says who does and that the programmers may admit the entry."""
    film = make_film(agency_kg, tracks=[])
    client = Client()
    client.force_login(producer)
    client.post(
        reverse("festival:submit", args=[edition.number]),
        {
            "section": "feature",
            "film": str(film.pk),
            "premiere": "none",
            "runtime": "90",
            "screener_url": "https://v.example/s",
        },
    )
    sub = Submission.objects.get(film=film)
    [reason] = client.get(reverse("festival:my_submissions")).context["rows"][0]["reasons"]
    assert reason["link"] is None
    assert "order them in the localization workbench" not in reason["text"]
    assert reason["text"] == (
        "no English or Russian subtitles or dubbing yet: the film's editors in the catalogue order them; "
        "the programmers may admit the entry meanwhile"
    )
    page = client.get(reverse("festival:submission", args=[sub.pk])).content.decode()
    assert "the programmers may admit the entry meanwhile" in html.unescape(page)
    # the agency's editor, who may order them, is still sent to the workbench
    from korkyt.festival.eligibility import ReasonLinks

    [theirs] = ReasonLinks(kg_editor).reasons(sub)
    assert theirs["link"] and "order them in the localization workbench" in theirs["text"]


def test_the_festival_index_says_which_edition_takes_entries(client: Client, edition: Edition) -> None:
    page = client.get(reverse("festival:edition_list")).content.decode()
    assert '<p class="tag">The call for entries is open.</p>' in page
    edition.call.is_open = False
    edition.call.save()
    page = client.get(reverse("festival:edition_list")).content.decode()
    assert "The call for entries is open." not in page


def test_the_api_tells_the_producer_the_same_reason_as_the_page(
    edition: Edition, feature: Section, producer: Any, agency_kg: Any
) -> None:
    film = make_film(agency_kg, tracks=[])
    client = Client()
    client.force_login(producer)
    client.post(
        reverse("festival:submit", args=[edition.number]),
        {
            "section": "feature",
            "film": str(film.pk),
            "premiere": "none",
            "runtime": "90",
            "screener_url": "https://v.example/s",
        },
    )
    sub = Submission.objects.get(film=film)
    [reason] = client.get(f"/api/festival/submissions/{sub.pk}").json()["eligibility"]
    assert reason["code"] == "languages" and reason["link"] is None
    assert reason["message"].endswith("the programmers may admit the entry meanwhile")


def test_assigning_reviewers_keeps_the_programmers_filters(
    edition: Edition, feature: Section, staff: Any
) -> None:
    client = Client()
    client.force_login(staff)
    page = client.get("/en/festival/6/programme/?section=feature&status=in_review").content.decode()
    assert 'name="next" value="/en/festival/6/programme/?section=feature&amp;status=in_review"' in page
    back = "/en/festival/6/programme/?section=feature&status=in_review"
    response = client.post("/en/festival/6/assign", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    elsewhere = client.post("/en/festival/6/assign", {"next": "https://evil.example/"})
    assert elsewhere["Location"] == "/en/festival/6/programme/"
