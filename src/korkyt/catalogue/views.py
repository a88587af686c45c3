"""Public catalogue pages: browse with facets, film, person and company pages, the script switch."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries as all_countries

from korkyt.catalogue import selectors
from korkyt.catalogue.models import CreditRole, Film, FilmKind, Person, TrackKind, TrackStatus
from korkyt.catalogue.preferences import SCRIPT_COOKIE, SCRIPTS, preferred_script
from korkyt.core.collation import sort_by_name
from korkyt.core.http import get_visible_or_404, local_next
from korkyt.core.images.present import Picture, first_picture
from korkyt.core.images.views import manage_images
from korkyt.core.jsonld import json_ld_dumps
from korkyt.core.languages import (
    CONTENT_LANGUAGES,
    LANGUAGE_NAMES,
    content_language_label,
    language_of,
    request_language,
)

PAGE_SIZE = 24


def film_card(film: Film, request: HttpRequest, size: str = "card") -> dict[str, Any]:
    """What a film's card (and the head of its page) shows: titles, a thumbnail or a title card."""
    title = selectors.film_title(film, request_language(), preferred_script(request))
    original = selectors.film_original_title(film)
    return {
        "obj": film,
        "title": title,
        "original": original if original and original.text != title.text else None,
        # the title card sets the film's own title, in its own script
        "card_title": original or title,
        "countries": [c.country for c in film.countries.all()],
        "picture": film_picture(film, title, size),
        "size": size,
    }


def film_picture(film: Film, title: Any, size: str) -> Picture | None:
    """The film's poster (else a still) at ``size``, from prefetched ``images``; None: draw the title card."""
    return first_picture(
        film.images.all(),
        size,
        kinds=Film.images.field.image_kinds,
        language=request_language(),
        default_alt=_("Poster of “%(title)s”") % {"title": title.text},
    )


def person_picture(person: Person, name: Any, size: str) -> Picture | None:
    """The person's portrait at ``size`` (prefetched ``images``), or None."""
    return first_picture(
        person.images.all(),
        size,
        kinds=Person.images.field.image_kinds,
        language=request_language(),
        default_alt=_("Portrait of %(name)s") % {"name": name.text},
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def film_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in FilmKind.values:
        kind = None
    country = (request.GET.get("country") or "").upper() or None
    if country and country not in dict(all_countries):
        country = None
    language = request.GET.get("language") or None
    if language and language not in CONTENT_LANGUAGES and language != "ru-Latn":
        language = None
    decade = _int(request.GET.get("decade"))
    year_from, year_to = (decade, decade + 9) if decade else (None, None)
    rows = selectors.film_list(
        user=request.user, kind=kind, country=country, language=language, year_from=year_from, year_to=year_to
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = selectors.film_facets(
        user=request.user, kind=kind, country=country, language=language, year_from=year_from, year_to=year_to
    )
    return render(
        request,
        "catalogue/film_list.html",
        {
            "page": page,
            "cards": [film_card(f, request) for f in page],
            "kind": kind,
            "country": country,
            "language": language,
            "decade": str(decade) if decade else "",
            "kinds": [(k, FilmKind(k).label, n) for k, n in facets["kind"]],
            "countries": sort_by_name(
                ((c, all_countries.name(c), n) for c, n in facets["country"]), name=lambda r: r[1]
            ),
            "decades": facets["decade"],
            "languages": [
                (t, content_language_label(t), n) for t, n in facets["language"] if t in CONTENT_LANGUAGES
            ],
            "count": page.paginator.count,
            "filtered": bool(kind or country or language or decade),
        },
    )


def _json_ld(film: Film, title: Any, credits: list[Any], request: HttpRequest) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": title.text,
        "inLanguage": film.original_languages[0] if film.original_languages else None,
        "alternateName": sorted({t.text for t in film.titles.all() if t.text != title.text}),
        "dateCreated": str(film.year) if film.year else None,
        "countryOfOrigin": [{"@type": "Country", "name": str(c.country)} for c in film.countries.all()],
        "director": [
            {"@type": "Person", "name": selectors.person_name(c.person, "en").text}
            for c in credits
            if c.role == CreditRole.DIRECTOR and c.person
        ],
        "actor": [
            {"@type": "Person", "name": selectors.person_name(c.person, "en").text}
            for c in credits
            if c.role == CreditRole.ACTOR and c.person
        ],
        "duration": f"PT{film.runtime}M" if film.runtime else None,
        "url": request.build_absolute_uri(reverse("catalogue:film_detail", args=[film.pk])),
        "sameAs": [
            *([f"https://www.imdb.com/title/{film.imdb_id}/"] if film.imdb_id else []),
            *([f"https://www.wikidata.org/wiki/{film.wikidata_id}"] if film.wikidata_id else []),
            *film.source_urls,
        ],
        "subtitleLanguage": sorted(
            {
                t.language
                for t in film.tracks.all()
                if t.kind in ("subtitles", "sdh") and t.status == TrackStatus.AVAILABLE
            }
        ),
    }
    return json_ld_dumps({k: v for k, v in data.items() if v not in (None, [], "")})


def _language_label(tag: str) -> Any:
    """A title's or track's language named in the interface language (the tag itself if unknown)."""
    if tag in CONTENT_LANGUAGES:
        return content_language_label(tag)
    return LANGUAGE_NAMES.get(language_of(tag), tag)


def _title_rows(film: Film, shown: Any) -> list[dict[str, Any]]:
    """Every title but the one in the heading, each with its language named and its ``lang``."""
    rows = []
    for t in selectors.film_titles(film):
        if t.text == shown.text and t.language == shown.lang:
            continue
        rows.append(
            {
                "text": t.text,
                "lang": t.language,
                "language": _language_label(t.language),
                "kind": t.get_kind_display() if not t.generated else _("transliteration"),
            }
        )
    return rows


def _credit_groups(credit_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Credits grouped by role, in the order of CreditRole (director first), keeping billing order."""
    order = {role: index for index, role in enumerate(CreditRole.values)}
    groups: dict[str, dict[str, Any]] = {}
    for row in sorted(credit_rows, key=lambda r: order.get(r["obj"].role, 99)):
        role = row["obj"].role
        groups.setdefault(role, {"role": role, "label": row["obj"].get_role_display(), "rows": []})
        groups[role]["rows"].append(row)
    return list(groups.values())


def _watch_rows(film: Film) -> dict[str, list[dict[str, Any]]]:
    """The film's subtitle, SDH, dub and audio-description tracks by kind: available, and in the works."""
    available: dict[str, dict[str, Any]] = {}
    coming: dict[str, dict[str, Any]] = {}
    for track in film.tracks.all():
        target = available if track.status == TrackStatus.AVAILABLE else coming
        entry = target.setdefault(
            track.kind, {"kind": track.kind, "label": TrackKind(track.kind).label, "languages": []}
        )
        item = {"lang": track.language, "label": _language_label(track.language)}
        if item not in entry["languages"]:
            entry["languages"].append(item)
    kinds = list(TrackKind.values)
    return {
        "available": sorted(available.values(), key=lambda e: kinds.index(e["kind"])),
        "coming": sorted(coming.values(), key=lambda e: kinds.index(e["kind"])),
    }


def _decorative(drawn: Picture | None) -> Picture | None:
    return replace(drawn, alt="", lang="") if drawn else None


def _credit_row(credit: Any, request: HttpRequest) -> dict[str, Any]:
    """A credit on the film page: the name in the reader's language, its page, the portrait if any."""
    if credit.person:
        name = selectors.person_name(credit.person, request_language(), preferred_script(request))
        return {
            "obj": credit,
            "name": name,
            "url": reverse("catalogue:person_detail", args=[credit.person_id]),
            # beside the name it stands for: decorative, so that a screen reader says the name once
            "picture": _decorative(person_picture(credit.person, name, "small")),
        }
    return {
        "obj": credit,
        "name": selectors.company_name(credit.company, request_language()),
        "url": reverse("catalogue:company_detail", args=[credit.company_id]),
        "picture": None,
    }


def film_detail(request: HttpRequest, pk: int) -> HttpResponse:
    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    card = film_card(film, request, "page")
    title = card["title"]
    credits = selectors.film_credits(film)
    credit_rows = [_credit_row(c, request) for c in credits]
    groups = _credit_groups(credit_rows)
    synopsis = selectors.pick_text(list(film.synopses.all()), request_language())
    return render(
        request,
        "catalogue/film_detail.html",
        {
            "film": film,
            "card": card,
            "title": title,
            "original": selectors.film_original_title(film),
            "titles": _title_rows(film, title),
            "directors": next((g["rows"] for g in groups if g["role"] == CreditRole.DIRECTOR), []),
            "credit_groups": groups,
            "synopsis": synopsis,
            "watch": _watch_rows(film),
            "json_ld": _json_ld(film, title, credits, request),
            "can_edit": request.user.has_perm("catalogue.change_film", film),
            "owner_name": _owner_name(film, request),
            "memorandum_shown": _memorandum_shown(film, request),
            "og_type": "video.movie",
            "og_title": title.text,
            "og_description": synopsis.text if synopsis else "",
            "og_image": _share_image(film, title, request),
        },
    )


def _share_image(film: Film, title: Any, request: HttpRequest) -> dict[str, Any] | None:
    """The poster at Open Graph size, with an absolute URL and alt text; None without a usable image."""
    drawn = film_picture(film, title, "share")
    if drawn is None:
        return None
    return {
        "absolute": request.build_absolute_uri(drawn.url),
        "width": drawn.width,
        "height": drawn.height,
        "alt": drawn.alt,
    }


def _owner_name(film: Film, request: HttpRequest) -> Any:
    """The owning institution's name, or None when the reader may not see it (a private institution is
    not named through its films)."""
    from korkyt.institutions.selectors import institution_seen, institution_texts

    if not institution_seen(request.user, film.owner):
        return None
    return institution_texts(film.owner, request_language())[0]


def _memorandum_shown(film: Film, request: HttpRequest) -> bool:
    """Whether the reader may see the memorandum ``film`` was made under (a draft only its parties' editors
    see: the others are not sent to a page that is not found for them)."""
    from korkyt.institutions.selectors import memorandum_visible

    if film.memorandum_id is None:
        return False
    return memorandum_visible(request.user).filter(pk=film.memorandum_id).exists()


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(selectors.person_visible(request.user), pk=pk)
    credits = selectors.person_films(user=request.user, person=person)
    name = selectors.person_name(person, request_language(), preferred_script(request))
    portrait = person_picture(person, name, "page")
    return render(
        request,
        "catalogue/person_detail.html",
        {
            "person": person,
            "name": name,
            "portrait": portrait,
            "names": list(person.names.all()),
            "credits": [{"obj": c, "card": film_card(c.film, request)} for c in credits],
            "can_edit": request.user.has_perm("catalogue.change_person", person),
            "og_type": "profile",
            "og_title": name.text,
            "og_image": {
                "absolute": request.build_absolute_uri(portrait.url),
                "width": portrait.width,
                "height": portrait.height,
                "alt": portrait.alt,
            }
            if portrait
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def film_images(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of the film's posters and stills."""
    film = get_visible_or_404(selectors.film_visible_with_details(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_film", film):
        raise PermissionDenied
    title = selectors.film_title(film, request_language(), preferred_script(request))
    return manage_images(
        request,
        owner=film,
        heading=title,
        back_url=reverse("catalogue:film_detail", args=[film.pk]),
        default_alt=_("Poster of “%(title)s”") % {"title": title.text},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_images(request: HttpRequest, pk: int) -> HttpResponse:
    """Editors' page of a person's portraits."""
    person = get_visible_or_404(selectors.person_visible(request.user), pk=pk)
    if not request.user.has_perm("catalogue.change_person", person):
        raise PermissionDenied
    name = selectors.person_name(person, request_language(), preferred_script(request))
    return manage_images(
        request,
        owner=person,
        heading=name,
        back_url=reverse("catalogue:person_detail", args=[person.pk]),
        default_alt=_("Portrait of %(name)s") % {"name": name.text},
    )


def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_visible_or_404(selectors.company_visible(request.user), pk=pk)
    credits = selectors.company_films(user=request.user, company=company)
    return render(
        request,
        "catalogue/company_detail.html",
        {
            "company": company,
            "name": selectors.company_name(company, request_language()),
            "names": list(company.names.all()),
            "credits": [{"obj": c, "card": film_card(c.film, request)} for c in credits],
            "can_edit": request.user.has_perm("catalogue.change_company", company),
        },
    )


@require_POST
def set_script(request: HttpRequest) -> HttpResponse:
    """The header switch: remember the preferred script of Kazakh and Uzbek titles in a cookie."""
    script = request.POST.get("script", "")
    target = local_next(request, request.POST.get("next")) or "/"
    response = HttpResponseRedirect(target)
    if script in SCRIPTS:
        response.set_cookie(SCRIPT_COOKIE, script, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(SCRIPT_COOKIE)
    return response
