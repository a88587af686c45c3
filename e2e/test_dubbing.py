"""A dubbing job in the browser, tried as new users would: the Turkish agency's editor orders a dub into
Azerbaijani from the approved Turkish → Azerbaijani demo translation, the adapter shortens a line marked too
long (live, as they type) until none remain, names the speakers and submits every line for review; then the director approves every line with the
"approve all" button, casts both characters, downloads the recording plan and the dubbing script (PDF),
makes the temp voice track and plays it in the preview, approves the dubbing, and the film's catalogue page
shows the Azerbaijani dub as available.

The server runs background tasks in-process (KORKYT_CELERY_EAGER) so the outputs are made within the request
that asks for them (espeak-ng and ffmpeg are Debian packages the test needs for the temp track)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.conftest import running_server, shot, signed_in

LONG = "Səhər çox tezdən, günəş doğmamışdan əvvəl, hamımız birlikdə uzun yola çıxacağıq, unutma."


@pytest.fixture(scope="module")
def dub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-dub-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
def test_order_adapt_cast_render_and_approve_a_dub(dub_server, browser):
    server = dub_server
    editor_ctx, editor = signed_in(browser, server, "editor-tr", "/en/localization/dubbing/")
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
    adapter_ctx, adapter = signed_in(
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

    # The director approves every line at once, then casts, plans, renders, previews and approves.
    director_ctx, director = signed_in(
        browser, server, "reviewer-az", job_url.removeprefix(server) + "adaptation"
    )
    director.click("button:has-text('Approve all cues waiting for review')")
    director.wait_for_load_state()
    assert (
        director.locator("tr.cue .cue-status[data-state=approved]").count()
        == director.locator("tr.cue").count()
    )
    shot(director, "dub-adaptation-approved")
    director.goto(job_url)
    # one cast form under the table: choose the character, then the voice actor
    for index in range(director.locator("#cast-character option").count()):
        director.select_option("#cast-character", index=index)
        director.select_option("#cast-person", index=index + 1)
        director.click("#cast button:has-text('Cast')")
        director.wait_for_load_state()
    assert "The characters were saved." in director.content()
    assert director.locator("#actors tbody tr").count() == 2
    shot(director, "dub-cast")
    with director.expect_download() as plan:
        director.click("#plan a:has-text('Studio plan')")
    assert plan.value.suggested_filename.endswith(".pdf")
    assert Path(plan.value.path()).read_bytes().startswith(b"%PDF")
    for output in ("script.pdf", "temp_track.wav"):
        director.select_option("#output-kind", output)
        director.click("#outputs button:has-text('Make the file')")
        director.wait_for_selector(f"#outputs a[download][href]:has-text('.{output.split('.')[1]}')")
    with director.expect_download() as script:
        director.click("#outputs a[download]:has-text('.pdf')")
    assert Path(script.value.path()).read_bytes().startswith(b"%PDF")
    shot(director, "dub-outputs")

    director.click("text=Preview")
    director.wait_for_selector("#dub-audio")
    duration = director.evaluate(
        """() => new Promise((resolve) => {
            const audio = document.getElementById("dub-audio");
            if (audio.readyState >= 1) resolve(audio.duration);
            audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
            audio.load();
        })"""
    )
    assert duration > 1
    director.evaluate("() => { const a = document.getElementById('dub-audio'); a.muted = true; a.play(); }")
    director.wait_for_selector("#dub-lines li.current")
    shot(director, "dub-preview")

    director.goto(job_url)
    director.click("button:has-text('Approve the dubbing')")
    director.wait_for_load_state()
    assert "The dubbing is approved" in director.content()
    shot(director, "dub-approved")
    director.click("p.meta a >> nth=1")
    director.click("text=The film in the catalogue")
    director.wait_for_load_state()
    assert director.locator(".track-available[data-lang='az-Latn']").count() >= 1
    shot(director, "dub-catalogue")

    for ctx in (editor_ctx, adapter_ctx, director_ctx):
        ctx.close()
