"""The festival in the browser, tried as its users would, on the demo's 6th edition (which already has
nominations from the six agencies, a committee with some reviews, five selected feature films and a jury
of three, `juror-1` being credited as director of one selected film): festival staff close the call and open
it again; the Kyrgyz agency nominates a film and its head signs off both waiting nominations; a producer
submits directly and is told why the entry is refused and where to fix it; the programmer admits the
agency's entry and sends it to review, reviewers are assigned and score it; the programmer selects it;
`juror-1` cannot open the film they are credited on (404); the jurors mark the new film seen and score;
the deliberation ranks; staff decide the awards, which stay sealed until the announcement time and then
show on the edition page and the palmarès.

Screenshots of the key pages at 1280 and 390 px go to var/screenshots/festival-*.png."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.conftest import PASSWORD, running_server, shot

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def festival_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = tmp_path_factory.mktemp("korkyt-festival-home")
    with running_server(home) as url:
        yield url, home


class User:
    """One signed-in user with a desktop page; `both` shoots a page at 1280 and 390 px."""

    def __init__(self, browser, server: str, username: str) -> None:
        self.browser = browser
        self.server = server
        self.ctx = browser.new_context(**DESKTOP)
        self.page = self.ctx.new_page()
        self.page.goto(f"{server}/en/accounts/login/?next=/en/festival/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        assert "/login/" not in self.page.url, f"{username} could not sign in"

    def go(self, path: str):
        response = self.page.goto(self.server + path)
        return response.status if response else 0

    def both(self, name: str) -> None:
        shot(self.page, f"festival-{name}-desktop")
        phone_ctx = self.browser.new_context(**PHONE)
        phone_ctx.add_cookies(self.ctx.cookies())
        phone = phone_ctx.new_page()
        phone.goto(self.page.url)
        shot(phone, f"festival-{name}-phone")
        # Nothing wider than the phone's screen: the page scrolls, tables scroll in their own box.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, name
        phone_ctx.close()

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)

    def follow(self, title: str) -> None:
        """Open the link whose whole text is ``title`` (a film's title may hold quotes)."""
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=title, exact=True).first.click()

    def text(self) -> str:
        return self.page.inner_text("main")

    def close(self) -> None:
        self.ctx.close()


def test_festival_path_in_the_browser(festival_server, browser) -> None:
    server, _home = festival_server

    # Festival staff: the call is open; they close it and open it again.
    staff = User(browser, server, "festival-staff")
    staff.go("/en/festival/6/")
    assert "The call for entries is open." in staff.text()
    staff.both("edition")
    staff.click("a:text('Manage the edition')")
    assert "The call is open." in staff.text()
    staff.click("button:text('Close the call')")
    assert "The call is closed." in staff.text()
    staff.go("/en/festival/6/")
    assert "The call for entries is open." not in staff.text()
    staff.go("/en/festival/6/manage/")
    staff.click("button:text('Open the call again')")
    assert "The call is open." in staff.text()
    staff.both("manage-call")
    # They add an extended deadline with its fee and a waiver code that admits late entries.
    staff.click("a:text('Deadlines and waiver codes')")
    # after the demo's late deadline (in 60 days), before the festival opens (in 75)
    later = (dt.datetime.now() + dt.timedelta(days=70)).strftime("%Y-%m-%dT%H:%M")
    staff.page.fill("input[name=extended_closes]", later)
    staff.page.fill("input[name=extended_fee]", "90")
    empty = staff.page.locator("input[name$='-code']").evaluate_all(
        "els => els.filter(e => !e.value).map(e => e.name)"
    )[0]
    staff.page.fill(f"input[name='{empty}']", "E2E-LATE")
    staff.page.check(f"input[name='{empty.replace('-code', '-late_entry')}']")
    staff.click("main button:text('Save')")
    assert "The call is saved." in staff.text(), staff.text()[:500]
    assert staff.page.input_value("input[name=extended_fee]") == "90"
    staff.both("call-deadlines")
    staff.go("/en/festival/6/call/feature/")
    assert "Extended" in staff.text() and "90" in staff.text()
    # And a special mention of the documentary competition, named in English and Kyrgyz.
    staff.go("/en/festival/6/awards/")
    staff.page.fill("input[name=code]", "doc-mention")
    staff.page.select_option("select[name=kind]", "mention")
    staff.page.select_option("select[name=section]", "documentary")
    staff.page.fill("input[name=name_en]", "Documentary Special Mention")
    staff.page.click("details.languages summary:text('In other languages')")  # the other languages fold
    staff.page.fill("input[name=name_ky]", "Документалдык тасмага атайын белгилөө")
    staff.click("main button:text('Add the award')")
    assert "The award is added." in staff.text()
    staff.go("/en/festival/6/awards/")
    assert "Documentary Special Mention" in staff.text()
    staff.both("awards")
    # The jury page: juror-1 is linked to their catalogue person (the director of a selected film).
    staff.go("/en/festival/6/people/")
    juror_row = staff.page.locator("li", has_text="juror-1").first
    assert juror_row.locator("a[href*='/people/']").count() == 1
    assert juror_row.locator("input[name=person]").input_value()
    assert "no catalogue person" in staff.page.locator("li", has_text="juror-2").first.inner_text()
    staff.both("people")

    # The Kyrgyz agency: its editor nominates a film of the catalogue for the panorama.
    editor = User(browser, server, "editor-kg")
    editor.go("/en/films/?country=KG")
    nominated = {a.get_attribute("href") for a in editor.page.locator("a[href*='/films/']").all()}
    editor.go("/en/festival/6/nominations/")
    taken = editor.text()
    film_id = title = None
    for href in sorted(nominated):
        match = re.search(r"/films/(\d+)/$", href or "")
        if not match:
            continue
        editor.go(href)
        heading = editor.page.locator("h1").inner_text().strip()
        if heading not in taken:
            film_id, title = match.group(1), heading
            break
    assert film_id, "no Kyrgyz film left to nominate"
    editor.go("/en/festival/6/nominations/")
    editor.page.select_option("select[name=section]", "panorama")
    editor.page.fill("input[name=film]", film_id)
    editor.page.fill("input[name=runtime]", "92")
    editor.page.fill("input[name=screener_url]", "https://screeners.example.org/e2e")
    editor.page.fill("input[name=screener_password]", "steppe")
    editor.click("button:text('Nominate')")
    assert "Nominated. The agency's head signs the nomination off next." in editor.text()
    row = editor.page.locator("tbody tr", has=editor.page.get_by_role("link", name=title, exact=True))
    assert "Panorama" in row.inner_text()
    editor.both("nominations-editor")
    waiting = editor.page.locator("tbody tr", has_text="Nominated").count()
    assert waiting >= 2  # the new one and the demo's second feature nomination
    editor.close()

    # Its head signs both waiting nominations off.
    head = User(browser, server, "head-kg")
    head.go("/en/festival/6/nominations/")
    head.both("nominations-head")
    narrow = browser.new_context(**PHONE)
    narrow.add_cookies(head.ctx.cookies())
    phone_page = narrow.new_page()
    phone_page.goto(head.page.url)
    # On a phone the table scrolls in its box; its words are not broken letter by letter.
    assert phone_page.locator("tbody td:first-child a").first.bounding_box()["width"] > 60
    narrow.close()
    buttons = head.page.locator("button:text('Sign off')")
    assert buttons.count() >= 2
    feature_rows = head.page.locator("tbody tr", has=head.page.locator("button:text('Sign off')"))
    feature_row = feature_rows.filter(has_text="Feature competition").first
    feature_title = feature_row.locator("td a").first.inner_text().strip()
    while head.page.locator("button:text('Sign off')").count():
        head.click("button:text('Sign off') >> nth=0")
        assert "Signed off. The entry is" in head.text()
    head.close()

    # A producer submits directly an old short film and is told why it is refused and where to fix it.
    producer = User(browser, server, "producer-kg")
    producer.go("/en/films/?country=KG&decade=1990")
    hrefs = [a.get_attribute("href") or "" for a in producer.page.locator("main a[href*='/films/']").all()]
    old_id = next(m.group(1) for h in hrefs if (m := re.search(r"/films/(\d+)/$", h)))
    producer.go("/en/festival/6/submit/")
    producer.page.fill("input[name=film]", "999999")
    producer.click("button:text('Submit')")
    assert "No film with the number 999999 in the catalogue." in producer.text()
    producer.page.select_option("select[name=section]", "documentary")
    producer.page.fill("input[name=film]", old_id)
    producer.page.fill("input[name=runtime]", "30")
    producer.page.fill("input[name=screener_url]", "https://screeners.example.org/direct")
    producer.click("button:text('Submit')")
    assert re.search(r"/festival/submissions/\d+/$", producer.page.url)
    text = producer.text()
    assert "Ineligible" in text and "What keeps the entry out" in text
    assert "running time 30 min" in text
    # The catalogue's film is not producer-kg's to change: no "fix it" link to a page they cannot use.
    assert producer.page.locator("a:text('fix it')").count() == 0
    producer.both("refused")
    producer.go("/en/festival/mine/")
    assert "running time 30 min" in producer.text()
    producer.both("mine")
    producer.close()

    # The programmer admits the agency's feature entry (its subtitles are on order) and sends it to review.
    staff.go("/en/festival/6/programme/?section=feature&country=KG")
    staff.follow(feature_title)
    entry_url = staff.page.url
    if staff.page.locator("button:text('Admit despite the rules')").count():
        staff.page.fill("input[name=note]", "Subtitles ordered")
        staff.click("button:text('Admit despite the rules')")
    staff.click("button:text('Send to review')")
    assert "In review" in staff.text()
    staff.go("/en/festival/6/programme/")
    staff.click("button:text('Assign reviewers')")
    assert "reviews assigned" in staff.text()
    staff.both("programme")

    # Reviewers score it from their queue.
    reviewed = 0
    for name in ("screener-1", "screener-2", "reviewer-az", "reviewer-tr"):
        reviewer = User(browser, server, name)
        reviewer.go("/en/festival/reviews/")
        if reviewer.page.get_by_role("link", name=feature_title, exact=True).count():
            reviewer.follow(feature_title)
            reviewer.page.fill("input[name=score_story]", str(7 + reviewed))
            reviewer.page.fill("input[name=score_direction]", "8")
            reviewer.page.fill("input[name=score_craft]", "6.5")
            reviewer.page.fill("textarea[name=comment]", "A patient, well-made film.")
            if reviewed == 0:
                reviewer.both("review")
            reviewer.click("button:text('Submit review')")
            assert "Your review is saved." in reviewer.text()
            assert "Your review is in:" in reviewer.text()
            reviewed += 1
        reviewer.close()
        if reviewed == 2:
            break
    assert reviewed >= 1

    # The programmer reads the reviews, shortlists and selects.
    staff.page.goto(entry_url)
    assert "A patient, well-made film." in staff.text()
    staff.click("button:text('Shortlist')")
    staff.page.fill("input[name=note]", "Strong reviews")
    staff.click("button:text('Select')")
    assert "Selected" in staff.page.locator(".tag").inner_text()
    staff.both("selected")

    # A juror credited on a selected film: it is not in their list, and its page answers 404.
    juror2 = User(browser, server, "juror-2")
    juror2.go("/en/festival/jury/")
    all_films = {a.get_attribute("href") for a in juror2.page.locator("tbody td:first-child a").all()}
    juror1 = User(browser, server, "juror-1")
    juror1.go("/en/festival/jury/")
    theirs = {a.get_attribute("href") for a in juror1.page.locator("tbody td:first-child a").all()}
    hidden = all_films - theirs
    assert len(hidden) == 1 and len(all_films) == 6
    assert juror1.go(hidden.pop()) == 404

    # The jurors mark the films seen and score them; the scores stay sealed until all have scored.
    juror1.go("/en/festival/jury/")
    assert "Scores are sealed" in juror1.text()
    juror1.both("jury")
    for n, juror in enumerate((juror1, juror2, User(browser, server, "juror-3"))):
        juror.go("/en/festival/jury/")
        while juror.page.locator("button:text('Mark seen')").count():
            juror.click("button:text('Mark seen') >> nth=0")
        rows = juror.page.locator("tbody tr")
        for i in range(rows.count()):
            score = juror.page.locator("tbody tr").nth(i).locator("input[name=score]")
            if not score.input_value():
                score.fill(str((i * (n + 3)) % 10 + 0.5))
                juror.click(f"tbody tr >> nth={i} >> button:text('Save')")
    juror2.go("/en/festival/jury/")
    assert juror2.page.locator("a:text('Deliberation')").count() == 1

    # The deliberation ranks the six films by four methods.
    juror2.click("a:text('Deliberation')")
    assert "by Schulze" in juror2.text()
    assert juror2.page.locator("tbody tr").count() == 6
    assert feature_title in juror2.text()
    juror2.both("deliberation")
    for juror in (juror1, juror2):
        juror.close()

    # Staff decide the awards with the jury's statement; they are sealed until the announcement time.
    staff.go("/en/festival/6/manage/")
    assert "The results are published on" in staff.text()
    staff.page.select_option("select[name=award]", label="Best Feature Film")
    staff.page.select_option("select[name=submission]", label=feature_title)
    staff.page.fill("textarea[name=statement_en]", "For its patience and its light.")
    staff.page.click("details.languages summary:text('In other languages')")
    staff.page.fill("textarea[name=statement_ru]", "За терпение и свет.")
    staff.click("button:text('Decide')")
    assert "The award is decided." in staff.text()
    assert f"Best Feature Film (Main award) — {feature_title}" in staff.text()
    assert "statement in English, Russian" in staff.text()
    staff.both("manage-awards")
    public = browser.new_context(**DESKTOP).new_page()
    public.goto(server + "/en/festival/6/")
    assert "The awards are announced on" in public.inner_text("main")
    assert feature_title not in public.locator("h2:text('Awards') ~ *").all_inner_texts()

    # The announcement time comes: the edition page and the palmarès show the award.
    # Staff move the announcement time to yesterday on the edition's page.
    staff.go("/en/festival/6/edit/")
    yesterday = (dt.datetime.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    staff.page.fill("input[name=results_at]", yesterday)
    staff.click("main button:text('Save')")
    assert "The edition is saved." in staff.text()
    assert "The results are published." in staff.text()
    staff.both("edition-edit")
    public.goto(server + "/en/festival/6/")
    awards = public.locator("h2:text('Awards') + ul").inner_text()
    assert "Best Feature Film" in awards and feature_title in awards
    assert "For its patience and its light." in awards  # the jury's statement, in the reader's language
    shot(public, "festival-announced-desktop")
    public.goto(server + "/en/festival/palmares/")
    row = public.locator("tr", has_text="Best Feature Film").filter(has_text="6 · Aktau")
    assert feature_title in row.first.inner_text()
    shot(public, "festival-palmares-desktop")
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(server + "/en/festival/palmares/")
    shot(phone, "festival-palmares-phone")
    public.context.close()
    phone.context.close()
    staff.close()
