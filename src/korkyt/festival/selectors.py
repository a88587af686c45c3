"""Reads scoped to the viewer. Festival staff see their edition's submissions; an agency's editors their
agency's nominations; a producer their own entries; a reviewer the entries assigned to them; a juror the
selected films of their section they have no conflict with, while their juror role on the edition is in
force. Everything else is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import pgettext, pgettext_lazy

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, scoped_roles
from korkyt.accounts.selectors import user_name
from korkyt.catalogue.selectors import film_title, person_name
from korkyt.core.actors import Actor
from korkyt.core.http import id_from
from korkyt.core.languages import request_language
from korkyt.core.permissions import is_platform_admin
from korkyt.core.translations import Text, translated
from korkyt.events.models import ACTIVE, Registration
from korkyt.festival.models import (
    Assignment,
    Award,
    AwardWinner,
    Call,
    Conflict,
    Criterion,
    Edition,
    JuryMember,
    JuryVote,
    Nomination,
    Review,
    Section,
    Submission,
    SubmissionStatus,
)
from korkyt.festival.programme.models import ScreeningState
from korkyt.festival.rules import STAFF_ROLES, is_entrant
from korkyt.institutions.models import Institution

S = SubmissionStatus
SUBMISSION_RELATED = ("section__edition", "film", "agency", "submitted_by")


#: The festival's host cities, so the catalogue names them in each UI language ("Aktau" → "Ақтау", "Актау",
#: "Aktav"); a city not listed keeps its name as entered. Nothing reads the tuple: it is for makemessages.
HOST_CITIES = (
    pgettext_lazy("city", "Istanbul"),
    pgettext_lazy("city", "Bursa"),
    pgettext_lazy("city", "Baku"),
    pgettext_lazy("city", "Ashgabat"),
    pgettext_lazy("city", "Aktau"),
    pgettext_lazy("city", "Almaty"),
    pgettext_lazy("city", "Astana"),
    pgettext_lazy("city", "Bishkek"),
    pgettext_lazy("city", "Tashkent"),
    pgettext_lazy("city", "Turkistan"),
)


def city_name(city: str) -> str:
    """A host city in the active language when the catalogue knows it, else as entered."""
    return pgettext("city", city) if city else city


def edition_name(edition: Edition) -> str:
    """The edition as the festival names it, in the active language ("Қорқыт Ата 6 · Ақтау 2027")."""
    return pgettext("festival edition", "Korkyt Ata %(number)s · %(city)s %(year)s") % {
        "number": edition.number,
        "city": city_name(edition.city),
        "year": edition.starts_on.year,
    }


def staff_edition_ids(user: Actor) -> set[int]:
    """Editions where ``user`` holds a staff role (festival staff or edition manager)."""
    return _editions_holding(user, *STAFF_ROLES)


def is_staff_of(user: Actor, edition: Edition) -> bool:
    return is_platform_admin(user) or edition.pk in staff_edition_ids(user)


def nominating_agencies(user: Actor) -> list[Institution]:
    """The national agencies where ``user`` is an editor: those they may nominate films for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Institution.objects.filter(
            pk__in=institution_ids(user, Role.EDITOR), kind="national_agency"
        ).order_by("code")
    )


def edition_list() -> QuerySet[Edition]:
    return Edition.objects.select_related("call").prefetch_related("organisers").order_by("-number")


def section_list(edition: Edition) -> QuerySet[Section]:
    return edition.sections.prefetch_related("criteria").order_by("position", "pk")


def section_criteria(section: Section) -> QuerySet[Criterion]:
    """A section's review form, its lines in order with their labels (read in any language at no cost)."""
    return section.criteria.prefetch_related("labels")


def results_published(edition: Edition, now: Any = None) -> bool:
    """The awards are public: from the announcement time on; without one (a past edition, or staff left it
    empty), each award as soon as it is decided. What the public sees; whether the jury's work may still
    change is :func:`results_final`."""
    return edition.results_at is None or edition.results_at <= (now or timezone.now())


def results_final(edition: Edition, now: Any = None) -> bool:
    """The jury's work is final: an announcement time is set and has passed. Without one the scores,
    conflicts, the jury's people and the awards stay open (each award public as soon as it is decided)."""
    return edition.results_at is not None and edition.results_at <= (now or timezone.now())


def _editions_holding(user: Actor, *wanted: str) -> set[int]:
    """Editions where ``user`` holds one of the ``wanted`` roles in force now (from accounts' scoped roles:
    no query of its own once the user's roles are read for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    type_id = ContentType.objects.get_for_model(Edition).pk
    held = scoped_roles(user).items()
    return {oid for (tid, oid), roles in held if tid == type_id and not roles.isdisjoint(wanted)}


def juror_edition_ids(user: Actor) -> set[int]:
    """Editions where ``user`` holds the juror role in force now."""
    return _editions_holding(user, Role.JUROR)


def assignments_in_force(user: Actor) -> QuerySet[Assignment]:
    """The entries assigned to ``user`` that give them a reviewer's powers now: an ``Assignment`` of an
    edition on which they hold the reviewer role in force (neither revoked, nor ended, nor yet to start).
    Reading the entry and its screener, the review queue, writing the review and reading the others'
    reviews all go through this; an assignment without the role grants nothing."""
    editions = _editions_holding(user, Role.REVIEWER)
    if not editions:
        return Assignment.objects.none()
    return Assignment.objects.filter(reviewer=user.pk, submission__section__edition__in=editions)


def jurors_in_force(user: Actor) -> QuerySet[JuryMember]:
    """The seats on a jury that give ``user`` a juror's powers now: a ``JuryMember`` row of an edition on
    which they hold the juror role in force (neither revoked, nor ended, nor yet to start). Every jury
    check (the section's films and screeners, the jury page, viewing and scores, the deliberation, My work)
    reads this; a row without the role grants nothing."""
    editions = juror_edition_ids(user)
    if not editions:
        return JuryMember.objects.none()
    return JuryMember.objects.filter(user=user.pk, edition__in=editions)


def _juror_q(user: Actor) -> Q:
    conflicted = JuryMember.objects.filter(
        user=user.pk, section=OuterRef("section"), conflicts__submission=OuterRef("pk")
    )
    return Q(
        status=S.SELECTED,
        section__in=jurors_in_force(user).values("section"),
    ) & ~Q(Exists(conflicted))


def submission_visible(user: Actor) -> QuerySet[Submission]:
    """The submissions ``user`` may see (the one definition: pages, API and the view permission)."""
    base = Submission.objects.select_related(*SUBMISSION_RELATED)
    if is_platform_admin(user):
        return base
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return base.none()
    editor_of = institution_ids(user, Role.EDITOR)
    q: Q = (
        Q(section__edition__in=staff_edition_ids(user))
        | Q(route="direct", submitted_by=user.pk)
        | Q(agency__in=editor_of)
    )
    if _editions_holding(user, Role.REVIEWER):
        q |= Q(Exists(assignments_in_force(user).filter(submission=OuterRef("pk"))))
    if juror_edition_ids(user):
        q |= _juror_q(user)
    ids = Submission.objects.filter(q).values("pk")
    return base.filter(pk__in=ids)


def may_read_screener(user: Actor, submission: Submission) -> bool:
    """The screener's link and password: the entrant, the edition's staff, assigned reviewers and the
    section's jurors without a conflict."""
    if is_platform_admin(user) or is_entrant(user, submission):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if submission.section.edition_id in staff_edition_ids(user):
        return True
    if assignments_in_force(user).filter(submission=submission).exists():
        return True
    return (
        submission.status == S.SELECTED
        and jurors_in_force(user)
        .filter(section=submission.section_id)
        .exclude(conflicts__submission=submission)
        .exists()
    )


def submission_title(submission: Submission, language: str | None = None) -> Text:
    return film_title(submission.film, language or request_language())


def section_title(section: Section, language: str | None = None) -> Text:
    """A section as pages about its edition name it: its kind in ``language`` ("Bədii filmlər müsabiqəsi")."""
    with translation.override(language or request_language()):
        return Text(str(section.get_kind_display()), translation.get_language() or "en")


def call_title(call: Call, language: str | None = None) -> Text:
    """An edition's call for entries, named by its edition (the history says "call for entries: …")."""
    return call.edition.activity_title(language or request_language())


def submission_countries(edition: Edition) -> list[tuple[str, str]]:
    """The countries the edition's entries represent, named in the reader's language (a filter's choices)."""
    from korkyt.core.collation import sort_by_name
    from korkyt.core.countries import country_name

    # order_by(): the model's ordering would add its column to SELECT DISTINCT, one row per submission
    codes = (
        Submission.objects.filter(section__edition=edition)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return sort_by_name(((code, country_name(code)) for code in codes), name=lambda pair: pair[1])


def programme_overview(
    *, edition: Edition, section: str | None = None, status: str | None = None, country: str | None = None
) -> QuerySet[Submission]:
    """The programmer's table: the edition's submissions, filtered, in programme order. Page it first and
    read the page's rows with :func:`programme_rows` (the counts are computed for those rows only)."""
    qs = Submission.objects.filter(section__edition=edition).order_by("section__position", "pk")
    if section:
        qs = qs.filter(section__kind=section)
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(country=country)
    return qs


def programme_rows(ids: list[int]) -> list[Submission]:
    """One page of the overview with its review counts and mean: two queries whatever the page size."""
    from django.db.models import Avg

    done = Q(assignments__review__submitted_at__isnull=False)
    rows = (
        Submission.objects.filter(pk__in=ids)
        .select_related("section", "film", "agency")
        .prefetch_related("film__titles")
        .annotate(
            n_assigned=Count("assignments", distinct=True),
            n_reviewed=Count("assignments__review", filter=done),
            mean_total=Avg("assignments__review__total", filter=done),
        )
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def reviewer_queue(*, user: Actor, edition: Edition | None = None) -> QuerySet[Assignment]:
    """A reviewer's assignments, unreviewed first."""
    qs = (
        assignments_in_force(user)
        .exclude(submission__status=S.WITHDRAWN)
        .select_related("submission__section__edition", "submission__film", "review")
        .prefetch_related("submission__film__titles")
        .order_by("review__submitted_at", "pk")
    )
    if edition is not None:
        qs = qs.filter(submission__section__edition=edition)
    return qs


def reviews_visible_to(*, user: Actor, submission: Submission) -> QuerySet[Review]:
    """Others' reviews of a submission: for staff always; for a reviewer only once their own is in.
    Submitters (the entrant, ``rules.is_entrant``, or the one who sent it) never see reviews."""
    if is_entrant(user, submission) or (
        submission.submitted_by_id is not None and submission.submitted_by_id == getattr(user, "pk", None)
    ):
        return Review.objects.none()
    submitted = (
        Review.objects.filter(assignment__submission=submission, submitted_at__isnull=False)
        .select_related("assignment__reviewer")
        .prefetch_related("assignment__reviewer__names")  # pages name each reviewer by the name they give
    )
    if is_staff_of(user, submission.section.edition):
        return submitted
    own = Review.objects.filter(
        assignment__in=assignments_in_force(user).filter(submission=submission), submitted_at__isnull=False
    )
    if getattr(user, "is_authenticated", False) and own.exists():
        return submitted
    return Review.objects.none()


def jury_sections(user: Actor) -> QuerySet[JuryMember]:
    """The juries ``user`` sits on now (see :func:`jurors_in_force`)."""
    return jurors_in_force(user).select_related("section__edition", "edition")


def deliberation_open(section: Section) -> bool:
    """Scores are unsealed once each juror has scored each selected film they have no conflict with.

    Juror by juror: a conflict with an entry that was not selected owes nothing and excuses nothing, and
    one juror's extra scores never stand in for another's missing ones."""
    selected = section.submissions.filter(status=S.SELECTED)
    if not selected.exists():
        return False
    for juror in section.jury.all():
        owed = selected.exclude(pk__in=Conflict.objects.filter(juror=juror).values("submission"))
        scored = JuryVote.objects.filter(juror=juror, score__isnull=False).values("submission")
        if owed.exclude(pk__in=scored).exists():
            return False
    return True


def award_name(award: Award, language: str | None = None) -> Text:
    return translated(award.translations.all(), language or request_language(), "en", field="name") or Text(
        award.code, "en"
    )


def statement_text(winner: AwardWinner, language: str | None = None) -> Text | None:
    """The jury's statement for a winner in the reader's language, else the nearest language written
    (English before the rest), with its tag; None when the jury wrote none."""
    return translated(winner.statements.all(), language or request_language(), "en", field="text")


def _award_rows(rows: QuerySet[Award]) -> QuerySet[Award]:
    return rows.prefetch_related(
        "translations", "winners__film__titles", "winners__statements"
    ).select_related("section")


def awards_public(edition: Edition) -> QuerySet[Award]:
    """An edition's awards and winners, once its results are published (else nothing)."""
    if not results_published(edition):
        return Award.objects.none()
    return _award_rows(edition.awards.all()).order_by("position", "pk")


def awards_published(editions: QuerySet[Edition]) -> QuerySet[Award]:
    """The awards and winners of those of ``editions`` whose results are published (as
    :func:`awards_public` gives them, in one query for every edition), the newest edition first."""
    now = timezone.now()
    return (
        _award_rows(Award.objects.filter(edition__in=editions.values("pk")))
        .filter(Q(edition__results_at__isnull=True) | Q(edition__results_at__lte=now))
        .select_related("edition")
        .order_by("-edition__number", "position", "pk")
    )


def palmares() -> QuerySet[AwardWinner]:
    """Every published winner across editions, newest edition first."""
    now = timezone.now()
    return (
        AwardWinner.objects.filter(
            Q(award__edition__results_at__isnull=True) | Q(award__edition__results_at__lte=now)
        )
        .select_related("award__edition", "film")
        .prefetch_related("award__translations", "film__titles")
        .order_by("-award__edition__number", "award__position", "pk")
    )


def juror_name(member: Any, language: str) -> Text:
    """A juror as the public pages name them: the catalogue person they are linked to, in ``language``; else
    the name on their account. Never the account's user name when a name is known."""
    if member.person_id:
        return person_name(member.person, language)
    return user_name(member.user, language)


def work_of(user: Actor) -> dict[str, Any]:
    """What the festival asks of ``user``, for their "My work" page: the juries they sit on (newest edition
    first), the entries they are to review and have reviewed, how many films they submitted, and the
    editions they run as staff; for a national agency's editors, each edition whose call is open with the
    agency's nominations and how many wait for the sign-off; and how many screenings still to come they
    hold a ticket for or wait for (a cancelled one not counted)."""
    if not getattr(user, "is_authenticated", False):
        return {
            "jury": [],
            "to_review": 0,
            "reviews": 0,
            "submissions": 0,
            "editions": [],
            "nominations": [],
            "tickets": 0,
        }
    queue = reviewer_queue(user=user)
    staff_ids = staff_edition_ids(user)
    agencies = nominating_agencies(user)
    nominations = []
    if agencies:
        for edition in Edition.objects.filter(call__is_open=True).order_by("-number"):
            entries = Submission.objects.filter(section__edition=edition, agency__in=agencies)
            nominations.append(
                {
                    "edition": edition,
                    "nominated": entries.count(),
                    "waiting": entries.filter(nomination=Nomination.NOMINATED).count(),
                }
            )
    return {
        "nominations": nominations,
        "jury": list(jury_sections(user).order_by("-edition__number", "section__kind")),
        "to_review": queue.filter(review__submitted_at__isnull=True).count(),
        "reviews": queue.count(),
        "submissions": Submission.objects.filter(submitted_by=user.pk).count(),
        "editions": list(Edition.objects.filter(pk__in=staff_ids).order_by("-number")) if staff_ids else [],
        "tickets": Registration.objects.filter(
            user=user.pk, status__in=ACTIVE, bookable__screening__ends_at__gte=timezone.now()
        )
        .exclude(bookable__screening__state=ScreeningState.CANCELLED)
        .count(),
    }


def edition_over(edition: Edition) -> bool:
    """The edition's last day has passed where it is held."""
    return edition.ends_on < timezone.localdate(timezone=edition.tz)


def edition_winner(edition: Any, raw: object) -> AwardWinner | None:
    """The award winner of ``edition`` a form names by its id (text), or None: not a valid id, or not one of
    this edition's winners."""
    pk = id_from(raw)
    if pk is None:
        return None
    return AwardWinner.objects.filter(award__edition=edition, pk=pk).select_related("award__edition").first()
