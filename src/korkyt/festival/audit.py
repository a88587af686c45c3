"""The names of the festival's own audit events (``audit_log(action=…)`` in its services), as the history
pages show them; the submission's workflow transitions are named by their labels (festival.workflows)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENT_LABELS: dict[str, Promise] = {
    # the edition, its call and selection committee
    "festival.edition.call_open": _("Call for entries opened"),
    "festival.edition.call_set": _("Call for entries changed"),
    "festival.edition.call_close": _("Call for entries closed"),
    "festival.edition.committee_add": _("Reviewer added to the selection committee"),
    "festival.edition.committee_remove": _("Reviewer taken off the selection committee"),
    "festival.edition.committee_person": _("Reviewer linked to a person in the catalogue"),
    "festival.edition.assign_reviewers": _("Reviewers assigned to the entries"),
    "festival.section.criteria": _("Review form changed"),
    "festival.section.delete": _("Section deleted"),
    # entries
    "festival.submission.create": _("Entry created"),
    "festival.submission.nominate": _("Film nominated"),
    "festival.submission.sign_off": _("Nomination signed off"),
    "festival.submission.assign": _("Reviewer assigned"),
    "festival.submission.unassign": _("Reviewer unassigned"),
    "festival.submission.review": _("Review saved"),
    "festival.submission.catalogue": _("Film published in the catalogue"),
    "festival.entry.film_create": _("Film added to the catalogue with its entry"),
    # jury and awards
    "festival.jurymember.appoint": _("Juror appointed"),
    "festival.jurymember.remove": _("Juror removed"),
    "festival.jurymember.conflict": _("Conflict of interest found"),
    "festival.jurymember.recuse": _("Juror recused"),
    "festival.jurymember.score": _("Film scored"),
    "festival.award.create": _("Award created"),
    "festival.award.update": _("Award changed"),
    "festival.award.delete": _("Award deleted"),
    "festival.award.decide": _("Award given"),
    # the programme: venues, rooms, screenings, guests, tickets
    "festival.venue.create": _("Venue added"),
    "festival.venue.update": _("Venue changed"),
    "festival.venue.delete": _("Venue deleted"),
    "festival.venue.travel": _("Travel time between venues set"),
    "festival.room.create": _("Room added"),
    "festival.room.update": _("Room changed"),
    "festival.room.delete": _("Room deleted"),
    "festival.screening.move": _("Screening moved"),
    "festival.screening.lock": _("Screening locked or unlocked"),
    "festival.screening.cancel": _("Screening cancelled"),
    "festival.screening.tickets": _("Screening's tickets set"),
    "festival.grid.publish": _("Programme published"),
    "festival.guest.add": _("Guest added"),
    "festival.guest.remove": _("Guest removed"),
    "festival.guest.away_add": _("Guest's unavailable time added"),
    "festival.guest.away_remove": _("Guest's unavailable time removed"),
    "festival.tickets.policy": _("Ticket sales set"),
    "festival.ticket.paid": _("Ticket paid"),
    "festival.ticket.refunded": _("Ticket refunded"),
}
