"""Request middleware of the platform; the API's door checks answer in its JSON error shape.

- RequestIdMiddleware: every request gets an id, answered in the ``X-Request-ID`` header and recorded in
  every audit entry written while it runs (with its signed-in user).
- RejectBadTextMiddleware: refuse input containing NUL characters: no text field may hold one (PostgreSQL
  cannot store it, nor compare with it), and answering at the door keeps every app's reads and writes from
  failing deep inside the database. The same for a lone UTF-16 surrogate (U+D800 to U+DFFF), which only a
  JSON escape such as ``"\ud800"`` can carry (forms are decoded with replacement characters): it is not
  Unicode text, and a record holding one could be stored but never shown (every page and export naming it
  would fail). The API answers 422 in its JSON shape; pages answer 400 with the site's
  error page naming the problem (``NulInRequest``), for the address and for form fields (URL-encoded
  and multipart, whatever the case of the Content-Type; uploaded files are binary and left to their own
  checks). An API body is read as JSON whatever its Content-Type (as the API reads it), and every string and
  key in it is checked; a body that is not JSON is left to the API's own answer.
- RejectLongUrlMiddleware: an API URL (path and query) longer than ``settings.KORKYT_MAX_URL_LENGTH`` is
  answered 414 ``{"detail", "code": "uri_too_long", "errors": [{"field": "__all__", …}]}``. The web server
  (``korkyt serve``) accepts request lines up to 8190 bytes so such URLs reach Django and get this answer
  rather than the server's own HTML page.
- ApiMiddleware: the API's own conventions at its door. An empty query-string value (``?status=``, as
  forms and tools send) counts as absent, so every filter and optional parameter falls back to its default
  and a required one is refused as missing (422, named); a request body larger than Django's
  ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (KORKYT_MAX_UPLOAD_MB) is answered 413 ``too_large``; and a method the
  address does not accept is answered 405 ``method_not_allowed`` in the JSON shape, naming the methods it
  accepts (django-ninja's own 405 is a bare text answer), with its ``Allow`` header."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse, QueryDict
from django.utils.translation import gettext as _

from korkyt.core.audit.context import REQUEST_ID_HEADER, new_request_id, origin_scope
from korkyt.core.textcheck import NUL, find_bad_text
from korkyt.core.uploads import request_too_large_message


class RequestIdMiddleware:
    """Give the request an id (``request.request_id``, the ``X-Request-ID`` answer header) and make it,
    with the request's user, the origin of the audit entries written meanwhile. The id is always made here:
    one sent by the client is not trusted (it would let anyone blur the log)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        with origin_scope(
            request_id=request_id, task_id="", task_name="", user=lambda: getattr(request, "user", None)
        ):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


class NulInRequest(BadRequest):
    """A page request whose address or form holds a NUL character; the 400 page shows ``message``."""

    @property
    def message(self) -> str:
        return _("Text may not contain NUL characters.")


class RejectBadTextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = self._problem(request)
        if problem is None:
            return self.get_response(request)
        if problem == NUL and not request.path.startswith("/api/"):
            raise NulInRequest  # Django answers it with the 400 page (handler400), in the request's language
        message = (
            _("Text may not contain NUL characters.")
            if problem == NUL
            else _("Text may not contain lone surrogates (U+D800 to U+DFFF): they are not valid Unicode.")
        )
        body = {"detail": message, "code": "invalid", "errors": [{"field": "__all__", "message": message}]}
        return JsonResponse(body, status=422, json_dumps_params={"ensure_ascii": False})

    @classmethod
    def _problem(cls, request: HttpRequest) -> str | None:
        if cls._has_nul(request):
            return NUL
        if request.path.startswith("/api/") and request.content_type != "multipart/form-data":
            return _json_text_problem(request.body)  # read as JSON whatever its Content-Type says
        return None

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or "\x00" in request.path:
            return True
        content_type = request.content_type  # lowercased by Django, which reads forms whatever their case
        if content_type == "multipart/form-data":
            if request.method != "POST":
                return False  # Django reads no form from it (nor does the API)
            # The fields only: uploaded files are binary and checked by their own validators. (No view
            # changes request.upload_handlers, so parsing the form here loses nothing.)
            return any("\x00" in value for _, values in request.POST.lists() for value in values)
        if content_type == "application/x-www-form-urlencoded":
            body = request.body
            if b"\x00" in body or b"%00" in body:
                return True
        return False


def _json_text_problem(body: bytes) -> str | None:
    """What ``body``, read as JSON the way the API reads it, holds in any string or key that no text may:
    a NUL (``NUL``) or a lone surrogate (``SURROGATE``; a pair written as two escapes is one character once
    read). A body that is not JSON is left to the API, which refuses it in its own words."""
    if not body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    found = find_bad_text(data)
    return found.problem if found else None


#: Used when the setting is absent; the request line limit of ``korkyt serve`` (gunicorn) is 8190.
DEFAULT_MAX_URL_LENGTH = 4096


class RejectLongUrlMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "KORKYT_MAX_URL_LENGTH", DEFAULT_MAX_URL_LENGTH))
        length = len(request.path) + len(request.META.get("QUERY_STRING", ""))
        if request.path.startswith("/api/") and length > limit:
            message = _("The address is too long: at most %(limit)d characters.") % {"limit": limit}
            body = {
                "detail": message,
                "code": "uri_too_long",
                "errors": [{"field": "__all__", "message": message}],
            }
            return JsonResponse(body, status=414, json_dumps_params={"ensure_ascii": False})
        return self.get_response(request)


def _api_error(status: int, code: str, detail: str) -> JsonResponse:
    body = {"detail": detail, "code": code, "errors": []}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _without_empty_values(query: QueryDict) -> QueryDict | None:
    """``query`` without its empty values (a name left with none is dropped), or None if it has none."""
    if not any(value == "" for _, values in query.lists() for value in values):
        return None
    kept = QueryDict(mutable=True, encoding=query.encoding)
    for name, values in query.lists():
        given = [value for value in values if value != ""]
        if given:
            kept.setlist(name, given)
    kept._mutable = False
    return kept


class ApiMiddleware:
    """For addresses under /api/ only (see the module's docstring). Placed after LocaleMiddleware, so its
    answers are in the request's language, and before RejectBadTextMiddleware, the first to read the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        query = _without_empty_values(request.GET)
        if query is not None:
            request.GET = query  # type: ignore[assignment]  # immutable as Django makes it
        try:
            self._read_body(request)
        except RequestDataTooBig:
            return _api_error(413, "too_large", request_too_large_message())
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed):
            return self._not_allowed(request, response)
        return response

    @staticmethod
    def _read_body(request: HttpRequest) -> None:
        """Read the body as the API will (a multipart form streamed, its files to disk; any other body
        whole), so that one past Django's limit raises here rather than as a 400 deeper in."""
        if request.content_type == "multipart/form-data":
            if request.method == "POST":
                request.POST  # noqa: B018 - parsed (and cached) for its size check
        else:
            request.body  # noqa: B018 - read (and cached) for its size check

    @staticmethod
    def _not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        allowed = sorted({m.strip() for m in response.get("Allow", "").split(",") if m.strip()})
        detail = _("This address does not accept %(method)s; it accepts %(allowed)s.") % {
            "method": request.method,
            "allowed": ", ".join(allowed),
        }
        answer = _api_error(405, "method_not_allowed", detail)
        answer["Allow"] = ", ".join(allowed)
        return answer


__all__ = [
    "DEFAULT_MAX_URL_LENGTH",
    "ApiMiddleware",
    "RejectBadTextMiddleware",
    "RejectLongUrlMiddleware",
    "RequestIdMiddleware",
]
