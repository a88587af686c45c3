"""The cue editor keeps text typed just before the page is left: while an edit is not yet saved (the
autosave waits 0.8 s after the last key) the browser asks before leaving, and leaving sends the text at
once to the autosave's address (fetch keepalive / sendBeacon with the row's version and the CSRF token)."""

from __future__ import annotations

from e2e.conftest import signed_in


def _open_editor(browser, server: str):
    """translator-az's translation job in progress (the demo's Kazakh → Azerbaijani one), reached from the
    workbench's home so that going back leaves the editor."""
    context, page = signed_in(browser, server, "translator-az", "/en/localization/")
    page.wait_for_selector("main a[href*='/localization/jobs/']")  # signed in (the sign-in URL ends alike)
    links = page.locator("main a[href*='/localization/jobs/']")
    for href in [links.nth(i).get_attribute("href") for i in range(links.count())]:
        page.goto(server + "/en/localization/")
        page.goto(server + str(href))
        if page.locator("table#editor:not(.dubbing) textarea[name=text]").count():
            return context, page
    raise AssertionError("translator-az has no translation job to edit")


def test_text_typed_just_before_going_back_is_saved_after_the_browser_asked(server: str, browser) -> None:
    context, page = _open_editor(browser, server)
    editor_url = page.url
    dialogs: list[str] = []

    def leave(dialog) -> None:  # the user answers "Leave" to the browser's own prompt
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    field = page.locator("textarea[name=text]").first
    field_id = field.get_attribute("id")
    before = field.input_value()
    field.focus()
    page.keyboard.press("Control+End")
    field.press_sequentially(" çölə")
    page.go_back()  # within the autosave's 0.8 s
    page.wait_for_url(lambda url: url != editor_url)
    assert dialogs == ["beforeunload"]
    page.wait_for_timeout(1000)
    page.goto(editor_url)
    assert page.locator(f"#{field_id}").input_value() == before + " çölə"
    context.close()


def test_no_prompt_once_the_text_is_saved(server: str, browser) -> None:
    context, page = _open_editor(browser, server)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    field = page.locator("textarea[name=text]").nth(1)
    field_id = field.get_attribute("id")
    field.focus()
    page.keyboard.press("Control+End")
    with page.expect_response(lambda r: "/cues/" in r.url and r.request.method == "POST"):
        field.press_sequentially(" saxlanır")
    page.wait_for_timeout(300)
    editor_url = page.url
    page.go_back()
    page.wait_for_url(lambda url: url != editor_url)
    assert dialogs == []
    page.goto(editor_url)
    assert page.locator(f"#{field_id}").input_value().endswith(" saxlanır")
    context.close()
