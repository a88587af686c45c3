"""The localization workbench in the browser, tried as new users would: an editor of the Kazakh agency
orders a Turkish translation and a Kazakh Latin transliteration of the Kazakh demo track, the translator
translates in the editor (autosave, submit for review), the reviewer approves both jobs, the editor exports
SRT and DCP XML, and the catalogue shows both tracks available.

The server runs background tasks in-process (KORKYT_CELERY_EAGER) so pre-translation and transliteration
finish within the request that orders them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from e2e.conftest import PASSWORD, running_server, shot

TURKISH = [
    "Gün doğuyor.",
    "Anne, bozkıra çıkıyorum.",
    "Atları sulamaya götür.",
    "Rüzgâr giderek artıyor.",
    "Korkut Ata kopuz mu çalıyor?",
    "Evet, nehir kıyısında oturuyor.",
    "Akşama kadar eve dön.",
    "Tamam, söz veriyorum.",
]


@pytest.fixture(scope="module")
def l10n_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-l10n-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


def _sign_in(browser, server: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/en/accounts/login/?next=/en/localization/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/en/localization/") and "login" not in url)
    return context, page


def test_editor_translator_reviewer_deliver_turkish_and_kazakh_latin_tracks(l10n_server, browser):
    server = l10n_server
    # The editor orders both jobs from the Kazakh demo track.
    editor_ctx, editor = _sign_in(browser, server, "editor-kz")
    shot(editor, "l10n-home-editor")
    editor.click("text=Қыз Жібек · Kazakh (Cyrillic)")
    editor.wait_for_url("**/localization/tracks/*/")
    track_url = editor.url
    assert "Check on upload" in editor.content()
    editor.select_option("select[name=target_language]", "tr")
    editor.select_option("select[name=assignee]", label="translator-tr")
    editor.select_option("select[name=reviewer]", label="reviewer-tr")
    shot(editor, "l10n-order")
    editor.click("form button:has-text('Order')")
    editor.wait_for_url("**/localization/jobs/*/")
    tr_job_url = editor.url
    assert "No machine-translation engine is configured" in editor.content()
    editor.goto(track_url)
    editor.select_option("select[name=target_language]", "kk-Latn")
    editor.select_option("select[name=reviewer]", label="reviewer-tr")
    editor.click("form button:has-text('Order')")
    editor.wait_for_url("**/localization/jobs/*/")
    latin_job_url = editor.url
    assert "Qorqyt Ata qobyz tartyp otyr ma?" in editor.content()

    # The translator translates every cue: autosave, then submit for review.
    translator_ctx, translator = _sign_in(browser, server, "translator-tr")
    assert translator.locator("table.jobs tbody tr").count() == 1
    translator.goto(tr_job_url)
    assert translator.locator("mark.term").first.get_attribute("title") == "Korkut Ata"
    rows = translator.locator("tr.cue")
    assert rows.count() == len(TURKISH)
    for index, text in enumerate(TURKISH):
        row = rows.nth(index)
        row.locator("textarea").fill(text)
        row.locator("button.submit").click()
        row.locator(".cue-status[data-state=waiting_review]").wait_for()
    translator.keyboard.press("Alt+ArrowUp")
    shot(translator, "l10n-editor-translator")
    # The translator cannot see the transliteration job (not assigned to them): 404.
    response = translator.goto(latin_job_url)
    assert response is not None and response.status == 404

    # The reviewer returns one cue, the translator fixes it, the reviewer approves both jobs.
    reviewer_ctx, reviewer = _sign_in(browser, server, "reviewer-tr")
    reviewer.goto(tr_job_url)
    first = reviewer.locator("tr.cue").first
    first.locator("input[name=comment]").fill("Daha doğal: Gün ağarıyor.")
    first.locator("button.return").click()
    first.locator(".cue-status[data-state=needs_editing]").wait_for()
    translator.goto(tr_job_url)
    fix = translator.locator("tr.cue").first
    assert "Gün ağarıyor" in fix.inner_text()
    fix.locator("textarea").fill("Gün ağarıyor.")
    fix.locator("button.submit").click()
    fix.locator(".cue-status[data-state=waiting_review]").wait_for()
    reviewer.goto(tr_job_url)
    reviewer.select_option("#cue-filter", "waiting_review")
    assert reviewer.locator("tr.cue:visible").count() == len(TURKISH)
    reviewer.select_option("#cue-filter", "approved")
    assert reviewer.locator("tr.cue:visible").count() == 0
    reviewer.click("button:has-text('Approve all cues waiting for review')")
    reviewer.wait_for_load_state()
    reviewer.click("button:has-text('Approve the job')")
    reviewer.wait_for_load_state()
    assert "The job is approved" in reviewer.content()
    shot(reviewer, "l10n-approved-tr")
    reviewer.goto(latin_job_url)
    reviewer.click("button:has-text('Approve all cues waiting for review')")
    reviewer.wait_for_load_state()
    reviewer.click("button:has-text('Approve the job')")
    reviewer.wait_for_load_state()
    assert "The job is approved" in reviewer.content()

    # The editor exports SRT and DCP XML: each export is made in the background and kept to download.
    def deliver(job_url: str, fmt: str) -> str:
        editor.goto(job_url)
        editor.select_option("#delivery-format", fmt)
        editor.click("#background-work button:has-text('Export')")
        editor.wait_for_url("**#background-work")
        link = editor.locator(".deliveries li").first.locator("a[download]")
        link.wait_for()
        response = editor.request.get(server + link.get_attribute("href"))
        assert response.status == 200 and "attachment" in response.headers["content-disposition"]
        return response.text()

    srt = deliver(tr_job_url, "srt")
    assert "Gün ağarıyor." in srt and "00:00:02,000 --> 00:00:04,200" in srt
    dcp = deliver(tr_job_url, "dcp-interop")
    assert "<DCSubtitle" in dcp and "Korkut Ata" in dcp
    editor.click("#background-work button:has-text('Check every cue')")
    editor.wait_for_url("**#background-work")
    assert "translated cues" in editor.locator(".check-summary").inner_text()
    shot(editor, "l10n-deliveries")
    assert "SubtitleReel" in deliver(latin_job_url, "dcp-smpte")

    # The catalogue shows both tracks available.
    editor.goto(tr_job_url)
    editor.click("p.meta a >> nth=1")
    editor.click("text=The film in the catalogue")
    editor.wait_for_load_state()
    html = editor.content()
    for tag in ("tr", "kk-Latn"):
        assert editor.locator(f".track-available[data-lang='{tag}']").count() == 1, tag
    assert "available" in html.lower()
    shot(editor, "l10n-catalogue-tracks")
    editor.goto(server + "/en/localization/coverage/")
    shot(editor, "l10n-coverage")
    for ctx in (editor_ctx, translator_ctx, reviewer_ctx):
        ctx.close()
