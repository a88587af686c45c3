"""Events in the browser, tried as new users would, at desktop and phone widths: an editor of the Kazakh
agency creates a master class in three languages with country quotas and publishes it; a producer from
Kyrgyzstan registers and opens the QR ticket; the editor checks them in by typing the code; the editor
issues certificates; the producer downloads theirs and its verification page says it is valid.

The server runs background tasks in-process (KORKYT_CELERY_EAGER), so certificates are issued within the
request that asks for them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from e2e.conftest import PASSWORD, running_server, shot

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def events_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-events-home"), KORKYT_CELERY_EAGER="true") as url:
        yield url


def _sign_in(browser, server: str, username: str, **context):
    ctx = browser.new_context(**(context or DESKTOP))
    page = ctx.new_page()
    page.goto(server + "/en/accounts/login/?next=/en/events/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/en/events/") and "login" not in url)
    return ctx, page


def test_create_register_check_in_and_certify(events_server, browser):
    server = events_server
    # The Kazakh agency's editor creates the master class in three languages, with quotas, and publishes it.
    editor_ctx, editor = _sign_in(browser, server, "editor-kz")
    editor.click("text=New event")
    editor.select_option("select[name=kind]", "master_class")
    editor.fill("input[name=venue]", "Aktau, Caspian cinema hall")
    editor.select_option("select[name=time_zone]", "Asia/Aqtau")
    editor.fill("input[name=capacity]", "30")
    editor.fill("input[name=per_country_limit]", "5")
    for i, (lang, title) in enumerate(
        [
            ("kk-Cyrl", "Дала дыбысы: шеберлік сыныбы"),
            ("ru", "Звук степи: мастер-класс"),
            ("en", "Steppe sound master class"),
        ]
    ):
        editor.select_option(f"select[name=texts-{i}-language]", lang)
        editor.fill(f"input[name=texts-{i}-title]", title)
    editor.fill("input[name=sessions-0-starts_at]", "2027-06-02T10:00")
    editor.fill("input[name=sessions-0-ends_at]", "2027-06-02T13:00")
    editor.select_option("select[name=quotas-0-country]", "KZ")
    editor.fill("input[name=quotas-0-limit]", "10")
    editor.select_option("select[name=questions-0-kind]", "country")
    editor.fill("input[name=questions-0-label]", "Country")
    editor.check("input[name=questions-0-required]")
    shot(editor, "events-editor-desktop")
    with editor.expect_navigation():
        editor.click("form.stack button[type=submit]")
    errors = editor.locator("[role=alert]").all_inner_texts()
    assert re.search(r"/events/\d+/edit/$", editor.url), errors
    assert "The event is saved." in editor.content()
    edit_url = editor.url
    event_id = re.search(r"/events/(\d+)/edit/", edit_url).group(1)
    editor.click("button:has-text('Publish')")
    assert "Published" in editor.content()

    phone_ctx = browser.new_context(**PHONE)
    phone_editor = phone_ctx.new_page()
    phone_editor.context.add_cookies(editor_ctx.cookies())
    phone_editor.goto(edit_url)
    shot(phone_editor, "events-editor-phone")

    # A producer from Kyrgyzstan registers and opens the ticket with its QR code.
    producer_ctx, producer = _sign_in(browser, server, "producer-kg")
    producer.goto(f"{server}/en/events/{event_id}/")
    assert "Steppe sound master class" in producer.content()
    shot(producer, "events-register-desktop")
    producer.select_option("form.stack select", "KG")
    producer.click("form.stack button[type=submit]")
    assert "Confirmed" in producer.content()
    producer.click("text=Your ticket (QR code)")
    assert producer.locator("figure.ticket-qr svg").count() == 1
    code = producer.locator("strong.code").inner_text().strip()
    shot(producer, "events-ticket-desktop")
    phone_producer = browser.new_context(**PHONE)
    phone_producer.add_cookies(producer_ctx.cookies())
    ticket_phone = phone_producer.new_page()
    ticket_phone.goto(producer.url)
    shot(ticket_phone, "events-ticket-phone")

    # The editor checks the producer in at the door by typing the code (keyboard only), on a phone.
    phone_editor.goto(f"{server}/en/events/{event_id}/checkin/")
    phone_editor.fill("#code", code.lower())
    with phone_editor.expect_navigation():
        phone_editor.keyboard.press("Enter")
    assert "Checked in:" in phone_editor.content()
    assert "1</strong> / 1" in phone_editor.content()
    shot(phone_editor, "events-checkin-phone")
    phone_editor.fill("#code", code)
    with phone_editor.expect_navigation():
        phone_editor.keyboard.press("Enter")
    assert "already checked in" in phone_editor.content()
    editor.goto(f"{server}/en/events/{event_id}/checkin/")
    shot(editor, "events-checkin-desktop")

    # Certificates: issued in the background to those checked in.
    editor.goto(f"{server}/en/events/{event_id}/participants/")
    editor.click("button:has-text('Issue certificates')")
    assert "Certificates are being issued" in editor.content()
    shot(editor, "events-participants-desktop")

    # The producer downloads the certificate; its verification page says it is valid.
    producer.goto(f"{server}/en/events/mine/")
    link = producer.locator("a:has-text('Certificate of attendance (PDF)')")
    answer = producer.request.get(server + link.get_attribute("href"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.body())).pages)
    verify_path = re.search(r"/verify/[0-9A-Z]+/", text).group(0)
    shot(producer, "events-mine-desktop")
    public = browser.new_context(**PHONE)
    check = public.new_page()
    check.goto(server + verify_path)
    assert "This certificate is valid." in check.content()
    shot(check, "events-verify-phone")
    for ctx in (editor_ctx, phone_ctx, producer_ctx, phone_producer, public):
        ctx.close()
