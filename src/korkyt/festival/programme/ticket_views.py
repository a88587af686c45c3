"""A screening ticket's pages: the ticket with its QR code, its printable PDF, and giving it back. The
ticket is a registration of the screening's bookable, so giving it back is the events engine's
cancellation (the seat goes to the waiting list)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from korkyt.core.dates import format_moment
from korkyt.core.feedback import flash_refusal
from korkyt.core.labels import money, sentence_start
from korkyt.core.languages import request_language
from korkyt.core.pagination import check_id
from korkyt.core.views import confirm_page
from korkyt.events import booking, cancelling, waitlist
from korkyt.events import selectors as event_selectors
from korkyt.events import services as event_services
from korkyt.events import tickets as event_tickets
from korkyt.events.cancelling import LIVE
from korkyt.events.models import Registration
from korkyt.festival import selectors as festival_selectors
from korkyt.festival.programme import selectors
from korkyt.festival.templatetags.festival_names import room_place


def _ticket_of(request: HttpRequest, pk: int) -> tuple[Registration, bool]:
    """A screening ticket the user may see: their own, or any of an edition they are staff of (a
    walk-in's, to print at the box office). Also whether the user sees it as staff."""
    check_id(pk)
    found = selectors.ticket_for(request.user, pk)
    if found is None:
        raise Http404
    return found


@login_required  # a ticket's link in a mail, opened signed out: sign in, then the ticket
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder's ticket of a screening (or, for the edition's staff, anyone's): the QR code of the
    events engine, checked in at the door with the events check-in."""
    reg, as_staff = _ticket_of(request, pk)
    screening = reg.bookable.screening
    edition = screening.edition
    # the way on: the programme's day of the screening, at the screening
    programme_url = selectors.screening_path(screening)
    with timezone.override(edition.tz):
        return render(
            request,
            "festival/screening_ticket.html",
            {
                "reg": reg,
                "screening": screening,
                "as_staff": as_staff,
                "waiting": waitlist.line(reg) if reg.status == "waitlisted" else "",
                "title": festival_selectors.submission_title(screening.submission),
                "qr": event_tickets.qr_svg(reg.code),
                "code": event_tickets.pretty(reg.code),
                "can_give_back": _can_give_back(request, reg),
                "name": festival_selectors.edition_name(edition),
                "programme_url": programme_url,
            },
        )


@login_required
def ticket_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable ticket (A5 PDF, the events engine's) of a confirmed screening ticket: for the holder,
    and for staff printing a box-office sale."""
    reg, _as_staff = _ticket_of(request, pk)
    if reg.status != "confirmed":
        raise Http404
    screening = reg.bookable.screening
    note = (
        _("To pay: %(amount)s %(currency)s, at the box office before the screening (no online payment).")
        % {"amount": money(reg.amount), "currency": reg.currency}
        if reg.payment == "unpaid"
        else ""
    )
    room = screening.room
    context = {
        "title": festival_selectors.submission_title(screening.submission),
        "holder": reg.holder_label,
        "place": ", ".join(p for p in (room.venue.name, room.name, room.venue.address) if p),
        "sessions": [
            {
                "start": screening.starts_at.astimezone(screening.edition.tz),
                "end": screening.ends_at.astimezone(screening.edition.tz),
            }
        ],
        "time_zone": screening.edition.time_zone,
        "note": note,
    }
    with timezone.override(screening.edition.tz):  # the template's filters show the festival's times
        pdf = event_tickets.ticket_pdf(reg, context, request_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{reg.pk}.pdf"'
    return response


def _can_give_back(request: HttpRequest, reg: Registration) -> bool:
    """The holder's own live ticket of a screening not cancelled, not started and not checked in."""
    return reg.user_id is not None and reg.user_id == request.user.pk and not _refuse_before_asking(reg)


def _refuse_before_asking(reg: Registration) -> str:
    """Why the holder's ticket cannot be given back, said before the question is asked (the page would
    promise what the cancellation then refuses), or "" when it can."""
    if reg.status not in LIVE:
        return _("This ticket is already cancelled: there is nothing to give back.")
    if reg.bookable.screening.state == "cancelled":
        return _("This screening is cancelled: its tickets are void and there is nothing to give back.")
    if event_selectors.event_over(reg.bookable_id):
        return _("The screening has started: its ticket can no longer be given back.")
    if event_selectors.checked_in(reg.pk):
        return _("This ticket was checked in: its seat can no longer be given back.")
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def ticket_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the holder is asked to confirm (the screening, what giving the ticket back does, the button and
    the way back to the ticket; the shared confirmation page). POST: the events engine's cancellation, the
    seat going to the next person waiting. Only the holder gives a ticket back; refused once the screening
    has started; a ticket already cancelled is said to be so (nothing changes)."""
    reg, _as_staff = _ticket_of(request, pk)
    if reg.user_id != request.user.pk:
        raise Http404
    waiting = reg.status == "waitlisted"
    if request.method == "GET":
        refusal = _refuse_before_asking(reg)
        if refusal:
            (messages.info if reg.status not in LIVE else messages.error)(request, refusal)
            return redirect("festival:screening_ticket", pk=reg.pk)
        screening = reg.bookable.screening
        when = format_moment(screening.starts_at.astimezone(screening.edition.tz), "weekday")
        return confirm_page(
            request,
            heading=_("Leave the waiting list?") if waiting else _("Give back your ticket?"),
            subject=festival_selectors.submission_title(screening.submission),
            detail=format_html(
                "{} ({}), {}", sentence_start(when), screening.edition.time_zone, room_place(screening.room)
            ),
            consequences=cancelling.consequences(reg),
            action=request.path,
            button=_("Leave the waiting list") if waiting else _("Give back my ticket"),
            back=reverse("festival:screening_ticket", args=[reg.pk]),
            back_label=_("Stay on the waiting list") if waiting else _("Keep my ticket"),
        )
    # asked again when the button is pressed: a check-in or a cancellation since the page was shown; and
    # the events engine lets a manager cancel a checked-in registration, which the edition's staff holding
    # a ticket of their own are
    refusal = _refuse_before_asking(reg)
    if refusal:
        (messages.info if reg.status not in LIVE else messages.error)(request, refusal)
        return redirect("festival:screening_ticket", pk=reg.pk)
    try:
        event_services.registration_cancel(actor=request.user, registration=reg)
    except booking.BookingError as exc:
        if exc.code == "event_over":
            messages.error(request, _("The screening has started: its ticket can no longer be given back."))
        else:
            flash_refusal(request, exc)
    else:
        messages.success(
            request, _("You left the waiting list.") if waiting else _("Your ticket is given back.")
        )
    return redirect("festival:screening_ticket", pk=reg.pk)
