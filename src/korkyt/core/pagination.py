"""API pagination with bounded numbers (an offset past what any database can address is a 422, not a 500)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1  # the largest id a row can have (64-bit keys)


def check_id(value: int) -> int:
    """An id no database row can have is simply not found (a 404, not a database overflow)."""
    if not 1 <= value <= MAX_ID:
        raise Http404
    return value


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_LIMIT,
            description="How many items to return.",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")
