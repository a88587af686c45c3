"""API of the festival: editions, sections, submissions, reviews, jury and awards, the public programme and
a screening's tickets. What the caller may not see is a 404. Contract: docs/festival.md."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.catalogue.models import Film
from korkyt.catalogue.selectors import film_visible
from korkyt.core.errors import ERRORS, ErrorOut, MappedPage, error_body
from korkyt.core.http import get_visible_or_404
from korkyt.core.languages import name_lang, request_language
from korkyt.core.pagination import MAX_ID, Pagination, check_id
from korkyt.core.translations import translated
from korkyt.events.models import Registration, RegistrationStatus
from korkyt.festival import eligibility, selectors, services
from korkyt.festival.models import (
    Award,
    Edition,
    JuryMember,
    Section,
    SectionKind,
    Submission,
    SubmissionStatus,
)
from korkyt.festival.programme.models import Screening
from korkyt.festival.schemas import (
    AwardDecisionIn,
    AwardOut,
    AwardWinnerOut,
    EditionOut,
    JurorOut,
    ReasonOut,
    ReviewIn,
    ReviewOut,
    ScreeningGuestOut,
    ScreeningOut,
    SectionOut,
    SubmissionIn,
    SubmissionOut,
    SubmissionPatch,
    TicketHolderOut,
    TicketOut,
    TicketSaleIn,
    TicketSoldOut,
    TransitionIn,
)

router = Router(tags=["festival"])


class FestivalPagination(Pagination):
    items_attribute = "results"

    class Output(Schema):
        count: int
        results: list[Any]


def _edition_out(e: Edition) -> EditionOut:
    return EditionOut(
        id=e.pk,
        number=e.number,
        name=selectors.edition_name(e),
        city=e.city,
        country=str(e.country),
        starts_on=e.starts_on,
        ends_on=e.ends_on,
        venues=list(e.venues),
        language=e.language,
        time_zone=e.time_zone,
        results_at=e.results_at,
        results_published=selectors.results_published(e),
        results_final=selectors.results_final(e),
        url=reverse("festival:edition", args=[e.number]),
    )


@router.get("/festival/editions", response={200: list[EditionOut], **ERRORS}, summary="Festival editions")
def edition_list(request: HttpRequest) -> list[EditionOut]:
    return [_edition_out(e) for e in selectors.edition_list()]


@router.get("/festival/editions/{number}", response={200: EditionOut, **ERRORS}, summary="One edition")
def edition_detail(request: HttpRequest, number: int) -> EditionOut:
    return _edition_out(get_visible_or_404(Edition.objects.all(), number=number))


def _section_out(s: Section) -> SectionOut:
    return SectionOut(
        id=s.pk,
        edition=s.edition.number,
        kind=s.kind,
        name=str(s.get_kind_display()),
        year_from=s.year_from,
        year_to=s.year_to,
        runtime_min=s.runtime_min,
        runtime_max=s.runtime_max,
        countries=list(s.countries),
        premiere=s.premiere,
        jury_languages=list(s.jury_languages),
        max_per_country=s.max_per_country,
        direct_allowed=s.direct_allowed,
        entries_close_at=s.entries_close_at,
    )


class EditionFilter(Schema):
    edition: int | None = None


@router.get(
    "/festival/sections", response={200: list[SectionOut], **ERRORS}, summary="Sections and their rules"
)
def section_list(request: HttpRequest, filters: Query[EditionFilter]) -> list[SectionOut]:
    qs = Section.objects.select_related("edition").order_by("-edition__number", "position")
    if filters.edition is not None:
        qs = qs.filter(edition__number=filters.edition)
    return [_section_out(s) for s in qs]


def _reason_out(reason: Any, sub: Submission, links: eligibility.ReasonLinks) -> ReasonOut:
    """One reason as the reader is told it on the entry's page, with where they fix it."""
    link = links.link(reason, sub)
    return ReasonOut(code=reason["code"], message=links.text(reason, link), link=link)


def _submission_out(
    sub: Submission, user: Any, screener: bool = False, links: eligibility.ReasonLinks | None = None
) -> SubmissionOut:
    """One entry; ``links``: the reader's links of a list's reasons (each permission decided once)."""
    title = selectors.submission_title(sub)
    links = links or eligibility.ReasonLinks(user)
    return SubmissionOut(
        id=sub.pk,
        edition=sub.section.edition.number,
        section=sub.section.kind,
        film=sub.film_id,
        title=title.text,
        title_lang=title.lang,
        country=str(sub.country),
        route=sub.route,
        agency=sub.agency.code if sub.agency else None,
        nomination=sub.nomination,
        status=sub.status,
        premiere=sub.premiere,
        screening_languages=list(sub.screening_languages),
        eligibility=[_reason_out(r, sub, links) for r in sub.eligibility],
        screener_url=sub.screener_url if screener else None,
        screener_password=sub.screener_password if screener else None,
    )


class SubmissionFilter(Schema):
    edition: int | None = None
    section: str | None = None
    status: str | None = None
    country: str | None = None


@router.get(
    "/festival/submissions", response={200: list[SubmissionOut], **ERRORS}, summary="Submissions you may see"
)
@paginate(FestivalPagination)
def submission_list(request: HttpRequest, filters: Query[SubmissionFilter]) -> MappedPage:
    user = actor(request)
    qs = selectors.submission_visible(user).prefetch_related("film__titles").order_by("pk")
    if filters.edition is not None:
        qs = qs.filter(section__edition__number=filters.edition)
    if filters.section and filters.section not in SectionKind.values:
        message = _("Unknown section; use one of: %(s)s.") % {"s": ", ".join(SectionKind.values)}
        raise ValidationError({"section": [message]})
    if filters.status and filters.status not in SubmissionStatus.values:
        message = _("Unknown status; use one of: %(s)s.") % {"s": ", ".join(SubmissionStatus.values)}
        raise ValidationError({"status": [message]})
    for field, value in (
        ("section__kind", filters.section),
        ("status", filters.status),
        ("country", (filters.country or "").upper()),  # kz or KZ, as the other lists read it
    ):
        if value:
            qs = qs.filter(**{field: value})
    links = eligibility.ReasonLinks(user)
    return MappedPage(qs, lambda s: _submission_out(s, user, links=links))


def _submission(request: HttpRequest, pk: int) -> Submission:
    return get_visible_or_404(selectors.submission_visible(actor(request)), pk=pk)


@router.get(
    "/festival/submissions/{submission_id}", response={200: SubmissionOut, **ERRORS}, summary="One submission"
)
def submission_detail(request: HttpRequest, submission_id: int) -> SubmissionOut:
    user = actor(request)
    sub = _submission(request, submission_id)
    return _submission_out(sub, user, screener=selectors.may_read_screener(user, sub))


@router.post(
    "/festival/submissions", response={201: SubmissionOut, **ERRORS}, summary="Submit a film directly"
)
def submission_create(request: HttpRequest, payload: SubmissionIn) -> Status[SubmissionOut]:
    user = actor(request)
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    section = get_visible_or_404(Section.objects.select_related("edition"), pk=payload.section)
    film: Film = get_visible_or_404(film_visible(user), pk=payload.film)
    with transaction.atomic():  # refused when sent (a closed call, a wrong waiver code): nothing is kept
        sub = services.submission_create(
            actor=user,
            section=section,
            film=film,
            premiere=payload.premiere,
            screener_url=payload.screener_url,
            screener_password=payload.screener_password,
        )
        if payload.submit:
            services.submission_submit(actor=user, submission=sub, waiver_code=payload.waiver_code)
            sub.refresh_from_db()
    return Status(201, _submission_out(sub, user, screener=True))


@router.patch(
    "/festival/submissions/{submission_id}",
    response={200: SubmissionOut, **ERRORS},
    summary="Change an entry (screener, premiere, running time)",
)
def submission_update(request: HttpRequest, submission_id: int, payload: SubmissionPatch) -> SubmissionOut:
    """The entrant's change while the entry may change (a draft, incomplete or ineligible; else 422 on
    `status`). An incomplete or ineligible entry is then sent again (`resubmit`), so that the eligibility
    check reads the change; when sending it again is refused (the call closed), nothing is kept and the
    answer names why: send the change with `resubmit: false` to keep the entry as it stands."""
    user = actor(request)
    sub = _submission(request, submission_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"resubmit"})
    with transaction.atomic():
        services.submission_update(actor=user, submission=sub, **changes)
        sub.refresh_from_db()
        if payload.resubmit and sub.status != SubmissionStatus.DRAFT:
            services.submission_submit(actor=user, submission=sub)
            sub.refresh_from_db()
    return _submission_out(sub, user, screener=True)


@router.post(
    "/festival/submissions/{submission_id}/transitions",
    response={200: SubmissionOut, **ERRORS},
    summary="Move a submission (submit, withdraw, decide)",
)
def submission_transition(request: HttpRequest, submission_id: int, payload: TransitionIn) -> SubmissionOut:
    user = actor(request)
    sub = _submission(request, submission_id)
    if payload.name in ("submit", "resubmit"):
        if not user.has_perm("festival.change_submission", sub):
            raise PermissionDenied
        services.submission_submit(actor=user, submission=sub)
    else:
        services.submission_decide(actor=user, submission=sub, name=payload.name, note=payload.note)
    sub.refresh_from_db()
    return _submission_out(sub, user, screener=selectors.may_read_screener(user, sub))


def _review_out(r: Any) -> ReviewOut:
    return ReviewOut(
        id=r.pk,
        submission=r.assignment.submission_id,
        reviewer=r.assignment.reviewer.username,
        scores=r.scores,
        total=r.total,
        comment=r.comment,
        flag=r.flag,
        submitted_at=r.submitted_at,
    )


class ReviewFilter(Schema):
    submission: int


@router.get("/festival/reviews", response={200: list[ReviewOut], **ERRORS}, summary="Reviews of a submission")
def review_list(request: HttpRequest, filters: Query[ReviewFilter]) -> list[ReviewOut]:
    """Staff see every submitted review; a reviewer sees them once their own is in; others a 404."""
    user = actor(request)
    sub = _submission(request, filters.submission)
    staff = selectors.is_staff_of(user, sub.section.edition)
    if not staff and not selectors.assignments_in_force(user).filter(submission=sub).exists():
        raise Http404
    return [_review_out(r) for r in selectors.reviews_visible_to(user=user, submission=sub)]


@router.put(
    "/festival/reviews/{submission_id}", response={200: ReviewOut, **ERRORS}, summary="Save my review"
)
def review_save(request: HttpRequest, submission_id: int, payload: ReviewIn) -> ReviewOut:
    user = actor(request)
    assignment = get_visible_or_404(
        selectors.assignments_in_force(user).select_related("submission__section", "reviewer"),
        submission=submission_id,
    )
    review = services.review_save(
        actor=user,
        assignment=assignment,
        scores={k: v for k, v in payload.scores.items()},
        comment=payload.comment,
        note=payload.note,
        flag=payload.flag,
        submit=payload.submit,
    )
    return _review_out(review)


@router.get("/festival/jury", response={200: list[JurorOut], **ERRORS}, summary="The juries of an edition")
def jury_list(request: HttpRequest, filters: Query[EditionFilter]) -> list[JurorOut]:
    qs = (
        JuryMember.objects.select_related("section", "edition", "user", "person")
        .prefetch_related("user__names", "person__names")
        .order_by("-edition__number", "section__position", "-president", "pk")
    )
    if filters.edition is not None:
        qs = qs.filter(edition__number=filters.edition)
    language = request_language()
    return [
        JurorOut(
            id=j.pk,
            edition=j.edition.number,
            section=j.section.kind,
            name=selectors.juror_name(j, language).text,
            president=j.president,
        )
        for j in qs
    ]


@router.get("/festival/awards", response={200: list[AwardOut], **ERRORS}, summary="Published awards")
def award_list(request: HttpRequest, filters: Query[EditionFilter]) -> list[AwardOut]:
    """Awards and winners of editions whose results are announced (others: none)."""
    lang = request_language()
    editions = selectors.edition_list()
    if filters.edition is not None:
        editions = editions.filter(number=filters.edition)
    out = []
    for award in selectors.awards_published(editions):
        name = selectors.award_name(award, lang)
        winners = []
        for w in award.winners.all():
            from korkyt.catalogue.selectors import film_title

            title = film_title(w.film, lang)
            statement = translated(w.statements.all(), lang, "en", field="text")
            winners.append(
                AwardWinnerOut(
                    film=w.film_id,
                    title=title.text,
                    title_lang=title.lang,
                    statement=statement.text if statement else None,
                    statement_lang=statement.lang if statement else None,
                )
            )
        out.append(
            AwardOut(
                id=award.pk,
                edition=award.edition.number,
                code=award.code,
                kind=award.kind,
                name=name.text,
                name_lang=name.lang,
                section=award.section.kind if award.section else None,
                winners=winners,
            )
        )
    return out


@router.post(
    "/festival/awards/{award_id}/winners",
    response={200: AwardWinnerOut, **ERRORS},
    summary="Decide an award with the jury's statements (edition staff)",
)
def award_winner_decide(request: HttpRequest, award_id: int, payload: AwardDecisionIn) -> AwardWinnerOut:
    """Give the award to a selected entry of its edition, with the jury's statement per language (deciding
    again adds or replaces languages). Only the edition's staff; for everyone else the award is a 404. The
    winner stays off ``GET /api/festival/awards`` until the edition's announcement time (without one, it is
    there at once). Once the announcement time has passed (`results_final`) a 422; a film given an award
    gets no special mention and the other way round (422)."""
    user = actor(request)
    award = _staff_award(user, award_id)
    sub = get_visible_or_404(
        Submission.objects.filter(section__edition=award.edition).select_related("film"),
        pk=payload.submission,
    )
    winner = services.award_decide(
        actor=user, award=award, film=sub.film, submission=sub, statements=payload.statements
    )
    lang = request_language()
    from korkyt.catalogue.selectors import film_title

    title = film_title(winner.film, lang)
    statement = selectors.statement_text(winner, lang)
    return AwardWinnerOut(
        film=winner.film_id,
        title=title.text,
        title_lang=title.lang,
        statement=statement.text if statement else None,
        statement_lang=statement.lang if statement else None,
    )


@router.delete(
    "/festival/awards/{award_id}/winners/{film_id}",
    response={204: None, **ERRORS},
    summary="Take an award back from a film (edition staff)",
)
def award_winner_withdraw(request: HttpRequest, award_id: int, film_id: int) -> Status[None]:
    """Take the award back from the film (its jury statements go with it), before the edition's
    announcement time (always, without one); afterwards a 422. Only the edition's staff; for everyone
    else the award is a 404, and a film that does not hold the award is a 404."""
    user = actor(request)
    award = _staff_award(user, award_id)
    winner = award.winners.filter(film_id=check_id(film_id)).select_related("award__edition").first()
    if winner is None:
        raise Http404
    services.award_withdraw(actor=user, winner=winner)
    return Status(204, None)


def _staff_award(user: Any, award_id: int) -> Award:
    """The award, when ``user`` is on its edition's staff; a 404 for everyone else."""
    award = Award.objects.select_related("edition", "section").filter(pk=check_id(award_id)).first()
    if award is None or not selectors.is_staff_of(user, award.edition):
        raise Http404
    return award


def _ticket_out(reg: Registration) -> TicketOut:
    return TicketOut(
        id=reg.pk,
        status=reg.status,
        seats=reg.seats,
        channel=reg.channel,
        payment=reg.payment,
        amount=reg.amount,
        currency=reg.currency,
        paid_at=reg.paid_at,
        checked_in=bool(getattr(reg, "checked_in", False)),
        holder=TicketHolderOut(name=reg.holder(), email=reg.contact_email),
    )


def _staff_screening(request: HttpRequest, number: int, screening_id: int) -> Screening:
    """The screening of the edition, for the edition's staff (and platform administrators); 404 for
    everyone else and for a screening of another edition."""
    edition = get_visible_or_404(Edition.objects.all(), number=number)
    if not selectors.is_staff_of(actor(request), edition):
        raise Http404
    return get_visible_or_404(
        Screening.objects.filter(edition=edition).select_related("edition"), pk=check_id(screening_id)
    )


class ProgrammeFilter(Schema):
    day: dt.date | None = None
    venue: int | None = None
    section: str | None = None


@router.get(
    "/festival/editions/{number}/screenings",
    response={200: list[ScreeningOut], **ERRORS},
    summary="The public programme",
)
@paginate(FestivalPagination)
def programme(request: HttpRequest, number: int, filters: Query[ProgrammeFilter]) -> MappedPage:
    """The public and gala screenings of the published programme, in time order (none before it is
    published), for everyone: `day` (YYYY-MM-DD, the festival's day, 05:00 to 05:00 the next morning, so a
    screening after midnight is the evening before's), `venue` (a venue id), `section`
    (feature, documentary …) filter. Titles and the version screened are in the request's language."""
    from korkyt.events import booking
    from korkyt.festival.models import SectionKind
    from korkyt.festival.programme import guests, tickets
    from korkyt.festival.programme.days import festival_day
    from korkyt.festival.programme.selectors import public_screenings_qs, version_screened

    edition = get_visible_or_404(Edition.objects.all(), number=number)
    if filters.section and filters.section not in SectionKind.values:
        message = _("Unknown section; use one of: %(s)s.") % {"s": ", ".join(SectionKind.values)}
        raise ValidationError({"section": [message]})
    if filters.venue is not None and not 1 <= filters.venue <= MAX_ID:
        raise ValidationError({"venue": [_("Give a venue's id.")]})
    present = guests.film_guests(edition)
    policy = tickets.policy_of(edition)
    now = timezone.now()

    def out(s: Screening) -> ScreeningOut:
        title = selectors.submission_title(s.submission)
        price = tickets.price_of(s, policy) or None
        open_ = s.bookable is not None and s.state != "cancelled" and s.starts_at > now
        return ScreeningOut(
            id=s.pk,
            film=s.submission.film_id,
            submission=s.submission_id,
            title=title.text,
            title_lang=title.lang,
            section=s.submission.section.kind,
            kind=s.kind,
            state=s.state,
            starts_at=s.starts_at.astimezone(edition.tz),
            ends_at=s.ends_at.astimezone(edition.tz),
            day=festival_day(edition, s.starts_at),
            time_zone=edition.time_zone,
            venue=s.room.venue.name,
            venue_address=s.room.venue.address,
            room=s.room.name,
            venue_language=s.room.venue.language,
            version=version_screened(s),
            qa=s.qa,
            guests=[
                ScreeningGuestOut(name=g.name, name_lang=name_lang(g.name), role=g.role)
                for g in (present.get(s.submission_id, []) if s.qa else [])
            ],
            tickets_available=bool(open_ and s.bookable and booking.has_seat_for(s.bookable, "")),
            price=price,
            currency=policy.currency if price else "",
            ics_url=reverse("festival:screening_ics", args=[s.pk]),
        )

    qs = public_screenings_qs(edition, day=filters.day, venue=filters.venue, section=filters.section)
    return MappedPage(qs, out)


class TicketFilter(Schema):
    status: str | None = None


@router.get(
    "/festival/editions/{number}/screenings/{screening_id}/tickets",
    response={200: list[TicketOut], **ERRORS},
    summary="Tickets of a screening (staff)",
)
@paginate(FestivalPagination)
def screening_tickets(
    request: HttpRequest, number: int, screening_id: int, filters: Query[TicketFilter]
) -> MappedPage:
    """The tickets (bookings, box-office sales, waiting-list places) of one screening of the edition, for
    its festival staff and platform administrators; 404 for everyone else and for a screening of another
    edition. `status` filters (e.g. `confirmed`; an unknown one is a 422 naming the statuses). Oldest
    first; a constant number of queries per page."""
    from korkyt.festival.programme.selectors import screening_tickets as tickets_of

    qs = tickets_of(_staff_screening(request, number, screening_id)).order_by("created_at", "pk")
    if filters.status and filters.status not in RegistrationStatus.values:  # named, as the other lists do
        message = _("Unknown status; use one of: %(s)s.") % {"s": ", ".join(RegistrationStatus.values)}
        raise ValidationError({"status": [message]})
    if filters.status:
        qs = qs.filter(status=filters.status)
    return MappedPage(qs, _ticket_out)


@router.post(
    "/festival/editions/{number}/screenings/{screening_id}/tickets",
    response={201: TicketSoldOut, 409: ErrorOut, **ERRORS},
    summary="Sell tickets at the box office (staff)",
)
def screening_ticket_sell(
    request: HttpRequest, number: int, screening_id: int, payload: TicketSaleIn
) -> Status[Any]:
    """The box office sells `seats` seats to someone who may have no account, through the one booking
    engine (never past the free seats; held seats stay held): 201 with the ticket and its `code`. 409
    `full` or `registration_closed` (sales closed, the screening cancelled or without tickets); 422 for
    bad seats, name or e-mail (nothing is saved). For the edition's festival staff; 404 for everyone else.
    An e-mail given gets the ticket with its QR code."""
    from korkyt.events import booking
    from korkyt.events.tickets import pretty
    from korkyt.festival.programme import tickets

    screening = _staff_screening(request, number, screening_id)
    try:
        reg = tickets.box_office_sale(
            actor=actor(request),
            screening=screening,
            seats=payload.seats,
            paid=payload.paid,
            name=payload.name,
            email=payload.email,
        )
    except booking.BookingError as exc:
        return Status(409, error_body(str(exc.messages[0]), exc.code or "conflict"))
    out = _ticket_out(reg)
    return Status(201, TicketSoldOut(**out.model_dump(), code=pretty(reg.code)))
