"""The screening programme: venues and rooms, the proposal (core job), moves with conflicts, locks,
versions, publishing, tickets through the events booking engine and notices to ticket holders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from korkyt.events import booking
from korkyt.events.models import Registration
from korkyt.festival.programme import services, tickets, venues
from korkyt.festival.programme.models import GridVersion, Screening, ScreeningState
from tests.factories import UserFactory


def test_rooms_refuse_bad_input_and_outsiders(grid: Any, staff: Any) -> None:
    venue = grid.venue_set.get()
    with pytest.raises(ValidationError):
        venues.room_create(actor=staff, venue=venue, name="Zero", seats=0, formats=["DCP"])
    with pytest.raises(ValidationError):
        venues.room_create(actor=staff, venue=venue, name="Big hall", seats=10, formats=["DCP"])
    with pytest.raises(PermissionDenied):
        venues.venue_create(actor=UserFactory(), edition=grid, name="Elsewhere")
    assert [r.formats for r in venues.rooms_of(grid)] == [["DCP"], ["DCP", "PRORES"]]


def test_instance_follows_the_edition(grid: Any) -> None:
    data = services.build_instance(grid)
    assert len(data["days"]) == 5 and len(data["rooms"]) == 2
    assert {f["jury"] for f in data["films"]} == {"feature"}
    assert all(f["screenings"] == 2 and f["press"] for f in data["films"])


def test_propose_places_every_screening_and_is_idempotent(grid: Any) -> None:
    first = services.propose(edition_id=grid.pk, time_limit=5)
    assert first["status"] in ("optimal", "feasible") and first["unplaced"] == 0
    # 3 films × (2 public + 1 press + 1 jury)
    assert Screening.objects.filter(edition=grid).count() == 12 == first["placed"]
    assert services.conflicts(grid) == []
    services.propose(edition_id=grid.pk, time_limit=5)
    assert Screening.objects.filter(edition=grid).count() == 12
    assert GridVersion.objects.filter(edition=grid).count() == 2


def test_the_task_runs_through_the_job_framework(
    grid: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = services.propose_start(actor=staff, edition=grid)
    job.refresh_from_db()
    assert job.kind == "festival.propose_schedule" and job.status == "done", job.message
    assert job.progress == job.total == 3 and job.result["placed"] == 12
    assert Screening.objects.filter(edition=grid).count() == 12


def test_infeasible_grid_is_explained_and_nothing_changes(grid: Any) -> None:
    grid.ends_on = (
        grid.starts_on
    )  # one day for 12 screenings of 96 min in two rooms, jury before deliberation
    grid.save()
    result = services.propose(edition_id=grid.pk, time_limit=5)
    assert result["status"] == "infeasible" and result["explanation"]
    assert not Screening.objects.filter(edition=grid).exists()


def test_move_warns_of_conflicts_and_lock_survives_reoptimisation(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    a, b = Screening.objects.filter(edition=grid, kind="public")[:2]
    preview = services.move_preview(edition=grid, screening=a, room=b.room, starts_at=b.starts_at)
    assert preview  # the same room at the same time
    a.refresh_from_db()
    assert a.starts_at != b.starts_at or a.room_id != b.room_id  # the preview saved nothing
    found = services.move(actor=staff, screening=a, room=b.room, starts_at=b.starts_at)
    assert found
    services.move(actor=staff, screening=a, room=a.room, starts_at=a.starts_at + dt.timedelta(days=1))
    a.refresh_from_db()
    services.lock(actor=staff, screening=a, locked=True)
    where = (a.room_id, a.starts_at)
    services.propose(edition_id=grid.pk, time_limit=5)
    a.refresh_from_db()
    assert (a.room_id, a.starts_at) == where and a.locked
    assert Screening.objects.filter(edition=grid).count() == 12
    last = GridVersion.objects.filter(edition=grid).first()
    assert last.diff.keys() == {"added", "removed", "moved"}
    with pytest.raises(PermissionDenied):
        services.lock(actor=UserFactory(), screening=a, locked=False)


def test_publish_gives_tickets_that_never_overbook(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").select_related("room").first()
    assert public.bookable.capacity == public.room.seats
    regs = [tickets.book(screening=public, user=UserFactory()) for _ in range(public.room.seats + 2)]
    statuses = [r.status for r in regs]
    assert statuses.count("confirmed") == public.room.seats
    assert statuses.count("waitlisted") == 2
    public.bookable.refresh_from_db()
    assert public.bookable.taken == public.bookable.capacity
    jury = Screening.objects.filter(edition=grid, kind="jury").first()
    assert jury.bookable is None
    with pytest.raises(booking.BookingError):
        tickets.book(screening=jury, user=UserFactory())


def test_moved_and_cancelled_screenings_tell_holders_in_their_language(
    grid: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    holder = UserFactory(language="ru", email="holder@example.org")
    tickets.book(screening=public, user=holder)
    with django_capture_on_commit_callbacks(execute=True):
        services.move(
            actor=staff,
            screening=public,
            room=public.room,
            starts_at=public.starts_at + dt.timedelta(hours=1),
        )
    public.refresh_from_db()
    assert public.state == ScreeningState.MOVED
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=public)
    subjects = [m.subject for m in mailoutbox if m.to == ["holder@example.org"]]
    assert len(subjects) >= 2
    assert all(s.startswith(("Показ", "Сеанс")) for s in subjects[-2:]), subjects
    assert Registration.objects.filter(user=holder).count() == 1
    with pytest.raises(ValidationError):
        services.move(actor=staff, screening=public, room=public.room, starts_at=public.starts_at)
    _ = transaction


def test_a_moved_screenings_sales_close_at_its_new_start(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").order_by("starts_at").first()
    assert public is not None and public.bookable.closes_at == public.starts_at
    later = public.starts_at + dt.timedelta(hours=3)
    services.move(actor=staff, screening=public, room=public.room, starts_at=later)
    public.refresh_from_db()
    assert public.bookable.closes_at == later  # not the old start: sales stay open until the new one
    earlier = later - dt.timedelta(hours=5)
    services.move(actor=staff, screening=public, room=public.room, starts_at=earlier)
    public.refresh_from_db()
    assert public.bookable.closes_at == earlier  # nor past the film's new start


def test_holders_are_told_by_a_background_job_that_resumes_without_telling_anyone_twice(
    grid: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from korkyt.core.models import Job

    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    assert public is not None
    holders = [UserFactory(email=f"h{n}@example.org") for n in range(3)]
    gone = UserFactory(email="gone@example.org")
    regs = [tickets.book(screening=public, user=u) for u in [*holders, gone]]
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(actor=staff, screening=public)
    job = Job.objects.get(kind="festival.notify_holders")
    assert job.status == "done" and job.result["told"] == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in holders)  # not the deactivated
    name, ics, mimetype = mailoutbox[0].attachments[0]  # the calendar entry is cancelled with it
    assert (name, mimetype) == (f"screening-{public.pk}.ics", "text/calendar")
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert f"UID:screening-{public.pk}@" in ics and "STATUS:CANCELLED" in ics
    # a run resumed after the first holder was told (a worker lost mid-way) tells only the others
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = tickets.notify_holders(
            screening_id=public.pk, after=regs[0].pk, holders=job.arguments["holders"]
        )
        assert told == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in holders[1:])


def test_re_optimising_after_publication_keeps_every_published_screening_where_it_is(
    grid: Any, staff: Any
) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    published = {
        s.pk: (s.room_id, s.starts_at) for s in Screening.objects.filter(edition=grid, bookable__isnull=False)
    }
    assert published
    services.propose(edition_id=grid.pk, time_limit=5)
    after = {s.pk: (s.room_id, s.starts_at) for s in Screening.objects.filter(pk__in=published)}
    assert after == published  # same rows (ids: calendar UIDs, stars), same rooms and times
    assert all(Screening.objects.filter(pk__in=published).values_list("locked", flat=True))


def test_a_move_from_a_page_read_before_a_cancellation_does_not_bring_the_screening_back(
    grid: Any, staff: Any
) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    seen = Screening.objects.filter(edition=grid, kind="public").first()
    assert seen is not None
    services.cancel(actor=staff, screening=Screening.objects.get(pk=seen.pk))  # another member of staff
    with pytest.raises(ValidationError):
        services.move(
            actor=staff, screening=seen, room=seen.room, starts_at=seen.starts_at + dt.timedelta(hours=1)
        )
    assert Screening.objects.get(pk=seen.pk).state == ScreeningState.CANCELLED


def test_a_room_smaller_than_the_tickets_taken_is_refused(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    big = venues.rooms_of(grid)[0]
    small = venues.rooms_of(grid)[1]
    public = Screening.objects.filter(edition=grid, kind="public", room=big).first()
    assert public is not None
    for _ in range(3):
        tickets.book(screening=public, user=UserFactory())
    with pytest.raises(ValidationError):
        services.move(actor=staff, screening=public, room=small, starts_at=public.starts_at)
    public.refresh_from_db()
    assert public.room == big and public.bookable.capacity == 3


def test_the_ticket_comes_by_mail_with_its_qr_code_and_ics(
    grid: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    assert public is not None
    holder = UserFactory(language="tr", email="bilet@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        reg = tickets.book(screening=public, user=holder)
    mail = [m for m in mailoutbox if m.to == ["bilet@example.org"]][-1]
    assert mail.subject.startswith("Biletiniz")
    names = [a[0] for a in mail.attachments]
    assert f"ticket-{reg.code}.png" in names and f"screening-{public.pk}.ics" in names
