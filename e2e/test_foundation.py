"""A new user's first visit: the network in Kazakh and Turkish, sign in as an editor, edit the institution's
description, see it on the public page."""

from __future__ import annotations

from e2e.conftest import PASSWORD, shot


def test_home_in_kazakh_and_turkish(server, page):
    page.goto(server + "/kk/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("svg.network circle").count() == 6
    assert page.locator("h1").inner_text() == "Түркі киноынтымақтастығы желісі"  # the kk catalogue's text
    shot(page, "home-kk")
    page.goto(server + "/tr/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator("h1").inner_text() == "Türk dünyası sinema işbirliği ağı"
    shot(page, "home-tr")


def test_language_switcher_by_keyboard_is_remembered(server, page):
    page.goto(server + "/en/memoranda/")
    page.focus("#lang-select")
    page.select_option("#lang-select", "uz")
    # Choosing in the menu changes nothing by itself (WCAG 3.2.2): the page stays until the choice is sent.
    page.wait_for_timeout(500)
    assert page.url.endswith("/en/memoranda/")
    page.keyboard.press("Tab")  # to the menu's own "Change" button
    page.keyboard.press("Enter")
    page.wait_for_url("**/uz/memoranda/")
    page.goto(server + "/")
    assert "/uz/" in page.url


def test_editor_signs_in_edits_description_and_sees_it_public(server, page):
    page.goto(server + "/kk/accounts/login/")
    page.fill("input[name=username]", "editor-kz")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/kk/staff/")
    shot(page, "staff-kk")
    page.goto(server + "/kk/staff/institutions/KZ-SCSNC/edit/?language=kk-Cyrl")
    page.fill("input[name=name]", "Ұлттық киноны мемлекеттік қолдау орталығы")
    page.fill("textarea[name=description]", "Орталық қазақ киносының өндірісі мен таралуын қолдайды.")
    shot(page, "edit-institution-kk")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url("**/kk/institutions/KZ-SCSNC/")
    description = page.locator("div.description")
    assert description.get_attribute("lang") == "kk-Cyrl"
    assert "қазақ киносының" in description.inner_text()
    assert page.locator("h1").get_attribute("lang") == "kk-Cyrl"
    shot(page, "institution-kk")
    # An editor cannot edit another institution's record.
    response = page.goto(server + "/kk/staff/institutions/AZ-CA/edit/")
    assert response is not None and response.status == 403


def test_phone_layout_has_no_horizontal_scroll(server, phone):
    phone.goto(server + "/ru/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(phone, "home-ru-phone")


def test_phone_header_is_a_menu_opened_by_keyboard_and_closed_by_escape(server, phone):
    """On a phone the header shows the brand, the menu button and the search; the links, the script switch
    and the language menu are behind the button (they took a third of the screen on every page)."""
    phone.goto(server + "/kk/films/")
    toggle = phone.locator(".menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text().strip().endswith("Мәзір")  # the kk catalogue's word
    assert phone.locator("#site-q").is_visible()  # the search stays in view
    assert not phone.locator("header nav").is_visible() and not phone.locator("#lang-select").is_visible()
    header_height = phone.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    assert header_height < 130, header_height
    shot(phone, "header-phone-closed")

    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.locator("header nav").is_visible() and phone.locator("#lang-select").is_visible()
    shot(phone, "header-phone-open")
    phone.keyboard.press("Tab")  # into the menu: its first link
    assert phone.evaluate("document.activeElement.closest('nav') !== null")
    phone.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator("header nav").is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('menu-toggle')")

    # The menu's links work once opened: to the memoranda, by a tap.
    toggle.click()
    phone.locator("header nav a[href$='/memoranda/']").click()
    phone.wait_for_url("**/kk/memoranda/")


def test_desktop_header_has_no_menu_button(server, page):
    page.goto(server + "/en/")
    assert not page.locator(".menu-toggle").is_visible()
    assert page.locator("header nav").is_visible() and page.locator("#lang-select").is_visible()
