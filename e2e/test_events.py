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
from pathlib import Path

import pytest
from pypdf import PdfReader

from e2e.conftest import PASSWORD, mailed, running_server, shot
from korkyt.translit import transliterate

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def events_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("korkyt-events-home")


@pytest.fixture(scope="module")
def events_server(events_home: Path) -> Iterator[str]:
    with running_server(events_home, KORKYT_CELERY_EAGER="true") as url:
        yield url


def _calendars_mailed(home: Path) -> list[str]:
    """The text/calendar attachments of every mail the server wrote."""
    return [
        part.get_payload(decode=True).decode()
        for message in mailed(home)
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    ]


def _sign_in(browser, server: str, username: str, **context):
    ctx = browser.new_context(**(context or DESKTOP))
    page = ctx.new_page()
    page.goto(server + "/en/accounts/login/?next=/en/events/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/en/events/") and "login" not in url)
    return ctx, page


def _fill_event(editor, kind: str, titles: list[tuple[str, str]], day: str, hours: tuple[str, str]) -> None:
    """The editor's common fields: an Aktau venue, 30 seats with 5 per country, the texts, one session
    and a required country question."""
    editor.select_option("select[name=kind]", kind)
    editor.fill("input[name=venue]", "Aktau, Caspian cinema hall")
    editor.select_option("select[name=time_zone]", "Asia/Aqtau")
    editor.fill("input[name=capacity]", "30")
    editor.fill("input[name=per_country_limit]", "5")
    for i, (lang, title) in enumerate(titles):
        editor.select_option(f"select[name=texts-{i}-language]", lang)
        editor.fill(f"input[name=texts-{i}-title]", title)
    editor.fill("input[name=sessions-0-starts_at]", f"{day}T{hours[0]}")
    editor.fill("input[name=sessions-0-ends_at]", f"{day}T{hours[1]}")
    editor.select_option("select[name=questions-0-kind]", "country")
    editor.fill("input[name=questions-0-label]", "Country")
    editor.check("input[name=questions-0-required]")


def test_create_register_check_in_and_certify(events_server, events_home, browser):
    server = events_server
    # The Kazakh agency's editor creates the master class in three languages, with quotas, and publishes it.
    editor_ctx, editor = _sign_in(browser, server, "editor-kz")
    editor.click("text=New event")
    titles = [
        ("kk-Cyrl", "Дала дыбысы: шеберлік сыныбы"),
        ("ru", "Звук степи: мастер-класс"),
        ("en", "Steppe sound master class"),
    ]
    _fill_event(editor, "master_class", titles, "2027-06-02", ("10:00", "13:00"))
    editor.select_option("select[name=quotas-0-country]", "KZ")
    editor.fill("input[name=quotas-0-limit]", "10")
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
    # The confirmation mail carries the event as an ICS calendar entry.
    calendars = [c for c in _calendars_mailed(events_home) if "BEGIN:VEVENT" in c]
    assert any(any(t in c for _lang, t in titles) for c in calendars), calendars
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
    # A walk-in without an account gets a seat at the desk, a printed ticket, and is let in by its code.
    editor.fill("input[name=sale-name]", "Нурай Беков")
    with editor.expect_navigation():
        editor.click("button:text-is('Sell')")
    sold = re.search(r"Sold 1 seat\. Ticket code: ([A-Z0-9-]+)\.", editor.content())
    assert sold, editor.content()
    printed = editor.locator("p[role=status] a:text('Print the ticket (PDF)')").get_attribute("href")
    pdf = editor.request.get(server + printed)
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    editor.fill("#code", sold.group(1))
    with editor.expect_navigation():
        editor.keyboard.press("Enter")
    assert "Checked in: Нурай Беков." in editor.content()
    shot(editor, "events-checkin-desktop")

    # The producer reads Kazakh in the Latin script: their certificate will be written so.
    producer.goto(f"{server}/en/accounts/profile/")
    profile = producer.locator("main form:has(select[name=country])")
    profile.locator("select[name=language]").select_option("kk")
    profile.locator("select[name=script]").select_option("Latn")
    with producer.expect_navigation():
        profile.locator("button[type=submit]").click()

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
    latin_title = transliterate("Дала дыбысы", "kk", "Latn")
    assert latin_title in text and "Дала" not in text, text
    shot(producer, "events-mine-desktop")
    public = browser.new_context(**PHONE)
    check = public.new_page()
    check.goto(server + verify_path)
    assert "This certificate is valid." in check.content()
    shot(check, "events-verify-phone")
    for ctx in (editor_ctx, phone_ctx, producer_ctx, phone_producer, public):
        ctx.close()


def _register(browser, server: str, username: str, event_id: str, country: str):
    """``username`` signs in, registers for the event naming ``country``; returns (context, page)."""
    ctx, page = _sign_in(browser, server, username)
    page.goto(f"{server}/en/events/{event_id}/")
    page.select_option("form.stack select", country)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    return ctx, page


def test_waiting_list_promotion_and_the_memorandum_report(events_server, browser):
    """A workshop under the Kazakh–Turkmen memorandum, 5 seats per country, a freed seat offered for 24
    hours: the sixth Turkmen applicant is waitlisted, a cancellation offers them the seat, they accept;
    the memorandum's report counts the event once it is published."""
    server = events_server
    editor_ctx, editor = _sign_in(browser, server, "editor-kz")
    editor.goto(f"{server}/en/events/new/")
    option = editor.locator("select[name=memorandum] option", has_text="Turkmenistan").first
    memo_value = option.get_attribute("value")
    editor.goto(f"{server}/en/memoranda/{memo_value}/")
    before = int(re.search(r"(\d+) activit", editor.locator("main").inner_text()).group(1))

    editor.goto(f"{server}/en/events/new/")
    titles = [
        ("kk-Cyrl", "Каспий жағалауы: деректі фильм зертханасы"),
        ("en", "Caspian coast documentary lab"),
    ]
    _fill_event(editor, "workshop", titles, "2027-07-05", ("10:00", "17:00"))
    editor.fill("input[name=offer_hours]", "24")
    editor.select_option("select[name=memorandum]", memo_value)
    editor.select_option("select[name=area]", label="Workshops")
    # A speaker new to the catalogue, written in Kazakh Cyrillic: added to the catalogue with the event.
    editor.fill("input[name=speakers-0-name]", "Айгүл Демо-Дыбыс")
    editor.select_option("select[name=speakers-0-language]", "kk-Cyrl")
    with editor.expect_navigation():
        editor.click("form.stack button[type=submit]")
    errors = editor.locator("[role=alert]").all_inner_texts()
    assert re.search(r"/events/\d+/edit/$", editor.url), errors
    assert editor.input_value("input[name=speakers-0-name]")  # the speaker's row, shown again
    event_id = re.search(r"/events/(\d+)/edit/", editor.url).group(1)
    with editor.expect_navigation():
        editor.click("button:has-text('Publish')")
    assert "Published" in editor.content()

    # The memorandum's report now counts the event, titled in the reader's language.
    editor.goto(f"{server}/en/memoranda/{memo_value}/")
    main = editor.locator("main").inner_text()
    assert int(re.search(r"(\d+) activit", main).group(1)) == before + 1
    assert "Caspian coast documentary lab" in main
    shot(editor, "events-memorandum-report-desktop")

    # Five Turkmen producers take Turkmenistan's five seats; the sixth is put on the waiting list.
    contexts = [editor_ctx]
    for i in range(1, 6):
        ctx, page = _register(browser, server, f"producer-tm{i}", event_id, "TM")
        assert "Your registration: Confirmed." in page.content()
        contexts.append(ctx)
    sixth_ctx, sixth = _register(browser, server, "producer-tm6", event_id, "TM")
    contexts.append(sixth_ctx)
    assert "Your registration: On the waiting list." in sixth.content()
    # why, and the place in line
    assert "The seats for Turkmenistan are taken. You are number 1 on the waiting list" in sixth.content()
    assert "5 of 30 seats taken" in sixth.content()
    assert "at most 5 seats for each country" in sixth.content()
    assert sixth.locator("ul.speakers a[lang]").count() == 1
    shot(sixth, "events-waitlisted-desktop")
    sixth.goto(f"{server}/kk/events/{event_id}/")
    speaker = sixth.locator("ul.speakers a")
    assert speaker.inner_text() == "Айгүл Демо-Дыбыс" and speaker.get_attribute("lang") == "kk-Cyrl"
    sixth.goto(f"{server}/en/events/mine/")
    card = sixth.locator("li.card", has_text="Caspian coast documentary lab")
    assert "Number 1 on the waiting list" in card.inner_text()

    # The second Turkmen producer cancels: the seat is offered to the sixth, who accepts it on a phone.
    second_ctx, second = _sign_in(browser, server, "producer-tm2")
    contexts.append(second_ctx)
    second.goto(f"{server}/en/events/mine/")
    with second.expect_navigation():
        second.locator("li.card", has_text="Caspian coast documentary lab").locator(
            "a:has-text('Cancel my registration')"
        ).click()
    # asked first: the event named, what cancelling does, the button and the way back
    assert "Cancel your registration?" in second.content()
    assert "Your seat goes to the next person on the waiting list" in second.content()
    shot(second, "events-cancel-confirm-desktop")
    with second.expect_navigation():
        second.locator("main button:has-text('Cancel my registration')").click()
    assert "Your registration is cancelled." in second.content()

    phone_ctx = browser.new_context(**PHONE)
    contexts.append(phone_ctx)
    phone_ctx.add_cookies(sixth_ctx.cookies())
    phone = phone_ctx.new_page()
    phone.goto(f"{server}/en/events/mine/")
    card = phone.locator("li.card", has_text="Caspian coast documentary lab")
    assert "Seat offered" in card.inner_text()
    assert "A seat is yours if you accept before" in card.inner_text()
    shot(phone, "events-offer-phone")
    with phone.expect_navigation():
        card.locator("button:has-text('Accept the seat')").click()
    card = phone.locator("li.card", has_text="Caspian coast documentary lab")
    assert "Confirmed" in card.inner_text()
    assert card.locator("a:has-text('Your ticket (QR code)')").count() == 1

    # The organiser's list: five confirmed from Turkmenistan, nobody waiting, one cancelled.
    editor.goto(f"{server}/en/events/{event_id}/")
    assert "5 of 30 seats taken" in editor.content()
    assert "waiting" not in editor.locator("main").inner_text()
    for ctx in contexts:
        ctx.close()
