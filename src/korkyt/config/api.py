"""The HTTP API: one NinjaAPI that mounts each app's router, with one error shape for every 4xx."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from korkyt import __version__
from korkyt.accounts.api import router as accounts_router
from korkyt.accounts.auth import API_AUTH
from korkyt.catalogue.api import router as catalogue_router
from korkyt.coproduction.api import router as coproduction_router
from korkyt.core.concurrency import StaleError
from korkyt.core.errors import error_body, field_errors
from korkyt.core.jobs.api import router as jobs_router
from korkyt.core.ratelimit import RateLimited, json_429
from korkyt.core.uploads import request_too_large_message
from korkyt.events.api import router as events_router
from korkyt.festival.api import router as festival_router
from korkyt.institutions.api import router as institutions_router
from korkyt.localization.api import router as localization_router
from korkyt.localization.dubbing.api import router as dubbing_router
from korkyt.search.api import router as search_router

api = NinjaAPI(
    title="Korkyt API",
    version=__version__,
    description=(
        "The open API of the Turkic film cooperation network. Reads are public; writes need a personal "
        "API token (`Authorization: Bearer kt_…`) or a signed-in browser session. Every 4xx answer has "
        "the shape `{detail, code, errors: [{field, message}]}`."
    ),
    auth=API_AUTH,  # type: ignore[arg-type]
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


_SOURCES = ("body", "query", "path", "form", "file", "header", "cookie")


def _loc(loc: list[object]) -> str:
    """The field a schema error is about: the request part ("body", "file"…) and the body parameter's own
    name are dropped, but never a field that happens to share a part's name (an upload called ``file``)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body" and parts[:1] == ["payload"]:
            parts = parts[1:]
    return ".".join(parts) or "__all__"


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type")
    if kind == "extra_forbidden":
        return _("This field is not known; check its spelling.")
    if kind == "missing":
        return _("This field is required.")
    return str(error.get("msg", ""))


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [{"field": _loc(list(e.get("loc", []))), "message": _message(e)} for e in exc.errors]
    return api.create_response(
        request, error_body(_("The request is not valid."), "invalid", errors), status=422
    )


#: A service's refusal answered with another status than 422, by its ValidationError code.
STATUS_BY_CODE = {
    "stale": 409,  # core.concurrency: the row changed since the client read it
}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    groups = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    code = next((str(e.code) for group in groups for e in group if e.code in STATUS_BY_CODE), None)
    if code is not None:
        body = error_body(exc.messages[0], code, field_errors(exc))
        if isinstance(exc, StaleError) and exc.current is not None:  # the row as it is now
            body["current"] = exc.current
        return api.create_response(request, body, status=STATUS_BY_CODE[code])
    return api.create_response(
        request, error_body(_("The request is not valid."), "invalid", field_errors(exc)), status=422
    )


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return api.create_response(
            request, error_body(_("Sign in or send an API token."), "unauthorized"), status=401
        )
    return api.create_response(
        request, error_body(str(exc) or _("You may not do this."), "forbidden"), status=403
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body(_("Not found."), "not_found"), status=404)


@api.exception_handler(AuthenticationError)
def on_unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc.message) if getattr(exc, "message", None) else _("Sign in or send an API token.")
    return api.create_response(request, error_body(message, "unauthorized"), status=401)


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return json_429(exc)


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """Seldom reached: core.middleware.ApiMiddleware reads the body first and answers the same 413."""
    return api.create_response(request, error_body(request_too_large_message(), "too_large"), status=413)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        429: "rate_limited",
    }
    return api.create_response(
        request, error_body(str(exc.message), codes.get(exc.status_code, "error")), status=exc.status_code
    )


api.add_router("/", search_router)  # first: the busiest endpoint is matched before the others
api.add_router("/", accounts_router)
api.add_router("/", institutions_router)
api.add_router("/", catalogue_router)
api.add_router("/", localization_router)
api.add_router("/", dubbing_router)
api.add_router("/", coproduction_router)
api.add_router("/", jobs_router)
api.add_router("/", events_router)
api.add_router("/", festival_router)
