"""The festival's records: an edition with its sections (and their rules), the call for entries with its
deadline tiers and waiver codes, submissions (nominated by a national agency or sent directly by a
producer), the selection committee's reviews, the jury's viewing and scores, and the awards.

A submission's status is a core workflow (workflows.py); every decision is an audited transition."""

from __future__ import annotations

from korkyt.festival.models.awards import Award, AwardKind, AwardStatement, AwardTranslation, AwardWinner
from korkyt.festival.models.calls import TIER_ORDER, Call, Deadline, DeadlineTier, WaiverCode
from korkyt.festival.models.editions import (
    COMPETITIVE,
    PREMIERE_RANK,
    Criterion,
    CriterionLabel,
    Edition,
    Premiere,
    Section,
    SectionKind,
)
from korkyt.festival.models.jury import Conflict, ConflictSource, JuryMember, JuryVote
from korkyt.festival.models.reviews import Assignment, CommitteeMember, Flag, Review
from korkyt.festival.models.submissions import Nomination, Route, Submission, SubmissionStatus, _upload_to
from korkyt.festival.programme.models import (  # the programme's models, same app
    GridVersion,
    Room,
    Screening,
    ScreeningKind,
    ScreeningState,
    TicketPolicy,
    Venue,
)

__all__ = [
    "COMPETITIVE",
    "PREMIERE_RANK",
    "TIER_ORDER",
    "Assignment",
    "Award",
    "AwardKind",
    "AwardStatement",
    "AwardTranslation",
    "AwardWinner",
    "Call",
    "CommitteeMember",
    "Conflict",
    "ConflictSource",
    "Criterion",
    "CriterionLabel",
    "Deadline",
    "DeadlineTier",
    "Edition",
    "Flag",
    "GridVersion",
    "JuryMember",
    "JuryVote",
    "Nomination",
    "Premiere",
    "Review",
    "Room",
    "Route",
    "Screening",
    "ScreeningKind",
    "ScreeningState",
    "Section",
    "SectionKind",
    "Submission",
    "SubmissionStatus",
    "TicketPolicy",
    "Venue",
    "WaiverCode",
    "_upload_to",  # named by migration 0001 (the stills' and press kit's upload path)
]
