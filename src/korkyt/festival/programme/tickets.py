"""Tickets of public screenings through the one booking engine (korkyt.events.booking): each public or
gala screening of a published grid carries a Bookable whose capacity is the room's seats, with the held
seats (jury, press, guests) kept back until the edition's ticket policy puts them on sale before the
screening. The policy also sets the seats per person (per screening, optionally per day) and the price per
section (a screening may set its own). A priced ticket is a reservation to pay: there is no payment
provider, so staff mark it paid (the box office takes the money at the door). Ticket holders of a moved or
cancelled screening are told in their language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.concurrency import lock_row
from korkyt.core.http import decimal_from
from korkyt.core.timezones import wall_time
from korkyt.core.validation import require_perm
from korkyt.events import booking
from korkyt.events.models import ACTIVE, HOLDING, Bookable, Registration, RegistrationStatus
from korkyt.festival.models import Edition, SectionKind
from korkyt.festival.programme import notices
from korkyt.festival.programme.currencies import currencies_in_use
from korkyt.festival.programme.days import day_bounds, festival_day
from korkyt.festival.programme.models import Screening, ScreeningKind, ScreeningState, TicketPolicy

TICKETED = (ScreeningKind.PUBLIC, ScreeningKind.GALA)
PERM = "festival.manage_edition"


def bookables_managed(user: Actor) -> QuerySet[Any]:
    """The bookables (ids) of the screenings of every edition where ``user`` is festival staff (festival
    staff or edition manager): the bookable manager the festival registers with the events app, so staff
    read and manage their edition's tickets through the events API (``GET /api/registrations/{id}``).
    One subquery; the roles come from the per-request cache (korkyt.accounts.rules.scoped_roles)."""
    from korkyt.festival.selectors import staff_edition_ids

    return Screening.objects.filter(edition__in=staff_edition_ids(user), bookable__isnull=False).values(
        "bookable"
    )


def bookables_ended(cutoff: dt.datetime) -> QuerySet[Any]:
    """The bookables (ids) of screenings that ended before ``cutoff``: registered with the events app so
    its retention task (``events.erase_answers``) erases what ticket holders gave (a walk-in's name and
    e-mail) as it does for events."""
    return Screening.objects.filter(ends_at__lt=cutoff, bookable__isnull=False).values("bookable")


def bookables_begun(now: dt.datetime) -> QuerySet[Any]:
    """The bookables (ids) of screenings that started by ``now``: registered with the events app, whose
    ``event_over`` then refuses giving a ticket back (sales closed at the start; nobody waiting could take
    the seat)."""
    return Screening.objects.filter(starts_at__lte=now, bookable__isnull=False).values("bookable")


def policy_of(edition: Edition) -> TicketPolicy:
    """The edition's ticket policy (the defaults, unsaved, when staff never set one)."""
    return TicketPolicy.objects.filter(edition=edition).first() or TicketPolicy(edition=edition)


def price_of(screening: Screening, policy: TicketPolicy) -> Decimal | None:
    """The screening's own price, else its section's; None or 0: free."""
    if screening.price is not None:
        return screening.price
    raw = (policy.section_prices or {}).get(screening.submission.section.kind)
    return Decimal(str(raw)) if raw not in (None, "") else None


def release_at(screening: Screening, policy: TicketPolicy) -> dt.datetime:
    return screening.starts_at - dt.timedelta(minutes=policy.held_release_min)


def bookables_ensure(*, edition: Edition) -> int:
    """Give every ticketed screening of the edition without one its Bookable; returns how many."""
    made = 0
    policy = policy_of(edition)
    for screening in (
        Screening.objects.filter(edition=edition, kind__in=TICKETED, bookable__isnull=True)
        .exclude(state=ScreeningState.CANCELLED)
        .select_related("room", "submission__section")
    ):
        price = price_of(screening, policy)
        screening.bookable = Bookable.objects.create(
            capacity=screening.room.seats,
            held=min(screening.held_seats, screening.room.seats),
            held_release_at=release_at(screening, policy),
            per_person_limit=policy.per_person,
            price=price or None,
            currency=policy.currency if price else "",
            waitlist=True,
            closes_at=screening.starts_at,
        )
        screening.save(update_fields=["bookable", "updated_at"])
        made += 1
    return made


def _day_bounds(screening: Screening) -> tuple[dt.datetime, dt.datetime]:
    """The festival day of the screening (a 00:30 screening is the evening before's late show)."""
    edition = screening.edition
    return day_bounds(edition, festival_day(edition, screening.starts_at))


def book(*, screening: Screening, user: Any, seats: int = 1) -> Registration:
    """``seats`` tickets (or a waiting-list place) for ``user``; the engine's BookingError when refused,
    ``per_person_limit`` when ``seats`` passes the screening's seats per person, ``already_registered``
    when ``user`` already holds a ticket or a place of it, ``day_limit`` when the
    edition's limit per person and day would be passed. The day's count is read
    under a lock on the person's row (then the screening's), so two bookings of one person for two
    screenings of the same day cannot both pass it."""
    if screening.bookable_id is None or screening.state == ScreeningState.CANCELLED:
        raise booking.BookingError(_("Registration is closed."), "registration_closed")
    policy = policy_of(screening.edition)
    # the limit per person first, as the engine words it: a booking past it is refused for that reason,
    # not for the day's limit it would pass too
    per_person = Bookable.objects.filter(pk=screening.bookable_id).values_list("per_person_limit", flat=True)
    limit = per_person.first()
    if limit is not None and not 1 <= seats <= limit:
        raise booking.BookingError(_("Book between 1 and %(n)s seats.") % {"n": limit}, "per_person_limit")
    with transaction.atomic():
        # a person who already holds a ticket (or a place) of this screening is told so, as the engine
        # words it, before any limit of the day: a second booking is refused for that reason
        existing = booking.registered(screening.bookable_id, user)
        if existing is not None:
            raise booking.AlreadyRegistered(existing)
        if policy.per_day:
            user_model = get_user_model()
            lock_row(user_model, user.pk)
            start, end = _day_bounds(screening)
            rows = Registration.objects.filter(
                user=user,
                status__in=[*HOLDING, "waitlisted"],
                bookable__screening__edition=screening.edition,
                bookable__screening__starts_at__gte=start,
                bookable__screening__starts_at__lt=end,
            ).exclude(bookable=screening.bookable_id)
            already = sum(rows.values_list("seats", flat=True))
            if already + seats > policy.per_day:
                raise booking.BookingError(
                    _("You may hold %(n)s tickets a day; you already hold %(m)s that day.")
                    % {"n": policy.per_day, "m": already},
                    "day_limit",
                )
        reg = booking.book(
            bookable_id=screening.bookable_id, user=user, country=str(user.country or ""), seats=seats
        )
        # under the bookable's lock: a screening cancelled meanwhile sells nothing (this rolls back)
        if Screening.objects.filter(pk=screening.pk, state=ScreeningState.CANCELLED).exists():
            raise booking.BookingError(_("This screening is cancelled."), "registration_closed")
        transaction.on_commit(lambda: ticket_mail(reg))
    return reg


def _price(text: str | Decimal | None, field: str) -> Decimal | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = decimal_from(str(text).replace(",", "."))
    if value is None or value < 0 or value >= Decimal("100000000"):
        raise ValidationError({field: _("Give the price as a number, e.g. 1500 or 2.50.")})
    return value.quantize(Decimal("0.01"))


def policy_set(
    *,
    actor: Actor,
    edition: Edition,
    per_person: int,
    per_day: int | None,
    held_release_min: int,
    currency: str,
    section_prices: dict[str, str],
) -> TicketPolicy:
    """Set how the edition sells tickets; bookables already on sale follow (seats per person, when held
    seats go on sale, prices of screenings without their own)."""
    require_perm(actor, PERM, edition)
    if not 1 <= per_person <= 20:
        raise ValidationError({"per_person": _("Give between 1 and 20 tickets per person.")})
    if per_day is not None and not 1 <= per_day <= 100:
        raise ValidationError({"per_day": _("Give between 1 and 100 tickets a day, or leave it empty.")})
    if not 0 <= held_release_min <= 7 * 24 * 60:
        raise ValidationError({"held_release_min": _("Give between 0 and 10080 minutes.")})
    currency = currency.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ValidationError({"currency": _("Give the currency as its three-letter code, e.g. KZT.")})
    if currency not in currencies_in_use():
        raise ValidationError(
            {"currency": _("%(code)s is not a currency in use (ISO 4217), e.g. KZT.") % {"code": currency}}
        )
    prices: dict[str, str] = {}
    for kind, text in section_prices.items():
        if kind not in SectionKind.values:
            raise ValidationError({"section_prices": _("Unknown section.")})
        value = _price(text, f"price_{kind}")
        if value is not None:
            prices[kind] = str(value)
    with transaction.atomic():
        policy, _created = TicketPolicy.objects.update_or_create(
            edition=edition,
            defaults={
                "per_person": per_person,
                "per_day": per_day,
                "held_release_min": held_release_min,
                "currency": currency,
                "section_prices": prices,
            },
        )
        for screening in Screening.objects.filter(edition=edition, bookable__isnull=False).select_related(
            "submission__section"
        ):
            price = price_of(screening, policy)
            Bookable.objects.filter(pk=screening.bookable_id or 0).update(
                per_person_limit=per_person,
                held_release_at=release_at(screening, policy),
                price=price or None,
                currency=currency if price else "",
            )
        audit_log(
            obj=edition,
            action="festival.tickets.policy",
            actor=actor,
            data={
                "per_person": per_person,
                "per_day": per_day,
                "held_release_min": held_release_min,
                "currency": currency,
                "section_prices": prices,
            },
        )
    return policy


def screening_tickets_set(
    *, actor: Actor, screening: Screening, held_seats: int, price: str | Decimal | None
) -> Screening:
    """Set the seats held back (jury, press, guests) and the screening's own price (empty: its
    section's). Held seats never push the seats for sale below the tickets already taken."""
    require_perm(actor, PERM, screening.edition)
    if held_seats < 0 or held_seats > screening.room.seats:
        raise ValidationError(
            {"held_seats": _("Hold between 0 and %(n)s seats.") % {"n": screening.room.seats}}
        )
    value = _price(price, "price")
    policy = policy_of(screening.edition)
    with transaction.atomic():
        screening.held_seats, screening.price = held_seats, value
        screening.save(update_fields=["held_seats", "price", "updated_at"])
        if screening.bookable_id is not None:
            try:
                booking.resize(bookable_id=screening.bookable_id, held=held_seats)
            except booking.BookingError as exc:
                raise ValidationError({"held_seats": exc.messages}) from exc
            effective = price_of(screening, policy)
            Bookable.objects.filter(pk=screening.bookable_id).update(
                price=effective or None, currency=policy.currency if effective else ""
            )
        audit_log(
            obj=screening,
            action="festival.screening.tickets",
            actor=actor,
            data={"held_seats": held_seats, "price": None if value is None else str(value)},
        )
    return screening


#: What staff record about a ticket's money at the desk (no payment provider): the engine's write and the
#: audit action, by the name the check-in page posts.
PAYMENT_RECORDS: dict[str, tuple[Callable[..., Registration], str]] = {
    "paid": (booking.mark_paid, "festival.ticket.paid"),
    "refunded": (booking.mark_refunded, "festival.ticket.refunded"),
}


def payment_record(
    *, actor: Actor, screening: Screening, registration: Registration, what: str
) -> Registration:
    """Staff record that a reserved ticket is paid (``what="paid"``: the box office took the money) or that
    a paid ticket given back, or of a cancelled screening, was refunded (``"refunded"``); audited."""
    write, payment_action = PAYMENT_RECORDS[what]
    require_perm(actor, PERM, screening.edition)
    if registration.bookable_id != screening.bookable_id:
        raise ValidationError(_("This ticket is not for this screening."))
    with transaction.atomic():
        try:
            reg = write(registration_id=registration.pk)
        except booking.BookingError as exc:
            raise ValidationError(exc.messages) from exc
        audit_log(obj=screening, action=payment_action, actor=actor, data={"registration": reg.pk})
    return reg


def mark_paid(*, actor: Actor, screening: Screening, registration: Registration) -> Registration:
    return payment_record(actor=actor, screening=screening, registration=registration, what="paid")


def mark_refunded(*, actor: Actor, screening: Screening, registration: Registration) -> Registration:
    return payment_record(actor=actor, screening=screening, registration=registration, what="refunded")


def box_office_sale(
    *, actor: Actor, screening: Screening, seats: int, paid: bool, name: str = "", email: str = ""
) -> Registration:
    """Staff sell ``seats`` tickets at the door to someone who may have no account (optional name and
    e-mail), paid or to pay: the events box-office sale on the screening's bookable (under its lock, never
    past the free seats; held seats stay held; at most 10 a sale, the per-person limit does not apply).
    Refused: a cancelled screening or one without tickets (BookingError ``registration_closed``), sales
    closed (the screening started), ``full``. An e-mail given gets the ticket (QR code) after commit, in
    the language of the desk. Audited by the events service."""
    from korkyt.events.services import box_office_sale as sale

    require_perm(actor, PERM, screening.edition)
    if screening.state == ScreeningState.CANCELLED:
        raise booking.BookingError(_("This screening is cancelled."), "registration_closed")
    if screening.bookable_id is None:
        raise booking.BookingError(_("This screening has no tickets."), "registration_closed")
    reg = sale(actor=actor, bookable_id=screening.bookable_id, seats=seats, paid=paid, name=name, email=email)
    if reg.holder_email:
        transaction.on_commit(lambda: ticket_mail(reg))
    return reg


def when_text(screening: Screening) -> str:
    """The screening's start in the edition's time zone, named: "19 February 2027, 15:45 (Asia/Aqtau)"."""

    return wall_time(screening.starts_at, screening.edition.tz)


def screening_title(screening: Screening, language: str) -> str:
    from korkyt.festival.selectors import submission_title

    return submission_title(screening.submission, language).text


def void_tickets(screening: Screening) -> list[str]:
    """The tickets of a screening being cancelled: under its bookable's lock, sales close and every ticket
    and waiting-list place is cancelled (the engine's cancellation, its seats passed on to nobody; a paid
    ticket is owed back, ``refund``), the waiting list first, so nothing is left to promote, check in or
    sell. Returns the registrations cancelled (the holders to tell) as ``"<id>:<status before>"``, so
    that a waiting-list place is told its place is gone, not that a ticket is void, and only a seat held
    unpaid that it owes nothing. Inside
    ``transaction.atomic``."""
    if screening.bookable_id is None:
        return []
    now = timezone.now()
    booking.lock(screening.bookable_id)
    Bookable.objects.filter(pk=screening.bookable_id).update(closes_at=now)
    live = Registration.objects.filter(bookable=screening.bookable_id, status__in=ACTIVE)
    waiting = list(live.filter(status=RegistrationStatus.WAITLISTED).values_list("pk", flat=True))
    holding = dict(live.exclude(pk__in=waiting).values_list("pk", "status"))
    for pk in [*waiting, *holding]:
        booking.cancel(registration_id=pk, now=now, pass_on=False)
    booking.refunds_owed(bookable_id=screening.bookable_id)  # paid, whatever their status: owed back
    before = dict.fromkeys(waiting, "waitlisted") | holding
    return [f"{pk}:{before[pk]}" for pk in sorted(before)]


def notify_holders_request(screening: Screening, holders: list[str] | None = None) -> None:
    """Tell the screening's holders that it moved or was cancelled, in the background (a job,
    ``festival.notify_holders``), once the transaction commits: a full hall is hundreds of mails.
    ``holders``: the registrations cancelled with the screening (:func:`void_tickets`); None: its live
    tickets and waiting-list places when the job runs (a moved screening)."""
    from korkyt.core.jobs.services import enqueue, job_create

    enqueue(
        job_create(kind="festival.notify_holders", subject=screening),
        "festival.notify_holders",
        screening_id=screening.pk,
        holders=None if holders is None else [str(token) for token in holders],
    )


def notify_holders(
    *, screening_id: int, after: int = 0, progress: Any = None, holders: list[str] | None = None
) -> int:
    """Mail every holder of a ticket (or waiting-list place) of the screening, in their language, that it
    moved (with the new time and room) or was cancelled. ``holders``: the registrations to tell (a
    cancelled screening's, cancelled with it, as :func:`void_tickets` gives them; a bare id is a ticket);
    None: every live one. A cancelled screening's notice says what happens to the money (a paid ticket:
    the box office refunds it; an unpaid one owes nothing) and tells a waiting-list place it is gone.
    Returns how many were told. Holders are taken in order; each mail is queued in one transaction with
    the checkpoint ``{"after": registration id}`` (``progress``), so a run resumed after an interruption
    (``after``) tells nobody twice. A deactivated account is not written to."""
    from korkyt.core.services import mail_queue
    from korkyt.festival.programme.selectors import CANCEL, PUBLISH, screening_ics

    screening = Screening.objects.select_related("room__venue", "submission__film", "edition").get(
        pk=screening_id
    )
    if screening.bookable_id is None:
        return 0
    regs = Registration.objects.filter(bookable=screening.bookable_id)
    priced = Bookable.objects.filter(pk=screening.bookable_id, price__gt=0).exists()
    before = {int(pk): old for pk, _sep, old in (token.partition(":") for token in holders or [])}
    if holders is None:
        regs = regs.filter(status__in=[*HOLDING, "waitlisted"])
    else:
        regs = regs.filter(pk__in=list(before))
    regs = regs.exclude(user__is_active=False).select_related("user").order_by("pk")
    total = regs.count()
    done = regs.filter(pk__lte=after).count()
    told = 0
    base = getattr(settings, "KORKYT_BASE_URL", "")
    for reg in regs.filter(pk__gt=after):
        done += 1
        email = reg.contact_email
        if not email:  # a box-office sale without an e-mail: nobody to tell
            continue
        language = reg.contact_language
        with translation.override(language):
            title = screening_title(screening, language)
            when = when_text(screening)
            url = base + reverse("festival:public_programme", args=[screening.edition.number])
            if screening.state == ScreeningState.CANCELLED:
                subject = _("Screening cancelled: %(title)s") % {"title": title}
                body = notices.screening_cancelled(reg, before.get(reg.pk, ""), title, priced=priced)
            else:
                subject = _("Screening moved: %(title)s") % {"title": title}
                body = _(
                    "The screening of “%(title)s” moved to %(when)s, %(room)s. Your ticket stays valid."
                ) % {
                    "title": title,
                    "when": when,
                    "room": str(screening.room),
                }
            # the entry a holder imported from the ticket mail moves (or is cancelled) with it: same UID,
            # a higher SEQUENCE, METHOD:PUBLISH; or METHOD:CANCEL with STATUS:CANCELLED
            cancelled = screening.state == ScreeningState.CANCELLED
            ics = screening_ics(screening, language, url, method=CANCEL if cancelled else PUBLISH)
        with transaction.atomic():
            mail_queue(
                subject=subject,
                body=f"{body}\n\n{url}\n",
                to=[email],
                attachments=[(f"screening-{screening.pk}.ics", ics, "text/calendar")],
            )
            if progress is not None:
                progress(done, total, {"after": reg.pk})
        told += 1
    return told


def checkin(*, actor: Any, screening: Screening, code: str) -> Any:
    """Record the holder of ticket ``code`` present at the screening (the events check-in; idempotent).
    Refused for a cancelled screening (its tickets are void)."""
    from korkyt.core.validation import require_perm
    from korkyt.events.services.attendance import checkin_bookable

    require_perm(actor, "festival.manage_edition", screening.edition)
    if screening.bookable_id is None:
        raise ValidationError({"code": [_("This screening has no tickets.")]})
    if Screening.objects.filter(pk=screening.pk, state=ScreeningState.CANCELLED).exists():
        raise ValidationError({"code": [_("This screening is cancelled: its tickets are void.")]})
    return checkin_bookable(actor=actor, bookable_id=screening.bookable_id, code=code)


@booking.on_status_change
def _status_changed(reg: Registration, old: str) -> None:
    ticket_mail(reg, old)


def _still_held_by(reg: Registration) -> bool:
    """Whether the registration is still there with its holder (not forgotten with a deleted account)."""
    if reg.user_id is None:
        return Registration.objects.filter(pk=reg.pk).exists()
    return Registration.objects.filter(pk=reg.pk, user=reg.user_id).exists()


def ticket_mail(reg: Registration, old: str = "") -> None:
    """The holder of a screening's ticket gets it by mail in their language: the QR code attached, the
    ticket page and the screening's ICS (waiting-list places are told too). A ticket or place cancelled
    (given back, by staff) is told too, with the money owed back when it was paid; not when the
    screening is cancelled (its own notice tells the holders, ``notify_holders``) nor to a person who
    deleted their account. ``old``: the status before the change. A box-office sale's buyer who gave an
    e-mail gets it in the language of the sale (the desk's), without the ticket page (that needs an
    account): the attached QR code is the ticket. Queued (core ``mail_queue``: retried, recorded); a
    deactivated account is not written to."""
    from korkyt.core.services import mail_queue
    from korkyt.festival.programme.selectors import PUBLISH, screening_ics

    if reg.status == "cancelled" and not _still_held_by(reg):
        return  # forgotten with a deleted account: nobody to write to
    screening = (
        Screening.objects.filter(bookable=reg.bookable_id).select_related("room__venue", "edition").first()
    )
    user = reg.user
    email = reg.contact_email
    if screening is None or not email or (user is not None and not user.is_active):
        return
    from korkyt.events import tickets as event_tickets
    from korkyt.events import waitlist

    base = getattr(settings, "KORKYT_BASE_URL", "")
    language = reg.contact_language
    with translation.override(language):
        title = screening_title(screening, language)
        when = when_text(screening)
        if reg.status == "confirmed":
            subject = _("Your ticket: %(title)s") % {"title": title}
            if user is None:
                body = ngettext(
                    "Your ticket for “%(title)s”, %(when)s, %(room)s: %(n)s seat. Show the attached QR code "
                    "or the code %(code)s at the door.",
                    "Your ticket for “%(title)s”, %(when)s, %(room)s: %(n)s seats. Show the attached QR "
                    "code or the code %(code)s at the door.",
                    reg.seats,
                ) % {
                    "title": title,
                    "when": when,
                    "room": str(screening.room),
                    "n": reg.seats,
                    "code": event_tickets.pretty(reg.code),
                }
            else:
                body = _("Your ticket for “%(title)s”, %(when)s, %(room)s (QR code attached): %(url)s") % {
                    "title": title,
                    "when": when,
                    "room": str(screening.room),
                    "url": base + reverse("festival:screening_ticket", args=[reg.pk]),
                }
        elif reg.status == "waitlisted":
            subject = _("You are on the waiting list: %(title)s") % {"title": title}
            body = f"{title}, {when}\n\n{waitlist.line(reg)}"
        elif reg.status == "cancelled":
            if screening.state == ScreeningState.CANCELLED:
                return
            subject = _("Ticket cancelled: %(title)s") % {"title": title}
            body = notices.ticket_cancelled(reg, screening, old, title, when)
            if user is not None:
                body += "\n\n" + base + reverse("festival:screening_ticket", args=[reg.pk])
            mail_queue(subject=subject, body=body + "\n", to=[email])
            return
        else:
            return
        url = base + reverse("festival:public_programme", args=[screening.edition.number])
        attachments = [
            (
                f"screening-{screening.pk}.ics",
                screening_ics(screening, language, url, method=PUBLISH),
                "text/calendar",
            )
        ]
        if reg.status == "confirmed":
            attachments.append((f"ticket-{reg.code}.png", event_tickets.qr_png(reg.code), "image/png"))
    mail_queue(subject=subject, body=body + "\n", to=[email], attachments=attachments)


def sync_capacity(screening: Screening) -> None:
    """The room's seats, the time the held seats go on sale and the time sales close (the start) follow
    the moved screening."""
    if screening.bookable_id is not None:
        booking.resize(
            bookable_id=screening.bookable_id,
            capacity=screening.room.seats,
            held_release_at=release_at(screening, policy_of(screening.edition)),
            closes_at=screening.starts_at,
        )
