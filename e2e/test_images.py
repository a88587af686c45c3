"""Images as an editor and a visitor meet them: the logo of an institution uploaded and described in the
browser, by keyboard, then shown on the public page with its alt text in the page's language (marked with
its `lang`), loaded at its thumbnail size, on a phone without sideways scroll; removed again at the end."""

from __future__ import annotations

import io

from PIL import Image

from e2e.conftest import PASSWORD, shot

CODE = "KZ-SCSNC"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 300), (11, 110, 105)).save(out, "PNG")
    return out.getvalue()


def _sign_in(page, server: str) -> None:
    page.goto(server + "/en/accounts/login/")
    page.fill("#id_username", "editor-kz")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_editor_uploads_and_describes_a_logo_by_keyboard_and_the_public_sees_it(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, server)
    page.goto(server + f"/kk/institutions/{CODE}/")
    page.click(f'a[href="/kk/staff/institutions/{CODE}/images/"]')
    assert page.url.endswith(f"/kk/staff/institutions/{CODE}/images/")
    while page.locator(".image-item").count():  # what an earlier run on this server left
        with page.expect_navigation():
            page.locator(".image-item button.danger").first.click()
    page.set_input_files("#id_file", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": _png()}])
    page.select_option("#id_language", "kk-Cyrl")
    page.fill("#id_alt", "Ұлттық киноны қолдау орталығының логотипі")
    page.focus("#id_alt")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form is sent from the keyboard
    assert page.locator(".messages li").count() == 1
    assert page.locator(".image-item").count() == 1
    # a second description, in Turkish, through the per-image form
    page.select_option("select[id^='alt-lang-']", "tr")
    page.fill("input[id^='alt-text-']", "Ulusal Sinemayı Destek Merkezi logosu")
    page.focus("input[id^='alt-text-']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Ulusal Sinemayı Destek Merkezi logosu" in page.locator(".image-item").inner_text()
    shot(page, "images-manage-1280")
    context.close()

    visitor = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = visitor.new_page()
    for lang, alt, tag in (
        ("kk", "Ұлттық киноны қолдау орталығының логотипі", "kk-Cyrl"),
        ("tr", "Ulusal Sinemayı Destek Merkezi logosu", "tr"),
    ):
        phone.goto(server + f"/{lang}/institutions/{CODE}/")
        logo = phone.locator(".record-head .logo img")
        assert logo.get_attribute("alt") == alt and logo.get_attribute("lang") == tag
        assert phone.evaluate("img => img.complete && img.naturalWidth", logo.element_handle()) > 0
        assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    shot(phone, "images-institution-390")
    visitor.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _sign_in(page, server)
    page.goto(server + f"/en/staff/institutions/{CODE}/images/")
    with page.expect_navigation():
        page.locator(".image-item button.danger").first.click()
    assert page.locator(".image-item").count() == 0
    context.close()
