from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.config.demo import load
from korkyt.core.languages import UI_LANGUAGES
from korkyt.institutions.models import InstitutionTranslation
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load()


PAGES = ["", "institutions/", "memoranda/", "memoranda/{memo}/", "institutions/TR-SGM/", "accounts/login/"]


# One test per language, every page in it: the demo is loaded once per language, not once per page.
@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_pages_render_in_every_ui_language_with_lang_marks(demo, client: Client, language):
    from korkyt.institutions.models import Memorandum

    memo = Memorandum.objects.order_by("pk").first().pk
    for path in PAGES:
        url = f"/{language}/{path.format(memo=memo)}"
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, url
        if language != "en":
            # The interface is translated: the English navigation does not show.
            assert ">Institutions</a>" not in html, url
            assert "Sign in</" not in html, url


def test_network_graph_coordinates_are_not_localised(demo, client: Client):
    for language in ("tr", "ru", "az"):
        html = client.get(f"/{language}/").content.decode()
        values = re.findall(r'(?:cx|cy|x1|y1|x2|y2)="([^"]+)"', html)
        assert len(values) >= 12, language
        assert all(float(v) >= 0 for v in values), language  # "123,4" (a comma decimal) would not parse


def test_network_names_stay_inside_the_drawing_and_apart() -> None:
    """Each country's name runs inwards at the edges and goes above its node where below it would run into
    another name (Uzbekistan beside Kyrgyzstan), at the phone's font size."""
    from korkyt.web import network

    names = {"TR": "Түркия", "AZ": "Азербайжан", "TM": "Түркмөнстан", "UZ": "Өзбекстан", "KZ": "Казакстан",
             "KG": "Кыргызстан"}  # fmt: skip
    graph = network.build(
        dict.fromkeys(names, 1), [(["KZ", other], 0) for other in names if other != "KZ"], names=names
    )
    spans = {n.country: (*n.label_span(), n.label_y) for n in graph["nodes"]}
    for x0, x1, _y in spans.values():
        assert x0 >= 0 and x1 <= network.WIDTH
    placed = list(spans.items())
    for i, (a, (a0, a1, ay)) in enumerate(placed):
        for b, (b0, b1, by) in placed[i + 1 :]:
            assert not (a0 < b1 and b0 < a1 and abs(ay - by) < network.LABEL_EM), (a, b)


def test_institution_names_carry_their_language(demo, client: Client):
    html = client.get("/tr/institutions/TR-SGM/").content.decode()
    assert '<h1 lang="tr">Kültür ve Turizm Bakanlığı Sinema Genel Müdürlüğü</h1>' in html
    # Kyrgyz UI: no Kyrgyz text, so English, marked as English.
    html_ky = client.get("/ky/institutions/TR-SGM/").content.decode()
    assert '<h1 lang="en">Ministry of Culture and Tourism, General Directorate of Cinema</h1>' in html_ky
    html_en = client.get("/en/institutions/TR-SGM/").content.decode()
    assert '<h1 lang="en">Ministry of Culture and Tourism, General Directorate of Cinema</h1>' in html_en
    # A memorandum's parties are listed by code, each code naming its institution in the language of the name.
    memoranda = client.get("/tr/memoranda/").content.decode()
    assert (
        '<abbr class="tag" title="Kültür ve Turizm Bakanlığı Sinema Genel Müdürlüğü" lang="tr">TR-SGM</abbr>'
        in memoranda
    )


def test_language_switch_is_remembered_in_cookie_and_profile(demo, client: Client):
    user = UserFactory(username="switcher")
    client.force_login(user)
    response = client.post("/i18n/language/", {"language": "kk", "next": "/en/memoranda/"})
    assert response.status_code == 302
    assert response["Location"] == "/kk/memoranda/"
    assert response.cookies["django_language"].value == "kk"
    user.refresh_from_db()
    assert user.language == "kk"
    assert client.get("/")["Location"].startswith("/kk/")


def test_language_switch_works_from_a_page_in_another_language_than_the_remembered_one(demo, client: Client):
    """A user whose profile (or cookie) says Kazakh opens an English address, then picks Russian: the
    switch goes to the Russian page, not back to the English one."""
    user = UserFactory(username="switcher", language="kk")
    client.force_login(user)
    for language, page, expected in (
        ("ru", "/en/memoranda/", "/ru/memoranda/"),
        ("kk", "/ru/memoranda/?page=1", "/kk/memoranda/?page=1"),
        ("tr", "/az/institutions/", "/tr/institutions/"),
    ):
        response = client.post("/i18n/language/", {"language": language, "next": page})
        assert response["Location"] == expected, (language, page)
    anonymous = Client()
    anonymous.cookies["django_language"] = "ky"
    response = anonymous.post("/i18n/language/", {"language": "uz", "next": "/en/films/"})
    assert response["Location"] == "/uz/films/"


def test_language_switch_refuses_foreign_redirect_and_unknown_language(client: Client):
    response = client.post("/i18n/language/", {"language": "tr", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "tr"
    response = client.post("/i18n/language/", {"language": "xx", "next": "/en/"})
    assert response["Location"] == "/en/"
    assert "django_language" not in response.cookies


def test_editor_edits_description_in_their_language_and_public_page_shows_it(demo, client: Client):
    from korkyt.institutions.models import Institution

    kz = Institution.objects.get(code="KZ-SCSNC")
    editor = MembershipFactory(user=UserFactory(username="kz"), institution=kz).user
    client.force_login(editor)
    form = client.get("/kk/staff/institutions/KZ-SCSNC/edit/?language=kk-Cyrl")
    assert form.status_code == 200
    response = client.post(
        "/kk/staff/institutions/KZ-SCSNC/edit/",
        {
            "website": "https://kazakhcinema.kz",
            "language": "kk-Cyrl",
            "name": "Ұлттық киноны мемлекеттік қолдау орталығы",
            "short_name": "ҰКҚО",
            "description": "Қазақстанның ұлттық киносын қолдайды.",
        },
    )
    assert response.status_code == 302
    page = client.get("/kk/institutions/KZ-SCSNC/").content.decode()
    assert (
        '<div class="description" lang="kk-Cyrl"><p>Қазақстанның ұлттық киносын қолдайды.</p></div>' in page
    )
    assert '<h1 lang="kk-Cyrl">Ұлттық киноны мемлекеттік қолдау орталығы</h1>' in page
    # Other languages keep their texts; English still shows the English name.
    assert (
        "State Center for Support of National Cinema"
        in client.get("/en/institutions/KZ-SCSNC/").content.decode()
    )


def test_edit_form_with_empty_name_shows_error_and_saves_nothing(demo, client: Client):
    from korkyt.institutions.models import Institution

    kz = Institution.objects.get(code="KZ-SCSNC")
    client.force_login(MembershipFactory(user=UserFactory(username="kz"), institution=kz).user)
    response = client.post(
        "/en/staff/institutions/KZ-SCSNC/edit/",
        {"website": "not a url", "language": "en", "name": "", "description": "x" * 6000},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="error"') >= 3
    assert InstitutionTranslation.objects.get(institution=kz, language="en").description == ""


def test_memorandum_form_refuses_end_before_signing(demo, client: Client):
    from korkyt.institutions.models import Institution, Memorandum

    kz = Institution.objects.get(code="KZ-SCSNC")
    az = Institution.objects.get(code="AZ-CA")
    client.force_login(MembershipFactory(user=UserFactory(username="kz"), institution=kz).user)
    before = Memorandum.objects.count()
    response = client.post(
        "/en/staff/memoranda/new/",
        {
            "parties": [kz.pk, az.pk],
            "status": "signed",
            "signed_on": "2025-10-01",
            "signed_on_precision": "day",
            "valid_until": "2025-01-01",
            "language": "en",
            "title": "T",
        },
    )
    assert response.status_code == 200
    assert "The end of validity comes before the signing date." in response.content.decode()
    assert Memorandum.objects.count() == before


def test_memorandum_form_refuses_non_pdf_document(demo, client: Client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from korkyt.institutions.models import Institution, Memorandum

    kz = Institution.objects.get(code="KZ-SCSNC")
    az = Institution.objects.get(code="AZ-CA")
    client.force_login(MembershipFactory(user=UserFactory(username="kz"), institution=kz).user)
    before = Memorandum.objects.count()
    response = client.post(
        "/en/staff/memoranda/new/",
        {
            "parties": [kz.pk, az.pk],
            "status": "draft",
            "signed_on_precision": "day",
            "language": "en",
            "document": SimpleUploadedFile("m.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 200
    assert "The document must be a PDF file." in response.content.decode()
    assert Memorandum.objects.count() == before


def test_login_is_rate_limited(client: Client, settings):
    UserFactory(username="target")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "target", "password": "wrong password"})
    response = client.post(
        "/en/accounts/login/", {"username": "target", "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works_and_lands_on_staff_page(client: Client):
    UserFactory(username="person")
    response = client.post(
        "/en/accounts/login/", {"username": "person", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/"


def test_unknown_page_is_a_friendly_404(client: Client):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
    api = client.get("/api/nothing")
    assert api.status_code == 404


def test_health_endpoint(client: Client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_api_token_page_shows_secret_once(client: Client):
    user = UserFactory(username="tok")
    client.force_login(user)
    response = client.post("/en/staff/tokens/", {"name": "integration"})
    html = response.content.decode()
    secret = re.search(r'<p class="secret">(kt_[^<]+)</p>', html).group(1)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert secret not in client.get("/en/staff/tokens/").content.decode()


def test_list_filters_answer_htmx_with_the_results_only(demo, client: Client):
    full = client.get("/en/institutions/?country=TR").content.decode()
    partial = client.get("/en/institutions/?country=TR", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "<html" not in partial
    assert "TÜRKSOY" in partial and "Azerbaijan" not in partial
    memo = client.get("/en/memoranda/?area=film_tourism", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in memo and memo.count('class="card"') == 5


def test_token_page_shows_the_bearer_placeholder_as_text(client: Client):
    client.force_login(UserFactory(username="tok2"))
    html = client.get("/en/staff/tokens/").content.decode()
    assert "Authorization: Bearer &lt;token&gt;" in html
    assert "Bearer ." not in html and "<token>" not in html


def test_language_and_script_menus_change_only_on_an_explicit_submit(client: Client):
    html = client.get("/en/").content.decode()
    assert "onchange" not in html
    for form_class, select in (("lang", "lang-select"), ("script-switch", "script-select")):
        form = re.search(rf'<form class="{form_class}".*?</form>', html, re.S).group(0)
        assert f'id="{select}"' in form
        assert re.search(r'<button type="submit"[^>]*>', form), form
        assert "<noscript>" not in form


def test_empty_search_result_is_a_message_not_a_list_item(client: Client):
    html = client.get("/en/search/?q=zzzqqqxxx").content.decode()
    assert "Nothing found" in html
    assert '<ol class="results">' not in html and '<li class="empty">' not in html


def test_main_navigation_leads_to_the_events_and_the_festival(client: Client):
    """A visitor finds the festival's programme and the workshops from any page, in their language."""
    for language, events, festival in (("en", "Events", "Festival"), ("kk", "Іс-шаралар", "Фестиваль")):
        html = client.get(f"/{language}/").content.decode()
        nav = html[html.index('<nav aria-label="') : html.index("</nav>")]
        assert f'<a href="/{language}/events/">{events}</a>' in nav
        assert f'<a href="/{language}/festival/">{festival}</a>' in nav
