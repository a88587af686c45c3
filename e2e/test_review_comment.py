"""The review loop in the cue editor, in the browser: the reviewer returns a demo cue with a comment, the
translator changes the text and submits it again, and both then see the comment as one on an earlier text;
a pasted comment over the limit is kept whole, the counter under the field says by how much, Enter sends
nothing, "Return" is refused under the field keeping the text, and a review done empties the field."""

from __future__ import annotations

from e2e.conftest import shot, signed_in

ADVICE = "Use the festival's spelling"


def _job_with_waiting_cues(page, server: str) -> str:
    """The editor of the demo translation job reviewer-az reviews (its first cues wait for review)."""
    page.wait_for_url(lambda url: "login" not in url)  # the sign-in's address ends with its next one too
    link = page.locator("tr:has-text('Translation'):has-text('In progress') a[href*='/localization/jobs/']")
    href = server + (link.first.get_attribute("href") or "")
    page.goto(href)
    return href


def test_a_comment_on_an_earlier_text_and_the_comment_counter(browser, server):
    reviewer_ctx, reviewer = signed_in(browser, server, "reviewer-az", "/en/localization/")
    job = _job_with_waiting_cues(reviewer, server)
    cue = (
        reviewer.locator("tr.cue:has(.cue-status[data-state=waiting_review])").first.get_attribute("id") or ""
    )
    row = reviewer.locator(f"#{cue}")
    row.locator("input[name=comment]").fill(ADVICE)
    row.locator("button.return").click()
    reviewer.locator(f"#{cue} .cue-status[data-state=needs_editing]").wait_for()
    assert row.locator("input[name=comment]").input_value() == ""  # sent: it shows in the status cell
    assert row.locator(".comment").inner_text() == f"Reviewer: {ADVICE}"

    translator_ctx, translator = signed_in(browser, server, "translator-az", "/en/localization/")
    translator.wait_for_url(lambda url: "login" not in url)
    translator.goto(job)
    mine = translator.locator(f"#{cue}")
    mine.locator("textarea").fill(mine.locator("textarea").input_value() + " Korkyt")
    mine.locator("button.submit").click()
    translator.locator(f"#{cue} .cue-status[data-state=waiting_review]").wait_for()
    assert mine.locator(".comment").inner_text() == f"Comment on an earlier text: {ADVICE}"
    translator_ctx.close()

    reviewer.goto(job)
    row = reviewer.locator(f"#{cue}")
    assert row.locator(".comment").inner_text() == f"Comment on an earlier text: {ADVICE}"
    field = row.locator("input[name=comment]")
    field.fill("Kısa.")
    assert row.locator(".comment-count").count() == 0  # far from the limit: no counter
    pasted = "Festivalin adı. " + "ç" * 1084  # 1,100 characters, kept whole
    field.fill(pasted)
    assert field.input_value() == pasted
    counter = row.locator(".comment-count")
    assert counter.inner_text() == "Characters over the limit: 100"
    assert field.get_attribute("aria-invalid") == "true"
    assert counter.get_attribute("id") in (field.get_attribute("aria-describedby") or "")
    field.press("Enter")  # sends nothing
    reviewer.wait_for_timeout(500)
    assert row.locator(".cue-status").get_attribute("data-state") == "waiting_review"
    row.locator("button.return").click()
    row.locator(".field-error:has-text('A comment holds at most 1,000 characters.')").wait_for()
    assert field.input_value() == pasted
    assert row.locator(".cue-status").get_attribute("data-state") == "waiting_review"
    shot(reviewer, "l10n-review-comment-over")
    field.fill("Şimdi doğru.")
    assert counter.is_hidden()
    row.locator("button.approve").click()
    reviewer.locator(f"#{cue} .cue-status[data-state=approved]").wait_for()
    assert field.input_value() == "" and row.locator(".field-error").inner_text() == ""
    assert "Comment on an earlier text" not in row.inner_text()
    reviewer_ctx.close()
