"""What the festival keeps about a person (accounts.personal_data): their screening tickets and starred
screenings in their export; and, when they delete their account, a refusal while they sit on a jury or the
selection committee (their votes and reviews decide for others)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from korkyt.events.models import Registration
from korkyt.festival.models import CommitteeMember, JuryMember
from korkyt.festival.programme.models import Screening, ScreeningStar
from korkyt.festival.programme.tickets import screening_title


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def _screening(screening: Screening, language: str) -> dict[str, Any]:
    return {
        "screening": screening.pk,
        "film": screening_title(screening, language),
        "starts_at": _when(screening.starts_at),
        "state": screening.state,
    }


def tickets_export(user: Any) -> list[dict[str, Any]]:
    screenings = {
        s.bookable_id: s
        for s in Screening.objects.filter(bookable__registrations__user=user.pk).select_related(
            "submission__film"
        )
    }
    rows = Registration.objects.filter(user=user.pk, bookable_id__in=list(screenings)).order_by("created_at")
    return [
        {
            **_screening(screenings[r.bookable_id], user.language),
            "status": r.status,
            "seats": r.seats,
            "payment": r.payment,
            "amount": str(r.amount) if r.amount is not None else None,
            "currency": r.currency,
            "booked_at": _when(r.created_at),
        }
        for r in rows
    ]


def stars_export(user: Any) -> list[dict[str, Any]]:
    stars = ScreeningStar.objects.filter(user=user.pk).select_related("screening__submission__film")
    return [_screening(star.screening, user.language) for star in stars]


def juries_leave(user: Any) -> None:
    if (
        JuryMember.objects.filter(user=user.pk).exists()
        or CommitteeMember.objects.filter(user=user.pk).exists()
    ):
        raise ValidationError(
            {
                "__all__": _(
                    "You sit on a festival jury or selection committee: ask the festival team to take you "
                    "off it before deleting your account."
                )
            }
        )
