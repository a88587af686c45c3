"""The edition's staff pages beyond the admin: create an edition (platform administrators), change its
facts and announcement time, its sections' rules and review criteria, appoint jurors and the selection
committee by the email of their account, and put a selected film in the public catalogue. Everyone else
gets a 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from korkyt.accounts.models import User
from korkyt.catalogue.selectors import person_name, person_named, person_visible
from korkyt.core import once
from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors, language_initial, texts_off_the_form
from korkyt.core.http import get_visible_or_404
from korkyt.core.languages import request_language
from korkyt.core.permissions import is_platform_admin
from korkyt.core.timezones import zone as time_zone
from korkyt.festival import selectors, services
from korkyt.festival.forms import (
    CallForm,
    CommitteeForm,
    CriterionFormSet,
    EditionForm,
    JurorForm,
    JurorPersonForm,
    SectionForm,
    WaiverFormSet,
)
from korkyt.festival.models import COMPETITIVE, Call, Edition, Section, SectionKind
from korkyt.festival.services import editing


def _edition(request: HttpRequest, number: int) -> Edition:
    edition = get_visible_or_404(Edition.objects.all(), number=number)
    if not selectors.is_staff_of(request.user, edition):
        raise Http404
    return edition


def _put_errors(form: Any, exc: ValidationError | PermissionDenied) -> None:
    """A service's errors on the form (core's helper); a refusal above the form."""
    if isinstance(exc, ValidationError):
        add_service_errors(form, exc)
    else:
        form.add_error(None, [str(exc)])


def _aware(value: Any) -> Any:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _wall(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A form's date and time (read as a wall time) in the time zone ``zone``."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    tz = time_zone(zone)
    return _aware(value) if tz is None else timezone.make_aware(naive, tz)


def _edition_facts(form: Any, edition: Edition | None = None) -> dict[str, Any]:
    """The edition form's facts as the services take them; the announcement time is read in the
    edition's time zone (the one chosen, else the edition's, else the host country's)."""
    from korkyt.festival.services.editions import zone_of

    data = form.cleaned_data
    zone = data.get("time_zone") or (edition.time_zone if edition else zone_of("", data["country"]))
    return {
        "city": data["city"],
        "country": data["country"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "venues": form.venue_list(),
        "time_zone": zone,
        "results_at": _wall(data["results_at"], zone),
        "notes": data["notes"],
        "language": data.get("language") or None,  # none chosen: kept (a new edition's: English)
        "source_url": data["source_url"] or "",
        **form.memorandum_facts(),
    }


def edition_new(request: HttpRequest) -> HttpResponse:
    """A new edition (platform administrators only)."""
    if not is_platform_admin(request.user):
        raise Http404
    form = EditionForm(request.POST or None, creating=True, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make() -> str:
            facts = _edition_facts(form)
            edition = services.edition_create(actor=request.user, number=data["number"], **facts)
            return reverse("festival:edition_edit", kwargs={"number": edition.number})

        try:
            location, made = once.run_once(request, data.get(once.FIELD), make)
        except (ValidationError, PermissionDenied) as exc:
            _put_errors(form, exc)
        else:
            if made:
                messages.success(request, _("The edition is created. Add its sections next."))
            else:
                messages.info(request, once.already_sent_message())
            return redirect(location)
    return render(request, "festival/edition_form.html", {"form": form, "edition": None})


def edition_edit(request: HttpRequest, number: int) -> HttpResponse:
    """The edition's facts, its announcement time and its sections."""
    edition = _edition(request, number)
    initial = {
        "city": edition.city,
        "country": edition.country.code,
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "venues": "\n".join(edition.venues),
        "results_at": timezone.make_naive(edition.results_at, edition.tz) if edition.results_at else None,
        "time_zone": edition.time_zone,
        "notes": edition.notes,
        "language": edition.language,
        "source_url": edition.source_url,
        "organisers": list(edition.organisers.all()),
        "memorandum": edition.memorandum,
        "area": edition.area,
    }
    form = EditionForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            editing.edition_update(
                actor=request.user,
                edition=edition,
                **_edition_facts(form, edition),
            )
        except (ValidationError, PermissionDenied) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The edition is saved."))
            return redirect("festival:edition_edit", number=number)
    sections = list(selectors.section_list(edition))
    taken = {s.kind for s in sections}
    with timezone.override(edition.tz):  # the announcement time as the festival's
        return _render_edition_form(request, form, edition, sections, taken)


def _render_edition_form(
    request: HttpRequest, form: EditionForm, edition: Edition, sections: list[Section], taken: set[str]
) -> HttpResponse:
    return render(
        request,
        "festival/edition_form.html",
        {
            "form": form,
            "edition": edition,
            "name": selectors.edition_name(edition),
            "sections": sections,
            "may_add_section": len(taken) < len(SectionKind.values),
            "published": selectors.results_published(edition),
        },
    )


def _section_initial(section: Section) -> dict[str, Any]:
    return {
        "year_from": section.year_from,
        "year_to": section.year_to,
        "runtime_min": section.runtime_min,
        "runtime_max": section.runtime_max,
        "countries": list(section.countries),
        "premiere": section.premiere,
        "jury_languages": list(section.jury_languages),
        "max_per_country": section.max_per_country,
        "direct_allowed": section.direct_allowed,
        "reviews_per_entry": section.reviews_per_entry,
        "entries_close_at": section.entries_close_at,  # shown in the active (the festival's) time zone
    }


def _criteria(formset: Any, section: Section | None = None) -> list[services.CriterionData]:
    """The review form's lines as posted; a stored line's labels in languages the form has no field for
    are kept."""
    kept = {c.code: c.label_texts() for c in selectors.section_criteria(section)} if section else {}
    return [
        services.CriterionData(
            code=f.cleaned_data["code"],
            labels={**texts_off_the_form(kept.get(f.cleaned_data["code"], {})), **f.labels()},
            weight=Decimal(f.cleaned_data["weight"]),
            max_score=f.cleaned_data["max_score"],
        )
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("code")
    ]


def section_new(request: HttpRequest, number: int) -> HttpResponse:
    edition = _edition(request, number)
    with timezone.override(edition.tz):  # the section's deadline is read and shown as the festival's
        return _section_new(request, edition)


def _section_new(request: HttpRequest, edition: Edition) -> HttpResponse:
    number = edition.number
    taken = set(edition.sections.values_list("kind", flat=True))
    kinds = [(k, str(label)) for k, label in SectionKind.choices if k not in taken]
    if not kinds:
        raise Http404
    form = SectionForm(
        request.POST or None, kinds=kinds, initial={"direct_allowed": True}, time_zone=edition.time_zone
    )
    formset = CriterionFormSet(request.POST or None, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            section = services.section_create(
                actor=request.user,
                edition=edition,
                kind=form.cleaned_data["kind"],
                criteria=_criteria(formset),
                **form.rules(),
            )
        except (ValidationError, PermissionDenied) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The section is added."))
            return redirect("festival:section_edit", number=number, kind=section.kind)
    return render(
        request,
        "festival/section_form.html",
        {
            "form": form,
            "formset": formset,
            "edition": edition,
            "name": selectors.edition_name(edition),
            "section": None,
        },
    )


def section_edit(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    """A section's rules and its review form."""
    edition = _edition(request, number)
    section = get_visible_or_404(edition.sections.all(), kind=kind)
    with timezone.override(edition.tz):  # the section's deadline is read and shown as the festival's
        return _section_edit(request, edition, section)


def _section_edit(request: HttpRequest, edition: Edition, section: Section) -> HttpResponse:
    number, kind = edition.number, section.kind
    criteria = [
        {
            "code": c.code,
            "weight": c.weight,
            "max_score": c.max_score,
            **language_initial(c.label_texts(), "label"),
        }
        for c in selectors.section_criteria(section)
    ]
    form = SectionForm(request.POST or None, initial=_section_initial(section), time_zone=edition.time_zone)
    # Posted rows are read as they are (not against the stored ones): a row left blank is no criterion.
    formset = (
        CriterionFormSet(request.POST, prefix="criteria")
        if request.method == "POST"
        else CriterionFormSet(prefix="criteria", initial=criteria)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():  # the rules and the review form are saved together or not at all
                editing.section_update(actor=request.user, section=section, **form.rules())
                editing.criteria_set(
                    actor=request.user, section=section, criteria=_criteria(formset, section)
                )
        except (ValidationError, PermissionDenied) as exc:
            section.refresh_from_db()
            _put_errors(form, exc)
        else:
            messages.success(
                request,
                _("The section is saved. Entries checked before keep their answer until checked again."),
            )
            return redirect("festival:section_edit", number=number, kind=kind)
    return render(
        request,
        "festival/section_form.html",
        {
            "form": form,
            "formset": formset,
            "edition": edition,
            "name": selectors.edition_name(edition),
            "section": section,
            "section_entries": section.submissions.count(),
        },
    )


@require_POST
def section_delete(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    """Delete a section that has no entries; else say why not."""
    edition = _edition(request, number)
    section = get_visible_or_404(edition.sections.all(), kind=kind)
    try:
        editing.section_delete(actor=request.user, section=section)
    except (ValidationError, PermissionDenied) as exc:
        flash_refusal(request, exc)
        return redirect("festival:section_edit", number=number, kind=kind)
    messages.success(request, _("The section is deleted."))
    return redirect("festival:edition_edit", number=number)


def _pk(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("pk") or 0)
    except ValueError:
        raise Http404 from None


def _person(request: HttpRequest, form: Any) -> Any:
    """The catalogue person the form names by name or number (None when left empty)."""
    text = (form.cleaned_data.get("person") or "").strip()
    if not text:
        return None
    try:
        return person_named(people=person_visible(request.user), text=text)
    except ValidationError as exc:
        raise ValidationError({"person": exc.messages}) from exc


def call_edit(request: HttpRequest, number: int) -> HttpResponse:
    """The call's opening time, deadline tiers with their fees, and waiver codes; the times are wall times
    of the edition's time zone."""
    edition = _edition(request, number)
    with timezone.override(edition.tz):  # the form's times are read and shown as the festival's
        return _call_edit(request, edition)


def _call_edit(request: HttpRequest, edition: Edition) -> HttpResponse:
    number = edition.number
    call = Call.objects.filter(edition=edition).first()
    initial: dict[str, Any] = {}
    waivers: list[dict[str, Any]] = []
    if call is not None:  # the form shows the moments in the active (the festival's) time zone
        initial["opens_at"] = call.opens_at
        for d in call.deadlines.all():
            initial[f"{d.tier}_closes"] = d.closes_at
            initial[f"{d.tier}_fee"] = d.fee_eur
        waivers = [
            {"code": w.code, "max_uses": w.max_uses, "late_entry": w.late_entry}
            for w in call.waivers.order_by("code")
        ]
    form = CallForm(request.POST or None, initial=initial, time_zone=edition.time_zone)
    formset = (
        WaiverFormSet(request.POST, prefix="waivers")
        if request.method == "POST"
        else WaiverFormSet(prefix="waivers", initial=waivers)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.call_set(
                actor=request.user,
                edition=edition,
                opens_at=form.cleaned_data["opens_at"],
                deadlines=[services.DeadlineData(t, c, fee) for t, c, fee in form.deadlines()],
                waivers=[
                    services.WaiverData(
                        code=f.cleaned_data["code"],
                        max_uses=f.cleaned_data["max_uses"],
                        late_entry=f.cleaned_data["late_entry"],
                    )
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("code")
                ],
            )
        except (ValidationError, PermissionDenied) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("festival:call_edit", number=number)
    used = {w.code: w.used for w in call.waivers.all()} if call else {}
    return render(
        request,
        "festival/call_form.html",
        {
            "form": form,
            "formset": formset,
            "edition": edition,
            "name": selectors.edition_name(edition),
            "call": call,
            "used": used,
        },
    )


def _user_by_email(form: Any) -> User | None:
    """The one account with the form's email (any case), or None with the reason on the form."""
    users = list(User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)[:2])
    if len(users) != 1:
        form.add_error(
            "email",
            _("No account has this email. Ask them to sign up first.")
            if not users
            else _("Several accounts share this email; ask the platform administrators."),
        )
        return None
    return users[0]


def people(request: HttpRequest, number: int) -> HttpResponse:
    """The edition's jurors and selection committee: add by email, take off."""
    edition = _edition(request, number)
    sections = list(selectors.section_list(edition))
    competition = [(s.kind, s.get_kind_display()) for s in sections if s.kind in COMPETITIVE]
    all_sections = [(s.kind, s.get_kind_display()) for s in sections]
    action = request.POST.get("action") if request.method == "POST" else None
    juror_form = JurorForm(request.POST if action == "juror" else None, sections=competition)
    committee_form = CommitteeForm(request.POST if action == "committee" else None, sections=all_sections)
    if action == "juror" and juror_form.is_valid():
        user = _user_by_email(juror_form)
        if user is not None:
            try:
                juror = services.juror_add(
                    actor=request.user,
                    section=edition.sections.get(kind=juror_form.cleaned_data["section"]),
                    user=user,
                    person=_person(request, juror_form),
                    president=juror_form.cleaned_data["president"],
                )
            except (ValidationError, PermissionDenied) as exc:
                _put_errors(juror_form, exc)
            else:
                n = juror.conflicts.count()
                messages.success(
                    request,
                    _("%(name)s is on the jury.") % {"name": user}
                    + (" " + _("Conflicts of interest found: %(n)s.") % {"n": n} if n else ""),
                )
                return redirect("festival:people", number=number)
    elif action == "committee" and committee_form.is_valid():
        user = _user_by_email(committee_form)
        if user is not None:
            try:
                services.committee_add(
                    actor=request.user,
                    edition=edition,
                    user=user,
                    sections=committee_form.cleaned_data["sections"],
                    countries=committee_form.cleaned_data["countries"],
                    capacity=committee_form.cleaned_data["capacity"],
                )
            except (ValidationError, PermissionDenied) as exc:
                _put_errors(committee_form, exc)
            else:
                messages.success(request, _("%(name)s is on the selection committee.") % {"name": user})
                return redirect("festival:people", number=number)
    elif action == "juror_person":
        juror = get_visible_or_404(edition.jury.select_related("user", "section"), pk=_pk(request))
        person_form = JurorPersonForm(request.POST)
        if person_form.is_valid():
            try:
                person = _person(request, person_form)
                editing.juror_person_set(actor=request.user, juror=juror, person=person)
            except (ValidationError, PermissionDenied) as exc:
                flash_refusal(request, exc)
            else:
                n = juror.conflicts.count()
                messages.success(
                    request,
                    _("The juror's catalogue person is saved.")
                    + (" " + _("Conflicts of interest found: %(n)s.") % {"n": n} if n else ""),
                )
        else:
            for message in person_form.errors.get("person", []):
                messages.error(request, str(message))
        return redirect("festival:people", number=number)
    elif action == "reviewer_person":
        member = get_visible_or_404(edition.committee.select_related("user"), pk=_pk(request))
        person_form = JurorPersonForm(request.POST)
        if person_form.is_valid():
            try:
                dropped = editing.committee_person_set(
                    actor=request.user, member=member, person=_person(request, person_form)
                )
            except (ValidationError, PermissionDenied) as exc:
                flash_refusal(request, exc)
            else:
                messages.success(
                    request,
                    _("The reviewer's catalogue person is saved.")
                    + (
                        " " + _("Assignments taken off for a conflict: %(n)s.") % {"n": dropped}
                        if dropped
                        else ""
                    ),
                )
        else:
            for message in person_form.errors.get("person", []):
                messages.error(request, str(message))
        return redirect("festival:people", number=number)
    elif action in ("remove_juror", "remove_reviewer"):
        pk = _pk(request)
        try:
            if action == "remove_juror":
                juror = get_visible_or_404(edition.jury.select_related("user", "section", "edition"), pk=pk)
                editing.juror_remove(actor=request.user, juror=juror)
            else:
                member = get_visible_or_404(edition.committee.select_related("user"), pk=pk)
                editing.committee_remove(actor=request.user, member=member)
        except (ValidationError, PermissionDenied) as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("Taken off."))
        return redirect("festival:people", number=number)
    elif action is not None and action not in ("juror", "committee"):
        messages.error(request, _("Unknown action."))
    labels = dict(SectionKind.choices)
    language = request_language()
    return render(
        request,
        "festival/people.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "jury": [
                {"obj": j, "person": person_name(j.person, language) if j.person else None}
                for j in edition.jury.select_related("user", "section", "person")
                .prefetch_related("conflicts", "person__names", "user__names")
                .order_by("section__position", "-president", "pk")
            ],
            "committee": [
                {
                    "obj": m,
                    "sections": [labels.get(k, k) for k in m.sections],
                    "person": person_name(m.person, language) if m.person else None,
                }
                for m in edition.committee.select_related("user", "person")
                .prefetch_related("person__names", "user__names")
                .order_by("pk")
            ],
            "juror_form": juror_form,
            "committee_form": committee_form,
            "competition": competition,
        },
    )


@require_POST
def film_to_catalogue(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff put a selected entry's film in the public catalogue (again: nothing changes)."""
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    if not selectors.is_staff_of(request.user, sub.section.edition):
        raise Http404
    try:
        _film, outcome = editing.submission_film_to_catalogue(actor=request.user, submission=sub)
    except (ValidationError, PermissionDenied) as exc:
        flash_refusal(request, exc)
    else:
        text = {
            "published": _("The film is published in the catalogue."),
            "linked": _("The catalogue has this film already: the entry now points to it."),
            "already": _("The film is in the catalogue already."),
        }[outcome]
        messages.success(request, text)
    return redirect("festival:submission", pk=pk)
