"""An agency's editor sees on "My work" the first decisions waiting for their agency, with a link to all
of them: the co-productions list filtered to "Waiting for my agency's decision". The work page reads the
same number of rows however many wait."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.coproduction import services
from korkyt.coproduction.models import Partner, Project
from korkyt.coproduction.selectors import WORK_LIMIT
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def _submitted(people, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    made = []
    for _ in range(n):
        project = animated_project(people["producer"])
        services.project_submit(actor=people["producer"], project=project)
        made.append(project.pk)
    return made


def _get(user, path: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.status_code == 200
    return len(queries), page.content.decode()


def _linked(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/en/coproductions/(\d+)/', html)}


def test_the_work_page_lists_the_first_and_links_to_all(people, agencies) -> None:
    waiting = _submitted(people, WORK_LIMIT + 2)
    decided = waiting.pop()  # the KZ agency decided this one already: it no longer waits for KZ
    review = Project.objects.get(pk=decided).reviews.get(country="KZ")
    services.review_decide(actor=people["kz_agency"], review=review, decision="approve")
    draft = animated_project(people["producer"]).pk  # not submitted: waits for no one

    few, html = _get(people["kz_agency"], "/en/staff/")
    section = html.split("Waiting for your decision", 1)[1].split("</ul>", 1)[0]
    assert len(_linked(section)) == WORK_LIMIT and _linked(section) <= set(waiting)
    assert f'href="/en/coproductions/?waiting=1">All {WORK_LIMIT + 1} waiting for a decision' in html

    _n, listing = _get(people["kz_agency"], "/en/coproductions/?waiting=1")
    assert 'name="waiting" value="1" checked' in listing
    assert _linked(listing) == set(waiting)
    assert decided not in _linked(listing) and draft not in _linked(listing)

    _submitted(people, 5)
    many, _html = _get(people["kz_agency"], "/en/staff/")
    assert many == few


def test_those_with_nothing_to_decide_get_no_filter(people, agencies) -> None:
    _submitted(people, 1)
    for who in ("producer", "uz_agency", "kz_translator"):
        _n, listing = _get(people[who], "/en/coproductions/?waiting=1")
        assert 'name="waiting"' not in listing
    _n, html = _get(people["uz_agency"], "/en/staff/")
    assert "waiting for a decision" not in html


def test_the_admin_offers_a_financing_line_only_its_projects_partners(people, agencies) -> None:
    projects = [animated_project(people["producer"]) for _ in range(3)]
    client = Client()
    client.force_login(people["admin"])
    page = client.get(f"/en/admin/coproduction/project/{projects[0].pk}/change/").content.decode()
    own = set(projects[0].partners.values_list("pk", flat=True))
    others = set(Partner.objects.exclude(project=projects[0]).values_list("pk", flat=True))
    selects = re.findall(r'<select name="financing-\d+-partner"[^>]*>(.*?)</select>', page, re.S)
    assert selects
    for options in selects:
        offered = {int(v) for v in re.findall(r'<option value="(\d+)"', options)}
        assert offered == own and not offered & others
