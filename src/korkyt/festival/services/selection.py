"""The selection committee: reviewers assigned to entries, and their reviews (criteria with weights,
written comment, private note, flag)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import roles_on
from korkyt.catalogue.models import Credit
from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.festival.models import Assignment, CommitteeMember, Flag, Review, Submission, SubmissionStatus
from korkyt.festival.services.texts import REVIEW_TEXT_MAX, check_length
from korkyt.judging import assignment as judging
from korkyt.judging import scores as judging_scores
from korkyt.judging.assignment import AssignmentResult

S = SubmissionStatus
REVIEWABLE = (S.ELIGIBLE, S.IN_REVIEW, S.SHORTLISTED)


def assignment_create(*, actor: Actor, submission: Submission, reviewer: Any) -> Assignment:
    """Staff assign a reviewer to an entry (the reviewer gains the reviewer role on the edition). A
    reviewer with a conflict of interest (``reviewer_conflicts``: the entrant among them) is refused."""
    from korkyt.festival.rules import is_entrant

    edition = submission.section.edition
    require_perm(actor, "festival.manage_edition", edition)
    if submission.status not in REVIEWABLE:
        raise ValidationError({"submission": [_("Only eligible entries are reviewed.")]})
    if is_entrant(reviewer, submission) or submission.submitted_by_id == reviewer.pk:
        raise ValidationError({"reviewer": [_("The reviewer entered this film: they may not review it.")]})
    member = CommitteeMember.objects.filter(edition=edition, user=reviewer).select_related("user").first()
    if (reviewer.pk, submission.pk) in reviewer_conflicts(
        edition, [submission], [member or CommitteeMember(edition=edition, user=reviewer)]
    ):
        raise ValidationError(
            {
                "reviewer": [
                    _(
                        "The reviewer has a conflict of interest with this film: credited on it, working for "
                        "one of its companies or an editor of the agency that nominated it."
                    )
                ]
            }
        )
    from korkyt.accounts.services import role_grant

    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(submission=submission, reviewer=reviewer)
        if Role.REVIEWER not in roles_on(reviewer, edition):  # staff; checked above
            role_grant(
                actor=SYSTEM, user=reviewer, role=Role.REVIEWER, scope=edition, on_behalf_of=saved_user(actor)
            )
        if created:
            audit_log(
                obj=submission,
                action="festival.submission.assign",
                actor=actor,
                data={"reviewer_user_id": reviewer.pk},
            )
    return assignment


def assignment_remove(*, actor: Actor, assignment: Assignment) -> None:
    submission = assignment.submission
    require_perm(actor, "festival.manage_edition", submission.section.edition)
    with transaction.atomic():
        if Review.objects.filter(assignment=assignment, submitted_at__isnull=False).exists():
            raise ValidationError({"assignment": [_("A submitted review stays with its reviewer.")]})
        audit_log(
            obj=submission,
            action="festival.submission.unassign",
            actor=actor,
            data={"reviewer_user_id": assignment.reviewer_id},
        )
        assignment.delete()


def review_total(criteria: list[Any], scores: Mapping[str, float]) -> float | None:
    """The weighted mean of a complete review on a 0–10 scale (each criterion brought to 0–10 first);
    None while a criterion is unscored."""
    if not criteria or any(c.code not in scores for c in criteria):
        return None
    scaled = {c.code: 10 * float(scores[c.code]) / c.max_score for c in criteria}
    return round(judging_scores.weighted_total(scaled, {c.code: float(c.weight) for c in criteria}), 3)


def committee_add(
    *,
    actor: Actor,
    edition: Any,
    user: Any,
    sections: Sequence[str],
    countries: Sequence[str] = (),
    capacity: int | None = None,
    person: Any = None,
) -> CommitteeMember:
    """Put a reviewer on the edition's selection committee (the reviewer role on the edition)."""
    from korkyt.accounts.services import role_grant

    require_perm(actor, "festival.manage_edition", edition)
    known = set(edition.sections.values_list("kind", flat=True))
    unknown = sorted(set(sections) - known)
    if not sections or unknown:
        raise ValidationError({"sections": [_("Name sections of this edition.")]})
    with transaction.atomic():
        member, _created = CommitteeMember.objects.update_or_create(
            edition=edition,
            user=user,
            defaults={
                "sections": list(sections),
                "countries": list(countries),
                "capacity": capacity,
                "person": person,
            },
        )
        role_grant(  # staff; checked above
            actor=SYSTEM, user=user, role=Role.REVIEWER, scope=edition, on_behalf_of=saved_user(actor)
        )
        audit_log(
            obj=edition,
            action="festival.edition.committee_add",
            actor=actor,
            data={"reviewer_user_id": user.pk},
        )
    return member


def reviewer_conflicts(
    edition: Any, entries: Sequence[Submission], members: Sequence[CommitteeMember]
) -> set[tuple[int, int]]:
    """(user id, submission id) pairs a reviewer may not review: the one who entered the film, credited on
    it, working for one of its companies, or an editor of the agency that nominated it."""
    from korkyt.accounts.rules import institution_ids

    film_of = {e.pk: e.film_id for e in entries}
    credits = Credit.objects.filter(film__in=set(film_of.values())).values_list(
        "film_id", "person_id", "company_id"
    )
    people: dict[int, set[int]] = {}
    companies: dict[int, set[int]] = {}
    for film_id, person_id, company_id in credits:
        if person_id:
            people.setdefault(film_id, set()).add(person_id)
        if company_id:
            companies.setdefault(film_id, set()).add(company_id)
    out: set[tuple[int, int]] = set()
    for m in members:
        agencies = institution_ids(m.user, Role.EDITOR)
        company = getattr(m.user, "organisation_company_id", None)
        for e in entries:
            film = film_of[e.pk]
            if (
                e.submitted_by_id == m.user_id
                or (m.person_id and m.person_id in people.get(film, ()))
                or (company and company in companies.get(film, ()))
                or (e.agency_id and e.agency_id in agencies)
            ):
                out.add((m.user_id, e.pk))
    return out


def _merged(before: AssignmentResult, part: AssignmentResult) -> AssignmentResult:
    """Two batches' results as one: the entries of both; the loads of the later batch (it counted the
    earlier one's work)."""
    return AssignmentResult(
        by_entry={**before.by_entry, **part.by_entry},
        load=part.load,
        unfilled={**before.unfilled, **part.unfilled},
        shortfalls={**before.shortfalls, **part.shortfalls},
        added={**before.added, **part.added},
        released=sorted({*before.released, *part.released}),
    )


def reviewers_assign(*, actor: Actor, edition: Any, section: str | None = None) -> AssignmentResult:
    """Give every entry in review its section's reviews per entry, load balanced, conflicts avoided
    (korkyt.judging.assignment); keeps existing assignments. Sections asking the same number of reviews
    are solved together; every assignment of the edition (other sections, decided entries) counts towards
    a reviewer's load and capacity. Returns the solver's result over all entries (loads, entries left
    short and why)."""
    require_perm(actor, "festival.manage_edition", edition)
    subs = Submission.objects.filter(section__edition=edition, status__in=REVIEWABLE).select_related(
        "section"
    )
    if section:
        subs = subs.filter(section__kind=section)
    entries = list(subs)
    members = list(CommitteeMember.objects.filter(edition=edition).select_related("user"))
    # every assignment of the edition (all sections, decided entries too) counts towards the reviewer's
    # load and capacity; only those of withdrawn entries not reviewed are no work
    existing: dict[int, list[int]] = {}
    work = Assignment.objects.filter(submission__section__edition=edition).exclude(
        submission__status=S.WITHDRAWN, review__submitted_at__isnull=True
    )
    for sub_id, user_id in work.order_by("pk").values_list("submission_id", "reviewer_id"):
        existing.setdefault(sub_id, []).append(user_id)
    conflicts = reviewer_conflicts(edition, entries, members)
    reviewers = [
        judging.Reviewer(
            id=m.user_id,
            sections=frozenset(m.sections),
            countries=frozenset(m.countries) if m.countries else None,
            capacity=m.capacity,
        )
        for m in members
    ]
    result: AssignmentResult | None = None
    with transaction.atomic():
        for per_entry in sorted({e.section.reviews_per_entry for e in entries}):
            batch = [e for e in entries if e.section.reviews_per_entry == per_entry]
            part = judging.assign_reviewers(
                [judging.Entry(id=e.pk, section=e.section.kind, country=str(e.country)) for e in batch],
                reviewers,
                per_entry,
                conflicts,
                existing,  # the other batches' work too, so capacity holds across them
            )
            result = part if result is None else _merged(result, part)
            rows = [
                Assignment(submission_id=entry_id, reviewer_id=user_id)
                for entry_id, users in part.added.items()
                for user_id in users
            ]
            Assignment.objects.bulk_create(rows, ignore_conflicts=True)
            for reviewer_id, entry_id in part.released:
                Assignment.objects.filter(
                    submission=entry_id, reviewer=reviewer_id, review__isnull=True
                ).delete()
            for entry_id, users in part.added.items():
                existing.setdefault(entry_id, []).extend(users)
        audit_log(
            obj=edition,
            action="festival.edition.assign_reviewers",
            actor=actor,
            data={
                "entries": len(entries),
                "section": section or "",
                "unfilled": len(result.unfilled) if result else 0,
            },
        )
    return result or AssignmentResult(by_entry={}, load={m.user_id: 0 for m in members}, unfilled={})


def review_save(
    *,
    actor: Actor,
    assignment: Assignment,
    scores: Mapping[str, Any],
    comment: str = "",
    note: str = "",
    flag: str = "",
    submit: bool = False,
) -> Review:
    """Save the assigned reviewer's review; ``submit`` sends it (every criterion scored). A submitted
    review is final."""
    from korkyt.festival.selectors import assignments_in_force

    user = saved_user(actor)
    if user is None or not assignments_in_force(user).filter(pk=assignment.pk).exists():
        raise PermissionDenied(_("You may not do this."))  # not theirs, or their reviewer role has ended
    from korkyt.festival.rules import is_entrant

    submission = assignment.submission
    if is_entrant(user, submission) or submission.submitted_by_id == user.pk:  # assigned before it counted
        raise PermissionDenied(_("You entered this film: you may not review it."))
    errors: Errors = {}
    if submission.status not in REVIEWABLE:
        add_error(errors, "submission", _("This entry is no longer in review."))
    criteria = list(submission.section.criteria.all())
    known = {c.code: c for c in criteria}
    clean: dict[str, float] = {}
    for code, value in scores.items():
        criterion = known.get(code)
        if criterion is None:
            add_error(errors, f"scores.{code}", _("Unknown criterion."))
            continue
        if value in (None, ""):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            add_error(errors, f"scores.{code}", _("Give a number."))
            continue
        if not 0 <= number <= criterion.max_score:
            add_error(
                errors,
                f"scores.{code}",
                _("Give a score from 0 to %(max)s.") % {"max": criterion.max_score},
            )
        clean[code] = number
    if submit:
        for code in known:
            if code not in clean and f"scores.{code}" not in errors:
                add_error(errors, f"scores.{code}", _("Score every criterion before submitting."))
    if flag not in Flag.values:
        add_error(errors, "flag", _("Unknown flag."))
    check_length(errors, "comment", comment, REVIEW_TEXT_MAX)
    check_length(errors, "note", note, REVIEW_TEXT_MAX)
    raise_errors(errors)
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
        if review.submitted_at is not None:
            raise ValidationError({"review": [_("Your review is submitted already.")]})
        review.scores = clean
        review.total = review_total(criteria, clean)
        review.comment = comment
        review.note = note
        review.flag = flag
        if submit:
            review.submitted_at = timezone.now()
        review.save()
        if submit:
            audit_log(
                obj=submission,
                action="festival.submission.review",
                actor=actor,
                data={"total": review.total, "flag": flag},
            )
    return review
