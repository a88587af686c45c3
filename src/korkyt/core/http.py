"""Reading one record for a page or an API endpoint: what the viewer may not see is a 404; sending a private
file (as an attachment or inline, with byte ranges for players that seek); the way back a page was given."""

from __future__ import annotations

import os
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import url_has_allowed_host_and_scheme

from korkyt.core.pagination import MAX_ID, check_id

M = TypeVar("M", bound=models.Model)

_ID_LOOKUPS = ("pk", "id")


def local_next(request: HttpRequest | None, url: object) -> str:
    """``url`` when it is a way back on this site (a path from the site's root, or an address on the
    request's own host, over HTTPS when the request came so), else "": never another site's address (an
    open redirect), nor a relative one ("²", "page"), which ``redirect`` would take for a view's name."""
    if request is None or not isinstance(url, str) or not url.startswith(("/", "http://", "https://")):
        return ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


def _is_id_lookup(name: str) -> bool:
    last = name.rsplit("__", 1)[-1]
    return last in _ID_LOOKUPS or last.endswith("_id")


def id_from(raw: object) -> int | None:
    """An id given as text (a query string, a form field, a CSV cell): its number when it is one a row can
    have (ASCII digits only, 1 to 2**63 - 1), else None. ``str.isdigit`` alone lets "²" or "١" through,
    which ``int`` then refuses or reads, and an id past 64 bits overflows the database."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def whole_number(raw: object) -> int | None:
    """A non-negative whole number given as text in ASCII digits (at most 9 of them), else None."""
    if not isinstance(raw, str) or not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def decimal_from(raw: object) -> Decimal | None:
    """A finite number given as text ("1500", "2.50", " 7 "; at most 50 characters), an int, a float or a
    Decimal; None for anything else. ``Decimal`` reads "NaN", "sNaN" and "Infinity", which no comparison
    (InvalidOperation on a NaN), rounding or column takes: they are None here too. A caller that allows a
    decimal comma replaces it first."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int | float | str):
        text = str(raw).strip()
        if not text or len(text) > 50:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return value if value.is_finite() else None


def _beyond_column(model: type[models.Model], name: str, value: int) -> bool:
    """Whether ``value`` lies outside what the integer column ``name`` names (a relation: its target's
    column; ``edition.number``, ``submission=…``) can hold on this database, so no row has it."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import connection

    parts = name.split("__")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] != "exact"):
        return False
    try:
        field: Any = model._meta.get_field(parts[0])
    except FieldDoesNotExist:
        return False
    if field.is_relation and getattr(field, "target_field", None) is not None:
        field = field.target_field
    try:
        low, high = connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # not an integer column
        return False
    return (low is not None and value < low) or (high is not None and value > high)


def get_visible_or_404(queryset: models.QuerySet[M], /, **lookups: Any) -> M:
    """The one row of ``queryset`` (a selector's queryset, already scoped to the viewer) matching
    ``lookups``; Http404 when there is none, also for an id no row can have (past 64 bits, zero, negative)
    or a number past its column's range (``submission=2**63``, ``number=2**40``) instead of a database
    overflow."""
    for name, value in lookups.items():
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if _is_id_lookup(name):
            check_id(value)
        elif _beyond_column(queryset.model, name, value):
            raise Http404
    found = queryset.filter(**lookups).first()
    if found is None:
        raise Http404
    return found


class _Slice:
    """``length`` bytes of ``file`` from ``start``: what a 206 answer streams (read in blocks; no ``fileno``,
    so a server's sendfile cannot send past the range)."""

    def __init__(self, file: Any, start: int, length: int) -> None:
        self.file, self.left = file, length
        file.seek(start)

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return bytes(data)

    def close(self) -> None:
        self.file.close()


def _size(file: Any) -> int | None:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return int(end)


#: ASCII digits only, at most 19 (past any file's size; ``int`` refuses thousands of digits, and reads
#: other scripts' digits): a header asking for more is malformed, so ignored.
_RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$", re.ASCII)


def byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """The one byte range ``header`` asks of a file of ``size`` bytes, as ``(first, last)`` inclusive; None
    when the header is to be ignored (absent, malformed, several ranges: the whole file is sent, as RFC 9110
    allows; also numbers of more than 19 digits or not in ASCII); False when the range cannot be satisfied
    (416)."""
    match = _RANGE.match(header.strip().replace(" ", "")) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return False
        return max(size - suffix, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignored
    if start >= size:
        return False
    return start, min(int(last) if last else size - 1, size - 1)


def _file_response(
    file: Any,
    filename: str,
    content_type: str,
    wanted: tuple[int, int] | bool | None,
    *,
    size: int | None,
    inline: bool,
) -> HttpResponseBase:
    """The answer for ``wanted`` (see ``byte_range``); it owns ``file`` (and closes it) unless it raises."""
    if wanted is False:
        file.close()
        refusal = HttpResponse(status=416, content_type=content_type)
        refusal["Content-Range"] = f"bytes */{size}"
        return refusal
    if isinstance(wanted, tuple):
        first, last = wanted
        response = FileResponse(
            _Slice(file, first, last - first + 1),
            status=206,
            as_attachment=not inline,
            filename=filename,
            content_type=content_type,
        )
        response["Content-Length"] = str(last - first + 1)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        return response
    return FileResponse(file, as_attachment=not inline, filename=filename, content_type=content_type)


def private_download(
    file: Any,
    filename: str,
    content_type: str,
    *,
    request: HttpRequest | None = None,
    inline: bool = False,
) -> HttpResponseBase:
    """A file the viewer may read: its stated type (never sniffed by the browser), the uploader's file name,
    kept out of shared caches; as an attachment, or ``inline`` (played in the page).

    With ``request`` it answers byte ranges (``Range: bytes=…``, so a video or audio player can seek): 206
    Partial Content with ``Content-Range`` for one satisfiable range, 416 with ``Content-Range: bytes */size``
    for a range past the end, the whole file (200) for no range, several ranges, a malformed header or an
    ``If-Range`` (nothing here can be validated against it). The caller checks who may read the file first."""
    try:
        size = _size(file) if request is not None else None
        wanted: tuple[int, int] | bool | None = None
        if (
            request is not None
            and size is not None
            and request.method in ("GET", "HEAD")
            and not request.headers.get("If-Range")
        ):
            wanted = byte_range(request.headers.get("Range", ""), size)
        response = _file_response(file, filename, content_type, wanted, size=size, inline=inline)
    except BaseException:
        file.close()  # no answer owns it
        raise
    if size is not None:
        response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
