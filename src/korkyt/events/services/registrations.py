"""Registrations: the participant's booking, cancellation and offer, the organisers' decisions. Bookings
go through the generic engine in korkyt.events.booking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.accounts.rules import memberships
from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error, raise_errors, require_perm
from korkyt.events import booking, notifications, selectors
from korkyt.events.models import (
    Audience,
    Event,
    EventStatus,
    FormKind,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from korkyt.events.services.followup import check_files, files_store

S = RegistrationStatus


def _holder(actor: Actor, registration: Registration) -> bool:
    """Whether ``actor`` is the account holding the registration (a box-office sale has none)."""
    return registration.user_id is not None and registration.user_id == getattr(actor, "pk", None)


def _clean_answers(
    event: Event, answers: Mapping[str, Any], errors: Errors, form: str = FormKind.REGISTRATION
) -> tuple[dict[str, Any], str]:
    """The answers keyed by question id, checked against the form; and the country answered, if any."""
    clean: dict[str, Any] = {}
    country = ""
    questions = {str(q.pk): q for q in event.questions.all() if q.form == form}
    for key in answers:
        if str(key) not in questions:
            add_error(errors, f"answers.{key}", _("No such question in this form."))
    for key, q in questions.items():
        value = answers.get(key, answers.get(int(key)) if key.isdigit() else None)  # type: ignore[call-overload]
        name = f"answers.{key}"
        empty = value in (None, "", [], False)
        if empty:
            if q.required:
                add_error(errors, name, _("This answer is required."))
            continue
        if q.kind in (QuestionKind.TEXT, QuestionKind.LONG_TEXT, QuestionKind.FILE):
            if not isinstance(value, str) or len(value) > (500 if q.kind == QuestionKind.TEXT else 10_000):
                add_error(errors, name, _("Give a text of reasonable length."))
                continue
        elif q.kind == QuestionKind.SINGLE:
            if value not in q.choices:
                add_error(errors, name, _("Choose one of the options."))
                continue
        elif q.kind == QuestionKind.MULTIPLE:
            if not isinstance(value, list) or any(v not in q.choices for v in value):
                add_error(errors, name, _("Choose among the options."))
                continue
        elif q.kind == QuestionKind.COUNTRY:
            if not isinstance(value, str) or value.upper() not in countries:
                add_error(errors, name, _("Choose a country."))
                continue
            value = value.upper()
            country = country or value
        elif q.kind == QuestionKind.CONSENT and value is not True:
            add_error(errors, name, _("Tick the box to agree."))
            continue
        clean[key] = value
    return clean, country


def _home_country(user: Any) -> str:
    """The country of the user's first institution (for quotas when the form asks none)."""
    from korkyt.institutions.models import Institution

    ids = sorted(memberships(user))
    if not ids:
        return ""
    return str(Institution.objects.filter(pk=ids[0]).values_list("country", flat=True).first() or "")


def registration_create(
    *,
    actor: Actor,
    event: Event,
    answers: Mapping[str, Any] | None = None,
    files: Mapping[str, UploadedFile] | None = None,
) -> Registration:
    """Register ``actor`` for ``event`` through the booking engine: confirmed, pending or waitlisted, or a
    BookingError with its code (``already_registered``, ``registration_closed``, ``full``,
    ``country_quota_full``, ``not_published``, ``invited_only``)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to register."))
    if event.status != EventStatus.PUBLISHED:
        raise booking.BookingError(_("This event is not open for registration."), "not_published")
    if selectors.event_over(event.bookable_id):  # no closing time set: closed once the last session ended
        raise booking.BookingError(_("Registration is closed."), "registration_closed")
    if event.audience == Audience.INVITED:
        raise booking.BookingError(_("This event is by invitation only."), "invited_only")
    if event.audience == Audience.PROFESSIONALS and not memberships(actor):
        raise booking.BookingError(
            _("This event is for professionals of the member institutions."), "professionals_only"
        )
    errors: Errors = {}
    given = {**(answers or {}), **{k: f.name for k, f in (files or {}).items()}}
    clean, country = _clean_answers(event, given, errors)
    check_files(event, files or {}, FormKind.REGISTRATION, errors)
    raise_errors(errors)
    with transaction.atomic():
        reg = booking.book(
            bookable_id=event.bookable_id, user=actor, country=country or _home_country(actor), answers=clean
        )
        files_store(registration=reg, files=files or {})
        notifications.send_on_commit(reg)
    return reg


def registration_cancel(*, actor: Actor, registration: Registration) -> list[Registration]:
    """The participant (or an organiser) cancels; the freed seat goes to the waiting list. Refused
    (``event_over``) once the event is over: nobody could take the seat any more; and to the participant
    (``checked_in``) once their ticket was checked in."""
    manager = selectors.bookable_manageable(actor, registration.bookable_id)
    if not _holder(actor, registration) and not manager:
        raise PermissionDenied(_("You may not do this."))
    live = registration.status not in (S.CANCELLED, S.REJECTED)
    if live and selectors.event_over(registration.bookable_id):
        raise booking.BookingError(
            _("The event is over: a registration to it can no longer be cancelled."), "event_over"
        )
    with transaction.atomic():
        booking.lock(registration.bookable_id)
        if live and not manager and selectors.checked_in(registration.pk):
            # the holder is inside: giving the seat back would sell it twice (organisers may still free
            # it, for someone who left)
            raise booking.BookingError(
                _("This ticket was checked in: its seat can no longer be given back."), "checked_in"
            )
        _reg, promoted = booking.cancel(
            registration_id=registration.pk, pass_on=selectors.seat_passes_on(registration.bookable_id)
        )
    return promoted


def registration_delete(*, actor: Actor, registration: Registration) -> str:
    """The participant deletes their own registration: a live one is cancelled first (its seat goes to the
    waiting list), then the registration and every answer and file go. Someone who attended (checked in
    or certified) keeps the bare attendance record, status included (the certificate others may verify),
    with every answer and file erased; so does a paid booking (the money owed back or refunded stays on
    the box office's books). Returns ``"deleted"`` or ``"erased"``. Only the participant."""
    from korkyt.core.audit import audit_log

    if not _holder(actor, registration):
        raise PermissionDenied(_("You may not do this."))
    with transaction.atomic():
        audit_log(obj=registration.bookable.event, action="events.registration.delete", actor=actor)
        return _give_back_and_forget(registration)


def _give_back_and_forget(registration: Registration) -> str:
    """Forget a registration: one that attended keeps its bare record (status included); so does a paid
    one once what it books is over (a screening that started: it stays paid, as its holder could no longer
    have given it back). Any other is cancelled (its seat to the waiting list, or to nobody once what it
    books is over), then deleted, or kept bare when money changed hands (a paid booking becomes money owed
    back). Every answer and file of a kept record is erased. ``"deleted"`` or ``"erased"``."""
    from korkyt.events.models import Certificate, PaymentState
    from korkyt.events.services.followup import files_delete
    from korkyt.events.services.reminders import _erase_one

    attended = (
        selectors.checked_in(registration.pk)
        or Certificate.objects.filter(registration=registration.pk).exists()
    )
    if attended:
        _erase_one(registration, timezone.now())
        return "erased"
    over = selectors.event_over(registration.bookable_id)
    if over and Registration.objects.filter(pk=registration.pk, payment=PaymentState.PAID).exists():
        # it held its seat until the start, as its holder could no longer give it back: it stays paid,
        # nothing is owed back, only the person's data go
        _erase_one(Registration.objects.get(pk=registration.pk), timezone.now())
        return "erased"
    reg, _promoted = booking.cancel(registration_id=registration.pk, pass_on=not over)
    if reg.payment in (PaymentState.PAID, PaymentState.REFUND, PaymentState.REFUNDED):
        _erase_one(reg, timezone.now())
        return "erased"
    files_delete(registration=reg)
    Registration.objects.filter(pk=reg.pk).delete()
    return "deleted"


def registrations_leave(user: Any) -> None:
    """The person deletes their account (accounts.personal_data): every booking of theirs, event seats and
    screening tickets alike, is given back and forgotten as by :func:`registration_delete`; a kept record
    (attended, paid) stays without its answers and, once the account is gone, without the person."""
    for registration in Registration.objects.filter(user=user.pk).order_by("pk"):
        _give_back_and_forget(registration)


def registration_offer_accept(*, actor: Actor, registration: Registration) -> Registration:
    """The holder accepts the seat offered to them (a freed seat with ``offer_hours``). Only an offer:
    a pending application waits for the organisers' decision and a place on the waiting list for its
    turn (BookingError ``no_offer``, decided under the bookable's lock); :func:`registrations_decide` is
    the organisers' way to accept those."""
    if not _holder(actor, registration):
        raise PermissionDenied(_("You may not do this."))
    with transaction.atomic():
        return booking.offer_accept(registration_id=registration.pk)


DECISIONS = ("accept", "reject", "shortlist", "unshortlist")


@dataclass
class Decisions:
    """What a bulk decision did: the registrations decided, and those refused with readable reasons."""

    done: list[Registration] = field(default_factory=list)
    refused: list[tuple[Registration, list[str]]] = field(default_factory=list)

    def messages(self) -> list[str]:
        """One line per refusal, naming the person: "Aida Bekova: All seats are taken."."""
        return [f"{reg.holder_label}: {' '.join(reasons)}" for reg, reasons in self.refused]


def registrations_decide(*, actor: Actor, event: Event, ids: Iterable[int], decision: str) -> Decisions:
    """Organisers' bulk decision, each registration on its own (one refused does not undo the others):
    accept a pending application (a seat, or the waiting list when full) or someone on the waiting list
    (a seat when one is free), reject (frees a held seat for the waiting list of a published event),
    shortlist or unshortlist. Refusals (no seat, nothing to accept) come back with their reasons."""
    require_perm(actor, "events.manage_registrations", event)
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Unknown decision.")]})
    out = Decisions()
    for pk in sorted(set(ids)):
        reg = Registration.objects.filter(pk=pk, bookable=event.bookable_id).first()
        if reg is None:
            continue
        try:
            with transaction.atomic():
                reg = _decide(event, reg, decision)
        except booking.BookingError as exc:
            out.refused.append((exc.registration or reg, list(exc.messages)))
        else:
            out.done.append(reg)
    return out


def _decide(event: Event, reg: Registration, decision: str) -> Registration:
    if decision == "accept":
        if reg.status not in (S.PENDING, S.WAITLISTED):
            raise booking.BookingError(
                _("Only pending applications and people on the waiting list can be accepted."),
                "not_pending",
                reg,
            )
        return booking.confirm(registration_id=reg.pk)
    if decision == "reject":
        if reg.status in (S.CANCELLED, S.REJECTED):
            raise booking.BookingError(
                _("This registration is already cancelled or declined."), "not_live", reg
            )
        reg, _promoted = booking.cancel(
            registration_id=reg.pk, status=S.REJECTED, pass_on=event.status == EventStatus.PUBLISHED
        )
        return reg
    reg.shortlisted = decision == "shortlist"
    reg.save(update_fields=["shortlisted", "updated_at"])
    return reg


def offers_expire() -> int:
    """The periodic job: offers past their time pass on to the next person."""
    return booking.offers_expire()
