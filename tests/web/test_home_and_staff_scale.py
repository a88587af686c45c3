"""The home page and the work page read what they show, not every memorandum and institution: the network
is drawn from counts the database makes, a few cards link to the full lists, and the memoranda a person
edits are chosen by the database. Their number of queries does not grow with the network."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.accounts.models import Role
from korkyt.institutions import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db

COUNTRIES = ("KZ", "TR", "AZ", "UZ", "KG", "TM")


@pytest.fixture
def world() -> dict[str, Any]:
    kz = InstitutionFactory(code="KZ-HOME", country="KZ")
    tr = InstitutionFactory(code="TR-HOME", country="TR")
    editor = MembershipFactory(user=UserFactory(username="kz-editor"), institution=kz, role=Role.EDITOR).user
    viewer = MembershipFactory(
        user=UserFactory(username="tr-member"), institution=tr, role=Role.TRANSLATOR
    ).user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    return {"kz": kz, "tr": tr, "editor": editor, "viewer": viewer, "admin": admin, "made": 0}


def _grow(world: dict[str, Any], count: int) -> None:
    """``count`` more institutions, memoranda with KZ-HOME and memoranda between others, with activities."""
    for i in range(world["made"], world["made"] + count):
        other = InstitutionFactory(code=f"XX-{i}", country=COUNTRIES[i % len(COUNTRIES)])
        ours = memorandum(world["kz"], other, areas=("joint_feature",))
        theirs = memorandum(world["tr"], other, areas=("joint_feature",))
        for memo in (ours, theirs):
            thing = FakeActivity.objects.create(name=f"Workshop {i}")
            services.activity_record(memorandum=memo, area="joint_feature", activity=thing)
    world["made"] += count


def _get(user: Any, path: str) -> tuple[int, str]:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)  # warm the session and the content types
    with CaptureQueriesContext(connection) as captured:
        page = client.get(path)
    assert page.status_code == 200
    return len(captured), page.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "editor", "admin"])
def test_the_home_page_costs_the_same_however_large_the_network(world: dict[str, Any], who: str) -> None:
    user = None if who == "anonymous" else world[who]
    _grow(world, 2)
    few, html = _get(user, "/en/")
    assert "4 memoranda of cooperation link these countries" in html
    assert "All institutions" not in html
    _grow(world, 14)
    many, html = _get(user, "/en/")
    assert many == few, (who, few, many)
    assert "32 memoranda of cooperation link these countries" in html
    assert html.count('class="card"') <= 6 + 12  # six memoranda, twelve institutions
    assert 'href="/en/institutions/">All institutions' in html


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_the_work_page_costs_the_same_however_many_memoranda(world: dict[str, Any], who: str) -> None:
    _grow(world, 2)
    few, _html = _get(world[who], "/en/staff/")
    _grow(world, 14)
    many, _html = _get(world[who], "/en/staff/")
    assert many == few, (who, few, many)


def test_the_work_page_shows_what_the_person_edits(world: dict[str, Any]) -> None:
    from korkyt.institutions.models import Memorandum

    _grow(world, 3)
    ours = list(Memorandum.objects.filter(party_links__institution=world["kz"]).values_list("pk", flat=True))
    theirs = list(Memorandum.objects.exclude(pk__in=ours).values_list("pk", flat=True))

    _n, html = _get(world["editor"], "/en/staff/")
    for pk in ours:
        assert f'href="/en/memoranda/{pk}/"' in html
    for pk in theirs:
        assert f'href="/en/memoranda/{pk}/"' not in html
    assert 'href="/en/staff/institutions/KZ-HOME/edit/"' in html
    assert "/TR-HOME/edit/" not in html
    assert "All institutions" not in html and "All memoranda" not in html

    _n, html = _get(world["viewer"], "/en/staff/")  # a member who does not edit edits nothing
    assert not any(f'href="/en/memoranda/{pk}/"' in html for pk in ours + theirs)

    # an administrator, who may edit everything, gets their own cards (none here) and the full lists' links
    _n, html = _get(world["admin"], "/en/staff/")
    assert not any(f'href="/en/memoranda/{pk}/"' in html for pk in ours + theirs)
    assert "/edit/" not in html.split("Institutions I edit")[1].split("Integrations")[0]
    assert 'href="/en/institutions/">All institutions' in html
    assert 'href="/en/memoranda/">All memoranda' in html


def test_an_editor_of_many_memoranda_is_led_to_those_they_edit(world: dict[str, Any]) -> None:
    from korkyt.institutions.models import Memorandum

    _grow(world, 14)  # fourteen with KZ-HOME, more than the work page shows as cards
    ours = set(Memorandum.objects.filter(party_links__institution=world["kz"]).values_list("pk", flat=True))
    _n, html = _get(world["editor"], "/en/staff/")
    assert 'href="/en/memoranda/?mine=1">All memoranda' in html

    _n, html = _get(world["editor"], "/en/memoranda/?mine=1")
    assert 'name="mine" value="1" checked' in html
    shown = {int(pk) for pk in re.findall(r'href="/en/memoranda/(\d+)/"', html)}
    assert shown == ours
    _n, html = _get(world["editor"], "/en/memoranda/")  # unticked: every memorandum
    assert len(set(re.findall(r'href="/en/memoranda/(\d+)/"', html))) > len(ours)

    # those who edit nothing get no such box, and ?mine=1 does not empty the list for them
    for who in (None, world["viewer"]):
        _n, html = _get(who, "/en/memoranda/?mine=1")
        assert 'name="mine"' not in html
        assert len(set(re.findall(r'href="/en/memoranda/(\d+)/"', html))) > len(ours)
