"""*Films we catalogue* (``/staff/films/``): every film of the institutions the person edits (every film
for a platform administrator), drafts first, then the last changed; filtered by status and institution and
found by title in any script or spelling (the site's search), 50 a page. *My work* shows the first ten and
links here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from korkyt.catalogue.models import FilmStatus
from korkyt.catalogue.preferences import preferred_script
from korkyt.catalogue.selectors import film_title, films_catalogued
from korkyt.core.languages import request_language
from korkyt.institutions import selectors as institution_selectors
from korkyt.search import selectors as search_selectors

PAGE_SIZE = 50
#: The most films a title search narrows to (the search's own ceiling).
FOUND_MAX = 100


@login_required
def films(request: HttpRequest) -> HttpResponse:
    user = request.user
    qs = films_catalogued(user)
    language, script = request_language(), preferred_script(request)
    owners = [  # (code, short name in the reader's language)
        (str(i.code), institution_selectors.institution_texts(i, language)[1])
        for i in institution_selectors.institution_editable(user=user)
    ]
    if not owners:  # nobody's films to list: the page is not there for them
        raise Http404
    status = request.GET.get("status") or ""
    if status in FilmStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    owner = request.GET.get("owner") or ""
    if owner and owner in {code for code, _name in owners}:
        qs = qs.filter(owner__code=owner)
    else:
        owner = ""
    q = (request.GET.get("q") or "").strip()[:200]
    if q:
        found = [h.id for h in search_selectors.search(user=user, q=q, type="film", limit=FOUND_MAX)]
        rank = {pk: n for n, pk in enumerate(found)}
        rows: Any = sorted(qs.filter(pk__in=found).prefetch_related("titles"), key=lambda f: rank[f.pk])
    else:
        rows = qs.prefetch_related("titles")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/films.html",
        {
            "page": page,
            "films": [{"obj": f, "title": film_title(f, language, script)} for f in page],
            "count": page.paginator.count,
            "statuses": FilmStatus.choices,
            "status": status,
            "owners": owners if len(owners) > 1 else [],
            "owner": owner,
            "q": q,
            "filtered": bool(status or owner or q),
            "any_film": films_catalogued(user).exists(),
            "can_add_film": user.has_perm("catalogue.add_film"),
        },
    )
