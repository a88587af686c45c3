"""One error shape for every 4xx answer of the API, and helpers to build it.

{"detail": "Validation failed.", "code": "invalid",
 "errors": [{"field": "valid_until", "message": "must be after the signing date"}]}

A write refused because the row changed since the client read it (``core.concurrency.StaleError``) is a
409 with code ``stale`` and, where the service gives it, ``current``: the row as it is now.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Field, Schema


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    code: str
    errors: list[FieldError] = []


class StaleOut(ErrorOut):
    """409 `stale`: the row changed after the client read the `version` it sent; nothing was written."""

    current: dict[str, Any] | None = Field(
        None, description="the row as it is now: its `version` and what the client edits (for a cue, `text`)"
    )


#: The error answers every endpoint declares beside its success: ``response={200: FilmOut, **ERRORS}``.
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
#: … and an endpoint that takes a ``version`` (``response={200: CueOut, **ERRORS, **STALE}``).
STALE: dict[int, Any] = {409: StaleOut}


def field_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Flatten a Django ValidationError into [{"field", "message"}]; non-field errors use field "__all__"."""
    items: list[dict[str, str]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = "__all__" if field == NON_FIELD_ERRORS else field
            items.extend({"field": name, "message": str(message)} for message in errors)
    else:
        items.extend({"field": "__all__", "message": str(message)} for message in exc.messages)
    return items


def error_body(detail: str, code: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"detail": str(detail), "code": code, "errors": errors or []}


class MappedPage:
    """A queryset seen through a function, for API pagination: only the requested slice is mapped.

    django-ninja's paginators slice what the endpoint returns and count it with ``len()``; returning
    ``MappedPage(queryset, to_schema)`` makes them count in SQL and build schemas for one page only.
    """

    def __init__(self, queryset: Any, mapper: Any) -> None:
        self.queryset = queryset
        self.mapper = mapper

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.mapper(row) for row in self.queryset[item]]
