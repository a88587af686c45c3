"""The search page and the as-you-type suggestions (an htmx fragment; the page works without it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from korkyt.catalogue.models import FilmKind
from korkyt.catalogue.preferences import preferred_script
from korkyt.core.languages import request_language
from korkyt.search.results import search_results

QUERY_MAX = 200


def _results(request: HttpRequest, limit: int, **filters: Any) -> tuple[str, list[object]]:
    q = (request.GET.get("q") or "").strip()[:QUERY_MAX]
    if not q:
        return q, []
    found = search_results(
        user=request.user,
        q=q,
        limit=limit,
        viewer_language=request_language(),
        script=preferred_script(request),
        **filters,
    )
    return q, list(found)


def search_page(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    type_ = request.GET.get("type") or None
    if kind not in FilmKind.values:
        kind = None
    if type_ not in ("film", "person"):
        type_ = None
    # a kind narrows films: searching for people, it is not used, and the page says so
    unused_kind = type_ == "person" and kind is not None
    q, results = _results(request, 50, kind=None if unused_kind else kind, type=type_)
    return render(
        request,
        "search/search.html",
        {
            "q": q,
            "results": results,
            "kind": kind,
            "type": type_,
            "kinds": FilmKind.choices,
            "unused_kind": unused_kind,
        },
    )


def suggest(request: HttpRequest) -> HttpResponse:
    q, results = _results(request, 8)
    return render(request, "search/_suggestions.html", {"q": q, "results": results})
