"""The selection committee: reviewers assigned to entries, and their reviews (criteria with weights,
written comment, private note, flag)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.festival.models import Assignment, Flag, Review, Submission, SubmissionStatus

S = SubmissionStatus
REVIEWABLE = (S.ELIGIBLE, S.IN_REVIEW, S.SHORTLISTED)


def assignment_create(*, actor: Actor, submission: Submission, reviewer: Any) -> Assignment:
    """Staff assign a reviewer to an entry (the reviewer gains the reviewer role on the edition)."""
    require_perm(actor, "festival.manage_edition", submission.section.edition)
    if submission.status not in REVIEWABLE:
        raise ValidationError({"submission": [_("Only eligible entries are reviewed.")]})
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(submission=submission, reviewer=reviewer)
        if created:
            audit_log(
                obj=submission,
                action="festival.submission.assign",
                actor=actor,
                data={"reviewer": reviewer.username},
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
            data={"reviewer": assignment.reviewer.username},
        )
        assignment.delete()


def weighted_total(criteria: list[Any], scores: Mapping[str, float]) -> float | None:
    """The weighted mean of the scores on a 0–10 scale (each criterion on its own scale first)."""
    weight = sum(float(c.weight) for c in criteria if c.code in scores)
    if not weight:
        return None
    total = sum(float(c.weight) * 10 * float(scores[c.code]) / c.max_score for c in criteria if c.code in scores)
    return round(total / weight, 3)


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
    user = saved_user(actor)
    if user is None or assignment.reviewer_id != user.pk:
        raise PermissionDenied(_("You may not do this."))
    submission = assignment.submission
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
    raise_errors(errors)
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
        if review.submitted_at is not None:
            raise ValidationError({"review": [_("Your review is submitted already.")]})
        review.scores = clean
        review.total = weighted_total(criteria, clean)
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
