"""Pages people can share and find: canonical, hreflang, Open Graph, sitemap.xml, robots.txt, info pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from korkyt.catalogue.models import Film, FilmStatus
from korkyt.config.demo import load
from korkyt.core.languages import UI_LANGUAGES
from korkyt.events.models import Event, EventStatus
from korkyt.institutions.models import Memorandum
from tests.factories import InstitutionFactory, film, memorandum, person

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def demo_db():
    load()


def _sitemap_urls(client: Client) -> list[ET.Element]:
    """Every <url> of every page the sitemap index lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", NS)]
    urls: list[ET.Element] = []
    for page in pages:
        response = client.get(page.removeprefix("http://testserver"))
        assert response.status_code == 200, page
        urls += ET.fromstring(response.content).findall("s:url", NS)
    return urls


def _sitemap_paths(client: Client) -> set[str]:
    return {u.find("s:loc", NS).text.removeprefix("http://testserver") for u in _sitemap_urls(client)}


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_public_page_has_canonical_and_the_full_hreflang_set(client: Client, language):
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    kelin = film(kz, ("Келін", "kk"), ("Kelin", "en"))
    html = client.get(f"/{language}/films/{kelin.pk}/").content.decode()
    assert f'<link rel="canonical" href="http://testserver/{language}/films/{kelin.pk}/">' in html
    links = _alternates(html)
    assert set(links) == {*UI_LANGUAGES, "x-default"}
    for code in UI_LANGUAGES:
        assert links[code] == f"http://testserver/{code}/films/{kelin.pk}/"
    assert links["x-default"] == f"http://testserver/films/{kelin.pk}/"
    assert '<meta property="og:type" content="video.movie">' in html
    assert 'name="twitter:card"' in html
    assert "noindex" not in html


def test_open_graph_title_is_the_film_title_in_the_page_language(client: Client):
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    kelin = film(kz, ("Келін", "kk"), ("Kelin", "en"))
    assert (
        '<meta property="og:title" content="Келін">' in client.get(f"/kk/films/{kelin.pk}/").content.decode()
    )
    en = client.get(f"/en/films/{kelin.pk}/").content.decode()
    assert '<meta property="og:title" content="Kelin">' in en
    assert '<meta property="og:locale" content="en_GB">' in en
    assert '<meta property="og:locale:alternate" content="kk_KZ">' in en


def test_canonical_keeps_only_the_page_number(client: Client):
    html = client.get("/en/films/?page=2&kind=feature&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/films/?page=2">' in html


def test_private_pages_are_noindex_without_alternates(client: Client):
    html = client.get("/en/accounts/login/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "hreflang" not in html and 'rel="canonical"' not in html


def test_sitemap_lists_only_public_objects_with_alternates(demo_db, client: Client):
    kz = InstitutionFactory(code="KZ-X", country="KZ")
    draft = film(kz, ("Жасырын", "kk"), status=FilmStatus.DRAFT)
    hidden_person = person(("Only In A Draft", "en"), owner=kz)
    from korkyt.catalogue import services
    from korkyt.config.demo import SYSTEM

    services.credit_create(actor=SYSTEM, film=draft, role="director", person=hidden_person)
    draft_memo = memorandum(kz, status="draft")
    event = Event.objects.order_by("pk").first()
    if event is not None:
        Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)

    urls = _sitemap_urls(client)
    paths = {u.find("s:loc", NS).text.removeprefix("http://testserver") for u in urls}

    for pk in Film.objects.filter(status=FilmStatus.PUBLISHED).values_list("pk", flat=True):
        for code in UI_LANGUAGES:
            assert f"/{code}/films/{pk}/" in paths
    assert not any(p.endswith(f"/films/{draft.pk}/") for p in paths)
    assert not any(p.endswith(f"/people/{hidden_person.pk}/") for p in paths)
    assert not any(p.endswith(f"/memoranda/{draft_memo.pk}/") for p in paths)
    public_memo = Memorandum.objects.exclude(status="draft").order_by("pk").first()
    assert f"/tr/memoranda/{public_memo.pk}/" in paths
    if event is not None:
        assert not any(p.endswith(f"/events/{event.pk}/") for p in paths)
        other = Event.objects.exclude(status=EventStatus.DRAFT).first()
        if other is not None:
            assert f"/kk/events/{other.pk}/" in paths
    for page in ("help", "about", "privacy"):
        assert f"/ky/{page}/" in paths
    # every entry carries the complete hreflang set
    for url in urls:
        langs = {link.get("hreflang") for link in url.findall("x:link", NS)}
        assert langs == {*UI_LANGUAGES, "x-default"}


def test_sitemap_index_pages_every_published_film_reading_one_page_at_a_time(client: Client, monkeypatch):
    """/sitemap.xml is an index of per-section pages (/sitemap-films.xml?p=2…); however many films there
    are, each is on some page, a page holds at most ``urls_per_page`` entries, drafts never appear, and a
    page costs the same number of queries whatever the size of the catalogue."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.web import seo

    monkeypatch.setattr(seo._PublicSitemap, "urls_per_page", 3 * len(UI_LANGUAGES))
    kz = InstitutionFactory(code="KZ-MAP", country="KZ")
    draft = film(kz, ("Draft", "en"), status=FilmStatus.DRAFT)

    def page_queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    published = [film(kz, (f"Film {i}", "en")) for i in range(4)]
    few = page_queries("/sitemap-films.xml"), page_queries("/sitemap.xml")
    published += [film(kz, (f"Film {i}", "en")) for i in range(4, 10)]
    many = page_queries("/sitemap-films.xml"), page_queries("/sitemap.xml")
    assert many == few

    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text.removeprefix("http://testserver") for loc in index.findall("s:sitemap/s:loc", NS)]
    assert pages.count("/sitemap-films.xml") == 1
    assert [p for p in pages if p.startswith("/sitemap-films.xml?")] == [
        "/sitemap-films.xml?p=2",
        "/sitemap-films.xml?p=3",
        "/sitemap-films.xml?p=4",
    ]
    for page in pages:
        urls = ET.fromstring(client.get(page).content).findall("s:url", NS)
        assert len(urls) <= 3 * len(UI_LANGUAGES)  # an empty section still has its first page
    assert client.get("/sitemap-films.xml?p=5").status_code == 404
    paths = _sitemap_paths(client)
    for item in published:
        for code in UI_LANGUAGES:
            assert f"/{code}/films/{item.pk}/" in paths
    assert not any(p.endswith(f"/films/{draft.pk}/") for p in paths)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_work_pages(client: Client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for code in UI_LANGUAGES:
        assert f"Disallow: /{code}/staff/" in text
        assert f"Disallow: /{code}/localization/" in text
    assert "Disallow: /en/films/" not in text


@pytest.mark.parametrize("language", UI_LANGUAGES)
@pytest.mark.parametrize("page", ["help", "about", "privacy"])
def test_info_pages_render_translated_and_are_linked_from_the_footer(client: Client, language, page):
    response = client.get(f"/{language}/{page}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    footer = html.split('<footer class="foot">', 1)[1]
    assert f'href="/{language}/{page}/"' in footer
    if language != "en":
        for english in ("Privacy notice", "Agency editors", "Who runs it", "Your rights"):
            assert english not in html


def test_privacy_page_names_retention_and_links_export_and_delete(client: Client, settings):
    settings.KORKYT_CONTACT_EMAIL = "privacy@korkyt.example"
    html = client.get("/en/privacy/").content.decode()
    assert 'href="/en/accounts/profile/"' in html
    assert f"{settings.KORKYT_JOB_RETENTION_DAYS} days" in html
    assert f"{settings.SESSION_COOKIE_AGE // 86400} days" in html
    assert "mailto:privacy@korkyt.example" in html


def test_favicon_and_manifest(client: Client):
    html = client.get("/en/").content.decode()
    assert 'rel="icon" href="/static/web/icon.svg" type="image/svg+xml"' in html
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    for name in ("icon.svg", "icon-32.png", "icon-180.png", "icon-192.png", "icon-512.png", "favicon.ico"):
        response = client.get(f"/static/web/{name}")
        assert response.status_code == 200, name
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/web/favicon.ico"
    client.cookies["django_language"] = "kk"
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["lang"] == "kk" and data["start_url"] == "/kk/"
    assert data["short_name"] == "Korkyt"
    assert data["name"] == "Korkyt · Түркі киноынтымақтастығы желісі"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


def _og_title(html: str) -> str:
    found = re.search(r'<meta property="og:title" content="([^"]*)">', html)
    assert found, "no og:title"
    return found.group(1)


def test_index_pages_have_their_own_open_graph_title_in_the_page_language(demo_db):
    client = Client()
    assert _og_title(client.get("/kk/films/").content.decode()) == "Фильмдер"
    assert _og_title(client.get("/tr/memoranda/").content.decode()) != _og_title(
        client.get("/tr/institutions/").content.decode()
    )
    assert _og_title(client.get("/ru/help/").content.decode()) != "Turkic film cooperation network"


def test_institution_memorandum_and_event_pages_share_their_own_title_and_summary(demo_db):
    client = Client()
    memo = Memorandum.objects.exclude(status="draft").order_by("pk").first()
    html = client.get(f"/kk/memoranda/{memo.pk}/").content.decode()
    title = re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1)
    assert _og_title(html) == title
    activities = client.get(f"/kk/memoranda/{memo.pk}/activities/").content.decode()
    assert title in _og_title(activities)
    institution = memo.party_links.first().institution
    html = client.get(f"/tr/institutions/{institution.code}/").content.decode()
    assert _og_title(html) == re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1)
    event = Event.objects.filter(status=EventStatus.PUBLISHED).order_by("pk").first()
    if event is not None:
        html = client.get(f"/kk/events/{event.pk}/").content.decode()
        assert _og_title(html) == re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1)


def test_coverage_page_is_public_in_the_sitemap_robots_and_navigation(client: Client):
    """The subtitle coverage page lives among the workbench's URLs but is for everybody: listed in the
    sitemap in every language, allowed to crawlers, indexable with its alternates, and in the main menu."""
    paths = _sitemap_paths(client)
    for code in UI_LANGUAGES:
        assert f"/{code}/localization/coverage/" in paths
    robots = client.get("/robots.txt").content.decode()
    for code in UI_LANGUAGES:
        allow = robots.index(f"Allow: /{code}/localization/coverage/")
        assert allow < robots.index(f"Disallow: /{code}/localization/")
    html = client.get("/kk/localization/coverage/").content.decode()
    assert 'name="robots" content="noindex"' not in html
    assert '<link rel="canonical" href="http://testserver/kk/localization/coverage/">' in html
    assert 'hreflang="tr"' in html
    nav = html[html.index('<nav aria-label="') : html.index("</nav>")]
    assert 'href="/kk/localization/coverage/"' in nav


def test_editors_image_pages_are_not_indexed(client: Client):
    from tests.factories import InstitutionFactory, MembershipFactory

    kz = InstitutionFactory(code="KZ-IMG", country="KZ")
    client.force_login(MembershipFactory(institution=kz).user)
    html = client.get("/en/staff/institutions/KZ-IMG/images/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "hreflang" not in html
