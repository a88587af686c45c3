"""Keyboard use of the htmx parts, in the browser: starring a screening and asking for a dubbing output keep
the focus on the button pressed (and the output's chosen format), and the header's search suggestions are a
combobox the arrow keys, Enter and Escape work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from e2e.conftest import running_server, shot, signed_in


@pytest.fixture(scope="module")
def eager_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose background work runs at once (the schedule's proposal)."""
    with running_server(tmp_path_factory.mktemp("korkyt-keys-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


@pytest.fixture(scope="module")
def published(eager_server: str, browser) -> str:
    """The demo's 6th edition with its schedule proposed and published (as festival staff do it)."""
    context, page = signed_in(browser, eager_server, "festival-staff", "/en/festival/6/grid/")
    for label in ("Propose schedule", "Publish"):
        with page.expect_navigation():
            page.click(f"button:text('{label}')")
    assert "The programme is published." in " ".join(page.locator("ul.messages").all_inner_texts())
    context.close()
    return eager_server


def _focused(page) -> dict:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return {tag: el.tagName, id: el.id, text: (el.textContent || '').trim(),"
        " pressed: el.getAttribute('aria-pressed')}; }"
    )


def test_starring_keeps_the_focus_on_the_star_button(published: str, browser) -> None:
    context, page = signed_in(browser, published, "translator-az", "/ru/festival/6/screenings/")
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
    context, page = signed_in(browser, eager_server, "translator-az", "/ru/localization/dubbing/1/")
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


def test_search_suggestions_are_a_combobox(eager_server: str, browser) -> None:
    server = eager_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/en/films/")
    box = page.locator("#site-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "site-suggestions-list"
    box.focus()
    with page.expect_response(lambda r: "/suggest" in r.url):
        page.keyboard.type("Susuz")
    page.wait_for_selector("#site-suggestions [role=option]")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator("#site-suggestions [role=option]")
    count = options.count()
    assert count >= 2  # a film and "All results"
    page.keyboard.press("ArrowDown")
    first_id = options.nth(0).get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert options.nth(0).get_attribute("aria-selected") == "true"
    assert _focused(page)["id"] == "site-q"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first_id
    shot(page, "keyboard-search-combobox")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-suggestions [role=option]").first.is_visible()
    assert box.get_attribute("aria-activedescendant") is None
    assert _focused(page)["id"] == "site-q"
    assert box.input_value() == "Susuz"  # Escape closes the list, it does not clear the field
    # ArrowDown opens it again on its first option; Enter opens that option's link
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == first_id
    href = options.nth(0).get_attribute("href")
    assert href and "/search/" not in href
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href)
    # Tab leaves the field for the next control, the list closes
    page.goto(server + "/en/films/")
    page.locator("#site-q").focus()
    with page.expect_response(lambda r: "/suggest" in r.url):
        page.keyboard.type("Susuz")
    page.wait_for_selector("#site-suggestions [role=option]")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] != "site-q"
    assert page.locator("#site-q").get_attribute("aria-expanded") == "false"
    context.close()


def test_the_open_combobox_passes_axe(eager_server: str, browser) -> None:
    from e2e.test_accessibility import SERIOUS, _axe_source

    source = _axe_source()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(eager_server + "/en/films/")
    page.locator("#site-q").focus()
    with page.expect_response(lambda r: "/suggest" in r.url):
        page.keyboard.type("Susuz")
    page.wait_for_selector("#site-suggestions [role=option]")
    page.keyboard.press("ArrowDown")
    page.add_script_tag(content=source)
    found = page.evaluate(
        """async () => {
          const result = await axe.run({include: [['.site-search']]}, {resultTypes: ['violations']});
          return result.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    assert not [v for v in found if v["impact"] in SERIOUS], found
    context.close()


def test_a_form_sent_back_with_errors_puts_the_focus_on_the_first_field_in_error(
    eager_server: str, browser
) -> None:
    """On a phone the errors are below the first screen: the first field in error takes the focus (and is
    scrolled to)."""
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(eager_server + "/tk/accounts/signup/")
    page.fill("input[name=email]", "new.person@example.org")
    page.fill("input[name=username]", "new-person")
    page.fill("input[name=password1]", "abc")
    page.fill("input[name=password2]", "abc")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_password1'")
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom]; })()"
    )
    assert box[0] >= 0 and box[1] <= 700  # on the screen, not below it
    shot(page, "signup-error-focus-tk-375")
    context.close()
