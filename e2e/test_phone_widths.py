"""Every page at phone width (390 px): no horizontal scroll (document.scrollWidth <= innerWidth), in the
languages whose words run longest (Kazakh, Kyrgyz, Turkmen, Russian) and in Turkish, for the public and for an
agency editor; each page is also photographed at desktop and phone width (var/screenshots/), so a change in
look is seen."""

from __future__ import annotations

import re

import pytest

from e2e.conftest import PASSWORD, shot

PUBLIC = [
    "/{lang}/",
    "/{lang}/films/",
    "/{lang}/institutions/",
    "/{lang}/memoranda/",
    "/{lang}/search/?q=ata",
    "/{lang}/localization/coverage/",
    "/{lang}/events/",
    "/{lang}/coproductions/",
    "/{lang}/accounts/login/",
    "/{lang}/help/",
    "/{lang}/about/",
    "/{lang}/privacy/",
    "/{lang}/institutions/KZ-SCSNC/",
]
STAFF = [
    "/{lang}/staff/",
    "/{lang}/staff/tokens/",
    "/{lang}/localization/",
    "/{lang}/localization/tracks/new/",
    "/{lang}/localization/memory/",
    "/{lang}/accounts/profile/",
    "/{lang}/staff/institutions/KZ-SCSNC/edit/",
    "/{lang}/staff/institutions/KZ-SCSNC/images/",
    "/{lang}/staff/memoranda/new/",
]
LANGUAGES = ("kk", "ky", "tk", "ru", "tr")


def _sign_in(page, server: str, username: str) -> None:
    page.goto(server + "/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def _first(page, server: str, listing: str, pattern: str) -> str | None:
    page.goto(server + listing)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if href and re.fullmatch(pattern, href):
            return re.sub(r"^/en/", "/{lang}/", href)
    return None


def _overflow(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _name(path: str, lang: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.format(lang=lang).lower()).strip("-") or "home"


@pytest.fixture
def editor_pages(server, browser):
    """Paths of the public pages, a film, a memorandum, and an editor's track and job pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    paths = list(PUBLIC)
    for listing, pattern in (("/en/films/", r"/en/films/\d+/"), ("/en/memoranda/", r"/en/memoranda/\d+/")):
        found = _first(page, server, listing, pattern)
        if found:
            paths.append(found)
            if "/memoranda/" in found:
                paths.append(found + "activities/")
            else:
                person = _first(page, server, found.format(lang="en"), r"/en/people/\d+/")
                if person:
                    paths.append(person)
    _sign_in(page, server, "editor-kz")
    staff = list(STAFF)
    for pattern in (r"/en/localization/tracks/\d+/", r"/en/localization/jobs/\d+/"):
        found = _first(page, server, "/en/localization/", pattern)
        if found:
            staff.append(found)
    context.close()
    return paths, staff


def test_no_page_scrolls_sideways_on_a_phone(server, browser, editor_pages):
    public, staff = editor_pages
    wide: list[str] = []
    for signed_in, paths in ((False, public), (True, staff)):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone = context.new_page()
        if signed_in:
            _sign_in(phone, server, "editor-kz")
        for path in paths:
            for lang in LANGUAGES:
                phone.goto(server + path.format(lang=lang))
                extra = _overflow(phone)
                if extra > 0:
                    wide.append(f"{path.format(lang=lang)}: {extra} px too wide")
                if lang == "kk":
                    shot(phone, f"phone-{_name(path, lang)}")
        context.close()
    assert not wide, "pages scroll sideways at 390 px:\n" + "\n".join(wide)


def test_desktop_screenshots_of_every_page(server, browser, editor_pages):
    public, staff = editor_pages
    for signed_in, paths in ((False, public), (True, staff)):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        if signed_in:
            _sign_in(page, server, "editor-kz")
        for path in paths:
            response = page.goto(server + path.format(lang="kk"))
            assert response is not None and response.status == 200, path
            assert _overflow(page) <= 0, path
            shot(page, f"desktop-{_name(path, 'kk')}")
        context.close()


def _card_labels() -> dict[str, list[str]]:
    """Every column heading a phone card repeats beside its value (``data-label`` in the templates), in each
    UI language, read from the compiled catalogues."""
    import gettext

    from e2e.conftest import ROOT

    pattern = re.compile(r'data-label="\{% translate "([^"]*)"(?: context "([^"]*)")? %\}')
    messages = {
        (m.group(1), m.group(2))
        for template in (ROOT / "src" / "korkyt").rglob("*.html")
        for m in pattern.finditer(template.read_text(encoding="utf-8"))
    }
    labels: dict[str, list[str]] = {}
    for lang in ("en", "ru", "kk", "az", "ky", "tk", "tr", "uz"):
        catalogue = gettext.translation(
            "django", ROOT / "src" / "korkyt" / "locale", languages=[lang], fallback=lang == "en"
        )
        labels[lang] = sorted(
            {
                catalogue.pgettext(context, msg) if context else catalogue.gettext(msg)
                for msg, context in messages
            }
        )
    return labels


def test_every_card_label_word_fits_its_column_on_a_phone(server, browser):
    """A card's label column (table.row-cards at phone width) holds the longest word of every column heading
    in every UI language: a word wider than the column would break inside it ("Использовани|й")."""
    labels = _card_labels()
    assert sum(map(len, labels.values())) > 100  # the templates were read
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(server + "/en/help/")
    too_wide = phone.evaluate(
        """(labels) => {
          const table = document.createElement('table');
          table.className = 'row-cards';
          const row = table.insertRow();
          row.insertCell().textContent = 'title';
          const cell = row.insertCell();
          cell.textContent = 'value';
          document.querySelector('main').append(table);
          const ctx = document.createElement('canvas').getContext('2d');
          const out = [];
          for (const [lang, texts] of Object.entries(labels)) {
            for (const text of texts) {
              cell.dataset.label = text;
              const style = getComputedStyle(cell, '::before');
              ctx.font = style.font;
              const room = parseFloat(style.width);
              for (const word of text.split(/\\s+/)) {
                const width = ctx.measureText(word).width;
                if (width > room) out.push(`${lang}: ${word} (${Math.round(width)} px > ${Math.round(room)} px)`);
              }
            }
          }
          return out;
        }""",
        labels,
    )
    context.close()
    assert not too_wide, "card labels wider than their column:\n" + "\n".join(too_wide)
