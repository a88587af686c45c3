"""Pages for everyone: the event list, an event's page with its sessions in the venue's time zone and the
registration form, "my registrations" with cancel (asked to confirm first), tickets, certificates, the
calendar feed and the follow-up forms. The organisers' pages are in ``organisers.py``."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from korkyt.accounts.selectors import user_name
from korkyt.catalogue.preferences import preferred_script
from korkyt.catalogue.selectors import person_name
from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.languages import request_language
from korkyt.core.translations import Text
from korkyt.core.views import confirm_page
from korkyt.events import booking, cancelling, selectors, services, tickets, waitlist
from korkyt.events.answers import answer_of, answer_read, readings
from korkyt.events.calendar import event_ics, events_ics
from korkyt.events.cancelling import LIVE
from korkyt.events.forms import RegistrationForm
from korkyt.events.models import (
    HOLDING,
    CalendarFeed,
    Certificate,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    normalize_code,
)


def _card(event: Event) -> dict[str, Any]:
    return {
        "obj": event,
        "title": selectors.event_title(event),
        "open": selectors.registration_open(event),
        "tz": zoneinfo.ZoneInfo(event.time_zone),
    }


#: Events a page of the list shows.
LIST_PAGE_SIZE = 30


def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events, the soonest first, or (``?when=past``) those over, the latest first; by kind."""
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    kind = request.GET.get("kind") or ""
    if kind not in EventKind.values:
        kind = ""
    listed = selectors.event_list(user=request.user, when=when, kind=kind or None).exclude(status="draft")
    page = Paginator(listed, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = selectors.event_list(user=request.user, status="draft")[:50]
    return render(
        request,
        "events/event_list.html",
        {
            "events": [_card(e) for e in page],
            "page": page,
            "when": when,
            "kind": kind,
            "kinds": EventKind.choices,
            "drafts": [_card(e) for e in drafts],
        },
    )


def _waiting(mine: Registration | None) -> str:
    """What a person waits for, on the event's page: their place on the waiting list, or the decision."""
    if mine is None:
        return ""
    if mine.status == RegistrationStatus.WAITLISTED:
        return waitlist.line(mine)
    if mine.status == RegistrationStatus.PENDING:
        return _("The organisers choose among the applications; we will write to you when they decide.")
    return ""


def _profile_country(user: Any) -> str:
    """The country on the person's profile: the first answer to a registration form's country question."""
    return str(getattr(user, "country", "") or "")


def _event(request: HttpRequest, pk: int) -> Event:
    return get_visible_or_404(selectors.event_visible(request.user), pk=pk)


def event_detail(request: HttpRequest, pk: int, form: RegistrationForm | None = None) -> HttpResponse:
    event = _event(request, pk)
    tz = zoneinfo.ZoneInfo(event.time_zone)
    mine = selectors.registration_active(event=event, user=request.user)
    card = _card(event)
    return render(
        request,
        "events/event_detail.html",
        {
            **card,
            "og_title": str(card["title"]),
            "og_description": str(selectors.event_description(event) or ""),
            "description": selectors.event_description(event),
            "sessions": [
                {"obj": s, "start": s.starts_at.astimezone(tz), "end": s.ends_at.astimezone(tz)}
                for s in event.sessions.all()
            ],
            "speakers": [
                {"obj": p, "name": person_name(p, request_language(), preferred_script(request))}
                for p in event.speakers.prefetch_related("names").order_by("pk")
            ],
            "mine": mine,
            "waiting": _waiting(mine),
            "form": form
            or (
                RegistrationForm(event=event, country=_profile_country(request.user))
                if card["open"] and mine is None
                else None
            ),
            "can_manage": request.user.has_perm("events.manage_registrations", event),
            "can_edit": request.user.has_perm("events.change_event", event),
        },
    )


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = RegistrationForm(request.POST, request.FILES, event=event)
    if not form.is_valid():
        return event_detail(request, pk, form=form)
    try:
        reg = services.registration_create(
            actor=request.user, event=event, answers=form.answers(), files=form.files_given()
        )
    except booking.BookingError as exc:
        flash_refusal(request, exc)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return event_detail(request, pk, form=form)
    else:
        messages.success(request, _("Your registration: %(status)s.") % {"status": reg.get_status_display()})
    return redirect("events:event_detail", pk=pk)


def event_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    url = request.build_absolute_uri(reverse("events:event_detail", args=[event.pk]))
    response = HttpResponse(
        event_ics(event, request_language(), url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    """The person's registrations: for events to come, then, under "Past events", those over (without the
    cancel and accept buttons: their certificates, forms and answers stay)."""
    now = timezone.now()
    registrations = list(selectors.registration_mine(request.user))
    places = selectors.waitlist_places(registrations)
    rows = [
        {
            "obj": r,
            "event": r.bookable.event,
            "title": selectors.event_title(r.bookable.event),
            "place": places.get(r.pk),
            "certificate": getattr(r, "certificate", None),
            "answers": _answers_shown(r),
            "files": list(r.files.all()),
            "forms": [
                f
                for f in ("followup", "feedback")
                if any(q.form == f for q in r.bookable.event.questions.all()) and services.form_open(r, f)
            ],
            **_when(r.bookable.event, now),
        }
        for r in registrations
    ]
    # events to come (and those without sessions yet), the soonest first; then those over, the latest first
    upcoming = sorted(
        (r for r in rows if not r["over"]), key=lambda r: (r["starts"] is None, r["starts"] or now)
    )
    past = sorted((r for r in rows if r["over"]), key=lambda r: r["starts"], reverse=True)
    row = CalendarFeed.objects.filter(user=request.user.pk).first()
    feed_url = request.build_absolute_uri(reverse("events:feed", args=[row.token])) if row else ""
    return render(
        request,
        "events/my_registrations.html",
        {"rows": rows, "upcoming": upcoming, "past": past, "feed_url": feed_url},
    )


def _when(event: Event, now: dt.datetime) -> dict[str, Any]:
    """The event's first start and whether it is over (every session ended: the rule of
    ``selectors.event_over``), read from its prefetched sessions rather than one query per row."""
    sessions = list(event.sessions.all())
    return {
        "starts": min((x.starts_at for x in sessions), default=None),
        "over": bool(sessions) and max(x.ends_at for x in sessions) < now,
    }


def _answers_shown(reg: Registration) -> list[dict[str, Any]]:
    """The participant's own answers to the event's forms, as they gave them: the question and the options
    chosen in the participant's language where the organisers gave them (the label with its tag)."""
    rows = []
    questions = list(reg.bookable.event.questions.all())
    read = readings(questions, request_language())
    for q in questions:
        value = answer_of(reg, q)
        if value in (None, "", [], False):
            continue
        rows.append({"label": read[q.pk].label, "value": answer_read(q, value, read[q.pk])})
    return rows


@login_required
@require_POST
def registration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant deletes their registration and answers (asked to confirm; others 404)."""
    reg = get_visible_or_404(selectors.registration_mine(request.user), pk=pk)
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect("events:my_registrations")
    done = services.registration_delete(actor=request.user, registration=reg)
    if done == "deleted":
        messages.success(request, _("Your registration and your answers are deleted."))
    else:
        messages.success(
            request,
            _(
                "Your answers are deleted; the record that you attended stays, so that your certificate "
                "can be verified."
            ),
        )
    return redirect("events:my_registrations")


def _nothing_to_cancel(request: HttpRequest, reg: Registration) -> HttpResponse:
    """A registration already given up (a second click, another tab) or declined: said so, nothing changes."""
    if reg.status == RegistrationStatus.REJECTED:
        messages.info(request, _("This application was declined: there is nothing to cancel."))
    else:
        messages.info(request, _("This registration is already cancelled: there is nothing to cancel."))
    return redirect("events:my_registrations")


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the participant is asked to confirm (the event, what cancelling does, the button and the way
    back; their own registrations only). POST: the cancellation (by the participant, or an organiser); the
    seat goes to the waiting list. A registration already cancelled is said to be so, nothing changes."""
    if request.method == "GET":
        reg = get_visible_or_404(selectors.registration_mine(request.user), pk=pk)
        if reg.status not in LIVE:
            return _nothing_to_cancel(request, reg)
        if selectors.event_over(reg.bookable_id):
            messages.error(request, _("The event is over: a registration to it can no longer be cancelled."))
            return redirect("events:my_registrations")
        if selectors.checked_in(reg.pk):  # asked before the page, which would promise what is refused
            messages.error(request, _("This ticket was checked in: its seat can no longer be given back."))
            return redirect("events:my_registrations")
        return confirm_page(
            request,
            heading=_("Cancel your registration?"),
            subject=selectors.event_title(reg.bookable.event),
            detail=_("Your registration: %(status)s.") % {"status": reg.get_status_display()},
            consequences=cancelling.consequences(reg),
            action=request.path,
            button=_("Cancel my registration"),
            back=reverse("events:my_registrations"),
            back_label=_("Keep my registration"),
        )
    reg = get_visible_or_404(selectors.registration_visible(request.user), pk=pk)
    if reg.status not in LIVE:
        return _nothing_to_cancel(request, reg)
    waiting = reg.status == RegistrationStatus.WAITLISTED
    try:
        services.registration_cancel(actor=request.user, registration=reg)
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(
            request, _("You left the waiting list.") if waiting else _("Your registration is cancelled.")
        )
    return redirect("events:my_registrations")


@login_required
@require_POST
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    reg = get_visible_or_404(selectors.registration_mine(request.user), pk=pk)
    try:
        services.registration_offer_accept(actor=request.user, registration=reg)
    except booking.BookingError as exc:
        flash_refusal(request, exc)
    return redirect("events:my_registrations")


def _ticket_context(reg: Registration) -> dict[str, Any]:
    event = reg.bookable.event
    tz = zoneinfo.ZoneInfo(event.time_zone)
    return {
        "reg": reg,
        "event": event,
        "title": selectors.event_title(event),
        "sessions": [
            {"obj": s, "start": s.starts_at.astimezone(tz), "end": s.ends_at.astimezone(tz)}
            for s in event.sessions.all()
        ],
        # an account holder by the name they gave for the reader's language (their profile), with its lang
        "holder": user_name(reg.user, request_language())
        if reg.user is not None
        else Text(reg.holder_label, reg.holder_lang if reg.holder() else request_language()),
        "place": ", ".join(part for part in (event.venue, event.address) if part) if event.venue else "",
        "time_zone": event.time_zone,
    }


@login_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's ticket: the QR code and the code to read out (for them and the organisers)."""
    reg = get_visible_or_404(
        selectors.registration_visible(request.user), pk=pk, bookable__event__isnull=False
    )
    context = _ticket_context(reg)
    if reg.status == "confirmed":
        context |= {"qr": tickets.qr_svg(reg.code), "code": tickets.pretty(reg.code)}
    return render(request, "events/ticket.html", context)


@login_required
def ticket_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    reg = get_visible_or_404(
        selectors.registration_visible(request.user), pk=pk, bookable__event__isnull=False, status="confirmed"
    )
    pdf = tickets.ticket_pdf(reg, _ticket_context(reg), request_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{reg.pk}.pdf"'
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: whether a certificate of attendance is valid (404 status for an unknown code)."""
    wanted = normalize_code(code)
    cert = Certificate.objects.filter(code=wanted).first() if wanted else None
    return render(request, "events/verify.html", {"cert": cert, "code": wanted}, status=200 if cert else 404)


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """The participant's certificate (and the organisers'), once the background job issued it."""
    reg = get_visible_or_404(selectors.registration_visible(request.user), pk=pk, certificate__isnull=False)
    cert = reg.certificate
    if not cert.pdf:
        raise Http404
    response = FileResponse(cert.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{cert.code}.pdf"'
    return response


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private calendar (no sign-in: the token is the permission; a renewed one answers 404)."""
    row = selectors.calendar_feed(token)
    if row is None:
        raise Http404
    language = row.user.language or request_language()
    events = [r.bookable.event for r in selectors.registration_mine(row.user) if r.status in HOLDING]
    response = HttpResponse(
        events_ics(
            [e for e in events if e.status != "draft"],
            language,
            lambda e: request.build_absolute_uri(reverse("events:event_detail", args=[e.pk])),
            _("My events · Korkyt"),
        ),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def feed_manage(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action == "enable":
        services.feed_enable(actor=request.user)
    elif action == "renew":
        services.feed_renew(actor=request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    elif action == "disable":
        services.feed_disable(actor=request.user)
        messages.success(request, _("Your calendar address no longer works."))
    return redirect("events:my_registrations")


FORM_TITLES = {"followup": gettext_lazy("Follow-up form"), "feedback": gettext_lazy("Feedback survey")}


@login_required
def answer_form(request: HttpRequest, pk: int, form: str) -> HttpResponse:
    """The participant's follow-up form or feedback survey (their own registration only; others 404)."""
    reg = get_visible_or_404(selectors.registration_mine(request.user), pk=pk)
    if form not in FORM_TITLES:
        raise Http404
    event = reg.bookable.event
    current = reg.followup_answers if form == "followup" else reg.feedback_answers
    initial = {f"q{k}": v for k, v in current.items()}
    answers = RegistrationForm(
        request.POST or None, request.FILES or None, event=event, form=form, initial=initial
    )
    if not answers.questions:
        raise Http404
    status = 200
    if request.method == "POST" and answers.is_valid():
        try:
            services.form_answer(
                actor=request.user,
                registration=reg,
                form=form,
                answers=answers.answers(),
                files=answers.files_given(),
            )
        except ValidationError as exc:
            add_service_errors(answers, exc)
            status = 422
        else:
            messages.success(request, _("Thank you, your answers are saved."))
            return redirect("events:my_registrations")
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "events/answer_form.html",
        {
            "reg": reg,
            "title": selectors.event_title(event),
            "heading": FORM_TITLES[form],
            "answers": answers,
            "open": services.form_open(reg, form),
            "files": list(reg.files.all()),
        },
        status=status,
    )
