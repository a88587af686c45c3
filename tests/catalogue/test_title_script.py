"""A title typed in the other alphabet than its language's ("Zhauzhurek myn bala" as Kazakh in Cyrillic) is
refused, naming the language, on the film form, the API and the titles page: stored so, it was shown as
the Cyrillic title and its transliterations were made from it. A bare two-script tag ("kk") still takes the
script the title is written in; a title with a Latin brand name among Cyrillic words, or with no letters,
is kept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from korkyt.catalogue.models import Film
from korkyt.catalogue.services.titles import wrong_script

pytestmark = pytest.mark.django_db

NEW = "/en/staff/films/new/"


@pytest.mark.parametrize(
    ("text", "tag", "refused"),
    [
        ("Zhauzhurek myn bala", "kk-Cyrl", "Latin letters, not those of Kazakh (Cyrillic)"),
        ("Жаужүрек мың бала", "kk-Latn", "Cyrillic letters, not those of Kazakh (Latin)"),
        ("Кара Кыз", "tr", "Cyrillic letters, not those of Turkish"),
        ("Mustang", "ru", "Latin letters, not those of Russian"),
        ("Жаужүрек мың бала", "kk-Cyrl", ""),
        ("Mustang", "ru-Latn", ""),
        ("Сүт жана BMW-нын сыры", "ky-Cyrl", ""),  # one Latin brand among Cyrillic words
        ("1942", "kk-Cyrl", ""),
        ("S.O.S.", "ru", ""),  # capitals only: an abbreviation
    ],
)
def test_the_script_is_checked_against_the_language(text: str, tag: str, refused: str) -> None:
    with translation.override("en"):
        message = wrong_script(text, tag)
    assert (refused in message) if refused else message == ""


def test_the_film_form_names_it_under_the_title(editor: Client) -> None:
    data = {
        "owner": "KZ-FILM",
        "title": "Zhauzhurek myn bala",
        "title_language": "kk-Cyrl",
        "kind": "feature",
        "status": "draft",
        "synopsis_language": "en",
    }
    answer = editor.post("/ky/staff/films/new/", data)
    assert answer.status_code == 200
    message = " ".join(answer.context["form"].errors["title"])
    assert "латын тамгалары менен жазылган" in message, message  # in the page's language
    assert not Film.objects.exists()
    assert editor.post(NEW, {**data, "title_language": "kk-Latn"}).status_code == 302
    assert Film.objects.get().titles.get(generated=False).language == "kk-Latn"


def test_the_api_refuses_it_naming_the_title(editor: Client) -> None:
    answer = editor.post(
        "/api/films",
        {"owner": "KZ-FILM", "titles": [{"text": "Kelin", "language": "kk-Cyrl"}]},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "Latin letters" in answer.content.decode() and "titles[0].text" in answer.content.decode()
    assert not Film.objects.exists()
    bare = editor.post(
        "/api/films",
        {"owner": "KZ-FILM", "titles": [{"text": "Kelin", "language": "kk"}]},
        content_type="application/json",
    )
    assert bare.status_code == 201, bare.content.decode()  # a bare tag takes the script it is written in
    assert Film.objects.get().titles.get(generated=False).language == "kk-Latn"
