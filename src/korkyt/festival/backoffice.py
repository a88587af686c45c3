"""Back-office pages: an agency's nominations and their sign-off, a producer's direct submission with its
eligibility answer, one submission (screener, review form, reviews, decisions); the jury's pages are in
jury_views. What a user may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from korkyt.catalogue.selectors import film_by_title, film_title, film_visible
from korkyt.core import once
from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, local_next
from korkyt.core.labels import in_sentence, language_label
from korkyt.core.languages import request_language
from korkyt.core.workflow import transitions_available, workflow_of
from korkyt.festival import eligibility, selectors, services
from korkyt.festival.forms import (
    AwardDecisionForm,
    DraftSendForm,
    EntryForm,
    MaterialsForm,
    NoteForm,
    ReviewForm,
    ScreenerForm,
)
from korkyt.festival.models import (
    Edition,
    Route,
    Submission,
    SubmissionStatus,
)
from korkyt.festival.services.submissions import EDITABLE, draft_refusal


def _edition(number: int) -> Edition:
    return get_visible_or_404(Edition.objects.all(), number=number)


def _entry_form(request: HttpRequest, edition: Edition, direct: bool) -> EntryForm:
    sections = [
        (s.kind, s.get_kind_display())
        for s in selectors.section_list(edition)
        if s.direct_allowed or not direct
    ]
    return EntryForm(request.POST or None, request.FILES or None, sections=sections, waiver=direct)


def _entry_film(request: HttpRequest, form: EntryForm, edition: Edition, agency: Any) -> Any:
    """The catalogue film the entry names, or the new one catalogued with it (catalogue services)."""
    new = form.new_film()
    if new is None:
        try:
            return film_by_title(films=film_visible(request.user), text=form.cleaned_data["film"])
        except ValidationError as exc:
            raise ValidationError({"film": exc.messages}) from exc
    film, _created = services.entry_film_create(actor=request.user, edition=edition, agency=agency, **new)
    return film


def _entry_facts(form: EntryForm, edition: Edition) -> dict[str, Any]:
    """What a nomination and a direct submission both take from the entry form."""
    data = form.cleaned_data
    return {
        "section": edition.sections.get(kind=data["section"]),
        "premiere": data["premiere"],
        "runtime": data["runtime"],
        "screener_url": data["screener_url"] or "",
        "screener_password": data["screener_password"] or "",
    }


def _entry_files(request: HttpRequest, form: EntryForm, sub: Submission) -> None:
    if form.files_given():
        services.submission_update(actor=request.user, submission=sub, **form.files_given())


KEPT_OUT = eligibility.KEPT_OUT


#: Nominations a page of an agency's nominations shows.
ENTRIES_PER_PAGE = 50


@login_required
def nominations(request: HttpRequest, number: int) -> HttpResponse:
    """An agency's nominations for the edition: nominate (editors), sign off (the agency's head)."""
    edition = _edition(number)
    agencies = selectors.nominating_agencies(request.user)
    if not agencies:
        raise Http404
    agency = agencies[0]
    form = _entry_form(request, edition, direct=False)
    if request.method == "POST" and form.is_valid():

        def make() -> str:
            film = _entry_film(request, form, edition, agency)
            entry = _entry_facts(form, edition)
            sub = services.nomination_create(actor=request.user, film=film, agency=agency, **entry)
            _entry_files(request, form, sub)
            return reverse("festival:nominations", kwargs={"number": number})

        try:
            with transaction.atomic():
                location, made = once.run_once(request, form.cleaned_data.get(once.FIELD), make)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            flash_refusal(request, exc)
        else:
            if made:
                messages.success(request, _("Nominated. The agency's head signs the nomination off next."))
            else:
                messages.info(request, once.already_sent_message())
            return redirect(location)
    subs = (
        Submission.objects.filter(section__edition=edition, agency=agency)
        .select_related("section", "film", "submitted_by", "signed_off_by")
        .prefetch_related("film__titles", "signed_off_by__names")
        .order_by("section__position", "pk")
    )
    page = Paginator(subs, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    links = eligibility.ReasonLinks(request.user)
    rows = [
        {
            "obj": s,
            "title": selectors.submission_title(s),
            "reasons": links.reasons(s),
            "may_sign": request.user.has_perm("festival.sign_off_nomination", s)
            and s.nomination == "nominated",
        }
        for s in page
    ]
    return render(
        request,
        "festival/nominations.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "agency": agency,
            "form": form,
            "rows": rows,
            "page": page,
        },
    )


@login_required
@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    try:
        services.nomination_sign_off(actor=request.user, submission=sub)
    except (ValidationError, PermissionDenied) as exc:
        flash_refusal(request, exc)
    else:
        sub.refresh_from_db()
        messages.success(
            request, _("Signed off. The entry is %(status)s.") % {"status": sub.get_status_display()}
        )
    return redirect("festival:nominations", number=sub.section.edition.number)


@login_required
def submit(request: HttpRequest, number: int) -> HttpResponse:
    """A producer's direct submission; the eligibility answer is shown on their submissions page."""
    edition = _edition(number)
    form = _entry_form(request, edition, direct=True)
    draft = "draft" in request.POST  # saved to be sent later from the entry's page
    if request.method == "POST" and form.is_valid():
        sent: list[Submission] = []

        def make() -> str:
            facts = _entry_facts(form, edition)
            refusal = draft_refusal(facts["section"]) if draft else ""
            if refusal:  # a draft is kept to be sent in time: not after the call's last deadline
                raise ValidationError({"section": [refusal]})
            film = _entry_film(request, form, edition, None)
            sub = services.submission_create(actor=request.user, film=film, **facts)
            _entry_files(request, form, sub)
            if not draft:
                # Refused (the call closed, past its last deadline, a wrong waiver code): nothing is kept.
                services.submission_submit(
                    actor=request.user,
                    submission=sub,
                    waiver_code=form.cleaned_data.get("waiver_code") or "",
                )
            sent.append(sub)
            return reverse("festival:submission", kwargs={"pk": sub.pk})

        try:
            with transaction.atomic():
                location, made = once.run_once(request, form.cleaned_data.get(once.FIELD), make)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            flash_refusal(request, exc)
        else:
            if made and draft:
                messages.success(
                    request, _("Saved as a draft. Send it from this page before the call's deadline.")
                )
                if form.cleaned_data.get("waiver_code"):
                    messages.info(
                        request, _("A draft keeps no waiver code: give it again as you send the entry.")
                    )
            elif made and sent:
                kept_out, said = _sent_message(sent[0])
                (messages.warning if kept_out else messages.success)(request, said)
            elif not made:
                messages.info(request, once.already_sent_message())
            return redirect(location)
    return render(
        request,
        "festival/submit.html",
        {"edition": edition, "name": selectors.edition_name(edition), "form": form},
    )


def _sent_message(sub: Submission) -> tuple[bool, str]:
    """What the producer is told on arriving at the entry just sent: that it is in, and what comes next;
    and whether the entry is kept out as it is (a warning, not a success)."""
    sub.refresh_from_db(fields=["status"])
    section = sub.section.get_kind_display()
    if sub.status in KEPT_OUT:
        return True, _(
            "The film is entered in %(section)s, but it cannot take part as it is: what keeps it out is "
            "listed below."
        ) % {"section": section}
    return False, _(
        "The film is entered in %(section)s and meets its rules. The programmers consider it next; their "
        "decision comes by mail."
    ) % {"section": section}


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    assignment = (
        selectors.assignments_in_force(request.user).filter(submission=sub).select_related("review").first()
    )
    review = getattr(assignment, "review", None) if assignment else None
    criteria = list(selectors.section_criteria(sub.section))
    form = None
    if assignment is not None and (review is None or review.submitted_at is None):
        initial: dict[str, Any] = {}
        if review is not None:
            initial = {"comment": review.comment, "note": review.note, "flag": review.flag}
            initial.update({f"score_{k}": v for k, v in review.scores.items()})
        form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.review_save(
                    actor=request.user,
                    assignment=assignment,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    note=form.cleaned_data["note"],
                    flag=form.cleaned_data["flag"] or "",
                    submit="send" in request.POST,
                )
            except ValidationError as exc:
                add_service_errors(form, exc, {f"scores.{c.code}": f"score_{c.code}" for c in criteria})
            else:
                messages.success(request, _("Your review is saved."))
                return redirect("festival:submission", pk=pk)
    return _submission_page(request, sub, form=form, review=review)


def _submission_page(
    request: HttpRequest,
    sub: Submission,
    *,
    form: ReviewForm | None = None,
    review: Any = None,
    screener_form: ScreenerForm | None = None,
    decision_form: NoteForm | None = None,
    withdraw_form: NoteForm | None = None,
    send_form: DraftSendForm | None = None,
    materials_form: MaterialsForm | None = None,
) -> HttpResponse:
    """The entry's page; ``screener_form`` is the entrant's refused screener, ``decision_form`` and
    ``withdraw_form`` a refused note, shown with their errors."""
    available = transitions_available(actor=request.user, obj=sub)
    # withdrawing has its own form, confirmed; submitting again is the entrant's form
    transitions = [t for t in available if t.name not in ("submit", "resubmit", "withdraw")]
    return render(
        request,
        "festival/submission.html",
        {
            "sub": sub,
            "title": selectors.submission_title(sub),
            "reasons": eligibility.ReasonLinks(request.user).reasons(sub),
            # past the check (admitted by the programmers, or further on) the reasons are what is still to do
            "admitted": sub.status not in KEPT_OUT,
            "screener": selectors.may_read_screener(request.user, sub),
            "form": form,
            "review": review,
            "reviews": selectors.reviews_visible_to(user=request.user, submission=sub),
            "transitions": transitions,
            "decision_form": decision_form or NoteForm(),
            "may_withdraw": any(t.name == "withdraw" for t in available),
            "withdraw_form": withdraw_form or NoteForm(withdraw=True),
            # the entrant's own draft is sent from its page (with a waiver code if they have one)
            # (a nomination is sent by the agency head's sign-off, not from here)
            "send_form": send_form
            or (
                DraftSendForm()
                if sub.route == Route.DIRECT and any(t.name == "submit" for t in available)
                else None
            ),
            "screener_form": screener_form
            or (
                ScreenerForm(
                    initial={"screener_url": sub.screener_url, "screener_password": sub.screener_password}
                )
                if _may_change(request.user, sub)
                else None
            ),
            "is_staff": selectors.is_staff_of(request.user, sub.section.edition),
            # the stills and press kit: read with the screener, replaced by the entrant while it may change
            "materials_form": materials_form or (MaterialsForm() if _may_change(request.user, sub) else None),
        },
    )


def _may_change(user: Any, sub: Submission) -> bool:
    """The entrant may still change the entry (a draft, incomplete or ineligible)."""
    return sub.status in EDITABLE and user.has_perm("festival.change_submission", sub)


@login_required
@require_POST
def screener(request: HttpRequest, pk: int) -> HttpResponse:
    """The entrant sets or changes the screener link and password; an incomplete or ineligible entry is
    then sent again, so the eligibility check reads the screener."""
    return entrant_change(
        request,
        pk,
        ScreenerForm,
        "screener_form",
        lambda data: {
            "screener_url": data["screener_url"] or "",
            "screener_password": data["screener_password"] or "",
        },
        _("The screener is saved."),
    )


def entrant_change(
    request: HttpRequest,
    pk: int,
    form_class: type[Any],
    form_name: str,
    changes: Any,
    saved: str,
) -> HttpResponse:
    """The entrant changes their entry from its page while it may change (else 404): ``form_class`` read
    from the request, ``changes`` (of its cleaned data) given to ``submission_update``; a refusal is shown
    under the form's fields as typed (the page's ``form_name``), then :func:`saved_and_checked_again`."""
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    if not _may_change(request.user, sub):
        raise Http404
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():  # shown again under its fields, as typed
        return _submission_page(request, sub, **{form_name: form})
    try:
        services.submission_update(actor=request.user, submission=sub, **changes(form.cleaned_data))
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _submission_page(request, sub, **{form_name: form})
    except PermissionDenied as exc:
        flash_refusal(request, exc)
        return redirect("festival:submission", pk=pk)
    return saved_and_checked_again(request, sub, saved)


def saved_and_checked_again(request: HttpRequest, sub: Submission, saved: str) -> HttpResponse:
    """After the entrant changed their entry (``saved`` says what): one that was sent (incomplete or
    ineligible) is sent again, so the check reads the change (the call's deadlines apply); then its page."""
    messages.success(request, saved)
    if sub.status != SubmissionStatus.DRAFT:
        try:
            services.submission_submit(actor=request.user, submission=sub)
        except (ValidationError, PermissionDenied) as exc:
            flash_refusal(request, exc)
    return redirect("festival:submission", pk=sub.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on the entry with its note (or the entrant's withdrawal with its reason). A note the
    service refuses (too long; none to set an entry aside) comes back under its field, as typed, with
    nothing changed."""
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    name = request.POST.get("transition", "")
    if name == "submit":
        return _send_draft(request, sub)
    withdraw = name == "withdraw"
    if withdraw and not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm the withdrawal."))
        return redirect("festival:submission", pk=pk)
    form = NoteForm(request.POST, withdraw=withdraw)  # its length is the service's to check
    try:
        if form.is_valid():  # else a text no field takes (a null character)
            services.submission_decide(actor=request.user, submission=sub, name=name, **form.cleaned_data)
    except ValidationError as exc:
        if "note" not in getattr(exc, "error_dict", {}):
            flash_refusal(request, exc)
            return redirect("festival:submission", pk=pk)
        add_service_errors(form, exc)
    except PermissionDenied as exc:
        flash_refusal(request, exc)
        return redirect("festival:submission", pk=pk)
    if form.errors:  # under the field, as typed, when its form is on the page (nothing changed)
        if name in {t.name for t in transitions_available(actor=request.user, obj=sub)}:
            if withdraw:
                return _submission_page(request, sub, withdraw_form=form)
            return _submission_page(request, sub, decision_form=form)
        flash_refusal(request, ValidationError(list(form.errors["note"])))
    else:
        sub.refresh_from_db(fields=["status"])
        messages.success(
            request, _("The entry's status is now: %(status)s.") % {"status": sub.get_status_display()}
        )
    return redirect("festival:submission", pk=pk)


def _send_draft(request: HttpRequest, sub: Submission) -> HttpResponse:
    """The entrant sends their draft (the call's deadlines apply); a wrong waiver code comes back under
    its field as typed; a draft already sent (Back, then the button again) is not sent twice."""
    if not request.user.has_perm("festival.change_submission", sub):
        raise Http404
    if sub.status != SubmissionStatus.DRAFT:
        workflow = workflow_of(sub)
        transition = workflow.get("submit")
        messages.error(
            request,
            _("“%(transition)s” is not possible in the state “%(state)s”.")
            % {"transition": transition.label if transition else "", "state": sub.get_status_display()},
        )
        return redirect("festival:submission", pk=sub.pk)
    form = DraftSendForm(request.POST)
    if not form.is_valid():
        return _submission_page(request, sub, send_form=form)
    try:
        with transaction.atomic():
            services.submission_submit(
                actor=request.user, submission=sub, waiver_code=form.cleaned_data["waiver_code"] or ""
            )
    except ValidationError as exc:
        if "waiver_code" in getattr(exc, "error_dict", {}):
            add_service_errors(form, exc)
            return _submission_page(request, sub, send_form=form)
        flash_refusal(request, exc)
    except PermissionDenied as exc:
        flash_refusal(request, exc)
    else:
        kept_out, said = _sent_message(sub)
        (messages.warning if kept_out else messages.success)(request, said)
    return redirect("festival:submission", pk=sub.pk)


@require_POST
def assign(request: HttpRequest, number: int) -> HttpResponse:
    edition = _edition(number)
    if not selectors.is_staff_of(request.user, edition):
        raise Http404
    result = services.reviewers_assign(actor=request.user, edition=edition)
    added = sum(len(v) for v in result.added.values())
    messages.success(
        request,
        _("%(added)s reviews assigned; %(short)s entries short of reviewers.")
        % {"added": added, "short": len(result.unfilled)},
    )
    # back to the overview as it was filtered
    back = local_next(request, request.POST.get("next"))
    return redirect(back or reverse("festival:programme", kwargs={"number": number}))


def _staff_edition(request: HttpRequest, number: int) -> Edition:
    edition = _edition(number)
    if not selectors.is_staff_of(request.user, edition):
        raise Http404
    return edition


def manage(request: HttpRequest, number: int) -> HttpResponse:
    """Staff: the call (open, close), the eligibility re-check, and the awards with their winners."""
    edition = _staff_edition(request, number)
    selected: list[dict[str, Any]] = [
        {"obj": s, "title": selectors.submission_title(s)}
        for s in Submission.objects.filter(section__edition=edition, status=SubmissionStatus.SELECTED)
        .select_related("film", "section")
        .prefetch_related("film__titles")
    ]
    awards: list[dict[str, Any]] = [
        {
            "obj": a,
            "name": selectors.award_name(a),
            "winners": [
                {
                    "id": w.pk,
                    "title": film_title(w.film, request_language()),
                    "languages": [in_sentence(language_label(st.language)) for st in w.statements.all()],
                }
                for w in a.winners.all()
            ],
        }
        for a in edition.awards.prefetch_related(
            "translations", "winners__film__titles", "winners__statements"
        )
    ]
    action = request.POST.get("action") if request.method == "POST" else None
    decision = AwardDecisionForm(
        request.POST if action == "award" else None,
        awards=[(str(a["obj"].pk), a["name"]) for a in awards],
        entries=[(str(s["obj"].pk), s["title"]) for s in selected],
    )
    if action == "award":
        if decision.is_valid():
            award = next(a["obj"] for a in awards if str(a["obj"].pk) == decision.cleaned_data["award"])
            sub = next(s["obj"] for s in selected if str(s["obj"].pk) == decision.cleaned_data["submission"])
            try:
                services.award_decide(
                    actor=request.user,
                    award=award,
                    film=sub.film,
                    submission=sub,
                    statements=decision.statements(),
                )
            except ValidationError as exc:
                add_service_errors(decision, exc, {"film": "submission"})
            else:
                messages.success(request, _("The award is decided."))
                return redirect("festival:manage", number=number)
    elif request.method == "POST":
        try:
            if action == "close":
                services.call_close(actor=request.user, edition=edition)
            elif action == "reopen":
                current = edition.call
                services.call_open(
                    actor=request.user,
                    edition=edition,
                    opens_at=current.opens_at,
                    deadlines=[
                        services.DeadlineData(d.tier, d.closes_at, d.fee_eur) for d in current.deadlines.all()
                    ],
                )
            elif action == "withdraw_award":
                winner = selectors.edition_winner(edition, request.POST.get("winner", ""))
                if winner is not None:
                    services.award_withdraw(actor=request.user, winner=winner)
                    messages.success(request, _("The award is taken back."))
            elif action == "recheck":
                from korkyt.festival.services.submissions import eligibility_recheck_start

                eligibility_recheck_start(actor=request.user, edition=edition)
                messages.success(request, _("The entries are being checked again."))
        except (ValidationError, PermissionDenied) as exc:
            flash_refusal(request, exc)
        return redirect("festival:manage", number=number)
    call = getattr(edition, "call", None)
    with timezone.override(edition.tz):  # deadlines and the announcement as the festival's times
        return render(
            request,
            "festival/manage.html",
            {
                "edition": edition,
                "name": selectors.edition_name(edition),
                "call": call,
                "deadlines": call.deadlines.all() if call else [],
                "selected": selected,
                "awards": awards,
                "decision": decision,
                "published": selectors.results_published(edition),
                "final": selectors.results_final(edition),
            },
            status=400 if decision.is_bound else 200,  # a decision still on the page was refused
        )
