"""The booking engine: one for everything people take seats in (events, their sessions, festival
screenings). It works on :class:`~korkyt.events.models.Bookable` and
:class:`~korkyt.events.models.Registration` only and knows nothing of events.

Never overbook. Every decision runs inside one transaction that first takes the bookable's lock and then
re-reads what it decides on (held seats, the country's quota, the waiting list):

* PostgreSQL: ``SELECT … FOR UPDATE`` on the bookable row. Concurrent bookings of the same bookable queue
  on that row; other bookables are not blocked.
* SQLite: ``select_for_update`` is a no-op there, so the first statement of the transaction is an UPDATE
  of the bookable's ``version`` (the settings open transactions ``IMMEDIATE``: the write lock of the
  database is taken at BEGIN and writers wait for it, ``timeout`` 20 s).

Under the lock the counters move only by conditional UPDATEs (``taken = taken + 1 WHERE taken <
capacity``, ``used = used + 1 WHERE used < limit``) that must touch exactly one row, and CHECK constraints
(``taken <= capacity``, ``used <= limit``) reject anything that would still slip through: a bug becomes an
IntegrityError, never an extra seat.

Freed seats (cancellation, rejection, expired offer) go to the waiting list in position order, skipping
people whose country has no seat left, inside the same transaction as the release; a second cancellation
racing the first waits for the lock and then sees the first one's result, so each freed seat is given
exactly once. With ``offer_hours`` the next person gets an *offer* holding the seat until it expires
(:func:`offers_expire`, a periodic job) or is accepted (:func:`offer_accept`).

A booking may take several seats (``seats``, at most the bookable's ``per_person_limit``); they are taken,
released and promoted together (the waiting list skips a booking the freed seats cannot seat whole and
seats the next that fits). ``held`` seats (jury, press, guests) are not for sale: the seats for sale are
``capacity - held``, and :func:`held_release_due` (periodic, idempotent) puts them on sale at
``held_release_at`` and gives them to the waiting list. A priced bookable makes every booking that
holds seats a reservation with ``payment = unpaid`` until :func:`mark_paid` (no payment provider: staff or
the box office record the payment); a waiting-list place or an application owes nothing (``free``, no
amount) until it is given seats, at the price of that moment.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.events.models import (
    HOLDING,
    Bookable,
    BookingMode,
    Channel,
    PaymentState,
    Quota,
    Registration,
    RegistrationStatus,
)

S = RegistrationStatus


class BookingError(ValidationError):
    """A booking the engine refuses; ``code`` is part of the API contract."""

    def __init__(self, message: str, code: str, registration: Registration | None = None) -> None:
        super().__init__({"__all__": [ValidationError(message, code=code)]})
        self.code = code
        self.registration = registration


class AlreadyRegistered(BookingError):
    def __init__(self, registration: Registration) -> None:
        super().__init__(_("You are already registered."), "already_registered", registration)


#: Called after a registration changed status (promotion, offer, confirmation); runs on commit.
Listener = Callable[[Registration, str], None]
_listeners: list[Listener] = []


def on_status_change(listener: Listener) -> Listener:
    """Register ``listener(registration, old_status)`` (mail, audit) for every status change."""
    _listeners.append(listener)
    return listener


def _changed(reg: Registration, old: str) -> None:
    for listener in _listeners:
        transaction.on_commit(functools.partial(listener, reg, old))


def lock(bookable_id: int) -> Bookable:
    """Take ``bookable_id``'s lock for the rest of the transaction and return it as it is now."""
    if connection.features.has_select_for_update:
        return Bookable.objects.select_for_update().get(pk=bookable_id)
    # SQLite: a write first (takes the database's write lock), then the read under it.
    if not Bookable.objects.filter(pk=bookable_id).update(version=F("version") + 1):
        raise Bookable.DoesNotExist
    return Bookable.objects.get(pk=bookable_id)


def _quota(bookable: Bookable, country: str) -> Quota | None:
    """The counter row of ``country`` (created on first use when a limit applies), None: no limit."""
    if not country:
        return None
    quota = Quota.objects.filter(bookable=bookable, country=country).first()
    if quota is None and bookable.per_country_limit is not None:
        quota = Quota.objects.create(bookable=bookable, country=country)
    return quota


def _limit(bookable: Bookable, quota: Quota | None) -> int | None:
    if quota is None:
        return None
    return quota.limit if quota.limit is not None else bookable.per_country_limit


def _country_has_room(bookable: Bookable, country: str) -> bool:
    quota = _quota(bookable, country)
    limit = _limit(bookable, quota)
    return limit is None or quota is None or quota.used < limit


def free_seats(bookable: Bookable) -> int | None:
    """Seats still for sale (None: no limit); no lock, so exact only under it."""
    if bookable.capacity is None:
        return None
    return max(bookable.capacity - bookable.held - bookable.taken, 0)


def _take_seat(bookable: Bookable, country: str, n: int = 1) -> bool:
    """Hold ``n`` seats for ``country`` by conditional updates; False when they are not all left."""
    seats = Bookable.objects.filter(pk=bookable.pk)
    if bookable.capacity is not None:
        seats = seats.filter(taken__lte=F("capacity") - F("held") - n)
    quota = _quota(bookable, country)
    limit = _limit(bookable, quota)
    if limit is not None and quota is not None and quota.used + n > limit:
        return False
    if not seats.update(taken=F("taken") + n):
        return False
    if quota is not None:
        rows = Quota.objects.filter(pk=quota.pk)
        if limit is not None:
            rows = rows.filter(used__lte=limit - n)
        if not rows.update(used=F("used") + n):  # cannot happen under the lock; never leave a stray seat
            Bookable.objects.filter(pk=bookable.pk).update(taken=F("taken") - n)
            return False
    bookable.taken += n
    return True


def _release_seat(bookable: Bookable, country: str, n: int = 1) -> None:
    if not Bookable.objects.filter(pk=bookable.pk, taken__gte=n).update(taken=F("taken") - n):
        raise RuntimeError(f"bookable {bookable.pk}: releasing a seat that is not held")
    bookable.taken -= n
    if country:
        Quota.objects.filter(bookable=bookable, country=country, used__gte=n).update(used=F("used") - n)


def _next_position(bookable: Bookable) -> int:
    Bookable.objects.filter(pk=bookable.pk).update(waitlist_seq=F("waitlist_seq") + 1)
    bookable.waitlist_seq = Bookable.objects.values_list("waitlist_seq", flat=True).get(pk=bookable.pk)
    return bookable.waitlist_seq


def is_open(bookable: Bookable, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (bookable.opens_at is None or bookable.opens_at <= now) and (
        bookable.closes_at is None or now < bookable.closes_at
    )


def has_seat_for(bookable: Bookable, country: str) -> bool:
    """Whether a booking now would be confirmed (no lock: for display only)."""
    free = free_seats(bookable)
    return (free is None or free > 0) and _country_has_room(bookable, country)


def _ask_payment(reg: Registration, bookable: Bookable) -> bool:
    """A booking given seats on a priced bookable becomes a reservation to pay (``unpaid``, the price of
    its seats now); money is asked only while seats are held, never for a waiting-list place or an
    application. False: nothing changed (free, or already asked)."""
    if not bookable.price or reg.payment != PaymentState.FREE:
        return False
    reg.payment = PaymentState.UNPAID
    reg.amount = bookable.price * Decimal(reg.seats)
    reg.currency = bookable.currency
    return True


def _hold(reg: Registration, bookable: Bookable, now: dt.datetime, *, offer: bool) -> None:
    old = reg.status
    if offer and bookable.offer_hours:
        reg.status = S.OFFERED
        reg.offer_expires_at = now + dt.timedelta(hours=bookable.offer_hours)
    else:
        reg.status = S.CONFIRMED
        reg.offer_expires_at = None
    reg.position = None
    reg.decided_at = now
    fields = ["status", "offer_expires_at", "position", "decided_at", "updated_at"]
    if _ask_payment(reg, bookable):
        fields += ["payment", "amount", "currency"]
    reg.save(update_fields=fields)
    _changed(reg, old)


def registered(bookable_id: int, user: Any) -> Registration | None:
    """``user``'s live registration of the bookable (seats held or offered, a waiting-list place, an
    application), None when they have none: what :func:`book` refuses as ``already_registered``."""
    return Registration.objects.filter(
        bookable=bookable_id, user=user, status__in=[*HOLDING, S.WAITLISTED, S.PENDING]
    ).first()


def book(
    *,
    bookable_id: int,
    user: Any,
    country: str = "",
    answers: Mapping[str, Any] | None = None,
    check_open: bool = True,
    seats: int = 1,
    now: dt.datetime | None = None,
) -> Registration:
    """Book ``seats`` seats for ``user``: confirmed (the seats held), pending (application review),
    waitlisted, or a BookingError (``already_registered`` with the existing registration,
    ``registration_closed``, ``per_person_limit``, ``full``). A priced bookable makes a confirmed booking
    a reservation to pay (a waiting-list place or an application: once given seats). Must run inside
    ``transaction.atomic``; the lock is taken here, as late as possible."""
    now = now or timezone.now()
    bookable = lock(bookable_id)
    if seats < 1 or seats > bookable.per_person_limit:
        raise BookingError(
            _("Book between 1 and %(n)s seats.") % {"n": bookable.per_person_limit}, "per_person_limit"
        )
    existing = registered(bookable.pk, user)
    if existing is not None:
        raise AlreadyRegistered(existing)
    if check_open and not is_open(bookable, now):
        raise BookingError(_("Registration is closed."), "registration_closed")
    reg = Registration(
        bookable=bookable, user=user, country=country or "", answers=dict(answers or {}), seats=seats
    )
    if bookable.mode == BookingMode.REVIEW:
        reg.status = S.PENDING
    elif _take_seat(bookable, reg.country, seats):
        reg.status = S.CONFIRMED
        reg.decided_at = now
        _ask_payment(reg, bookable)
    elif bookable.waitlist:
        reg.status = S.WAITLISTED
        reg.position = _next_position(bookable)
    else:
        free = free_seats(bookable)
        if free is None or free >= seats:
            raise BookingError(_("The seats for your country are taken."), "country_quota_full")
        raise BookingError(_("All seats are taken and there is no waiting list."), "full")
    reg.save()
    return reg


#: The most seats one box-office sale takes (the per-person limit does not apply at the door).
BOX_OFFICE_MAX_SEATS = 10
#: The most seats anything books (an event, a session, a quota): a stadium's, far past any hall's.
MAX_SEATS = 100_000


def sell(
    *,
    bookable_id: int,
    seats: int,
    paid: bool,
    holder_name: str = "",
    holder_email: str = "",
    holder_language: str = "",
    max_seats: int = BOX_OFFICE_MAX_SEATS,
    check_open: bool = True,
    now: dt.datetime | None = None,
) -> Registration:
    """A box-office sale at the door: ``seats`` seats for someone who may have no account, confirmed at
    once or refused (no waiting list, no application review). The seats are taken under the bookable's
    lock by the same conditional update as every booking (held seats stay held, the capacity is never
    passed); the per-person limit does not apply, ``max_seats`` per sale does. A priced bookable's sale is
    ``paid`` (the money taken, ``paid_at`` now) or a reservation to pay. BookingError ``invalid_seats``,
    ``registration_closed``, ``full``. Must run inside ``transaction.atomic``."""
    now = now or timezone.now()
    bookable = lock(bookable_id)
    if seats < 1 or seats > max_seats:
        raise BookingError(_("Sell between 1 and %(n)s seats at once.") % {"n": max_seats}, "invalid_seats")
    if check_open and not is_open(bookable, now):
        raise BookingError(_("Ticket sales are closed."), "registration_closed")
    if not _take_seat(bookable, "", seats):
        free = free_seats(bookable) or 0
        if free:
            message = ngettext("Only %(n)s seat is left.", "Only %(n)s seats are left.", free) % {"n": free}
        else:
            message = _("All seats are taken.")
        raise BookingError(message, "full")
    reg = Registration(
        bookable=bookable,
        user=None,
        channel=Channel.BOX_OFFICE,
        holder_name=holder_name.strip(),
        holder_email=holder_email.strip(),
        holder_language=holder_language[:8],
        seats=seats,
        status=S.CONFIRMED,
        decided_at=now,
    )
    if bookable.price:
        reg.amount = bookable.price * Decimal(seats)
        reg.currency = bookable.currency
        reg.payment = PaymentState.PAID if paid else PaymentState.UNPAID
        reg.paid_at = now if paid else None
    reg.save()
    return reg


def promote(bookable: Bookable, now: dt.datetime | None = None) -> list[Registration]:
    """Give free seats to the waiting list in position order (under the bookable's lock, taken by the
    caller): each person whose country still has room gets the seat, or an offer when the bookable has
    ``offer_hours``; a booking of more seats than are free is skipped for the next that fits. In review
    mode the waiting list holds applications the organisers accepted when no seat was left: they move
    the same way. Returns those promoted."""
    now = now or timezone.now()
    promoted: list[Registration] = []
    for reg in Registration.objects.filter(bookable=bookable, status=S.WAITLISTED).order_by("position"):
        free = free_seats(bookable)
        if free is not None and free <= 0:
            break
        if free is not None and reg.seats > free:
            continue
        if not _take_seat(bookable, reg.country, reg.seats):
            continue
        _hold(reg, bookable, now, offer=True)
        promoted.append(reg)
    return promoted


def cancel(
    *,
    registration_id: int,
    status: str = S.CANCELLED,
    now: dt.datetime | None = None,
    pass_on: bool = True,
) -> tuple[Registration, list[Registration]]:
    """Cancel (or reject) a registration and pass its seat on (``pass_on=False``: the seat is freed for
    nobody, as for a thing already over). A paid booking's money is then owed back (``refund``); an
    unpaid reservation owes nothing any more (``free``). Idempotent: a registration already cancelled is
    returned unchanged with no promotion. Returns (registration, promoted)."""
    now = now or timezone.now()
    bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=registration_id)
    bookable = lock(bookable_id)
    reg = Registration.objects.get(pk=registration_id)  # re-read under the lock
    if reg.status in (S.CANCELLED, S.REJECTED):
        return reg, []
    held = reg.status in HOLDING
    old = reg.status
    reg.status = status
    reg.position = None
    reg.offer_expires_at = None
    reg.decided_at = now
    fields = ["status", "position", "offer_expires_at", "decided_at", "updated_at"]
    if reg.payment == PaymentState.PAID:  # its money is owed back: staff refund it and say so
        reg.payment = PaymentState.REFUND
        fields.append("payment")
    elif reg.payment == PaymentState.UNPAID:  # a reservation given back before it was paid owes nothing
        reg.payment, reg.amount, reg.currency = PaymentState.FREE, None, ""  # no price beside "free"
        fields += ["payment", "amount", "currency"]
    reg.save(update_fields=fields)
    _changed(reg, old)
    promoted: list[Registration] = []
    if held:
        _release_seat(bookable, reg.country, reg.seats)
        if pass_on:
            promoted = promote(bookable, now)
    return reg, promoted


def confirm(*, registration_id: int, now: dt.datetime | None = None) -> Registration:
    """Accept a pending application (review mode), an offer, or someone on the waiting list (the
    organisers' choice, ahead of their turn): hold a seat, or BookingError ``full``. An accepted pending
    application with no seat left goes to the waiting list when there is one; someone waiting stays
    there while no seat is free (``full``). Anything else: ``not_pending``. The organisers' function; the
    holder accepts only an offer, by :func:`offer_accept`."""
    now = now or timezone.now()
    bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=registration_id)
    bookable = lock(bookable_id)
    reg = Registration.objects.get(pk=registration_id)
    return _confirm(reg, bookable, now)


def offer_accept(*, registration_id: int, now: dt.datetime | None = None) -> Registration:
    """The holder takes the seat offered to them: only an offer (status ``offered``) can be accepted by
    its holder, checked under the bookable's lock; anything else, a pending application or a place on
    the waiting list included (the organisers' to decide, or the line's), is BookingError ``no_offer``;
    an offer past its time ``offer_expired``."""
    now = now or timezone.now()
    bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=registration_id)
    bookable = lock(bookable_id)
    reg = Registration.objects.get(pk=registration_id)
    if reg.status != S.OFFERED:
        raise BookingError(_("There is no seat offered to you to accept."), "no_offer", reg)
    return _confirm(reg, bookable, now)


def _confirm(reg: Registration, bookable: Bookable, now: dt.datetime) -> Registration:
    """:func:`confirm` under the bookable's lock, ``reg`` read under it."""
    if reg.status == S.OFFERED:
        if reg.offer_expires_at is not None and reg.offer_expires_at <= now:
            raise BookingError(_("The offer has expired."), "offer_expired", reg)
        _hold(reg, bookable, now, offer=False)
        return reg
    if reg.status == S.WAITLISTED:
        if not _take_seat(bookable, reg.country, reg.seats):
            raise BookingError(_("No seat is free yet."), "full", reg)
        _hold(reg, bookable, now, offer=False)
        return reg
    if reg.status != S.PENDING:
        raise BookingError(
            _("Only pending applications and people on the waiting list can be accepted."), "not_pending", reg
        )
    if _take_seat(bookable, reg.country, reg.seats):
        _hold(reg, bookable, now, offer=False)
    elif bookable.waitlist:
        old = reg.status
        reg.status = S.WAITLISTED
        reg.position = _next_position(bookable)
        reg.save(update_fields=["status", "position", "updated_at"])
        _changed(reg, old)
    else:
        raise BookingError(_("All seats are taken."), "full", reg)
    return reg


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Let every offer past its time pass on to the next person (a periodic job). Returns how many
    expired. Each bookable is handled in its own transaction under its lock."""
    now = now or timezone.now()
    expired = 0
    due = (
        Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    for pk in list(due):
        with transaction.atomic():
            bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=pk)
            lock(bookable_id)
            if Registration.objects.filter(pk=pk, status=S.OFFERED, offer_expires_at__lte=now).exists():
                cancel(registration_id=pk, now=now)
                expired += 1
    return expired


def held_in_the_way(capacity: int, held: int, taken: int) -> str:
    """Why ``capacity`` seats cannot hold the ``taken`` ones and the ``held`` ones together when the held
    seats are the cause (the seats alone would do): staff hold fewer seats back first. Held seats are never
    cut down silently (jury, press and guests count on them)."""
    return ngettext(
        "%(capacity)s seats cannot take the %(taken)s already taken and the %(held)s seat held back: "
        "hold fewer seats back first.",
        "%(capacity)s seats cannot take the %(taken)s already taken and the %(held)s seats held back: "
        "hold fewer seats back first.",
        held,
    ) % {"capacity": capacity, "taken": taken, "held": held}


#: resize(): leave ``held_release_at`` as it is.
KEEP: Any = object()


def resize(
    *,
    bookable_id: int,
    capacity: int | None = None,
    held: int | None = None,
    held_release_at: Any = KEEP,
    closes_at: Any = KEEP,
    now: dt.datetime | None = None,
) -> tuple[Bookable, list[Registration]]:
    """Change the seats (``capacity``) and the seats held back (``held``, jury, press, guests) under the
    lock; never below the seats already taken (BookingError ``below_taken``, its message naming the held seats
    when they are what does not fit, :func:`held_in_the_way`: they are never cut down silently); and, when
    given, the time the held seats go on sale and the time bookings close (a moved screening). Seats
    freed go to the waiting list. Returns (bookable, promoted). Must run inside ``transaction.atomic``."""
    bookable = lock(bookable_id)
    new_capacity = bookable.capacity if capacity is None else capacity
    new_held = bookable.held if held is None else held
    if new_held < 0 or (new_capacity is not None and new_capacity < 0):
        raise BookingError(_("Seats cannot be negative."), "invalid_seats")
    if new_capacity is not None and new_capacity - new_held < bookable.taken:
        if new_held and new_capacity >= bookable.taken:  # the held seats are what does not fit
            raise BookingError(held_in_the_way(new_capacity, new_held, bookable.taken), "below_taken")
        raise BookingError(
            _("%(n)s seats are already taken; seats for sale cannot go below that.") % {"n": bookable.taken},
            "below_taken",
        )
    changes: dict[str, Any] = {"capacity": new_capacity, "held": new_held}
    if held_release_at is not KEEP:
        changes["held_release_at"] = held_release_at
    if closes_at is not KEEP:
        changes["closes_at"] = closes_at
    Bookable.objects.filter(pk=bookable.pk).update(**changes)
    for name, value in changes.items():
        setattr(bookable, name, value)
    return bookable, promote(bookable, now)


def held_release(*, bookable_id: int, now: dt.datetime | None = None) -> list[Registration]:
    """Put the held seats of one bookable on sale now (its waiting list first). Idempotent: nothing held,
    nothing done. Must run inside ``transaction.atomic``."""
    bookable = lock(bookable_id)
    if not bookable.held:
        return []
    Bookable.objects.filter(pk=bookable.pk).update(held=0)
    bookable.held = 0
    return promote(bookable, now)


def held_release_due(*, now: dt.datetime | None = None) -> int:
    """Release the held seats of every bookable whose ``held_release_at`` has come (a periodic job;
    idempotent: a second run finds nothing held). Each bookable in its own transaction under its lock.
    Returns how many bookables released seats."""
    now = now or timezone.now()
    due = Bookable.objects.filter(held__gt=0, held_release_at__lte=now).values_list("pk", flat=True)
    released = 0
    for pk in list(due.order_by("pk")):
        with transaction.atomic():
            bookable = lock(pk)
            if bookable.held and bookable.held_release_at is not None and bookable.held_release_at <= now:
                held_release(bookable_id=pk, now=now)
                released += 1
    return released


def mark_paid(*, registration_id: int, now: dt.datetime | None = None) -> Registration:
    """Record the payment of a reservation (staff, or the box office at the door). Idempotent; refuses a
    free or cancelled booking (BookingError ``not_payable``)."""
    now = now or timezone.now()
    bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=registration_id)
    lock(bookable_id)
    reg = Registration.objects.get(pk=registration_id)
    if reg.payment == PaymentState.PAID:
        return reg
    if reg.payment != PaymentState.UNPAID or reg.status not in HOLDING:
        raise BookingError(_("This booking has nothing to pay."), "not_payable", reg)
    reg.payment = PaymentState.PAID
    reg.paid_at = now
    reg.save(update_fields=["payment", "paid_at", "updated_at"])
    return reg


def refunds_owed(*, bookable_id: int) -> int:
    """Every paid booking of a bookable that will not take place (a cancelled screening): its money is owed
    back (``refund``), whatever the booking's status. Returns how many."""
    return Registration.objects.filter(bookable=bookable_id, payment=PaymentState.PAID).update(
        payment=PaymentState.REFUND, updated_at=timezone.now()
    )


def mark_refunded(*, registration_id: int) -> Registration:
    """Record that a paid booking given back was refunded (staff, at the desk). Idempotent; refuses a
    booking that has no refund owed (BookingError ``not_refundable``)."""
    bookable_id = Registration.objects.values_list("bookable_id", flat=True).get(pk=registration_id)
    lock(bookable_id)
    reg = Registration.objects.get(pk=registration_id)
    if reg.payment == PaymentState.REFUNDED:
        return reg
    if reg.payment != PaymentState.REFUND:
        raise BookingError(_("No refund is owed for this booking."), "not_refundable", reg)
    reg.payment = PaymentState.REFUNDED
    reg.save(update_fields=["payment", "updated_at"])
    return reg


def counts(bookable_ids: list[int]) -> dict[int, dict[str, int]]:
    """{bookable id: {status: n}} for display (no lock)."""
    out: dict[int, dict[str, int]] = {pk: {} for pk in bookable_ids}
    rows = (
        Registration.objects.filter(bookable_id__in=bookable_ids)
        .filter(~Q(status__in=[S.CANCELLED, S.REJECTED]))
        .values_list("bookable_id", "status")
    )
    for bid, status in rows:
        out[bid][status] = out[bid].get(status, 0) + 1
    return out
