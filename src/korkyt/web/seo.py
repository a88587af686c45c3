"""Pages people can share and find: canonical URLs, ``hreflang`` alternates, Open Graph, sitemap, robots.

The interface language is the first path segment (``/kk/films/1/``, django's ``i18n_patterns``), so each
page has one URL per UI language: the canonical URL is the page in the language it is shown in, and the
alternates are the same page in the eight UI languages plus ``x-default`` (the path without a language,
which redirects each visitor to their own). Pages for signed-in
work (``/staff/``, ``/accounts/``, ``/localization/``…) are not public: they carry ``noindex`` and no
alternates, and robots.txt asks crawlers to stay out of them.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from korkyt.core.languages import UI_LANGUAGES

#: URL namespaces whose pages anybody may see and search engines may index.
PUBLIC_NAMESPACES = {"catalogue", "institutions", "events", "coproduction", "search"}
#: Public pages of the web app (home, help, about, privacy) and public pages of private namespaces (the
#: subtitle coverage page lives among the localization workbench's pages, which are not public).
PUBLIC_WEB_PAGES = {"web:home", "web:help", "web:about", "web:privacy", "localization:coverage"}
#: Paths under a DISALLOWED prefix that crawlers may read all the same (``Allow`` wins: it is longer).
ALLOWED = ("localization/coverage/",)
#: Named pages of public namespaces that are still private (forms, a person's own lists).
PRIVATE_PAGES = {
    "events:my_registrations",
    "events:participants",
    "institutions:institution_edit",
    "institutions:memorandum_create",
    "institutions:memorandum_edit",
    "institutions:memorandum_delete",
    "institutions:institution_images",
    "catalogue:film_images",
    "catalogue:person_images",
}
#: Open Graph locales of the UI languages.
OG_LOCALES = {
    "en": "en_GB",
    "ru": "ru_RU",
    "kk": "kk_KZ",
    "az": "az_AZ",
    "ky": "ky_KG",
    "tk": "tk_TM",
    "tr": "tr_TR",
    "uz": "uz_UZ",
}
#: Path prefixes (after the language) that crawlers are asked to leave alone.
DISALLOWED = (
    "staff/",
    "accounts/",
    "localization/",
    "admin/",
    "history/",
    "jobs/",
    "script/",
    "events/mine/",
)


def is_public_page(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    name = match.view_name
    if name in PRIVATE_PAGES or "/staff/" in request.path_info:
        return False
    return name in PUBLIC_WEB_PAGES or (match.namespace in PUBLIC_NAMESPACES and not name.endswith("_edit"))


def alternates(request: HttpRequest) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page in every UI language, then x-default: the path without a
    language, which redirects to the visitor's language (as django's sitemap gives it)."""
    path = request.path
    links = [(code, request.build_absolute_uri(translate_url(path, code))) for code in UI_LANGUAGES]
    default = translate_url(path, settings.LANGUAGE_CODE).replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return [*links, ("x-default", request.build_absolute_uri(default))]


#: Open Graph titles of the index pages (a detail page's view sets ``og_title`` itself).
PAGE_TITLES = {
    "web:home": gettext_lazy("The Turkic film cooperation network"),
    "web:help": gettext_lazy("Help"),
    "web:about": gettext_lazy("About"),
    "web:privacy": gettext_lazy("Privacy"),
    "catalogue:film_list": gettext_lazy("Films"),
    "institutions:institution_list": gettext_lazy("Institutions"),
    "institutions:memorandum_list": gettext_lazy("Memoranda"),
    "events:event_list": gettext_lazy("Events"),
    "coproduction:project_list": gettext_lazy("Co-productions"),
    "search:search": gettext_lazy("Search"),
    "localization:coverage": gettext_lazy("Subtitle coverage"),
}


def _page_title(request: HttpRequest) -> str:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return str(PAGE_TITLES.get(match.view_name, ""))


def seo(request: HttpRequest) -> dict[str, Any]:
    """Template context: canonical URL, alternates and Open Graph locales of a public page."""
    current = get_language() or settings.LANGUAGE_CODE
    if not is_public_page(request):
        return {"seo": {"public": False}}
    canonical = request.build_absolute_uri(request.path)
    page = request.GET.get("page")
    if page and page.isascii() and page.isdigit() and page != "1":
        canonical += f"?page={page}"
    return {
        "seo": {
            "public": True,
            "canonical": canonical,
            "alternates": alternates(request),
            "og_locale": OG_LOCALES.get(current, "en_GB"),
            "title": _page_title(request),
            "og_locale_alternates": [OG_LOCALES[c] for c in UI_LANGUAGES if c != current],
        }
    }


# Sitemap -----------------------------------------------------------------------------------------


class _Pairs:
    """The (object, language) entries of a sitemap section, read from the objects one page at a time:
    django's own list of pairs would load every object of the section for any page."""

    def __init__(self, items: Any, languages: list[str]) -> None:
        self.items = items
        self.languages = languages

    def count(self) -> int:
        items = self.items
        return (items.count() if isinstance(items, QuerySet) else len(items)) * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[tuple[Any, str]]:
        n = len(self.languages)
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        objects = self.items[start // n : -(-stop // n)]
        pairs = [(obj, code) for obj in objects for code in self.languages]
        return pairs[start % n : start % n + stop - start]


class _PublicSitemap(Sitemap):
    """One entry per public object, with its URL in each UI language and an x-default.

    A page holds ``urls_per_page`` entries (sitemaps.org allows 50,000 and 50 MB; an entry with its nine
    alternates is under 1 KB), that is ``urls_per_page // 8`` objects, and reads only those objects."""

    i18n = True
    alternates = True
    x_default = True
    languages = list(UI_LANGUAGES)
    urls_per_page = 5000

    def get_limit(self) -> int:
        """Objects on one page: each gives one entry per language."""
        return max(1, self.urls_per_page // len(self.languages))

    @property
    def paginator(self) -> Paginator:
        pairs = cast(Any, _Pairs(self.items(), self.languages))  # a sliceable, countable sequence
        return Paginator(pairs, self.get_limit() * len(self.languages))


class FilmSitemap(_PublicSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet[Any]:
        from korkyt.catalogue.selectors import film_visible

        return film_visible(AnonymousUser()).only("pk", "updated_at").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("catalogue:film_detail", args=[item.pk])

    def lastmod(self, item: Any) -> Any:
        return item.updated_at

    def get_latest_lastmod(self) -> Any:
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PersonSitemap(_PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[Any]:
        from korkyt.catalogue.models import Person
        from korkyt.catalogue.selectors import film_visible

        public = film_visible(AnonymousUser()).values("pk")
        return Person.objects.filter(credits__film__in=public).distinct().only("pk").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("catalogue:person_detail", args=[item.pk])


class MemorandumSitemap(_PublicSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[Any]:
        from korkyt.institutions.models import Memorandum
        from korkyt.institutions.selectors import memorandum_visibility

        return Memorandum.objects.filter(memorandum_visibility(AnonymousUser())).only("pk").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("institutions:memorandum_detail", args=[item.pk])


class EventSitemap(_PublicSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> QuerySet[Any]:
        from korkyt.events.models import Event, EventStatus

        return Event.objects.exclude(status=EventStatus.DRAFT).only("pk").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse("events:event_detail", args=[item.pk])


class PageSitemap(_PublicSitemap):
    """The public index pages: home, films, institutions, memoranda, events, subtitle coverage, help, about,
    privacy."""

    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[str]:
        return [
            "web:home",
            "catalogue:film_list",
            "institutions:institution_list",
            "institutions:memorandum_list",
            "events:event_list",
            "localization:coverage",
            "web:help",
            "web:about",
            "web:privacy",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {
    "pages": PageSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "memoranda": MemorandumSitemap,
    "events": EventSitemap,
}


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /api/", "Disallow: /i18n/"]
    for code in UI_LANGUAGES:
        lines.extend(f"Allow: /{code}/{path}" for path in ALLOWED)
        lines.extend(f"Disallow: /{code}/{prefix}" for prefix in DISALLOWED)
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Icons and the web app manifest ------------------------------------------------------------------


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, named in the visitor's language (cookie or Accept-Language)."""
    language = get_language() or settings.LANGUAGE_CODE
    icons = [
        {"src": static("web/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        {"src": static("web/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("web/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("web/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": f"{_('Korkyt')} · {_('Turkic film cooperation network')}",
        "short_name": _("Korkyt"),
        "lang": language,
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#142a35",
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Vary"] = "Cookie, Accept-Language"
    return response


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """``/favicon.ico``, which browsers ask for on their own, points at the static icon."""
    return HttpResponsePermanentRedirect(static("web/favicon.ico"))
