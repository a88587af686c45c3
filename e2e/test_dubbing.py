"""A dubbing job in the browser, tried as new users would: the Turkish agency's editor orders a dub into
Azerbaijani from the approved Turkish → Azerbaijani demo translation, the adapter shortens a line marked too
long (live, as they type) until none remain, names the speakers and submits every line for review. (The
director's part — casting, plan and script downloads, temp track, preview, approval, the catalogue — is
covered by the service, page and API tests; its browser walk is still to be written.)

The server runs background tasks in-process (KORKYT_CELERY_EAGER) so the outputs are made within the request
that asks for them (espeak-ng and ffmpeg are Debian packages the test needs for the temp track)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from e2e.conftest import PASSWORD, running_server, shot

LONG = "Səhər çox tezdən, günəş doğmamışdan əvvəl, hamımız birlikdə uzun yola çıxacağıq, unutma."


@pytest.fixture(scope="module")
def dub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-dub-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


def _sign_in(browser, server: str, username: str, next_url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/en/accounts/login/?next=" + next_url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(next_url))
    return context, page


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
def test_order_a_dub_and_adapt_it_until_no_line_is_too_long(dub_server, browser):
    server = dub_server
    editor_ctx, editor = _sign_in(browser, server, "editor-tr", "/en/localization/dubbing/")
    shot(editor, "dub-home")
    editor.click("text=Order a dubbing job")
    editor.select_option("#id_film", label="Susuz Yaz")
    editor.click("form button:has-text('Next')")
    editor.select_option("select[name=source]", index=1)  # the approved translation
    editor.select_option("select[name=target_language]", "az-Latn")
    editor.select_option("select[name=adapter]", label="translator-az")
    editor.select_option("select[name=director]", label="reviewer-az")
    shot(editor, "dub-order")
    editor.click("form button:has-text('Order')")
    editor.wait_for_url("**/localization/dubbing/*/")
    job_url = editor.url
    assert "The dubbing job was ordered" in editor.content()

    # The adapter makes the first line too long, sees it marked, and shortens it until none remain.
    adapter_ctx, adapter = _sign_in(
        browser, server, "translator-az", job_url.removeprefix(server) + "adaptation"
    )
    first = adapter.locator("tr.cue").first
    first.locator("textarea").fill(LONG)
    adapter.wait_for_selector("tr.cue >> nth=0 >> .fit-too-long")
    shot(adapter, "dub-adaptation-too-long")
    first.locator("textarea").fill("Səhər tezdən yola çıxırıq.")
    adapter.wait_for_selector("tr.cue >> nth=0 >> .fit.fit-fits")
    first.locator("input.speaker").fill("Səfər")
    first.locator("input.speaker").press("Tab")
    adapter.wait_for_timeout(1200)  # autosave
    for index in range(adapter.locator("tr.cue").count()):
        row = adapter.locator("tr.cue").nth(index)
        row.locator("input.speaker").fill("Səfər" if index % 2 == 0 else "Nuray")
        row.locator("input.speaker").press("Tab")
        row.locator("button.submit").click()
        adapter.wait_for_timeout(300)
    adapter.reload()
    assert adapter.locator(".fit-too-long").count() == 1  # the count at the top only
    assert 'Lines too long: <b class="fit-too-long">0</b>' in adapter.content()
    shot(adapter, "dub-adaptation-fixed")

    for ctx in (editor_ctx, adapter_ctx):
        ctx.close()
