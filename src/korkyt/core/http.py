"""Reading one record for a page or an API endpoint: what the viewer may not see is a 404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import FileResponse, Http404

from korkyt.core.pagination import check_id

M = TypeVar("M", bound=models.Model)

_ID_LOOKUPS = ("pk", "id")


def _is_id_lookup(name: str) -> bool:
    last = name.rsplit("__", 1)[-1]
    return last in _ID_LOOKUPS or last.endswith("_id")


def get_visible_or_404(queryset: models.QuerySet[M], /, **lookups: Any) -> M:
    """The one row of ``queryset`` (a selector's queryset, already scoped to the viewer) matching
    ``lookups``; Http404 when there is none, also for an id no row can have (past 64 bits, zero, negative)
    instead of a database overflow."""
    for name, value in lookups.items():
        if _is_id_lookup(name) and isinstance(value, int) and not isinstance(value, bool):
            check_id(value)
    found = queryset.filter(**lookups).first()
    if found is None:
        raise Http404
    return found


def private_download(file: Any, filename: str, content_type: str) -> FileResponse:
    """A file the viewer may read, sent as an attachment: its stated type (never sniffed by the browser),
    the uploader's file name, and kept out of shared caches."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
