"""A name on the festival's pages cannot break out of their JSON-LD: an organiser's name or a venue's
holding ``<!--<script>`` or ``</script>`` is written escaped inside the ``application/ld+json`` element,
reads back the same, and the rest of the page stays outside the element."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.festival.programme.models import Venue
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

CRAFTED = "SCSNC <!--<script> & </script><p>x</p>"


def _json_ld(page: str) -> Any:
    """The JSON-LD element's data, checking nothing in it could be read as markup."""
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    end = page.index("</script>", start)
    raw = page[start:end]
    assert not set(raw) & set("<>&"), raw
    assert "\\u003c!--\\u003cscript\\u003e \\u0026 \\u003c/script\\u003e" in raw
    assert "</html>" in page[end:]
    return json.loads(raw)


def test_an_organisers_name_stays_inside_the_editions_json_ld(edition: Any) -> None:
    organiser = InstitutionFactory(code="KZ-SCSNC")
    organiser.translations.update(name=CRAFTED)
    edition.organisers.add(organiser)
    page = Client().get("/en/festival/6/").content.decode()
    data = _json_ld(page)
    assert [o["name"] for o in data["organizer"]] == [{"@value": CRAFTED, "@language": "en"}]
    assert "</main>" in page[page.index("</script>") :]


def test_a_venues_name_stays_inside_the_programmes_json_ld(published: Any) -> None:
    Venue.objects.filter(edition=published).update(name=CRAFTED)
    page = Client().get(reverse("festival:public_programme", args=[published.number])).content.decode()
    data = _json_ld(page)
    names = [e["location"]["name"] for e in data]
    assert names and {n["@value"] if isinstance(n, dict) else n for n in names} == {CRAFTED}
    assert "</main>" in page[page.index("</script>") :]


def test_a_private_organiser_is_named_only_to_those_who_may_see_it(edition: Any) -> None:
    from korkyt.accounts.models import User
    from tests.factories import MembershipFactory

    public = InstitutionFactory(code="KZ-OPEN")
    hidden = InstitutionFactory(code="KZ-HIDDEN", is_public=False)
    public.translations.update(name="Open Agency")
    hidden.translations.update(name="Hidden Studio")
    edition.organisers.add(public, hidden)
    page = Client().get("/en/festival/6/").content.decode()
    assert "Open Agency" in page and "Hidden Studio" not in page
    assert [o["name"]["@value"] for o in _json_ld_loose(page)["organizer"]] == ["Open Agency"]
    member = MembershipFactory(institution=hidden).user
    client = Client()
    client.force_login(User.objects.get(pk=member.pk))
    assert "Hidden Studio" in client.get("/en/festival/6/").content.decode()


def _json_ld_loose(page: str) -> Any:
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(page[start : page.index("</script>", start)])
