""" "My work" lists what each kind of user takes part in, and only that: a producer's co-productions (returned
ones first), the co-productions waiting for an agency editor's decision, the events someone organises (with
the applications to review) and those they registered for, their dubbing jobs with their part (the
adaptation not listed twice), their festival tickets; a newcomer reads one empty state."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from korkyt.coproduction import selectors as coproduction_selectors
from korkyt.coproduction import services as coproduction
from korkyt.events import selectors as events_selectors
from korkyt.events import services as events
from korkyt.events.services import SessionData
from korkyt.localization.dubbing import selectors as dubbing_selectors
from tests.coproduction.conftest import animated_project, make_agencies, make_people
from tests.events.conftest import country_answer, make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.localization.conftest import build_world
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job

pytestmark = pytest.mark.django_db


def _page(user: Any) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(reverse("web:staff"))
    assert page.status_code == 200
    return page.content.decode()


def _sessions(days_from_now: int) -> list[SessionData]:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days_from_now)
    return [SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=3))]


def test_a_producer_sees_their_projects_returned_first_and_an_editor_the_decisions_waiting() -> None:
    agencies = make_agencies()
    people = make_people(agencies)
    producer = people["producer"]
    draft = coproduction.project_create(actor=producer, kind="fiction", title="Draft one", language="en")
    returned = animated_project(producer)
    coproduction.project_submit(actor=producer, project=returned)
    az_review = returned.reviews.get(country="AZ")
    coproduction.review_decide(
        actor=people["az_agency"], review=az_review, decision="return", comments="More."
    )
    waiting = animated_project(producer)
    coproduction.project_submit(actor=producer, project=waiting)
    coproduction.review_decide(
        actor=people["kz_agency"], review=waiting.reviews.get(country="KZ"), decision="approve"
    )
    coproduction.project_create(actor=people["stranger"], kind="fiction", title="Not mine", language="en")

    mine = coproduction_selectors.work_of(producer)
    assert [p.pk for p in mine["producing"]] == [returned.pk, draft.pk, waiting.pk]
    assert mine["producing_total"] == 3 and mine["deciding"] == []
    page = _page(producer)
    assert "Projects I produce" in page and "Not mine" not in page
    assert "change it and submit it again" in page and "not submitted to the authorities yet" in page

    # the Turkish editor decides on the waiting project; the Kazakh one has decided; the Azerbaijani one
    # returned the other (a returned project waits for nobody's decision)
    tr = coproduction_selectors.work_of(people["tr_agency"])["deciding"]
    assert [r.project_id for r in tr] == [waiting.pk] and str(tr[0].country) == "TR"
    assert coproduction_selectors.work_of(people["kz_agency"])["deciding"] == []
    assert [r.project_id for r in coproduction_selectors.work_of(people["az_agency"])["deciding"]] == [
        waiting.pk
    ]
    page = _page(people["tr_agency"])
    assert "Waiting for your decision" in page and "the decision for Türkiye" in page
    assert reverse("coproduction:project_detail", args=[waiting.pk]) + "#reviews" in page
    # a member who is not an editor decides nothing; the stranger produces their own only
    assert coproduction_selectors.work_of(people["kz_translator"])["deciding"] == []
    assert [str(t) for t in _titles(people["stranger"])] == ["Not mine"]


def _titles(user: Any) -> list[Any]:
    return [
        coproduction_selectors.project_title(p, "en")
        for p in coproduction_selectors.work_of(user)["producing"]
    ]


def test_many_projects_link_to_the_full_list() -> None:
    producer = UserFactory()
    for i in range(coproduction_selectors.WORK_LIMIT + 2):
        coproduction.project_create(actor=producer, kind="fiction", title=f"Film {i}", language="en")
    work = coproduction_selectors.work_of(producer)
    assert len(work["producing"]) == coproduction_selectors.WORK_LIMIT and work["producing_total"] == 12
    assert "All co-productions (12 of mine)" in _page(producer)


def test_organisers_see_upcoming_events_with_applications_and_attendees_their_registrations() -> None:
    kz = InstitutionFactory(code="KZ-SCSNC", country="KZ")
    organiser = MembershipFactory(user=UserFactory(username="organiser"), institution=kz).user
    review = make_event(organiser, capacity=5, mode="review", sessions=_sessions(10))
    open_event = make_event(organiser, capacity=5, titles={"en": "Open seminar"}, sessions=_sessions(20))
    past = make_event(organiser, titles={"en": "Last year's seminar"}, sessions=_sessions(-30))
    attendee, other = UserFactory(username="attendee"), UserFactory(username="other")
    events.registration_create(actor=attendee, event=review, answers=country_answer(review, "KG"))
    events.registration_create(actor=other, event=review, answers=country_answer(review, "TM"))
    confirmed = events.registration_create(
        actor=attendee, event=open_event, answers=country_answer(open_event, "KG")
    )
    cancelled = events.registration_create(
        actor=other, event=open_event, answers=country_answer(open_event, "TM")
    )
    events.registration_cancel(actor=other, registration=cancelled)

    organising = events_selectors.work_of(organiser)["organising"]
    assert [e.pk for e in organising] == [review.pk, open_event.pk]  # the soonest first; the past one not
    assert [(e.n_pending, e.n_confirmed) for e in organising] == [(2, 0), (0, 1)]
    page = _page(organiser)
    assert "Events I organise" in page and "2 applications to review" in page
    assert "Last year&#x27;s seminar" not in page and past.pk

    mine = events_selectors.work_of(attendee)["registrations"]
    assert [r.bookable.event.pk for r in mine] == [review.pk, open_event.pk]
    page = _page(attendee)
    assert reverse("events:ticket", args=[confirmed.pk]) in page and "Waiting for review" in page
    assert events_selectors.work_of(other)["registrations"][0].bookable.event.pk == review.pk
    assert len(events_selectors.work_of(other)["registrations"]) == 1  # the cancelled one is gone
    assert events_selectors.work_of(attendee)["organising"] == []


def test_dubbing_jobs_with_each_persons_part_and_the_adaptation_listed_once() -> None:
    world = build_dub_world(build_world())
    job = order_dub_job(world)
    u = world["users"]
    parts = {
        name: [(row["obj"].pk, str(row["part"])) for row in dubbing_selectors.work_of(u[name])]
        for name in ("adapter", "director", "studio_staff", "kz_editor", "stranger", "admin", "tr_editor")
    }
    assert parts["adapter"] == [(job.pk, "Adapter")]
    assert parts["director"] == [(job.pk, "Dubbing director")]
    assert parts["studio_staff"] == [(job.pk, "Studio")]
    assert parts["kz_editor"] == [(job.pk, "Ordered by your agency")]
    assert parts["stranger"] == parts["admin"] == parts["tr_editor"] == []
    page = _page(u["adapter"])
    assert reverse("localization:dubbing_detail", args=[job.pk]) in page
    assert reverse("localization:job_editor", args=[job.adaptation_id]) not in page  # not twice
    assert "My translation jobs" not in page


def test_a_newcomer_reads_one_empty_state() -> None:
    page = _page(UserFactory())
    assert "Nothing waits for you yet." in page
    for heading in ("Projects I produce", "Events I organise", "Dubbing jobs", "My translation jobs"):
        assert heading not in page
