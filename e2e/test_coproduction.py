"""A co-production in the browser, tried as new users would (the "Done when" path of the co-production
issue): a Kazakh producer creates a Kazakh–Azerbaijani–Turkish animated feature under the
Kazakhstan–Azerbaijan memorandum, with contributions in tenge, manat and lira; the page says it fails
Türkiye's 2019 regulation because the Azerbaijani share is under 5 %, and why; the producer applies the
advice (a further manat contribution), the project qualifies, the producer downloads the PDF dossier and
submits the project; the agencies of the three partner countries (Kazakhstan, Azerbaijan, Türkiye) each
approve their review, the project is approved, and the memorandum's report counts it.

Screenshots at 1280 and 390 px go to var/screenshots/coproduction-*.png; at 390 px the project page must
not be wider than the screen."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from e2e.conftest import PASSWORD, running_server, shot

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TITLE = "Дала бесік жыры"  # "Lullaby of the steppe", the title in Kazakh
RATES_ON = "2026-11-02"
# Partner, country, role; its contribution: source kind, amount, currency, units per US dollar.
PARTNERS = [
    ("Aqsu Animation Studio", "KZ", "majority", "national_fund", "606000000", "KZT", "505"),
    ("Gilan Animasiya Evi", "AZ", "minority", "partner_equity", "51000", "AZN", "1.70"),
    ("Kapadokya Çizgi Atölyesi", "TR", "minority", "partner_equity", "16000000", "TRY", "40"),
]
AGENCY_EDITORS = ("editor-kz", "editor-az", "editor-tr")  # demo editors of the three national agencies


@pytest.fixture(scope="module")
def copro_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("korkyt-coproduction-home")) as url:
        yield url


def _sign_in(browser, server: str, username: str, next_path: str, **context):
    ctx = browser.new_context(**(context or DESKTOP))
    page = ctx.new_page()
    page.goto(f"{server}/en/accounts/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url, page.locator("[role=alert]").all_inner_texts()
    return ctx, page


def _post(page, button) -> None:
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        button.click()


def _flash(page) -> str:
    return " ".join(page.locator(".messages, [role=status], [role=alert]").all_inner_texts())


def _fill_picker_name(page, prefix: str, name: str) -> None:
    """Type a name into a form's catalogue picker and wait for its answer (no catalogue entry matches
    these names, so the name is used as typed)."""
    page.fill(f"input[name={prefix}-name]", name)
    page.locator(f"#{prefix}-pick").get_by_text("Nothing in the catalogue matches").wait_for()


def _verdict(page, instrument: str):
    return page.locator("details.verdict", has=page.locator("summary", has_text=f"({instrument})"))


def _partner_row(page, name: str) -> str:
    return page.locator("h2:has-text('Partners') + .table-wrap tbody tr", has_text=name).inner_text()


def _phone_shot(browser, cookies, url: str, name: str, *, fits: bool = True) -> None:
    ctx = browser.new_context(**PHONE)
    ctx.add_cookies(cookies)
    page = ctx.new_page()
    page.goto(url)
    if fits:
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{name}: the page is {widths[0]} px wide on a {widths[1]} px screen"
    shot(page, name)
    ctx.close()


def test_create_qualify_submit_approve_and_report(copro_server, browser):
    server = copro_server
    # The producer opens the form for a new co-production and picks the Kazakhstan–Azerbaijan memorandum.
    producer_ctx, producer = _sign_in(browser, server, "producer-kz", "/en/coproductions/new/")
    memoranda = producer.locator("select[name=memorandum] option").evaluate_all(
        "options => options.map(o => [o.value, o.textContent])"
    )
    memo_id = next(v for v, label in memoranda if "Kazakhstan" in label and "Azerbaijan" in label)

    # The memorandum's report before: how many activities it counts.
    report_url = f"{server}/en/memoranda/{memo_id}/"
    producer.goto(report_url)
    counted = re.search(r"(\d+) activit(?:y|ies) recorded", producer.content())
    assert counted, "the memorandum page has no report"
    before = int(counted.group(1))

    producer.goto(f"{server}/en/coproductions/new/")
    producer.fill("input[name=title]", TITLE)
    producer.select_option("main select[name=language]", "kk-Cyrl")
    producer.fill("input[name=logline]", "Үш елдің суретшілері даланың бесік жырын салады.")
    producer.select_option("select[name=kind]", "animation")
    producer.select_option("select[name=stage]", "financing")
    producer.fill("input[name=runtime_min]", "80")
    producer.select_option("select[name=currency]", "USD")
    starts = dt.date.today() + dt.timedelta(days=180)
    producer.fill("input[name=shooting_starts_on]", starts.isoformat())
    producer.select_option("select[name=memorandum]", memo_id)
    shot(producer, "coproduction-new-desktop")
    _phone_shot(browser, producer_ctx.cookies(), producer.url, "coproduction-new-phone")
    _post(producer, producer.locator("main form button[type=submit]"))
    assert re.search(r"/en/coproductions/\d+/$", producer.url), producer.locator(".errors").all_inner_texts()
    assert "The project was created." in _flash(producer)
    project_url = producer.url
    assert producer.locator("h1").inner_text() == TITLE
    assert producer.locator("h1").get_attribute("lang") == "kk-Cyrl"
    assert "cannot be evaluated yet" in producer.locator("section.verdicts").inner_text()

    # Three partners, each with its contribution in its own currency at the rate written in the plan.
    for name, country, role, *_ in PARTNERS:
        producer.click("summary:has-text('Add a partner')")
        _fill_picker_name(producer, "partner", name)
        producer.select_option("select[name=partner-country]", country)
        producer.select_option("select[name=partner-role]", role)
        _post(producer, producer.locator("form[action$='/partners/#partners'] button[type=submit]"))
        assert "Saved." in _flash(producer), producer.locator(".errors").all_inner_texts()
    for name, _country, _role, kind, amount, currency, rate in PARTNERS:
        producer.click("summary:has-text('Add a financing source')")
        producer.select_option("select[name=source-partner]", label=name)
        producer.select_option("select[name=source-kind]", kind)
        producer.fill("input[name=source-amount]", amount)
        producer.select_option("select[name=source-currency]", currency)
        producer.select_option("select[name=source-status]", "confirmed")
        producer.fill("input[name=source-rate]", rate)
        producer.fill("input[name=source-rate_on]", RATES_ON)
        _post(producer, producer.locator("form[action$='/financing/add/#financing'] button[type=submit]"))
        assert "Saved." in _flash(producer), producer.locator(".errors").all_inner_texts()
    producer.click("summary:has-text('Add an element')")
    producer.select_option("select[name=element-job]", "director")
    _fill_picker_name(producer, "element", "Aigerim Sarsenova")
    producer.select_option("select[name=element-country]", "KZ")
    _post(producer, producer.locator("form[action$='/elements/#elements'] button[type=submit]"))
    assert "Saved." in _flash(producer), producer.locator(".errors").all_inner_texts()

    # The verdict: Türkiye's 2019 regulation applies and fails on one rule, the Azerbaijani share, and says why.
    tr = _verdict(producer, "tr-2019")
    assert "not eligible" in tr.locator("summary").inner_text()
    failed = tr.locator("tbody tr.fails")
    assert failed.count() == 1
    row = failed.inner_text()
    assert "Gilan Animasiya Evi" in row and "1.84%" in row and "5%" in row, row
    assert "Azerbaijan" in tr.locator("p").first.inner_text()  # the reason names the country
    advice = tr.locator("ul.advice > li").first
    assert "raise the share of Gilan Animasiya Evi (Azerbaijan) from 1.84% to 5%: + 92,158 AZN" in (
        advice.inner_text()
    )
    assert "No instrument confers co-production status" in producer.locator("p.basis").inner_text()
    assert "1.84%" in _partner_row(producer, "Gilan Animasiya Evi")
    shot(producer, "coproduction-fails-desktop")
    _phone_shot(browser, producer_ctx.cookies(), project_url, "coproduction-fails-phone")

    # The producer applies the advice: a further manat contribution; now the project qualifies.
    _post(producer, advice.get_by_role("button", name="Apply this advice"))
    assert "The advice was applied." in _flash(producer)
    tr = _verdict(producer, "tr-2019")
    assert re.search(r"— eligible$", tr.locator("summary").inner_text().strip())
    assert tr.locator("tbody tr.fails").count() == 0
    assert "Legal basis: Türkiye" in producer.locator("p.basis").inner_text()
    assert "5.00%" in _partner_row(producer, "Gilan Animasiya Evi")
    manat = producer.locator("table.financing tbody tr", has_text="AZN")
    assert manat.count() == 2 and "92158" in manat.nth(1).inner_text().replace(",", "")
    shot(producer, "coproduction-qualifies-desktop")

    # The dossier is a PDF with the financing table and the verdicts.
    href = producer.get_by_role("link", name="Dossier (PDF)").get_attribute("href")
    answer = producer.request.get(server + href)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.body())).pages)
    assert "tr-2019" in text and "AZN" in text and "Gilan Animasiya Evi" in text

    # The producer submits it to the authorities of the three partner countries.
    _post(producer, producer.get_by_role("button", name="Submit to the authorities"))
    assert "The project was submitted to the authorities." in _flash(producer)
    assert producer.locator("p.meta .tag").inner_text() == "Submitted"
    reviews = producer.locator("ul.reviews > li")
    assert reviews.count() == 3 and all("Waiting for a decision" in r for r in reviews.all_inner_texts())
    assert producer.get_by_role("button", name="Record the decision").count() == 0
    shot(producer, "coproduction-submitted-desktop")

    # Each agency approves its own review; the project is approved once the last one has.
    for n, username in enumerate(AGENCY_EDITORS):
        ctx, editor = _sign_in(browser, server, username, project_url.removeprefix(server))
        decide = editor.get_by_role("button", name="Record the decision")
        assert decide.count() == 1  # only the review of the editor's own country
        editor.select_option("select[name=decision-decision]", "approve")
        editor.fill("textarea[name=decision-comments]", f"Approved by {username}.")
        if n == 0:
            shot(editor, "coproduction-review-desktop")
            _phone_shot(browser, ctx.cookies(), project_url, "coproduction-review-phone")
        _post(editor, decide)
        assert "Your decision was recorded." in _flash(editor)
        assert editor.get_by_role("button", name="Record the decision").count() == 0
        ctx.close()

    producer.goto(project_url)
    assert producer.locator("p.meta .tag").inner_text() == "Approved"
    assert all("Approved" in r for r in producer.locator("ul.reviews > li").all_inner_texts())
    shot(producer, "coproduction-approved-desktop")
    _phone_shot(browser, producer_ctx.cookies(), project_url, "coproduction-approved-phone")

    # The memorandum's report counts the project under joint animation.
    producer.goto(report_url)
    after = int(re.search(r"(\d+) activit(?:y|ies) recorded", producer.content()).group(1))
    assert after == before + 1
    assert TITLE in producer.locator("main").inner_text()
    shot(producer, "coproduction-memorandum-desktop")
    _phone_shot(browser, producer_ctx.cookies(), report_url, "coproduction-memorandum-phone")
    producer_ctx.close()
