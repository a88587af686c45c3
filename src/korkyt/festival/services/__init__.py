"""Every write of the festival, split by noun: editions (editions, sections, calls), submissions (entries,
nominations, eligibility, decisions), selection (reviewer assignments, reviews) and jury (jurors,
conflicts, viewing, scores, awards)."""

from korkyt.festival.services.editions import (
    CriterionData,
    DeadlineData,
    call_close,
    call_open,
    current_tier,
    edition_create,
    section_create,
)
from korkyt.festival.services.jury import (
    award_create,
    award_decide,
    conflict_declare,
    conflicts_detect,
    juror_add,
    jury_mark_seen,
    jury_score,
)
from korkyt.festival.services.selection import (
    assignment_create,
    assignment_remove,
    committee_add,
    review_save,
    reviewers_assign,
)
from korkyt.festival.services.submissions import (
    eligibility_check,
    nomination_create,
    nomination_sign_off,
    submission_create,
    submission_decide,
    submission_submit,
    submission_update,
)

__all__ = [
    "CriterionData",
    "DeadlineData",
    "assignment_create",
    "assignment_remove",
    "award_create",
    "award_decide",
    "call_close",
    "call_open",
    "committee_add",
    "conflict_declare",
    "conflicts_detect",
    "current_tier",
    "edition_create",
    "eligibility_check",
    "juror_add",
    "jury_mark_seen",
    "jury_score",
    "nomination_create",
    "nomination_sign_off",
    "review_save",
    "reviewers_assign",
    "section_create",
    "submission_create",
    "submission_decide",
    "submission_submit",
    "submission_update",
]
