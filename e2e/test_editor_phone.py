"""The cue editor at phone width (390 px), where its rows are laid out as cards (workbench.css): the
"Show" filter still hides the cues it leaves out, as it does on a wide screen."""

from __future__ import annotations

from e2e.conftest import shot, signed_in


def _kazakh_job(browser, server: str):
    """translator-az's Kazakh → Azerbaijani job in progress (the demo's), at phone width."""
    context, page = signed_in(browser, server, "translator-az", "/az/localization/", width=390)
    link = page.locator("main a[href*='/localization/jobs/'][lang='kk-Cyrl']").first
    page.goto(server + str(link.get_attribute("href")))
    return context, page


def test_the_filter_hides_the_cues_it_leaves_out_on_a_phone(server: str, browser) -> None:
    context, page = _kazakh_job(browser, server)
    rows = page.locator("table#editor tr.cue")
    total = rows.count()
    waiting = page.locator("table#editor tr.cue:has(.cue-status[data-state=waiting_review])").count()
    assert 0 < waiting < total
    page.focus("#cue-filter")
    page.select_option("#cue-filter", "waiting_review")
    shown = [i for i in range(total) if rows.nth(i).is_visible()]
    shot(page, "editor-filter-phone")
    assert len(shown) == waiting
    page.select_option("#cue-filter", "")
    assert all(rows.nth(i).is_visible() for i in range(total))
    context.close()


def test_alt_arrows_and_ctrl_enter_go_to_the_next_cue_the_filter_shows(server: str, browser) -> None:
    """With the filter on, the next cue by keyboard is the next one shown: a hidden cue cannot take the focus,
    which used to stay where it was, so the cues after a hidden one could not be reached with Alt+↓."""
    context, page = _kazakh_job(browser, server)
    rows = page.locator("table#editor tr.cue")
    states = [rows.nth(i).locator(".cue-status").get_attribute("data-state") for i in range(rows.count())]
    first_untranslated = states.index("untranslated")
    assert (
        "waiting_review" in states[:first_untranslated] and states[first_untranslated - 1] != "waiting_review"
    )
    last_waiting = max(i for i in range(first_untranslated) if states[i] == "waiting_review")
    field = rows.nth(first_untranslated).locator("textarea")
    field.focus()
    with page.expect_response(lambda r: "/cues/" in r.url and r.request.method == "POST"):
        page.keyboard.type("Külək güclənir.")
    with page.expect_response(lambda r: "/cues/" in r.url and r.request.method == "POST"):
        page.keyboard.press("Control+Enter")  # submitted: it now waits for review too
    page.wait_for_timeout(300)
    page.select_option("#cue-filter", "waiting_review")
    above = rows.nth(last_waiting).locator("textarea")
    above.focus()
    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate("document.activeElement.id") == field.get_attribute("id")
    page.keyboard.press("Alt+ArrowUp")
    assert page.evaluate("document.activeElement.id") == above.get_attribute("id")
    page.select_option("#cue-filter", "untranslated draft needs_editing")
    shown = [i for i in range(rows.count()) if rows.nth(i).is_visible()]
    start = rows.nth(shown[0]).locator("textarea")
    start.focus()
    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate("document.activeElement.id") == rows.nth(shown[1]).locator("textarea").get_attribute(
        "id"
    )
    context.close()
