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
