"""The profile's list of one's names per language and script: each name carries its ``lang`` and is
labelled with its language named in the interface language, never its code; hostile names are shown as
text."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.models import UserName
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _names_section(html: str) -> str:
    """The list of names: the one list whose items start with a name in its ``lang``."""
    start = html.index("<li><span lang=")
    return html[start : html.index("</ul>", start)]


def test_each_name_is_labelled_with_its_language_named_not_its_code(client: Client) -> None:
    user = UserFactory()
    UserName.objects.create(user=user, language="tk-Latn", full_name="Aýna Orazowa")
    UserName.objects.create(user=user, language="ru", full_name="Айна Оразова")
    UserName.objects.create(user=user, language="en", full_name="<b>Ayna</b>")
    client.force_login(user)
    english = _names_section(client.get("/en/accounts/profile/").content.decode())
    assert (
        '<span lang="tk-Latn" dir="auto">Aýna Orazowa</span> <span class="tag">Turkmen (Latin)</span>'
        in english
    )
    assert '<span lang="ru" dir="auto">Айна Оразова</span> <span class="tag">Russian</span>' in english
    assert '<span lang="en" dir="auto">&lt;b&gt;Ayna&lt;/b&gt;</span>' in english
    assert ">tk-Latn<" not in english and ">ru<" not in english
    turkmen = _names_section(client.get("/tk/accounts/profile/").content.decode())
    assert ">tk-Latn<" not in turkmen and ">Türkmen dili (latyn elipbiýi)<" in turkmen


@pytest.mark.parametrize("mark", ["\u202e", "\u202b", "\u2067", "\u2069"])
def test_a_name_holding_an_invisible_direction_override_is_refused(client: Client, mark: str) -> None:
    """An override (U+202E) typed into a name reversed the rest of every line it was shown on (on the
    profile, its language label came before the name): such marks are refused with a reason."""
    user = UserFactory()
    client.force_login(user)
    form = {"name": "1", "name-language": "uz-Cyrl", "name-full_name": f"{mark}Ali Valiyev"}
    page = client.post("/en/accounts/profile/", form)
    assert page.status_code == 200
    assert "invisible marks that change the direction of the text" in page.content.decode()
    assert not UserName.objects.filter(user=user).exists()


def test_names_in_right_to_left_scripts_are_shown_in_their_own_direction(client: Client) -> None:
    user = UserFactory()
    UserName.objects.create(user=user, language="tr", full_name="אַיְנָה")
    client.force_login(user)
    html = _names_section(client.get("/en/accounts/profile/").content.decode())
    assert '<span lang="tr" dir="auto">אַיְנָה</span>' in html
