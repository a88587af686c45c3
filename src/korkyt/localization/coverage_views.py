"""Workbench page: subtitle and dubbing coverage per film, memorandum and country pair, with the heatmap."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext

from korkyt.core.countries import country_name
from korkyt.core.labels import language_label
from korkyt.core.languages import request_language
from korkyt.core.numbers import percent
from korkyt.institutions.models import Memorandum
from korkyt.institutions.selectors import memorandum_title
from korkyt.localization import coverage as coverage_selectors
from korkyt.localization import selectors
from korkyt.localization.labels import _film_label

COVERAGE_PAGE_SIZE = 50


def coverage(request: HttpRequest) -> HttpResponse:
    films = coverage_selectors.coverage_films(user=request.user)
    page = Paginator(films, COVERAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    prefetch_related_objects(shown, "titles")  # the rows shown are labelled by title
    # the totals and the heatmap count every film (in the database); rows are built for the page only
    data = coverage_selectors.coverage(user=request.user, films=films, rows_for=shown)
    orderable = set(
        selectors.orderable_films(user=request.user)
        .filter(pk__in=[f.pk for f in shown])
        .values_list("pk", flat=True)
    )
    sources: dict[int, int] = {}
    for track in selectors.track_list(user=request.user).filter(film_id__in=[f.pk for f in shown]):
        sources.setdefault(track.film_id, track.pk)
    rows = []
    for row in data.rows:
        cells = []
        for (lang, status, job_id), dub in zip(row.cells, row.dubs, strict=True):
            if job_id:
                url = reverse("localization:job_editor", args=[job_id])
            elif status != "missing":
                url = reverse("localization:film_tracks", args=[row.film.pk])
            elif row.film.pk in orderable and row.film.pk in sources:
                url = (
                    reverse("localization:track_detail", args=[sources[row.film.pk]])
                    + f"?target={lang}#order"
                )
            elif row.film.pk in orderable:
                url = reverse("localization:track_upload") + f"?film={row.film.pk}"
            else:
                url = ""
            cells.append({"lang": lang, "status": status, "url": url, "dub": dub})
        rows.append({"film": row.film, "title": _film_label(row.film), "cells": cells})
    return render(
        request,
        "localization/coverage.html",
        {
            "heatmap": _heatmap(data.pairs),
            "languages": [(lang, language_label(lang)) for lang in data.languages],
            "rows": rows,
            "page": page,
            "totals": [(lang, data.totals.get(lang, {})) for lang in data.languages],
            "pairs": [
                {**p, "from_name": country_name(p["from"]), "to_name": country_name(p["to"])}
                for p in data.pairs
            ],
            "memoranda": _coverage_memoranda(data.memoranda),
        },
    )


def _coverage_memoranda(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The per-memorandum rows with each memorandum's title in the page's language (not its number)."""
    language = request_language()
    found = {
        m.pk: m
        for m in Memorandum.objects.filter(pk__in=[r["memorandum_id"] for r in rows]).prefetch_related(
            "translations", "party_links__institution"
        )
    }
    out = []
    for row in rows:
        memo = found.get(row["memorandum_id"])
        out.append({**row, "title": memorandum_title(memo, language) if memo else None})
    return out


HEATMAP_COUNTRIES = ("AZ", "KZ", "KG", "TM", "TR", "UZ")
# Five steps that can be told apart (and a hatched grey for "no film"): 0 % is its own pale colour, any
# share above it at least a clear green; dark steps carry white figures so that each keeps its contrast.
HEATMAP_STEPS = (
    (0, "#eceff3", "#1d2430"),
    (1, "#c7e9c0", "#1d2430"),
    (25, "#86c98a", "#1d2430"),
    (50, "#2f8f4e", "#ffffff"),
    (75, "#14532d", "#ffffff"),
)
_HM_LEFT, _HM_TOP, _HM_W, _HM_H, _HM_GAP = 150, 110, 64, 34, 4


def _heatmap_step(share: int) -> tuple[str, str]:
    fill, ink = HEATMAP_STEPS[0][1:]
    for floor, step_fill, step_ink in HEATMAP_STEPS:
        if share >= floor:
            fill, ink = step_fill, step_ink
    return fill, ink


def _heatmap(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Cells of the country-pair heatmap: share of films with subtitles available, 0–100 %, a film counted
    once per pair (whichever script); countries named in the interface language."""
    by_pair = {(p["from"], p["to"]): p for p in pairs}
    names = {code: country_name(code) for code in HEATMAP_COUNTRIES}
    cells = []
    for row, source in enumerate(HEATMAP_COUNTRIES):
        for col, target in enumerate(HEATMAP_COUNTRIES):
            if source == target:
                continue
            counts = by_pair.get((source, target))
            total = sum(counts[k] for k in ("available", "in_progress", "missing")) if counts else 0
            share = round(100 * counts["available"] / total) if counts and total else 0
            progress = round(100 * counts["in_progress"] / total) if counts and total else 0
            fill, ink = _heatmap_step(share)
            cells.append(
                {
                    "x": _HM_LEFT + col * (_HM_W + _HM_GAP),
                    "y": _HM_TOP + row * (_HM_H + _HM_GAP),
                    "fill": fill,
                    "ink": ink,
                    "share": share,
                    "label": percent(share),
                    "title": ngettext(
                        "%(source)s → %(target)s: %(share)s available, %(progress)s in progress, "
                        "%(total)s film",
                        "%(source)s → %(target)s: %(share)s available, %(progress)s in progress, "
                        "%(total)s films",
                        total,
                    )
                    % {
                        "source": names[source],
                        "target": names[target],
                        "share": percent(share),
                        "progress": percent(progress),
                        "total": total,
                    },
                    "empty": total == 0,
                }
            )
    countries = []
    for i, code in enumerate(HEATMAP_COUNTRIES):
        column_x = _HM_LEFT + i * (_HM_W + _HM_GAP) + _HM_W // 2
        row_y = _HM_TOP + i * (_HM_H + _HM_GAP) + _HM_H // 2 + 4
        countries.append({"code": code, "name": names[code], "column_x": column_x, "row_y": row_y})
    bounds = [floor for floor, _fill, _ink in HEATMAP_STEPS] + [101]
    legend = [
        {
            "fill": fill,
            "label": percent(floor) if floor == 0 else f"{percent(floor)}–{percent(bounds[i + 1] - 1)}",
        }
        for i, (floor, fill, _ink) in enumerate(HEATMAP_STEPS)
    ]
    return {
        "countries": countries,
        "cells": cells,
        "legend": legend,
        "cell_width": _HM_W,
        "cell_height": _HM_H,
        "label_x": _HM_LEFT - 8,
        "header_y": _HM_TOP - 8,
        "width": _HM_LEFT + (_HM_W + _HM_GAP) * len(HEATMAP_COUNTRIES) + 80,  # room for the last slanted name
        "height": _HM_TOP + (_HM_H + _HM_GAP) * len(HEATMAP_COUNTRIES),
    }
