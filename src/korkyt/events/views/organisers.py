"""The organisers' pages: the event editor and its transitions, the participant list with bulk decisions
and its export, check-in at the door with its counts, and issuing the certificates."""

from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from korkyt.core import once
from korkyt.core.feedback import flash_refusal
from korkyt.core.http import get_visible_or_404, id_from
from korkyt.core.labels import language_label
from korkyt.core.languages import request_language
from korkyt.core.spreadsheet import spreadsheet_response
from korkyt.core.timezones import DEFAULT_TIME_ZONE
from korkyt.core.workflow import transitions_available
from korkyt.events import desk, notifications, selectors, services
from korkyt.events.answers import answer_of, answer_read, own_columns, readings
from korkyt.events.forms import BoxOfficeForm, EventEditor, valid_time_zone
from korkyt.events.models import (
    Event,
    EventStatus,
)

PARTICIPANTS_PAGE_SIZE = 100


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    if request.method == "POST":
        ids = [pk for pk in map(id_from, request.POST.getlist("ids")) if pk is not None]
        try:
            decided = services.registrations_decide(
                actor=request.user, event=event, ids=ids, decision=request.POST.get("decision", "")
            )
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            if decided.done:
                messages.success(
                    request,
                    ngettext("%(n)s registration decided.", "%(n)s registrations decided.", len(decided.done))
                    % {"n": len(decided.done)},
                )
            for message in decided.messages():
                messages.error(request, message)
        return redirect(request.get_full_path())  # back to the page the decision was taken on
    page = Paginator(selectors.participants(event), PARTICIPANTS_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    if not rows and not request.user.has_perm("events.manage_registrations", event):
        raise Http404
    present = selectors.present_ids(event, among=[r.pk for r in rows])
    questions = own_columns(event.questions.all())  # a country the form asks is the Country column
    read = readings(questions, request_language())
    places = selectors.waitlist_places(rows)
    for r in rows:
        r.present = r.pk in present  # type: ignore[attr-defined]
        r.place = places.get(r.pk)  # type: ignore[attr-defined]
        r.answer_cells = [  # type: ignore[attr-defined]
            (read[q.pk].label, answer_read(q, answer_of(r, q), read[q.pk])) for q in questions
        ]
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "title": selectors.event_title(event),
            "rows": rows,
            "page": page,
            "questions": [read[q.pk].label for q in questions],
            "review": event.bookable.mode == "review",
            "certificates_job": selectors.certificates_job(event),
            "any_present": selectors.any_present(event),
        },
    )


def _managed(request: HttpRequest, pk: int) -> Event:
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    if not request.user.has_perm("events.change_event", event):
        raise Http404
    return event


@login_required
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (``pk`` None) or edit an event: its texts, sessions in the venue's time zone, capacity,
    quotas and form, saved together or not at all."""
    if pk is None:
        if not request.user.has_perm("events.add_event"):
            raise Http404
        event = None
    else:
        event = _managed(request, pk)
    data = request.POST if request.method == "POST" else None
    zone = valid_time_zone(data.get("time_zone") if data else None) or (
        event.time_zone if event else DEFAULT_TIME_ZONE
    )
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        editor = EventEditor(data, user=request.user, event=event)
        if data is not None and editor.is_valid():
            try:
                if event is None:
                    spec, made = editor.spec(), []

                    def make() -> str:
                        made.append(services.event_create(actor=request.user, **spec))
                        return reverse("events:event_edit", args=[made[0].pk])

                    location, fresh = once.run_once(request, editor.form.cleaned_data.get(once.FIELD), make)
                    if not fresh:  # sent before (Back, then Save): what the first sending made
                        messages.info(request, once.already_sent_message())
                        return redirect(location)
                    event = made[0]
                else:
                    services.event_update(
                        actor=request.user, event=event, version=editor.version(), **editor.spec()
                    )
            except ValidationError as exc:
                editor.add_service_errors(exc)
            else:
                messages.success(request, _("The event is saved."))
                for question, tags in editor.stale_options:
                    messages.warning(
                        request,
                        _(
                            "The options of “%(question)s” in %(languages)s were written for the options "
                            "before and are removed: give them again."
                        )
                        % {"question": question, "languages": ", ".join(language_label(t) for t in tags)},
                    )
                return redirect("events:event_edit", pk=event.pk)
        transitions = transitions_available(actor=request.user, obj=event) if event else []
        return render(
            request,
            "events/event_form.html",
            {
                "editor": editor,
                "event": event,
                "title": selectors.event_title(event) if event else None,
                "transitions": transitions,
            },
            status=422 if data is not None else 200,
        )


@login_required
@require_POST
def event_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed(request, pk)
    try:
        services.event_transition(actor=request.user, event=event, name=request.POST.get("name", ""))
    except (ValidationError, PermissionDenied, LookupError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Status: %(status)s.") % {"status": event.get_status_display()})
    return redirect("events:event_edit", pk=pk)


def _session_of(request: HttpRequest, event: Event) -> Any:
    raw = request.POST.get("session") or request.GET.get("session") or ""
    sessions = list(event.sessions.all())
    chosen = next((s for s in sessions if str(s.pk) == raw), None)
    return sessions, chosen or (sessions[0] if sessions else None)


@login_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' check-in desk: read or type a ticket code, or find a name; counts update live."""
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    sessions, session = _session_of(request, event)
    session_id = session.pk if session else None
    sale_form = BoxOfficeForm(prefix="sale")
    if request.method == "POST" and request.POST.get("action") == "sell":
        sale_form = BoxOfficeForm(request.POST, prefix="sale")
        sale = functools.partial(services.box_office_sale, actor=request.user, bookable_id=event.bookable_id)
        sold = desk.sell(request, sale_form, sale) if sale_form.is_valid() else None
        if sold is not None:
            if sold.holder_email:
                notifications.send_on_commit(sold)
            return redirect(reverse("events:checkin", args=[event.pk]) + f"?sold={sold.pk}")
    elif request.method == "POST":
        try:
            done = services.checkin(
                actor=request.user, event=event, code=request.POST.get("code", ""), session=session
            )
        except ValidationError as exc:
            flash_refusal(request, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            name = done.registration.holder_label
            if done.created:
                messages.success(request, _("Checked in: %(name)s.") % {"name": name})
            else:
                when = timezone.localtime(done.checkin.checked_in_at, zoneinfo.ZoneInfo(event.time_zone))
                messages.warning(
                    request,
                    _("%(name)s was already checked in at %(time)s.")
                    % {"name": name, "time": when.strftime("%H:%M")},
                )
        url = reverse("events:checkin", args=[event.pk])
        return redirect(f"{url}?session={session_id}" if session_id else url)
    query = request.GET.get("q", "").strip()[:100]
    tz = zoneinfo.ZoneInfo(event.time_zone)
    return render(
        request,
        "events/checkin.html",
        {
            "event": event,
            "sale_form": sale_form,
            "on_sale": event.status == EventStatus.PUBLISHED,
            "price": event.bookable.price,
            "just_sold": desk.just_sold(request, event.bookable_id),
            "title": selectors.event_title(event),
            "sessions": [{"obj": s, "start": s.starts_at.astimezone(tz)} for s in sessions],
            "session": session,
            "counts": selectors.checkin_counts(event, session_id),
            "recent": selectors.checkins_recent(event, session_id),
            "query": query,
            "found": selectors.checkin_candidates(event, session_id, query) if query else [],
        },
    )


@login_required
def checkin_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """The live count (polled by the check-in page)."""
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    _sessions, session = _session_of(request, event)
    counts = selectors.checkin_counts(event, session.pk if session else None)
    return render(
        request, "events/includes/checkin_counts.html", {"counts": counts, "event": event, "session": session}
    )


@login_required
@require_POST
def certificates_issue(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    try:
        services.certificates_issue(actor=request.user, event=event)
    except ValidationError as exc:
        flash_refusal(request, exc)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request, _("Certificates are being issued to those checked in; they receive them by mail.")
        )
    return redirect("events:participants", pk=pk)


@login_required
def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The participant list as CSV (streamed) or XLSX, for the event's organisers only (others: 404)."""
    event = get_visible_or_404(selectors.event_managed(request.user), pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    try:
        header, rows = services.participants_export(actor=request.user, event=event, fmt=fmt)
    except PermissionDenied:
        raise Http404 from None
    return spreadsheet_response(
        fmt, header, rows, filename=f"participants-{event.pk}.{fmt}", sheet=_("Participants")
    )
