"""Create forms sent once (korkyt.core.once): the same form sent again leads to what the first sending
made; a refused sending frees its key; each drawing of the form gets a new key."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.coproduction.models import Project
from korkyt.core.models import SentForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = "/en/coproductions/new/"


def _key(page: str) -> str:
    found = re.search(r'name="once" value="([^"]+)"', page)
    assert found, "the form carries its one-time key"
    return found.group(1)


def _form(key: str, **extra: str) -> dict[str, str]:
    return {
        "title": "Dala",
        "language": "en",
        "kind": "fiction",
        "stage": "development",
        "currency": "USD",
        "once": key,
        **extra,
    }


def test_the_same_form_sent_again_makes_nothing_and_leads_to_the_first_record(client: Client) -> None:
    client.force_login(UserFactory(username="producer"))
    key = _key(client.get(NEW).content.decode())
    first = client.post(NEW, _form(key))
    assert first.status_code == 302 and Project.objects.count() == 1
    again = client.post(NEW, _form(key), follow=True)  # Back, then Save
    assert Project.objects.count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert "This form was sent before: here is what it made." in again.content.decode()
    other = _key(client.get(NEW).content.decode())  # a new drawing of the form is a new project
    assert other != key
    client.post(NEW, _form(other))
    assert Project.objects.count() == 2


def test_a_refused_sending_frees_its_key(client: Client) -> None:
    client.force_login(UserFactory(username="producer"))
    key = _key(client.get(NEW).content.decode())
    refused = client.post(NEW, _form(key, stage="cancelled"))
    assert refused.status_code == 200 and Project.objects.count() == 0
    assert not SentForm.objects.filter(key=key).exists()
    assert _key(refused.content.decode()) == key  # the corrected form keeps it
    assert client.post(NEW, _form(key)).status_code == 302 and Project.objects.count() == 1


def test_keys_are_each_persons_and_a_forged_key_is_just_no_key(client: Client) -> None:
    ayse, bolat = UserFactory(username="ayse"), UserFactory(username="bolat")
    client.force_login(ayse)
    key = _key(client.get(NEW).content.decode())
    client.post(NEW, _form(key))
    client.force_login(bolat)
    client.post(NEW, _form(key))  # the same key from someone else: their own project
    assert Project.objects.count() == 2
    for forged in ("", "x", "<script>", "a" * 65):
        client.post(NEW, _form(forged))
    assert Project.objects.count() == 6
