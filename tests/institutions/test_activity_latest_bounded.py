"""The home page's latest activities are looked for among a bounded window of the latest ones: however many
recent activities are hidden from the visitor, the number of queries stays the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.institutions import selectors, services
from tests.factories import InstitutionFactory, memorandum

pytestmark = pytest.mark.django_db


def test_hidden_recent_activities_do_not_cost_more_queries() -> None:
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    memo = memorandum(kz, InstitutionFactory(code="TR-B", country="TR"), areas=("joint_feature",))
    shown = Film.objects.create(owner=kz, status=FilmStatus.PUBLISHED, year=2020)
    FilmTitle.objects.create(film=shown, text="Steppe", language="en")
    services.activity_record(
        memorandum=memo, area="joint_feature", activity=shown, happened_on=dt.date(2030, 1, 1)
    )
    hidden_so_far = 0

    def hide(count: int) -> None:
        nonlocal hidden_so_far
        for i in range(hidden_so_far, hidden_so_far + count):
            draft = Film.objects.create(owner=kz, status=FilmStatus.DRAFT, year=2021)
            day = dt.date(2021, 1, 1) + dt.timedelta(days=i)
            services.activity_record(memorandum=memo, area="joint_feature", activity=draft, happened_on=day)
        hidden_so_far += count

    def latest() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.activity_latest(user=AnonymousUser(), limit=8, language="en")
        return len(captured), [r.title.text for r in rows]

    hide(20)
    few, titles = latest()
    assert titles == ["Steppe"]
    hide(200)  # older than the visible one: looking for seven more would read them all
    many, titles = latest()
    assert many == few
    assert titles == ["Steppe"]
