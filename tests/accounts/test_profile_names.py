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
    assert '<span lang="tk-Latn">Aýna Orazowa</span> <span class="tag">Turkmen (Latin)</span>' in english
    assert '<span lang="ru">Айна Оразова</span> <span class="tag">Russian</span>' in english
    assert '<span lang="en">&lt;b&gt;Ayna&lt;/b&gt;</span>' in english
    assert ">tk-Latn<" not in english and ">ru<" not in english
    turkmen = _names_section(client.get("/tk/accounts/profile/").content.decode())
    assert ">tk-Latn<" not in turkmen and ">Türkmen dili (latyn elipbiýi)<" in turkmen
