"""*Films we catalogue* (``/staff/films/``): all the films of the institutions an editor edits, drafts first,
50 a page, filtered by status and institution and found by title in any script; *My work* shows the first
ten and links to it; nobody else's films, and no page for someone who edits no institution."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue.models import Film
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film

pytestmark = pytest.mark.django_db

URL = "/en/staff/films/"


@pytest.fixture
def kz() -> Any:
    return InstitutionFactory(code="KZ-FILM")


@pytest.fixture
def editor(kz: Any) -> Client:
    """A browser signed in as an editor of ``kz``."""
    client = Client()
    client.force_login(MembershipFactory(user=UserFactory(username="ed"), institution=kz).user)
    return client


def _rows(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""


def test_my_work_shows_ten_and_links_to_every_film_drafts_first(editor: Client, kz: Any) -> None:
    for n in range(11):
        film(kz, (f"Film {n:02d}", "en"))
    draft = film(kz, ("Жаңа фильм", "kk-Cyrl"), status="draft")
    film(InstitutionFactory(code="AZ-OTHER"), ("Nabat", "az"))  # another institution's
    work = editor.get("/en/staff/").content.decode()
    assert _rows(work).count("<tr>") == 10 and 'href="/en/staff/films/">All 12 films</a>' in work
    page = editor.get(URL).content.decode()
    rows = _rows(page)
    assert rows.count("<tr>") == 12 and "Nabat" not in rows
    assert rows.index("Жаңа фильм") < rows.index("Film 10")  # the draft first
    assert f'href="/en/staff/films/{draft.pk}/edit/"' in rows
    assert "12 films; drafts first, then the last changed." in page


def test_filters_by_status_institution_and_title_in_any_script(kz: Any) -> None:
    other = InstitutionFactory(code="KG-FILM")
    user = UserFactory(username="two-hats")
    MembershipFactory(user=user, institution=kz)
    MembershipFactory(user=user, institution=other)
    film(kz, ("Қыз Жібек", "kk-Cyrl"))
    film(kz, ("Жаңа фильм", "kk-Cyrl"), status="draft")
    film(other, ("Ак Мөөр", "ky-Cyrl"))
    client = Client()
    client.force_login(user)
    drafts = _rows(client.get(URL, {"status": "draft"}).content.decode())
    assert "Жаңа фильм" in drafts and "Қыз Жібек" not in drafts
    kyrgyz = client.get(URL, {"owner": "KG-FILM"}).content.decode()
    assert "Ак Мөөр" in _rows(kyrgyz) and "Қыз Жібек" not in _rows(kyrgyz)
    assert '<option value="KG-FILM"' in kyrgyz  # an editor of two institutions chooses between them
    found = _rows(client.get(URL, {"q": "Kyz Zhibek"}).content.decode())  # Latin for the Cyrillic title
    assert "Қыз Жібек" in found and "Жаңа фильм" not in found
    # unknown values are ignored, a hostile query is only text
    page = client.get(URL, {"status": "gone", "owner": "XX", "page": "-1", "q": "<script>"}).content.decode()
    assert "No film matches." in page and "<script>" not in _rows(page)
    assert client.get(URL, {"status": "gone", "owner": "XX"}).status_code == 200


def test_fifty_a_page(editor: Client, kz: Any) -> None:
    Film.objects.bulk_create([Film(owner=kz, status="published", year=1990) for _ in range(51)])
    first = editor.get(URL).content.decode()
    assert _rows(first).count("<tr>") == 50 and "Page 1 of 2" in first
    assert _rows(editor.get(URL, {"page": "2"}).content.decode()).count("<tr>") == 1


def test_no_page_for_someone_who_edits_no_institution() -> None:
    client = Client()
    client.force_login(UserFactory(username="producer"))
    assert client.get(URL).status_code == 404
    assert Client().get(URL).status_code == 302  # signed out: to the sign-in page


def _header_input(page: str) -> str:
    return page.split('id="site-q"', 1)[1].split(">", 1)[0]


def test_the_headers_search_keeps_only_its_own_query(editor: Client, kz: Any) -> None:
    """A page's own filter (?q=) is not shown again in the header's search box; the search page's is."""
    film(kz, ("Қыз Жібек", "kk-Cyrl"))
    films = editor.get(URL, {"q": "kyz"})
    assert films.status_code == 200 and 'id="f-q" name="q" value="kyz"' in films.content.decode()
    assert 'value=""' in _header_input(films.content.decode())
    search = editor.get("/en/search/", {"q": "kyz"}).content.decode()
    assert 'value="kyz"' in _header_input(search)
