"""axe-core (npm package, installed into node_modules/ by scripts/system-deps.sh; never from a CDN) run in the
browser on the main public pages and on the localization workbench, in Kazakh and Turkish, at desktop and phone
width: no serious or critical violation (contrast, names and labels, landmarks, nested controls...)."""

from __future__ import annotations

import collections
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from e2e.conftest import PASSWORD, ROOT, shot

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PUBLIC = [
    "/{lang}/",
    "/{lang}/films/",
    "/{lang}/films/?decade=2010",
    "/{lang}/institutions/",
    "/{lang}/memoranda/",
    "/{lang}/search/?q=ata",
    "/{lang}/localization/coverage/",
    "/{lang}/coproductions/",
    "/{lang}/accounts/login/",
    "/{lang}/help/",
    "/{lang}/institutions/KZ-SCSNC/",
]
WORKBENCH = [
    "/{lang}/localization/",
    "/{lang}/localization/tracks/new/",
    "/{lang}/localization/memory/",
    "/{lang}/staff/",
    "/{lang}/staff/institutions/KZ-SCSNC/images/",
    "/{lang}/staff/memoranda/new/",
]
LANGUAGES = ("kk", "tr")
SERIOUS = ("serious", "critical")


def _axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: run scripts/system-deps.sh (npm ci)")
        pytest.skip("axe-core is not installed (scripts/system-deps.sh runs npm ci)")
    return AXE.read_text(encoding="utf-8")


def _violations(page, source: str) -> list[str]:
    # axe-core is injected as an inline script: the contexts bypass the site's CSP for it (the policy itself
    # is checked by e2e/test_csp.py).
    page.add_script_tag(content=source)
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {', '.join(v['nodes'])}"
        for v in found
        if v["impact"] in SERIOUS
    ]


def _sign_in(page, server: str, username: str) -> None:
    page.goto(server + "/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def _links(page, server: str, listing: str, prefix: str) -> list[str]:
    page.goto(server + listing)
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        rest = href[len(prefix) :] if href and href.startswith(prefix) else ""
        if rest.rstrip("/").isdigit() and href.endswith("/"):
            out.append("/{lang}/" + href[len("/en/") :])
    return out[:1]


def _check(browser, server: str, paths: list[str], *, user: str | None, name: str) -> list[str]:
    source = _axe_source()
    problems: list[str] = []
    for viewport, mobile in (({"width": 1280, "height": 900}, False), ({"width": 390, "height": 844}, True)):
        context = browser.new_context(viewport=viewport, is_mobile=mobile, bypass_csp=True)
        page = context.new_page()
        if user:
            _sign_in(page, server, user)
        for path in paths:
            for lang in LANGUAGES:
                url = path.format(lang=lang)
                response = page.goto(server + url)
                assert response is not None and response.status == 200, url
                problems += [f"{url} at {viewport['width']} px: {v}" for v in _violations(page, source)]
        shot(page, f"a11y-{name}-{viewport['width']}")
        context.close()
    return problems


def test_public_pages_have_no_serious_accessibility_violation(server, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    details = []
    for listing, prefix in (
        ("/en/films/", "/en/films/"),
        ("/en/memoranda/", "/en/memoranda/"),
        ("/en/events/", "/en/events/"),
    ):
        details += _links(page, server, listing, prefix)
    context.close()
    problems = _check(browser, server, PUBLIC + details, user=None, name="public")
    assert not problems, "axe-core found serious violations:\n" + "\n".join(problems)


def test_workbench_and_editor_have_no_serious_accessibility_violation(server, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    _sign_in(page, server, "editor-kz")
    work = list(WORKBENCH)
    work += _links(page, server, "/en/localization/", "/en/localization/jobs/")
    work += _links(page, server, "/en/localization/", "/en/localization/tracks/")
    context.close()
    assert any("/jobs/" in path for path in work), "the demo has a translation job to open in the editor"
    problems = _check(browser, server, work, user="editor-kz", name="workbench")
    assert not problems, "axe-core found serious violations:\n" + "\n".join(problems)


# Links the walk below does not follow: sign-out, the Django admin, the API, and files (feeds, exports, PDFs).
NOT_PAGES = re.compile(
    r"logout|/admin/|/api/|/feed/|\.(?:png|jpe?g|css|js|woff2?|pdf|ics|csv|xlsx|zip|srt|vtt|wav|mp3|json|xml|txt)"
    r"(?:\?|$)|/download|/export"
)


def _walk(browser, server: str, *, lang: str, user: str | None, width: int) -> tuple[list[str], int]:
    """Every page reachable from /lang/ (one page of each shape: digits aside), at ``width`` px: its answer,
    axe-core's serious violations and whether it scrolls sideways. Returns the problems and the pages seen."""
    source = _axe_source()
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=width < 600, bypass_csp=True
    )
    page = context.new_page()
    if user:
        _sign_in(page, server, user)
    problems: list[str] = []
    seen: set[str] = set()
    shapes: set[str] = set()
    queue = collections.deque([f"/{lang}/"])
    while queue and len(seen) < 300:
        url = queue.popleft()
        shape = re.sub(r"\d+", "N", url.split("?")[0])
        if url in seen or shape in shapes:
            continue
        seen.add(url)
        shapes.add(shape)
        try:
            response = page.goto(server + url)
        except PlaywrightError as exc:  # a link to a file (an attachment) is not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or "html" not in (response.headers.get("content-type") or ""):
            continue
        if response.status != 200:
            problems.append(f"{url}: answers {response.status} (linked from a page)")
            continue
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        queue.extend(
            h.split("#")[0] for h in hrefs if h and h.startswith(f"/{lang}/") and not NOT_PAGES.search(h)
        )
        problems += [f"{url} at {width} px: {v}" for v in _violations(page, source)]
        sideways = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if sideways > 1:
            problems.append(f"{url} at {width} px: the page scrolls sideways by {sideways} px")
    context.close()
    return problems, len(seen)


def test_every_page_a_manager_reaches_is_accessible_on_a_phone(server, browser):
    """The whole site as the platform administrator sees it (every app's staff pages: festival grid and
    sections, events editor, roles, dubbing, co-production), in Kazakh, where words are long, at phone
    width: no serious violation, no page scrolling sideways, no link to a page that is not there."""
    problems, seen = _walk(browser, server, lang="kk", user="admin", width=390)
    assert seen > 80, seen  # the walk reached the staff pages, not only the home page
    assert not problems, "\n".join(problems)


def test_every_public_page_is_accessible_at_desktop_width(server, browser):
    """What a visitor reaches, in Turkish at desktop width: the same promise."""
    problems, seen = _walk(browser, server, lang="tr", user=None, width=1280)
    assert seen > 25, seen
    assert not problems, "\n".join(problems)


def test_axe_reports_a_serious_violation_when_there_is_one(server, browser):
    """The check itself: a page with an unlabelled field and grey-on-grey text fails it."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/kk/help/")
    page.evaluate(
        """() => { const m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<input type=text><p class="x">faint</p>');
        const p = m.querySelector('p.x'); p.style.color = '#bbb'; p.style.background = '#ccc'; }"""
    )
    ids = " ".join(_violations(page, _axe_source()))
    context.close()
    assert "label" in ids and "color-contrast" in ids


def test_axe_is_served_from_the_project_not_a_cdn():
    assert Path(AXE).is_relative_to(ROOT)
    assert '"axe-core"' in (ROOT / "package.json").read_text(encoding="utf-8")
