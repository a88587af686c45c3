"""Travel minutes between an edition's venues and the guests of its selected films (with the times they
cannot attend): both go into the scheduler's instance (``travel_min``, a film's ``unavailable`` and
``qa``), so juries get time to travel and Q&A screenings fall when the guests are there."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.validation import require_perm
from korkyt.festival.models import Edition, Submission
from korkyt.festival.programme.models import ScreeningGuest, Venue

PERM = "festival.manage_edition"
MAX_TRAVEL_MIN = 600


def venue_travel_set(*, actor: Actor, a: Venue, b: Venue, minutes: int) -> None:
    """Minutes between two venues of the same edition, both ways."""
    require_perm(actor, PERM, a.edition)
    if a.edition_id != b.edition_id or a.pk == b.pk:
        raise ValidationError({"b": _("Choose two different venues of this edition.")})
    if not 0 <= minutes <= MAX_TRAVEL_MIN:
        raise ValidationError({"minutes": _("Travel time must be between 0 and 600 minutes.")})
    with transaction.atomic():
        for here, there in ((a, b), (b, a)):
            row = Venue.objects.select_for_update().get(pk=here.pk)
            row.travel_min = {**row.travel_min, str(there.pk): minutes}
            row.save(update_fields=["travel_min"])
    audit_log(obj=a, action="festival.venue.travel", actor=actor, data={"to": b.pk, "minutes": minutes})


def travel_table(edition: Edition) -> dict[str, dict[str, int]]:
    """The instance's ``travel_min``: ``{venue id: {venue id: minutes}}`` for the pairs recorded."""
    out: dict[str, dict[str, int]] = {}
    for venue in Venue.objects.filter(edition=edition):
        for other, minutes in (venue.travel_min or {}).items():
            if isinstance(minutes, int) and minutes >= 0:
                out.setdefault(str(venue.pk), {})[str(other)] = minutes
    return out


def _naive_local(moment: dt.datetime, edition: Edition) -> dt.datetime:
    """A festival-local wall time: an aware moment is read in the edition's time zone, a naive one is
    kept."""
    return moment.astimezone(edition.tz).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _span(start: dt.datetime, end: dt.datetime, edition: Edition) -> list[str]:
    start, end = _naive_local(start, edition), _naive_local(end, edition)
    if end <= start:
        raise ValidationError(_("A guest's unavailable time must end after it starts."))
    first = dt.datetime.combine(edition.starts_on, dt.time(0))
    last = dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time(23, 59))
    if end < first or start > last:
        raise ValidationError(_("A guest's unavailable time must fall within the festival."))
    return [start.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M")]


def guest_add(
    *,
    actor: Actor,
    submission: Submission,
    name: str,
    role: str = "",
    qa: bool = True,
    unavailable: list[tuple[dt.datetime, dt.datetime]] | None = None,
) -> ScreeningGuest:
    edition = submission.section.edition
    require_perm(actor, PERM, edition)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": _("Give the guest a name (at most 200 characters).")})
    spans = [_span(a, b, edition) for a, b in unavailable or []]
    guest = ScreeningGuest.objects.create(
        edition=edition, submission=submission, name=name, role=role.strip()[:120], qa=qa, unavailable=spans
    )
    audit_log(obj=guest, action="festival.guest.add", actor=actor)
    return guest


MAX_AWAY = 20


def guest_away_add(
    *, actor: Actor, guest: ScreeningGuest, start: dt.datetime, end: dt.datetime
) -> ScreeningGuest:
    """Add one more time the guest cannot attend (a guest may have several); the same span twice is kept
    once."""
    require_perm(actor, PERM, guest.edition)
    span = _span(start, end, guest.edition)
    with transaction.atomic():
        row = ScreeningGuest.objects.select_for_update().get(pk=guest.pk)
        spans = [list(s) for s in row.unavailable]
        if span not in spans:
            if len(spans) >= MAX_AWAY:
                raise ValidationError(_("A guest has at most 20 unavailable times."))
            row.unavailable = sorted([*spans, span])
            row.save(update_fields=["unavailable"])
            audit_log(obj=row, action="festival.guest.away_add", actor=actor, data={"span": span})
    return row


def guest_away_remove(*, actor: Actor, guest: ScreeningGuest, start: str, end: str) -> ScreeningGuest:
    """Remove one of the guest's unavailable times (named by its start and end as stored); a span already
    gone is no error."""
    require_perm(actor, PERM, guest.edition)
    with transaction.atomic():
        row = ScreeningGuest.objects.select_for_update().get(pk=guest.pk)
        row.unavailable = [list(s) for s in row.unavailable if list(s) != [start, end]]
        row.save(update_fields=["unavailable"])
        audit_log(obj=row, action="festival.guest.away_remove", actor=actor, data={"span": [start, end]})
    return row


def guest_remove(*, actor: Actor, guest: ScreeningGuest) -> None:
    require_perm(actor, PERM, guest.edition)
    audit_log(obj=guest, action="festival.guest.remove", actor=actor)
    guest.delete()


def film_guests(edition: Edition) -> dict[int, list[ScreeningGuest]]:
    out: dict[int, list[ScreeningGuest]] = {}
    for guest in ScreeningGuest.objects.filter(edition=edition):
        out.setdefault(guest.submission_id, []).append(guest)
    return out


def apply_to_film(film: dict[str, Any], guests: list[ScreeningGuest]) -> None:
    """A film of the instance gets a Q&A on its first public screening when it has Q&A guests, placed
    outside every such guest's unavailable times."""
    qa = [g for g in guests if g.qa]
    if not qa:
        return
    film["qa"] = 1
    film["unavailable"] = [list(span) for g in qa for span in g.unavailable]
