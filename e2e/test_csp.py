"""The Content-Security-Policy in a real browser: Chromium reports no blocked script, style or handler on
the main pages (public, signed-in, the cue editor with htmx, the API docs, the admin), and an inline script
smuggled into a page would indeed be refused."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from e2e.conftest import PASSWORD


def _watch(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda msg: (
            refused.append(f"{page.url}: {msg.text}") if "Content Security Policy" in msg.text else None
        ),
    )
    return refused


def _goto(page, url: str) -> None:
    """``page.goto``, again when the page left behind aborts or interrupts the navigation (a redirect after
    sign-in that arrives late, the editor's htmx polls): an aborted load is not what this test looks for, a
    refused script is."""
    for attempt in range(3):
        try:
            page.goto(url)
            return
        except PlaywrightError as exc:
            if not any(m in str(exc) for m in ("ERR_ABORTED", "interrupted by another")):
                raise
            # The navigation that took over may be one to the very same page: then the page is there.
            page.wait_for_load_state("load")
            if page.url == url:
                return
            if attempt == 2:
                raise


def test_main_pages_run_under_the_policy(server, page):
    refused = _watch(page)
    for path in ("/en/", "/kk/films/", "/tr/search/?q=dala", "/en/institutions/", "/en/events/", "/api/docs"):
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in (response.header_value("content-security-policy") or "")
        page.wait_for_load_state("networkidle")
    assert page.locator("#swagger-ui .opblock").count() > 5  # Swagger UI ran from its static files
    page.goto(server + "/en/films/")
    page.locator("main a[href*='/films/']").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(server + "/en/accounts/login/?next=/en/localization/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    # By its path: the glob "**/en/localization/" also matches the login page's own "?next=/en/localization/",
    # and the test would go on while the sign-in's redirect is still under way.
    page.wait_for_url(lambda url: urlsplit(url).path == "/en/localization/")
    page.wait_for_load_state("networkidle")
    job = page.locator("main a[href*='/localization/jobs/']").first
    if job.count():
        job.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)  # htmx polls and the editor's script run
    page.goto("about:blank")  # the editor's polls stop before the next pages load
    for path in ("/en/staff/", "/admin/"):
        _goto(page, server + path)
        page.wait_for_load_state("networkidle")
    assert not refused, "\n".join(refused)
    # The policy is in force: a script added as inline code is refused, one from the site's files is not.
    page.goto(server + "/en/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.ran") is None
    assert any("inline script" in r or "script-src" in r for r in refused)
