"""Reads on accounts, scoped to the asking user."""

from __future__ import annotations

from django.db.models import QuerySet

from korkyt.accounts.models import ApiToken, Membership, User


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def membership_list(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("institution").order_by("institution__code")
