"""Keyboard use of the htmx parts, in the browser: starring a screening and asking for a dubbing output keep
the focus on the button pressed (and the output's chosen format), and the header's search suggestions are a
combobox the arrow keys, Enter and Escape work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from e2e.conftest import PASSWORD, running_server, shot


@pytest.fixture(scope="module")
def eager_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose background work runs at once (the schedule's proposal)."""
    with running_server(tmp_path_factory.mktemp("korkyt-keys-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


@pytest.fixture(scope="module")
def published(eager_server: str, browser) -> str:
    """The demo's 6th edition with its schedule proposed and published (as festival staff do it)."""
    context, page = _signed_in(browser, eager_server, "festival-staff", "/en/festival/6/grid/")
    for label in ("Propose schedule", "Publish"):
        with page.expect_navigation():
            page.click(f"button:text('{label}')")
    assert "The programme is published." in " ".join(page.locator("ul.messages").all_inner_texts())
    context.close()
    return eager_server


def _signed_in(browser, server: str, username: str, next_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/en/accounts/login/?next=" + next_url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(next_url))
    return context, page


def _focused(page) -> dict:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return {tag: el.tagName, id: el.id, text: (el.textContent || '').trim(),"
        " pressed: el.getAttribute('aria-pressed')}; }"
    )


def test_starring_keeps_the_focus_on_the_star_button(published: str, browser) -> None:
    context, page = _signed_in(browser, published, "translator-az", "/ru/festival/6/screenings/")
    button = page.locator("form.star button").first
    button.focus()
    button_id = button.get_attribute("id")
    assert button_id
    with page.expect_response(lambda r: "/star" in r.url and r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.wait_for_function(
        "id => document.getElementById(id) && document.getElementById(id).getAttribute('aria-pressed') === 'true'",
        arg=button_id,
    )
    focused = _focused(page)
    assert focused["id"] == button_id and focused["pressed"] == "true", focused
    shot(page, "keyboard-star")
    with page.expect_response(lambda r: "/star" in r.url and r.request.method == "POST"):
        page.keyboard.press("Enter")  # and back: still on the button
    page.wait_for_function(
        "id => document.getElementById(id).getAttribute('aria-pressed') === 'false'", arg=button_id
    )
    assert _focused(page)["id"] == button_id
    context.close()


def test_making_an_output_keeps_the_focus_and_the_chosen_format(eager_server: str, browser) -> None:
    context, page = _signed_in(browser, eager_server, "translator-az", "/ru/localization/dubbing/1/")
    select = page.locator("#output-kind")
    values = select.evaluate("el => Array.from(el.options).map(o => o.value)")
    chosen = "script.docx"
    assert chosen in values and chosen != values[0]
    select.select_option(chosen)
    form_button = page.locator("#outputs form button[type=submit]")
    form_button.focus()
    before = page.locator("#outputs-status li").count()
    with page.expect_response(lambda r: r.url.endswith("/outputs") and r.request.method == "POST"):
        page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('#outputs-status li').length > {before}")
    focused = _focused(page)
    assert focused["tag"] == "BUTTON" and page.evaluate(
        "document.activeElement === document.querySelector('#outputs form button[type=submit]')"
    ), focused
    assert page.locator("#output-kind").input_value() == chosen
    shot(page, "keyboard-dubbing-outputs")
    context.close()
