"""Pages of the programme: the staff grid (404 for anyone else) with its actions and htmx fragments, and
the public programme of a published grid with tickets and an ICS per screening."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from korkyt.core.feedback import error_page, flash_refusal, section_tag
from korkyt.core.http import get_visible_or_404, id_from, local_next
from korkyt.core.labels import money
from korkyt.core.languages import request_language
from korkyt.core.models import Job
from korkyt.events import booking, desk, waitlist
from korkyt.events import selectors as events_selectors
from korkyt.events.forms import BoxOfficeForm
from korkyt.events.models import CalendarFeed, Registration
from korkyt.events.services import reminders
from korkyt.festival import selectors as festival_selectors
from korkyt.festival.models import Edition
from korkyt.festival.programme import (
    actions,
    days,
    filters,
    forms,
    guests,
    selectors,
    services,
    stars,
    tickets,
    wording,
)
from korkyt.festival.programme.models import GridVersion, Room, Screening, ScreeningGuest, Venue


def _edition(number: int) -> Edition:
    return get_visible_or_404(Edition.objects.all(), number=number)


def _staff_edition(request: HttpRequest, number: int) -> Edition:
    edition = _edition(number)
    if not festival_selectors.is_staff_of(request.user, edition):
        raise Http404
    return edition


#: A wall time as the move form gives it: ``YYYY-MM-DDTHH:MM`` (or with a space), ``:00`` seconds at most.
_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:00(\.0+)?)?", re.ASCII)


def _when(edition: Edition, request: HttpRequest) -> tuple[Room, dt.datetime]:
    """The room and the start of the move form: a wall time of the festival (its time zone), on one of
    its days."""
    room = get_visible_or_404(
        Room.objects.filter(venue__edition=edition),
        pk=id_from(request.POST.get("room") or request.GET.get("room")) or 0,
    )
    text = (request.POST.get("starts_at") or request.GET.get("starts_at") or "").strip()
    try:
        # a date and a time to the minute (a date alone is no start; seconds only as ":00", as a browser
        # may send them): the grid and its checker work in whole minutes
        wall = dt.datetime.fromisoformat(text) if _MINUTE.fullmatch(text) else None
    except ValueError:
        wall = None
    if wall is None or wall.tzinfo is not None:
        raise ValidationError({"starts_at": _("Give the start as a date and time (YYYY-MM-DDTHH:MM).")})
    if not days.on_festival_days(edition, wall):  # its night too: a festival day ends the next morning
        raise ValidationError({"starts_at": _("Choose a start on one of the festival's days.")})
    return room, services.wall_time(edition, wall)


def _job(edition: Edition) -> Job | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        Job.objects.filter(
            kind="festival.propose_schedule",
            subject_type=ContentType.objects.get_for_model(Edition),
            subject_id=edition.pk,
        )
        .order_by("-pk")
        .first()
    )


def grid(request: HttpRequest, number: int) -> HttpResponse:
    """Staff: the grid of one day (rooms as columns), propose / re-optimise, move, lock, cancel, publish,
    and venues and rooms."""
    edition = _staff_edition(request, number)
    day = filters.festival_day_of(edition, request.GET.get("day")) or edition.starts_on
    refused: actions.Refused | None = None
    if request.method == "POST":
        action = request.POST.get("action") or ""
        try:
            if action == "propose":
                services.propose_start(actor=request.user, edition=edition)
                messages.success(request, _("The schedule is being proposed; locked screenings stay."))
            elif action == "publish":
                services.publish(actor=request.user, edition=edition)
                messages.success(request, _("The programme is published."))
            elif action in actions.FORMS:
                with timezone.override(edition.tz):  # times typed are the festival's
                    refused = actions.FORMS[action](request, edition)
            elif action == "move":
                refused, moved_to = actions.move(request, edition, lambda: _when(edition, request))
                day = moved_to or day
            elif action in actions.ACTIONS:
                actions.ACTIONS[action](request, edition)
            elif action in ("lock", "unlock", "cancel"):
                screening = get_visible_or_404(
                    Screening.objects.filter(edition=edition), pk=id_from(request.POST.get("screening")) or 0
                )
                if action == "cancel":
                    services.cancel(actor=request.user, screening=screening)
                    messages.success(request, _("Screening cancelled."))
                else:
                    services.lock(actor=request.user, screening=screening, locked=action == "lock")
                    done = _("Screening locked.") if action == "lock" else _("Screening unlocked.")
                    messages.success(request, done)
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as exc:
            flash_refusal(request, exc)
        if refused is None:
            return redirect(reverse("festival:grid", args=[number]) + f"?day={day.isoformat()}")
    versions = list(GridVersion.objects.filter(edition=edition)[:5])
    with timezone.override(edition.tz):  # times on the page and in its forms are the festival's
        return _render_grid(request, edition, day, versions, refused)


def _render_grid(
    request: HttpRequest,
    edition: Edition,
    day: dt.date,
    versions: list[GridVersion],
    refused: actions.Refused | None = None,
) -> HttpResponse:
    """The grid page; ``refused`` (a form the staff sent and a rule refused) is shown as typed, with its
    reasons, in place of that form (status 400)."""
    job = _job(edition)
    venues_of = list(Venue.objects.filter(edition=edition).prefetch_related("rooms"))
    entries = actions.entry_choices(edition)
    titles = dict(entries)
    policy = tickets.policy_of(edition)
    sections = list(edition.sections.all())
    rooms = selectors.room_choices(edition)

    def form(action: str, key: int | None, make: Any) -> Any:
        return (refused.of(action, key) if refused else None) or make()

    venue_rows = [
        (
            v,
            form("venue_edit", v.pk, lambda v=v: forms.VenueForm(venue=v)),
            [(r, form("room_edit", r.pk, lambda r=r: forms.RoomForm(room=r))) for r in v.rooms.all()],
        )
        for v in venues_of
    ]
    day_grid = selectors.grid(edition, day)
    for column in day_grid["columns"]:
        for s in column["screenings"]:
            obj = s["obj"]
            s["tickets_form"] = form(
                "tickets", obj.pk, lambda obj=obj: forms.ScreeningTicketsForm(screening=obj)
            )
            s["move_form"] = form(
                "move", obj.pk, lambda obj=obj: forms.MoveForm(screening=obj, rooms=rooms, tz=edition.tz)
            )
    new_venue_language = venues_of[-1].language if venues_of else "en"
    return render(
        request,
        "festival/grid.html",
        {
            "edition": edition,
            "name": festival_selectors.edition_name(edition),
            "days": days.days_of(edition),
            "grid": day_grid,
            "rooms": rooms,
            "venues": venues_of,
            "venue_rows": venue_rows,
            # a new venue's names are likely in the language of the last one entered
            "venue_form": form("venue", None, lambda: forms.VenueForm(language=new_venue_language)),
            "room_form": form("room", None, lambda: forms.RoomForm(venues=venues_of)),
            "travel_form": form("travel", None, lambda: forms.TravelForm(venues=venues_of)),
            "guest_form": form("guest", None, lambda: forms.GuestForm(entries=entries)),
            "policy_form": form("policy", None, lambda: forms.PolicyForm(policy=policy, sections=sections)),
            **_job_context(edition, job),
            "versions": versions,
            "conflicts": services.conflicts(edition)
            if Screening.objects.filter(edition=edition).exists()
            else [],
            "published": services.published(edition),
            "guests": [
                (
                    g,
                    titles.get(str(g.submission_id), ""),
                    form("guest_away_add", g.pk, lambda g=g: forms.GuestAwayForm(guest=g)),
                )
                for g in ScreeningGuest.objects.filter(edition=edition)
            ],
            "selected": entries,
            "travel": [
                (a, b, (a.travel_min or {}).get(str(b.pk))) for a, b in itertools.combinations(venues_of, 2)
            ],
            "refused": refused,
        },
        status=400 if refused else 200,
    )


def grid_job(request: HttpRequest, number: int) -> HttpResponse:
    """Staff, htmx: the proposal's progress (polled while it runs)."""
    edition = _staff_edition(request, number)
    job = _job(edition)
    return render(request, "festival/_grid_job.html", {"edition": edition, **_job_context(edition, job)})


def _job_context(edition: Edition, job: Any) -> dict[str, Any]:
    """The proposal job, its outcome and its explanation in the reader's language; ``job_failed`` when no
    schedule came of it (the explanation says why), else the explanation is a note on the schedule."""
    result = job.result if job else None
    return {
        "job": job,
        "job_summary": wording.proposal_summary(result),
        "job_explanation": wording.explanation_texts(edition, result),
        "job_failed": result is not None and result.get("status") in ("infeasible", "unknown"),
    }


def move_check(request: HttpRequest, number: int) -> HttpResponse:
    """Staff, htmx: the conflicts the grid would have after the move in the form (nothing saved)."""
    edition = _staff_edition(request, number)
    screening = get_visible_or_404(
        Screening.objects.filter(edition=edition), pk=id_from(request.GET.get("screening")) or 0
    )
    errors: list[str] = []
    try:
        room, starts_at = _when(edition, request)
        found = services.move_preview(edition=edition, screening=screening, room=room, starts_at=starts_at)
    except ValidationError as exc:  # the form's input is refused: said as such, not as conflicts
        found, errors = [], list(exc.messages)
    return render(
        request, "festival/_conflicts.html", {"conflicts": found, "errors": errors, "checked": True}
    )


def public_programme(request: HttpRequest, number: int) -> HttpResponse:
    """Everyone: the published programme per day, venue and section, with tickets. A filter value the
    edition has nothing for is no filter (``filters.read``)."""
    edition = _edition(number)
    asked = filters.read(edition, request.GET)
    shown = selectors.public_screenings_qs(
        edition, day=asked.day, venue=asked.venue_id, section=asked.section
    )
    page = Paginator(shown, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page")) if asked.every_day else None
    rows = [selectors.decorate(s) for s in (page if page is not None else shown)]
    held: dict[int, Registration] = {}
    if request.user.is_authenticated:
        for reg in Registration.objects.filter(
            user=request.user, bookable__screening__edition=edition
        ).exclude(status__in=["cancelled", "rejected", "expired"]):
            held[reg.bookable_id] = reg
    starred = stars.starred_ids(request.user, [row["obj"] for row in rows])
    present = guests.film_guests(edition)
    for row in rows:
        row["starred"] = row["obj"].pk in starred
        row["guests"] = present.get(row["obj"].submission_id, []) if row["obj"].qa else []
        row["ticket"] = held.get(row["obj"].bookable_id or 0)
        row["has_seat"] = row["obj"].bookable is not None and booking.has_seat_for(row["obj"].bookable, "")
        limit = row["obj"].bookable.per_person_limit if row["obj"].bookable is not None else 1
        row["seat_choices"] = range(1, limit + 1)
    with timezone.override(edition.tz):
        return _render_public(request, edition, rows, asked, page)


#: ``?day=all``: every day of the programme, a page at a time (the page shows one day unless asked).
ALL_DAYS = filters.ALL_DAYS
PUBLIC_PAGE_SIZE = 100


def _render_public(
    request: HttpRequest,
    edition: Edition,
    rows: list[dict[str, Any]],
    asked: filters.Filters,
    page: Any = None,
) -> HttpResponse:
    return render(
        request,
        "festival/public_programme.html",
        {
            "edition": edition,
            "name": festival_selectors.edition_name(edition),
            "rows": rows,
            "days": days.days_of(edition),
            "venues": Venue.objects.filter(edition=edition),
            "sections": asked.sections,
            "filters": asked,
            "all_days": ALL_DAYS,
            "page": page,
            "published": services.published(edition),
            "over": festival_selectors.edition_over(edition),
            # each event's page: its row of the programme of its day (there is no page per screening)
            "json_ld": selectors.json_ld(
                rows, lambda s: request.build_absolute_uri(selectors.screening_path(s))
            ),
        },
    )


def _public_screening(pk: int) -> Screening:
    screening = get_visible_or_404(
        Screening.objects.select_related("room__venue", "submission__film", "edition"), pk=pk
    )
    if not selectors.is_shown_publicly(screening):  # not (yet) part of the published programme
        raise Http404
    return screening


def screening_ics(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _public_screening(pk)
    url = request.build_absolute_uri(selectors.screening_path(screening))
    response = HttpResponse(
        selectors.screening_ics(screening, request_language(), url), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="screening-{screening.pk}.ics"'
    return response


@login_required
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    """Signed in: a ticket for a public screening (the events booking engine)."""
    screening = _public_screening(pk)
    try:
        seats = int(request.POST.get("seats") or 1)
    except ValueError:
        seats = 0  # the engine names the limit
    # said in the screening's row, where the page comes back to (the top of the page is out of sight)
    section = f"screening-{screening.pk}"
    there = section_tag(section)
    try:
        reg = tickets.book(screening=screening, user=request.user, seats=seats)
        if reg.status == "confirmed" and reg.payment == "unpaid":
            messages.success(
                request,
                _(
                    "Your ticket is reserved: pay %(amount)s %(currency)s at the box office before the screening."  # noqa: E501
                )
                % {"amount": money(reg.amount), "currency": reg.currency},
                extra_tags=there,
            )
        elif reg.status == "confirmed":
            messages.success(request, _("Your ticket is booked."), extra_tags=there)
        else:
            messages.info(request, waitlist.line(reg), extra_tags=there)
    except booking.BookingError as exc:
        flash_refusal(request, exc, section=section)
    # back to the page the booking was made on (its day, venue and section kept), at the screening
    fallback = reverse("festival:public_programme", args=[screening.edition.number]) + (
        f"?day={days.festival_day(screening.edition, screening.starts_at).isoformat()}"
    )
    return redirect(_safe_next(request, fallback).split("#")[0] + f"#{section}")


def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: check ticket holders in at the door of a screening (the events check-in of its bookable)."""
    screening = get_visible_or_404(
        Screening.objects.select_related("edition", "room__venue", "submission__film"), pk=pk
    )
    if not festival_selectors.is_staff_of(request.user, screening.edition):
        raise Http404
    result = None
    sale_form = BoxOfficeForm(prefix="sale")
    if request.method == "POST" and request.POST.get("action") == "sell":
        sale_form = BoxOfficeForm(request.POST, prefix="sale")
        sale = functools.partial(tickets.box_office_sale, actor=request.user, screening=screening)
        sold = desk.sell(request, sale_form, sale) if sale_form.is_valid() else None
        if sold is not None:
            return redirect(reverse("festival:screening_checkin", args=[screening.pk]) + f"?sold={sold.pk}")
    elif request.method == "POST":
        try:
            recorded = {"paid": _("Payment recorded."), "refunded": _("Refund recorded.")}
            for what, done in recorded.items():
                if request.POST.get(what):
                    reg = get_visible_or_404(
                        Registration.objects.filter(bookable=screening.bookable_id or 0),
                        pk=id_from(request.POST[what]) or 0,
                    )
                    tickets.payment_record(
                        actor=request.user, screening=screening, registration=reg, what=what
                    )
                    messages.success(request, done)
                    return redirect("festival:screening_checkin", pk=screening.pk)
            result = tickets.checkin(
                actor=request.user, screening=screening, code=request.POST.get("code", "")
            )
        except ValidationError as exc:
            flash_refusal(request, exc)
    with timezone.override(screening.edition.tz):
        return _render_checkin(request, screening, result, sale_form)


def _render_checkin(
    request: HttpRequest, screening: Screening, result: Any, sale_form: BoxOfficeForm
) -> HttpResponse:
    return render(
        request,
        "festival/screening_checkin.html",
        {
            "screening": screening,
            "just_sold": desk.just_sold(request, screening.bookable_id),
            "title": festival_selectors.submission_title(screening.submission),
            "result": result,
            "sale_form": sale_form,
            "price": screening.bookable.price if screening.bookable else None,
            "currency": screening.bookable.currency if screening.bookable else "",
            "on_sale": bool(screening.bookable) and screening.state != "cancelled",
            "free": booking.free_seats(screening.bookable) if screening.bookable else None,
            "taken": screening.bookable.taken if screening.bookable else 0,
            "held": screening.bookable.held if screening.bookable else 0,
            # checked in of the confirmed seats, counted as the events desk counts them (the screening is
            # the bookable's only "session")
            "counts": events_selectors.checkin_counts(cast(Any, screening), None),
            # the live tickets, and those given back whose money is still owed
            "holders": selectors.screening_tickets(screening)
            .exclude(Q(status__in=["cancelled", "rejected"]) & ~Q(payment="refund"))
            .order_by("status", "pk"),
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    return local_next(request, request.POST.get("next")) or fallback


@login_required
@require_POST
def star(request: HttpRequest, pk: int) -> HttpResponse:
    """Signed in: star or unstar a public screening (htmx swaps the button; without it, back to the page)."""
    screening = _public_screening(pk)
    on = request.POST.get("starred", "1") != "0"
    try:
        now = stars.star_set(user=request.user, screening=screening, starred=on)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    fallback = reverse("festival:public_programme", args=[screening.edition.number])
    if request.headers.get("HX-Request"):  # the button named by its film, back to the page it is on
        title = festival_selectors.submission_title(screening.submission)
        context = {"s": screening, "starred": now, "title": title, "next": _safe_next(request, fallback)}
        return render(request, "festival/_star.html", context)
    return redirect(_safe_next(request, fallback))


@login_required
def my_programme(request: HttpRequest) -> HttpResponse:
    """Signed in: my starred screenings, and the address of my calendar feed."""
    if request.method == "POST":
        action = request.POST.get("feed")
        if action == "enable":
            reminders.feed_enable(actor=request.user)
        elif action == "renew":
            reminders.feed_renew(actor=request.user)
        return redirect("festival:my_programme")
    row = CalendarFeed.objects.filter(user_id=request.user.pk or 0).first()
    feed_url = request.build_absolute_uri(reverse("festival:my_feed", args=[row.token])) if row else ""
    return render(
        request,
        "festival/my_programme.html",
        {
            "rows": [_mine(s) for s in stars.my_screenings(request.user)],
            "tickets": [_mine(s, ticket) for s, ticket in stars.my_tickets(request.user)],
            "feed_url": feed_url,
            "programmes": [
                (e.number, festival_selectors.edition_name(e)) for e in selectors.open_programmes()
            ],
        },
    )


def _mine(screening: Screening, ticket: Registration | None = None) -> dict[str, Any]:
    """A row of My programme: wall times of the festival, under the festival day (a 00:30 screening is
    the evening before's late show, its date shown with its time)."""
    edition = screening.edition
    starts = services.local(edition, screening.starts_at)
    day = days.festival_day(edition, screening.starts_at)
    return {
        "obj": screening,
        "ticket": ticket,
        "title": festival_selectors.submission_title(screening.submission),
        "starts": starts,
        "ends": services.local(edition, screening.ends_at),
        "day": day,
        "overnight": starts.date() != day,
    }


def my_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's festival calendar: starred screenings and ticketed ones (no sign-in: the token is the
    permission; a renewed token answers 404)."""
    row = events_selectors.calendar_feed(token)
    if row is None:
        raise Http404
    language = getattr(row.user, "language", "") or request_language()
    body = selectors.screenings_ics(
        stars.feed_screenings(row.user),
        language,
        lambda s: request.build_absolute_uri(selectors.screening_path(s)),
        _("My festival · Korkyt"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def programme_pdf(request: HttpRequest, number: int) -> HttpResponse:
    """Everyone: the published programme as a printable PDF (WeasyPrint), in the visitor's language, with
    the page's filters (``filters.read``: one day, the page's day by default, or ``?day=all``; a venue; a
    section) named in its heading and its file name. A filter value the edition has nothing for is refused
    (400, the reason named): the PDF prints what was asked or nothing."""
    from weasyprint import HTML

    edition = _edition(number)
    if services.published(edition) is None:
        raise Http404
    asked = filters.read(edition, request.GET)
    if asked.refused:
        return error_page(request, 400, " ".join(asked.refused))
    rows = selectors.public_screenings(edition, day=asked.day, venue=asked.venue_id, section=asked.section)
    with timezone.override(edition.tz):
        page = render(
            request,
            "festival/programme_print.html",
            {
                "edition": edition,
                "name": festival_selectors.edition_name(edition),
                "rows": rows,
                "filters": asked,
            },
        ).content.decode()
    pdf = HTML(string=page, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_pdf_name(edition, asked)}"'
    return response


def _pdf_name(edition: Edition, asked: filters.Filters) -> str:
    """ "programme-6-2026-09-08-venue-3-documentary.pdf": the day (or "all-days"), the venue's id and the
    section's kind, ASCII whatever the language."""
    parts = [f"programme-{edition.number}", asked.day.isoformat() if asked.day else "all-days"]
    if asked.venue is not None:
        parts.append(f"venue-{asked.venue.pk}")
    if asked.section:
        parts.append(asked.section)
    return "-".join(parts) + ".pdf"
