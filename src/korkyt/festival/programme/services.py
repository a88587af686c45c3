"""The programme's services: the scheduling instance built from an edition, the
proposal (a core job), manual moves with the scheduling checker's warnings, locks, versions, publishing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.concurrency import lock_row
from korkyt.core.validation import require_perm
from korkyt.festival.models import COMPETITIVE, Edition, Submission, SubmissionStatus
from korkyt.festival.programme.days import days_of, on_festival_days
from korkyt.festival.programme.models import (
    GridVersion,
    Room,
    Screening,
    ScreeningState,
)
from korkyt.festival.programme.tickets import sync_capacity
from korkyt.festival.programme.venues import PERM, rooms_of

#: The festival's opening hours, first screening to the end of the last (a day may close after midnight,
#: but before the next festival day begins: ``days.FESTIVAL_DAY_STARTS``).
OPENS, CLOSES = "10:00", "23:30"
SLOT_MIN, CHANGEOVER_MIN = 15, 15
DEFAULT_FORMATS = ["DCP"]
# --- the scheduling instance -------------------------------------------------------------------------


def local(edition: Edition, moment: dt.datetime) -> dt.datetime:
    """A moment as the festival's wall time (naive, in the edition's time zone): the scheduler's time."""
    return moment.astimezone(edition.tz).replace(tzinfo=None)


def _iso(edition: Edition, moment: dt.datetime) -> str:
    return local(edition, moment).isoformat(timespec="minutes")


def wall_time(edition: Edition, moment: dt.datetime) -> dt.datetime:
    """A wall time of the festival (naive, as the scheduler and the grid's form give it) as a moment."""
    return timezone.make_aware(moment, edition.tz)


def _aware(edition: Edition, text: str) -> dt.datetime:
    return wall_time(edition, dt.datetime.fromisoformat(text))


def selected(edition: Edition) -> list[Submission]:
    return list(
        Submission.objects.filter(section__edition=edition, status=SubmissionStatus.SELECTED)
        .select_related("section", "film")
        .prefetch_related("film__titles")  # the grid and the instance name the films by title
        .order_by("pk")
    )


def build_instance(edition: Edition, *, keep_locked: bool = True) -> dict[str, Any]:
    """The korkyt.scheduling instance (the JSON contract of docs/scheduling.md) of the edition: its days,
    rooms, selected films (competition films shown to their section's jury before deliberation on the
    last day), and its locked screenings (kept where they are)."""
    days = [{"date": day.isoformat(), "opens": OPENS, "closes": CLOSES} for day in days_of(edition)]
    edition_rooms = rooms_of(edition)
    any_subtitles = any(r.subtitles for r in edition_rooms)
    rooms = [
        {
            "id": str(r.pk),
            "venue": str(r.venue_id),
            "seats": r.seats,
            "formats": list(r.formats) or DEFAULT_FORMATS,
            "subtitles": r.subtitles,
        }
        for r in edition_rooms
    ]
    from korkyt.festival.programme.guests import apply_to_film, film_guests, travel_table

    guests = film_guests(edition)
    films, juries = [], {}
    deliberation = f"{edition.ends_on.isoformat()}T09:00"
    for sub in selected(edition):
        section = sub.section
        jury = None
        if section.kind in COMPETITIVE:
            jury = section.kind
            juries[jury] = {"id": jury, "deliberation_at": deliberation, "name": section.get_kind_display()}
        films.append(
            {
                "id": str(sub.pk),
                "runtime_min": int(sub.runtime or getattr(sub.film, "runtime", None) or 90),
                "section": section.kind,
                "formats": DEFAULT_FORMATS,
                "screenings": 2 if jury else 1,
                "subtitled": any_subtitles and bool(sub.screening_languages),
                "jury": jury,
                "press": bool(jury),
                "demand": 150 if jury else 80,
                "country": str(sub.country) or None,
            }
        )
        apply_to_film(films[-1], guests.get(sub.pk, []))
    data: dict[str, Any] = {
        "slot_min": SLOT_MIN,
        "changeover_min": CHANGEOVER_MIN,
        "days": days,
        "rooms": rooms,
        "travel_min": travel_table(edition),
        "films": films,
        "juries": list(juries.values()),
    }
    if keep_locked:
        data["locked"] = [
            {
                "film": str(s.submission_id),
                "room": str(s.room_id),
                "starts_at": _iso(edition, s.starts_at),
                "kind": s.kind,
            }
            for s in Screening.objects.filter(edition=edition, locked=True).exclude(
                state=ScreeningState.CANCELLED
            )
        ]
    return data


def grid_output(edition: Edition) -> dict[str, Any]:
    """The edition's current grid in the scheduling output contract (for the checker)."""
    return {
        "status": "feasible",
        "screenings": [
            {
                "film": str(s.submission_id),
                "room": str(s.room_id),
                "starts_at": _iso(edition, s.starts_at),
                "ends_at": _iso(edition, s.ends_at),
                "kind": s.kind,
                **({"qa": True} if s.qa else {}),
            }
            for s in Screening.objects.filter(edition=edition).exclude(state=ScreeningState.CANCELLED)
        ],
        "unplaced": [],
    }


def conflicts(edition: Edition) -> list[str]:
    """Every hard constraint the current grid breaks (the scheduling checker's findings), in the reader's
    language with the films' titles (HTML, each title with its ``lang``), rooms and local times."""
    from korkyt.festival.programme.wording import conflict_texts
    from korkyt.scheduling import check_solution

    try:
        found = check_solution(build_instance(edition, keep_locked=False), grid_output(edition))
    except Exception:  # an instance the checker cannot read (no rooms): say so, never a 500
        return [_("The grid cannot be checked yet: add venues and rooms first.")]
    return list(conflict_texts(edition, found))


# --- versions ------------------------------------------------------------------------------------------


def snapshot(edition: Edition) -> list[dict[str, Any]]:
    return [
        {
            "id": s.pk,
            "film": s.submission_id,
            "room": s.room_id,
            "starts_at": _iso(edition, s.starts_at),
            "kind": s.kind,
            "state": s.state,
            "locked": s.locked,
        }
        for s in Screening.objects.filter(edition=edition).order_by("pk")
    ]


def diff(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """What changed between two snapshots, keyed by film and kind (a re-proposal replaces the rows)."""

    def key(item: dict[str, Any]) -> tuple[Any, ...]:
        return (item["film"], item["kind"])

    def group(items: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
        out: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for item in items:
            out.setdefault(key(item), []).append(item)
        return out

    old, new = group(before), group(after)
    added, removed, moved = [], [], []
    for k in sorted(set(old) | set(new), key=str):
        a = sorted(old.get(k, []), key=lambda i: (i["starts_at"], i["room"]))
        b = sorted(new.get(k, []), key=lambda i: (i["starts_at"], i["room"]))
        for x, y in zip(a, b, strict=False):
            if (x["room"], x["starts_at"], x["state"]) != (y["room"], y["starts_at"], y["state"]):
                moved.append(
                    {
                        "film": k[0],
                        "kind": k[1],
                        "from": [x["room"], x["starts_at"], x["state"]],
                        "to": [y["room"], y["starts_at"], y["state"]],
                    }
                )
        removed += [
            {"film": k[0], "kind": k[1], "room": x["room"], "starts_at": x["starts_at"]} for x in a[len(b) :]
        ]
        added += [
            {"film": k[0], "kind": k[1], "room": y["room"], "starts_at": y["starts_at"]} for y in b[len(a) :]
        ]
    return {"added": added, "removed": removed, "moved": moved}


def version_record(
    *, edition: Edition, origin: str, actor: Actor | None = None, summary: dict[str, Any] | None = None
) -> GridVersion:
    with transaction.atomic():
        # the edition's row first: two edits (or an edit and the proposal job) number their versions one
        # after the other; locking the last version alone let both read the same number
        lock_row(Edition, edition.pk)
        last = GridVersion.objects.filter(edition=edition).order_by("-number").first()
        now = snapshot(edition)
        return GridVersion.objects.create(
            edition=edition,
            number=(last.number + 1) if last else 1,
            origin=origin,
            snapshot=now,
            diff=diff(last.snapshot if last else [], now),
            summary=summary or {},
            created_by=saved_user(actor),
        )


def published(edition: Edition | int) -> GridVersion | None:
    """The edition's last published version (an edition or its id); None before publishing."""
    return (
        GridVersion.objects.filter(edition=edition, origin=GridVersion.Origin.PUBLISHED)
        .order_by("-number")
        .first()
    )


# --- proposal -----------------------------------------------------------------------------------------


def propose_start(*, actor: Actor, edition: Edition) -> Any:
    """Queue the proposal of the edition's grid (a core job); locked screenings stay."""
    from korkyt.core.jobs.services import enqueue, job_create

    require_perm(actor, PERM, edition)
    if not rooms_of(edition):
        raise ValidationError(_("Add venues and rooms before proposing a schedule."))
    with transaction.atomic():
        job = job_create(kind="festival.propose_schedule", subject=edition, total=3, created_by=actor)
        enqueue(job, "festival.propose_schedule", edition_id=edition.pk)
    return job


def propose(
    *, edition_id: int, time_limit: float = 10.0, progress: Callable[..., Any] | None = None
) -> dict[str, Any]:
    """Solve the edition's instance and store the screenings: locked ones and published ones (on sale, in
    the public programme, starred, in people's calendars: a published screening moves only by hand, as a
    *moved* state its holders are told of) are kept, every other screening is replaced by the solver's.
    Idempotent: running it again gives a grid of the same films. Returns the solution's status,
    objective, counts and explanation."""
    from korkyt.scheduling import SchedulingError, parse_instance, solution_to_dict, solve

    edition = Edition.objects.get(pk=edition_id)
    # published (its tickets on sale): it stays where it is, locked
    Screening.objects.filter(edition=edition, locked=False, bookable__isnull=False).update(locked=True)
    data = build_instance(edition)
    if progress:
        progress(1, total=3)
    try:
        instance = parse_instance(data)
    except SchedulingError as exc:  # the job fails with the reason (never "unexpected", never a 500)
        raise ValidationError(_unschedulable(edition, exc)) from exc
    solution = solve(instance, time_limit=time_limit, workers=1)
    out = solution_to_dict(solution, instance)
    if progress:
        progress(2, total=3)
    result = {
        "status": out["status"],
        "objective": out["objective"],
        "gap": out["gap"],
        "explanation": list(out.get("explanation") or []),
        # The same sentences as codes and facts, worded in the reader's language on the grid.
        "reasons": [
            {"code": getattr(r, "code", ""), "data": dict(getattr(r, "data", None) or {})}
            for r in solution.explanation
        ],
        "unplaced": len(out.get("unplaced") or []),
        "placed": 0,
    }
    if out["status"] == "infeasible":
        return result
    rooms = {str(r.pk): r for r in rooms_of(edition)}
    with transaction.atomic():
        kept = {
            (str(s.submission_id), str(s.room_id), _iso(edition, s.starts_at), s.kind): s
            for s in Screening.objects.filter(edition=edition, locked=True)
        }
        Screening.objects.filter(edition=edition, locked=False, bookable__isnull=True).delete()
        for item in out["screenings"]:
            if item.get("event") is not None:
                continue
            stays = kept.get((item["film"], item["room"], item["starts_at"], item["kind"]))
            if stays is not None:  # where it is; a guest added since may make it a Q&A screening
                if stays.qa != bool(item.get("qa")):
                    Screening.objects.filter(pk=stays.pk).update(
                        qa=bool(item.get("qa")), updated_at=timezone.now()
                    )
                continue
            if item.get("locked"):
                continue
            Screening.objects.create(
                edition=edition,
                submission_id=int(item["film"]),
                room=rooms[item["room"]],
                starts_at=_aware(edition, item["starts_at"]),
                ends_at=_aware(edition, item["ends_at"]),
                kind=item["kind"],
                qa=bool(item.get("qa")),
            )
            result["placed"] += 1
        version_record(edition=edition, origin=GridVersion.Origin.PROPOSED, summary=result)
    if progress:
        progress(3, total=3)
    return result


def _unschedulable(edition: Edition, exc: Exception) -> list[str]:
    """Why the scheduler cannot read the edition: the screenings kept where they are (locked or published)
    that lie off the festival's days, each named with its time and the days; else the scheduler's own
    words."""
    from korkyt.core.dates import format_day
    from korkyt.festival.programme.tickets import when_text
    from korkyt.festival.selectors import submission_title

    kept = Screening.objects.filter(edition=edition, locked=True).exclude(state=ScreeningState.CANCELLED)
    days = {"first": format_day(edition.starts_on), "last": format_day(edition.ends_on)}
    reasons = [
        _(
            "“%(title)s” (%(when)s) stays where it is, locked or published, but lies outside the festival's "
            "days (%(first)s to %(last)s): move or cancel it, or change the festival's dates."
        )
        % {"title": submission_title(s.submission).text, "when": when_text(s), **days}
        for s in kept.select_related("edition", "submission__film").order_by("starts_at", "pk")
        if not on_festival_days(edition, s.starts_at)
    ]
    return reasons or [_("The schedule cannot be proposed: %(reason)s") % {"reason": exc}]


# --- manual edits -------------------------------------------------------------------------------------


def _check_move(edition: Edition, screening: Screening, room: Room, starts_at: dt.datetime) -> dt.datetime:
    if room.venue.edition_id != edition.pk:
        raise ValidationError({"room": _("This room belongs to another edition.")})
    if screening.state == ScreeningState.CANCELLED:
        raise ValidationError(_("A cancelled screening cannot be moved."))
    if starts_at.second or starts_at.microsecond:  # the grid and its checker work in whole minutes
        raise ValidationError({"starts_at": _("Give the start as a date and time (YYYY-MM-DDTHH:MM).")})
    if not on_festival_days(edition, starts_at):  # its night too: a festival day ends the next morning
        raise ValidationError({"starts_at": _("Choose a start on one of the festival's days.")})
    return starts_at + (screening.ends_at - screening.starts_at)


def move_preview(*, edition: Edition, screening: Screening, room: Room, starts_at: dt.datetime) -> list[str]:
    """The conflicts the grid would have with ``screening`` moved (nothing is saved)."""
    ends_at = _check_move(edition, screening, room, starts_at)
    with transaction.atomic():
        Screening.objects.filter(pk=screening.pk).update(room=room, starts_at=starts_at, ends_at=ends_at)
        found = conflicts(edition)
        transaction.set_rollback(True)
    return found


def move(*, actor: Actor, screening: Screening, room: Room, starts_at: dt.datetime) -> list[str]:
    """Move a screening (its state becomes *moved* once the grid is published, and its holders are told
    when its room or start changed) and return the conflicts the grid now has (warnings: staff may keep a
    grid with conflicts, the checker names them)."""
    edition = screening.edition
    require_perm(actor, PERM, edition)
    ends_at = _check_move(edition, screening, room, starts_at)
    bookable = screening.bookable
    if (
        bookable is not None
        and bookable.held
        and bookable.taken <= room.seats < bookable.held + bookable.taken
    ):
        from korkyt.events.booking import held_in_the_way  # the engine's rule, as a room resized

        raise ValidationError({"room": held_in_the_way(room.seats, bookable.held, bookable.taken)})
    if screening.bookable is not None and room.seats - screening.bookable.held < screening.bookable.taken:
        raise ValidationError(
            {
                "room": _("This room has fewer seats than the tickets already taken (%(n)s).")
                % {"n": screening.bookable.taken}
            }
        )
    was_published = published(edition) is not None
    with transaction.atomic():
        # read again under its lock: a cancel or a lock committed meanwhile stays (only the move is written)
        screening = Screening.objects.select_for_update().select_related("edition").get(pk=screening.pk)
        _check_move(edition, screening, room, starts_at)
        # its holders are told only when its place or time changed (a move to where it is tells nobody)
        moved = was_published and (screening.room_id, screening.starts_at) != (room.pk, starts_at)
        screening.room, screening.starts_at, screening.ends_at = room, starts_at, ends_at
        if moved:
            screening.state = ScreeningState.MOVED
        screening.save(update_fields=["room", "starts_at", "ends_at", "state", "updated_at"])
        if screening.bookable_id:
            sync_capacity(screening)
        audit_log(obj=screening, action="festival.screening.move", actor=actor)
        version_record(edition=edition, origin=GridVersion.Origin.EDITED, actor=actor)
        if moved:
            from korkyt.festival.programme.tickets import notify_holders_request

            notify_holders_request(screening)
    return conflicts(edition)


def lock(*, actor: Actor, screening: Screening, locked: bool) -> Screening:
    require_perm(actor, PERM, screening.edition)
    screening.locked = locked
    screening.save(update_fields=["locked", "updated_at"])
    audit_log(obj=screening, action="festival.screening.lock", actor=actor, data={"locked": locked})
    return screening


def cancel(*, actor: Actor, screening: Screening) -> Screening:
    """Cancel a screening (a state; the row stays): its sales close and every ticket and waiting-list place
    is cancelled with it (a paid ticket is owed back, nobody waiting is given a seat), then its holders are
    told (:func:`~korkyt.festival.programme.tickets.notify_holders`). Idempotent: a screening already
    cancelled is left as it is and nobody is told again."""
    require_perm(actor, PERM, screening.edition)
    from korkyt.festival.programme.tickets import notify_holders_request, void_tickets

    with transaction.atomic():
        # read again under its lock: a move or a booking committed meanwhile is seen
        row = Screening.objects.select_for_update().select_related("edition").get(pk=screening.pk)
        if row.state == ScreeningState.CANCELLED:  # already (another tab, a second click): nobody told twice
            screening.state, screening.updated_at = row.state, row.updated_at
            return screening
        row.state = ScreeningState.CANCELLED
        row.save(update_fields=["state", "updated_at"])
        holders = void_tickets(row) if row.bookable_id else []
        audit_log(obj=row, action="festival.screening.cancel", actor=actor)
        version_record(edition=row.edition, origin=GridVersion.Origin.EDITED, actor=actor)
        notify_holders_request(row, holders=holders)
    screening.state, screening.updated_at = row.state, row.updated_at
    return screening


def publish(*, actor: Actor, edition: Edition) -> GridVersion:
    """Publish the grid: its public and gala screenings appear in the public programme with tickets."""
    require_perm(actor, PERM, edition)
    if not Screening.objects.filter(edition=edition).exists():
        raise ValidationError(_("There is no screening to publish."))
    from korkyt.festival.programme.tickets import bookables_ensure

    with transaction.atomic():
        bookables_ensure(edition=edition)
        version = version_record(edition=edition, origin=GridVersion.Origin.PUBLISHED, actor=actor)
        audit_log(obj=edition, action="festival.grid.publish", actor=actor)
    return version
