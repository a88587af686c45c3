"""Pages: editions and the palmarès (public), a section's call, a filmmaker's entries, the reviewer's
queue and the programmer's overview (staff of the edition; others a 404)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from korkyt.catalogue.selectors import film_title, film_visible
from korkyt.core.http import get_visible_or_404
from korkyt.core.jsonld import json_ld_dumps
from korkyt.core.languages import request_language
from korkyt.core.timezones import wall_time
from korkyt.core.translations import Text, json_ld_text
from korkyt.festival import eligibility, selectors
from korkyt.festival.exports import reviews_response
from korkyt.festival.models import Edition, SectionKind, Submission, SubmissionStatus
from korkyt.festival.programme.services import published as programme_published
from korkyt.festival.services.editions import current_tier
from korkyt.institutions.selectors import (
    institution_seen,
    institution_texts,
    memorandum_title,
    memorandum_visible,
)


def edition_list(request: HttpRequest) -> HttpResponse:
    editions = [
        {"obj": e, "name": selectors.edition_name(e), "call_open": _call_open(e)}
        for e in selectors.edition_list()
    ]
    user = request.user
    reviews = user.is_authenticated and selectors.reviewer_queue(user=user).exists()
    return render(request, "festival/edition_list.html", {"editions": editions, "reviews": reviews})


def _call_open(edition: Edition) -> bool:
    """Whether the edition takes entries now (an edition without a call does not)."""
    call = getattr(edition, "call", None)  # the missing one is an AttributeError
    return bool(call and call.is_open)


def _edition(number: int) -> Edition:
    return get_visible_or_404(Edition.objects.all(), number=number)


def _json_ld(edition: Edition, request: HttpRequest, organisers: Sequence[Text] = ()) -> str:
    """schema.org Festival data; the venues' and the organisers' names each marked with its language."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Festival",
        "name": selectors.edition_name(edition),
        "startDate": edition.starts_on.isoformat(),
        "endDate": edition.ends_on.isoformat(),
        "location": {
            "@type": "Place",
            "name": json_ld_text(", ".join(edition.venues), edition.language)
            if edition.venues
            else edition.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": edition.city,
                "addressCountry": str(edition.country),
            },
        },
        "url": request.build_absolute_uri(),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": json_ld_text(name.text, name.lang)} for name in organisers
        ]
    return json_ld_dumps(data)


def edition_detail(request: HttpRequest, number: int) -> HttpResponse:
    edition = _edition(number)
    entries = list(
        Submission.objects.filter(section__edition=edition, status=SubmissionStatus.SELECTED)
        .select_related("section", "film")
        .prefetch_related("film__titles")
        .order_by("section__position", "pk")
    )
    # a selected film the reader may open in the catalogue is linked to its page
    shown = set(
        film_visible(request.user).filter(pk__in=[s.film_id for s in entries]).values_list("pk", flat=True)
    )
    selected = [
        {"obj": s, "title": selectors.submission_title(s), "linked": s.film_id in shown} for s in entries
    ]
    awards = [
        {
            "obj": a,
            "name": selectors.award_name(a),
            "winners": [
                {
                    "obj": w,
                    "title": film_title(w.film, request_language()),
                    "statement": selectors.statement_text(w),
                }
                for w in a.winners.all()
            ],
        }
        for a in selectors.awards_public(edition)
    ]
    language = request_language()
    jury = [
        {"obj": member, "name": selectors.juror_name(member, language)}
        for member in edition.jury.select_related("user", "section", "person")
        .prefetch_related("user__names", "person__names")
        .order_by("section__position", "-president", "pk")
    ]
    organiser_rows = [
        (i, institution_texts(i, language)[0])
        for i in edition.organisers.prefetch_related("translations").order_by("code")
        if institution_seen(request.user, i)  # a private organiser is named only to those who may see it
    ]
    organisers = [{"obj": i, "name": name} for i, name in organiser_rows]
    memorandum = (
        memorandum_visible(request.user).filter(pk=edition.memorandum_id).first()
        if edition.memorandum_id
        else None
    )
    return render(
        request,
        "festival/edition_detail.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "sections": selectors.section_list(edition),
            "selected": selected,
            "awards": awards,
            "published": selectors.results_published(edition),
            # "25 February 2027, 19:00 (Asia/Aqtau)": the zone inside the sentence, before its full stop
            "results_when": wall_time(edition.results_at, edition.time_zone) if edition.results_at else "",
            "jury": jury,
            "json_ld": _json_ld(edition, request, [name for _i, name in organiser_rows]),
            "organisers": organisers,
            "memorandum": memorandum,
            "memorandum_title": memorandum_title(memorandum, language) if memorandum else None,
            "is_staff": selectors.is_staff_of(request.user, edition),
            # a past edition whose programme Korkyt does not keep links to none
            "programme_link": not selectors.edition_over(edition) or programme_published(edition) is not None,
            "may_nominate": bool(selectors.nominating_agencies(request.user)),
            "on_jury": request.user.is_authenticated
            and selectors.jury_sections(request.user).filter(edition=edition).exists(),
        },
    )


def call_page(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    edition = _edition(number)
    if kind not in SectionKind.values:
        raise Http404
    section = get_visible_or_404(edition.sections.all(), kind=kind)
    call = getattr(edition, "call", None)
    with timezone.override(edition.tz):  # the deadlines as the festival's times (the page names the zone)
        return render(
            request,
            "festival/call.html",
            {
                "edition": edition,
                "name": selectors.edition_name(edition),
                "section": section,
                "call": call,
                "deadlines": call.deadlines.all() if call else [],
                "current": current_tier(call) if call else None,
            },
        )


def palmares(request: HttpRequest) -> HttpResponse:
    rows = [
        {"obj": w, "award": selectors.award_name(w.award), "title": film_title(w.film, request_language())}
        for w in selectors.palmares()
    ]
    return render(request, "festival/palmares.html", {"rows": rows})


#: Entries a page of a producer's entries shows.
ENTRIES_PER_PAGE = 50


@login_required
def my_submissions(request: HttpRequest) -> HttpResponse:
    subs = (
        selectors.submission_visible(request.user)
        .filter(submitted_by=request.user.pk)
        .select_related("section__edition")
        .prefetch_related("film__titles")
        .order_by("-pk")
    )
    page = Paginator(subs, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    links = eligibility.ReasonLinks(request.user)
    rows = [
        {
            "obj": s,
            "title": selectors.submission_title(s),
            "festival": selectors.edition_name(s.section.edition),  # a producer may enter several editions
            "reasons": links.reasons(s),
            # past the check, the reasons are what is still to do, not what keeps the entry out
            "admitted": s.status not in eligibility.KEPT_OUT,
        }
        for s in page
    ]
    return render(request, "festival/my_submissions.html", {"rows": rows, "page": page})


@login_required
def reviewer_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.reviewer_queue(user=request.user), 50).get_page(request.GET.get("page"))
    rows = [
        {"obj": a, "title": selectors.submission_title(a.submission), "review": getattr(a, "review", None)}
        for a in page
    ]
    return render(request, "festival/reviewer_queue.html", {"rows": rows, "page": page})


def _staff_edition(request: HttpRequest, number: int) -> Edition:
    edition = _edition(number)
    if not selectors.is_staff_of(request.user, edition):
        raise Http404
    return edition


def programme(request: HttpRequest, number: int) -> HttpResponse:
    edition = _staff_edition(request, number)
    filters: dict[str, Any] = {k: request.GET.get(k) or None for k in ("section", "status", "country")}
    ids = selectors.programme_overview(edition=edition, **filters).values_list("pk", flat=True)
    page = Paginator(ids, 100).get_page(request.GET.get("page"))
    rows = [{"obj": s, "title": selectors.submission_title(s)} for s in selectors.programme_rows(list(page))]
    return render(
        request,
        "festival/programme.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "rows": rows,
            "page": page,
            "filters": filters,
            "sections": SectionKind.choices,
            "statuses": SubmissionStatus.choices,
            "countries": selectors.submission_countries(edition),
        },
    )


def reviews_export(request: HttpRequest, number: int, fmt: str) -> HttpResponseBase:
    edition = _staff_edition(request, number)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return reviews_response(edition, fmt, request_language())
