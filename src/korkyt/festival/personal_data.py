"""What deleting an account does to the festival's part (accounts.personal_data): a refusal while the person
sits on a jury or the selection committee (their votes and reviews decide for others). The person's tickets
and starred screenings for their export are read in festival.programme.selectors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from korkyt.festival.models import CommitteeMember, JuryMember


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
