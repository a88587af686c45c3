"""The edition's staff pages: creating and editing an edition, its sections and review criteria and its
announcement time; appointing jurors and the selection committee by email; the jury's statements per
language on the public page; a selected film put in the catalogue; stills and press kit with an entry."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.accounts.models import Role, RoleAssignment
from korkyt.catalogue import services as catalogue
from korkyt.core.models import AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.festival import selectors, services
from korkyt.festival.models import AwardKind, CommitteeMember, Edition, JuryMember, Review, Section
from korkyt.festival.services import editing
from tests.factories import UserFactory, person
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _edition_post(**changes: Any) -> dict[str, Any]:
    data = {
        "city": "Aktau",
        "country": "KZ",
        "starts_on": "2027-10-01",
        "ends_on": "2027-10-05",
        "venues": "Aktau Drama Theatre\n\nCaspian Hall",
        "results_at": "2027-10-05T19:30",
        "notes": "",
        "source_url": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def selected(feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Selected film")
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=sub, name=name)
    sub.refresh_from_db()
    return sub


# ---- who may open the pages ------------------------------------------------------------------------


def test_staff_pages_answer_404_to_everyone_but_the_edition_staff(
    edition: Edition, feature: Section, staff: Any, producer: Any, selected: Any
) -> None:
    pages = [
        "/en/festival/6/edit/",
        "/en/festival/6/sections/new/",
        "/en/festival/6/sections/feature/",
        "/en/festival/6/people/",
    ]
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="a-juror")).user
    for user in (None, producer, juror, selected.submitted_by):
        for url in pages:
            answer = _client(user).get(url)
            assert answer.status_code in (404, 302), (user, url)
            assert answer.status_code == 404 or "/accounts/login" in answer["Location"]
            assert _client(user).post(url, _edition_post(city="Hacked")).status_code in (404, 302)
        assert _client(user).post(f"/en/festival/submissions/{selected.pk}/catalogue").status_code in (
            404,
            302,
        )
        assert _client(user).get("/en/festival/new/").status_code in (404, 302)
    edition.refresh_from_db()
    assert edition.city == "Aktau"
    for url in pages:
        assert _client(staff).get(url).status_code == 200, url
    # Staff of one edition are not staff of another, and only platform administrators create editions.
    assert _client(staff).get("/en/festival/new/").status_code == 404
    assert _client(staff).get("/en/festival/7/edit/").status_code == 404
    assert _client(staff).get("/en/festival/6/sections/nonsense/").status_code == 404


# ---- editions ------------------------------------------------------------------------------------


def test_an_administrator_creates_an_edition_and_bad_input_is_named() -> None:
    root = UserFactory(username="root", is_superuser=True)
    client = _client(root)
    assert "/en/festival/new/" in client.get("/en/festival/").content.decode()
    bad = client.post("/en/festival/new/", _edition_post(number="7", ends_on="2027-09-01"))
    assert bad.status_code == 200
    assert "The last day comes after the first." in bad.content.decode()
    nonsense = client.post(
        "/en/festival/new/", _edition_post(number="x", country="ZZ", starts_on="yesterday", results_at="soon")
    )
    assert nonsense.status_code == 200 and not Edition.objects.exists()
    answer = client.post("/en/festival/new/", _edition_post(number="7"))
    assert answer.status_code == 302 and answer["Location"] == "/en/festival/7/edit/"
    edition = Edition.objects.get(number=7)
    assert edition.venues == ["Aktau Drama Theatre", "Caspian Hall"]
    assert edition.results_at is not None and edition.results_at.tzinfo is not None
    again = client.post("/en/festival/new/", _edition_post(number="7"))
    assert "Edition 7 exists already." in again.content.decode()


def test_a_new_edition_sent_again_after_back_leads_to_the_edition_made() -> None:
    import re

    client = _client(UserFactory(username="root", is_superuser=True))
    page = client.get("/en/festival/new/").content.decode()
    key = re.search(r'name="once" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    first = client.post("/en/festival/new/", {**_edition_post(number="7"), "once": key})
    again = client.post("/en/festival/new/", {**_edition_post(number="7"), "once": key})  # Back, then Create
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] == "/en/festival/7/edit/"
    assert Edition.objects.filter(number=7).count() == 1


def test_staff_edit_the_edition_and_set_the_announcement_time(edition: Edition, staff: Any) -> None:
    client = _client(staff)
    page = client.get("/en/festival/6/edit/").content.decode()
    assert 'name="results_at"' in page and 'name="number"' not in page
    answer = client.post("/en/festival/6/edit/", _edition_post(city="Aktau city", results_at=""))
    assert answer.status_code == 302
    edition.refresh_from_db()
    assert edition.city == "Aktau city" and edition.results_at is None
    assert selectors.results_published(edition)  # no announcement time: public at once
    # An announcement time passed (the form refuses one before the festival: set directly).
    Edition.objects.filter(pk=edition.pk).update(results_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))
    edition.refresh_from_db()
    assert edition.results_at is not None and selectors.results_published(edition)
    future = "2099-01-01T10:00"
    client.post("/en/festival/6/edit/", _edition_post(results_at=future))
    edition.refresh_from_db()
    assert not selectors.results_published(edition)
    bad = client.post("/en/festival/6/edit/", _edition_post(starts_on="2027-10-09", city="x" * 500))
    assert bad.status_code == 200
    edition.refresh_from_db()
    assert edition.city == "Aktau" and edition.starts_on.isoformat() == "2027-10-01"
    entries = AuditEntry.objects.filter(object_pk=str(edition.pk), content_type__model="edition")
    assert any("results_at" in (e.changes or {}) for e in entries)


# ---- sections and criteria -------------------------------------------------------------------------


def _section_post(**changes: Any) -> dict[str, Any]:
    data = {
        "year_from": "2024",
        "year_to": "2026",
        "runtime_min": "60",
        "runtime_max": "240",
        "countries": "kz, KG",
        "premiere": "national",
        "jury_languages": ["en", "ru"],
        "max_per_country": "2",
        "direct_allowed": "on",
        "reviews_per_entry": "3",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
        "criteria-0-code": "story",
        "criteria-0-label_en": "Story",
        "criteria-0-weight": "2",
        "criteria-0-max_score": "10",
        "criteria-1-code": "craft",
        "criteria-1-label_en": "Craft",
        "criteria-1-weight": "1",
        "criteria-1-max_score": "5",
    }
    data.update(changes)
    return data


def test_staff_add_a_section_with_its_review_form(edition: Edition, staff: Any) -> None:
    client = _client(staff)
    answer = client.post("/en/festival/6/sections/new/", _section_post(kind="documentary"))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    section = edition.sections.get(kind="documentary")
    assert section.countries == ["KZ", "KG"] and section.premiere == "national"
    assert [(c.code, float(c.weight), c.max_score) for c in section.criteria.all()] == [
        ("story", 2.0, 10),
        ("craft", 1.0, 5),
    ]
    again = client.post("/en/festival/6/sections/new/", _section_post(kind="documentary"))
    assert again.status_code == 200  # the kind is no longer offered
    assert edition.sections.filter(kind="documentary").count() == 1


def test_section_rules_change_and_hostile_input_is_refused(feature: Section, staff: Any) -> None:
    client = _client(staff)
    url = "/en/festival/6/sections/feature/"
    page = client.get(url).content.decode()
    assert 'value="story"' in page
    # The jury's versions are ticked languages, named in the reader's language, not typed tags.
    assert re.search(r'<input type="checkbox" name="jury_languages" value="en"[^>]*checked', page)
    assert re.search(r'<input type="checkbox" name="jury_languages" value="ru"[^>]*checked', page)
    assert not re.search(r'<input type="checkbox" name="jury_languages" value="kk"[^>]*checked', page)
    assert re.search(r'value="kk"[^>]*>\s*Kazakh</label>', page)
    answer = client.post(url, _section_post(runtime_min="90", **{"criteria-INITIAL_FORMS": "2"}))
    assert answer.status_code == 302
    feature.refresh_from_db()
    assert feature.runtime_min == 90 and feature.premiere == "national"
    for bad, message in [
        ({"countries": "KZ, Narnia"}, "Unknown country"),
        ({"jury_languages": ["en", "<script>"]}, "Select a valid choice"),
        ({"runtime_min": "300"}, "The range ends after it starts."),
        ({"criteria-1-code": "story"}, "Each criterion needs its own code."),
        ({"criteria-0-weight": "0"}, "criteria-0-weight"),
        ({"criteria-0-code": "bad code!"}, "criteria-0-code"),
        ({"criteria-TOTAL_FORMS": "5000"}, "criteria"),
        ({"reviews_per_entry": "-1"}, "reviews_per_entry"),
    ]:
        answer = client.post(url, _section_post(**bad))
        assert answer.status_code == 200, bad
        assert message in answer.content.decode(), bad
    feature.refresh_from_db()
    assert feature.runtime_min == 90 and feature.countries == ["KZ", "KG"]


def test_criteria_keep_their_list_once_reviewers_scored_and_totals_follow_the_weights(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="rev")
    assignment = services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    services.review_save(actor=reviewer, assignment=assignment, scores={"story": 8, "craft": 5}, submit=True)
    assert Review.objects.get().total == 7.0  # (2·8 + 5)/3
    with pytest.raises(Exception, match="labels and weights may change"):
        editing.criteria_set(
            actor=staff, section=feature, criteria=[services.CriterionData("story", {"en": "Story"})]
        )
    editing.criteria_set(
        actor=staff,
        section=feature,
        criteria=[
            services.CriterionData("story", {"en": "Story and form"}, 1),
            services.CriterionData("craft", {"en": "Craft"}, 1),
        ],
    )
    assert Review.objects.get().total == 6.5  # (8 + 5)/2
    assert feature.criteria.get(code="story").label_texts() == {"en": "Story and form"}
    with pytest.raises(Exception, match="You may not"):
        editing.criteria_set(actor=reviewer, section=feature, criteria=[])


def test_a_criterion_is_labelled_per_language_and_each_reviewer_reads_theirs(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    """Staff label a criterion in English and Russian; a reviewer reading Russian sees the Russian label
    marked lang="ru", one reading Kyrgyz the English one marked lang="en". A line without any label is
    refused and nothing is saved; a label in a language the form has no field for survives a save."""
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)  # before the rules below change
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewer = UserFactory(username="rev-lang")
    services.assignment_create(actor=staff, submission=sub, reviewer=reviewer)
    client = _client(staff)
    url = "/en/festival/6/sections/feature/"
    editing.criteria_set(
        actor=staff,
        section=feature,
        criteria=[
            services.CriterionData("story", {"en": "Story", "kk-Latn": "Süjet"}, 2),
            services.CriterionData("craft", {"en": "Craft"}, 1, 5),
        ],
    )
    post = _section_post(**{"criteria-INITIAL_FORMS": "2", "criteria-0-label_ru": "Сюжет"})
    answer = client.post(url, post)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    story = feature.criteria.get(code="story")
    assert story.label_texts() == {"en": "Story", "ru": "Сюжет", "kk-Latn": "Süjet"}
    page = client.get(url).content.decode()
    # the reader's language in the row, the others folded; the fold opens where the row's own is blank
    assert re.search(r'name="criteria-0-label_en"[^>]*value="Story"', page)
    assert '<details class="languages" open>' not in page
    kazakh = client.get("/kk/festival/6/sections/feature/").content.decode()
    assert kazakh.count('<details class="languages" open>') == 2  # story and craft have no Kazakh
    assert re.search(
        r'name="criteria-0-label_ru"[^>]*lang="ru"|lang="ru"[^>]*name="criteria-0-label_ru"', page
    )

    refused = client.post(url, {**post, "criteria-1-label_en": ""})
    assert refused.status_code == 200
    assert "Give the criterion a label." in refused.content.decode()
    too_long = client.post(url, {**post, "criteria-0-label_ru": "С" * 201}).content.decode()
    assert "at most 200 characters" in too_long
    assert '<details class="languages" open>' in too_long  # the refused label is not hidden in the fold
    assert feature.criteria.get(code="craft").label_texts() == {"en": "Craft"}

    reader = _client(reviewer)
    russian = reader.get(f"/ru/festival/submissions/{sub.pk}/").content.decode()
    assert '<span lang="ru">Сюжет</span> (0–10, ×2)' in russian
    kyrgyz = reader.get(f"/ky/festival/submissions/{sub.pk}/").content.decode()
    assert '<span lang="en">Story</span> (0–10, ×2)' in kyrgyz
    assert '<span lang="en">Craft</span> (0–5, ×1)' in kyrgyz


# ---- jury and committee ----------------------------------------------------------------------------


def test_staff_add_and_remove_jurors_and_reviewers_by_email(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    director = person(("Aida Bek", "en"))
    catalogue.credit_create(actor=SYSTEM, film=selected.film, role="director", person=director)
    juror = UserFactory(username="juror-x", email="Juror@Example.org")
    reviewer = UserFactory(username="rev-x", email="rev@example.org")
    client = _client(staff)
    url = "/en/festival/6/people/"
    assert "No jurors yet." in client.get(url).content.decode()
    for bad, message in [
        ({"email": "nobody@example.org", "section": "feature"}, "No account has this email."),
        ({"email": "not an email", "section": "feature"}, "email"),
        ({"email": "juror@example.org", "section": "panorama"}, "Select a valid choice"),
    ]:
        answer = client.post(url, {"action": "juror", **bad})
        assert answer.status_code == 200 and message in answer.content.decode(), bad
    assert not JuryMember.objects.exists()
    answer = client.post(url, {"action": "juror", "email": "juror@example.org", "section": "feature"})
    assert answer.status_code == 302
    member = JuryMember.objects.get(user=juror)
    assert RoleAssignment.objects.on(edition).filter(user=juror, role=Role.JUROR).exists()
    # A juror linked to their catalogue person is recused from the film they directed.
    services.juror_add(actor=staff, section=feature, user=juror, person=director)
    member.person = director
    member.save()
    services.conflicts_detect(juror=member)
    assert "1 conflict of interest" in client.get(url).content.decode()

    answer = client.post(
        url,
        {"action": "committee", "email": "rev@example.org", "sections": ["feature"], "countries": "kg, kz"},
    )
    assert answer.status_code == 302
    assert CommitteeMember.objects.get(user=reviewer).countries == ["KG", "KZ"]
    bad = client.post(
        url, {"action": "committee", "email": "rev@example.org", "sections": ["feature"], "countries": "ZZ"}
    )
    assert "Unknown country" in bad.content.decode()
    assert client.post(url, {"action": "remove_juror", "pk": "abc"}).status_code == 404
    assert client.post(url, {"action": "remove_juror", "pk": "999999"}).status_code == 404
    assert client.post(url, {"action": "mystery"}).status_code == 200

    client.post(url, {"action": "remove_juror", "pk": str(member.pk)})
    assert not JuryMember.objects.exists()
    assert not RoleAssignment.objects.on(edition).filter(user=juror, role=Role.JUROR).exists()
    client.post(url, {"action": "remove_reviewer", "pk": str(CommitteeMember.objects.get().pk)})
    assert not CommitteeMember.objects.exists()
    assert not RoleAssignment.objects.on(edition).filter(user=reviewer, role=Role.REVIEWER).exists()


def test_committee_removal_keeps_submitted_reviews(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any, edition: Edition
) -> None:
    a = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="A")
    b = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="B")
    reviewer = UserFactory(username="rev")
    member = services.committee_add(actor=staff, edition=edition, user=reviewer, sections=["feature"])
    for sub in (a, b):
        services.submission_decide(actor=staff, submission=sub, name="start_review")
    done = services.assignment_create(actor=staff, submission=a, reviewer=reviewer)
    services.assignment_create(actor=staff, submission=b, reviewer=reviewer)
    services.review_save(actor=reviewer, assignment=done, scores={"story": 8, "craft": 5}, submit=True)
    editing.committee_remove(actor=staff, member=member)
    assert list(reviewer.festival_assignments.values_list("submission_id", flat=True)) == [a.pk]


# ---- awards, statements, announcement --------------------------------------------------------------


def test_jury_statements_in_several_languages_show_once_announced(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    award = services.award_create(
        actor=staff,
        edition=edition,
        code="best-feature",
        names={"en": "Best Feature Film", "ru": "Лучший фильм"},
        kind=AwardKind.MAIN,
        section=feature,
    )
    client = _client(staff)
    manage = client.get("/en/festival/6/manage/").content.decode()
    assert 'name="statement_ky"' in manage and 'name="statement_en"' in manage
    client.post(
        "/en/festival/6/manage/",
        {
            "action": "award",
            "award": award.pk,
            "submission": selected.pk,
            "statement_en": "For its patience.",
            "statement_ru": "За терпение.",
            "statement_kk": "   ",
        },
    )
    winner = award.winners.get()
    assert {s.language: s.text for s in winner.statements.all()} == {
        "en": "For its patience.",
        "ru": "За терпение.",
    }
    assert "statement in English, Russian" in client.get("/en/festival/6/manage/").content.decode()
    public = _client()
    sealed = public.get("/en/festival/6/").content.decode()
    assert "For its patience." not in sealed and "The awards are announced on" in sealed
    # the time zone is named inside the sentence, not after its full stop
    assert re.search(r"The awards are announced on [^<]*, \d\d:\d\d \(Asia/Aqtau\)\.</p>", sealed), sealed
    services.award_decide(
        actor=staff, award=award, film=selected.film, submission=selected, statements={"tr": "<b>x</b>"}
    )
    edition.results_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    edition.save()
    english = public.get("/en/festival/6/").content.decode()
    assert "For its patience." in english and 'lang="en"><p>For its patience.' in english
    russian = public.get("/ru/festival/6/").content.decode()
    assert 'lang="ru"><p>За терпение.' in russian
    # No statement in Kyrgyz: the nearest language written is shown, with its own tag.
    kyrgyz = public.get("/ky/festival/6/").content.decode()
    assert "За терпение." in kyrgyz or "For its patience." in kyrgyz
    assert "blockquote lang=" in kyrgyz
    # Hostile text (a Turkish statement added before the announcement) is escaped, never markup.
    assert "&lt;b&gt;x&lt;/b&gt;" in public.get("/tr/festival/6/").content.decode()


def test_a_winner_without_a_statement_shows_no_empty_quote(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    award = services.award_create(
        actor=staff, edition=edition, code="a", names={"en": "Prize"}, section=feature
    )
    services.award_decide(actor=staff, award=award, film=selected.film, submission=selected)
    edition.results_at = None
    edition.save()
    page = _client().get("/en/festival/6/").content.decode()
    assert "Prize" in page and "blockquote" not in page


# ---- the catalogue ---------------------------------------------------------------------------------


def test_a_selected_draft_film_is_published_once_and_a_second_run_changes_nothing(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    draft = make_film(agency_kg, "Draft film", status="draft")
    sub = services.nomination_create(
        actor=kg_editor, section=feature, film=draft, agency=agency_kg, screener_url="https://v.example/1"
    )
    services.nomination_sign_off(actor=kg_head, submission=sub)
    sub.refresh_from_db()
    client = _client(staff)
    url = f"/en/festival/submissions/{sub.pk}/catalogue"
    client.post(url)  # not selected yet: refused
    draft.refresh_from_db()
    assert draft.status == "draft"
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=sub, name=name)
    assert "Publish it in the catalogue" in client.get(f"/en/festival/submissions/{sub.pk}/").content.decode()
    answer = client.post(url, follow=True)
    assert "The film is published in the catalogue." in answer.content.decode()
    draft.refresh_from_db()
    assert draft.status == "published"
    answer = client.post(url, follow=True)
    assert "The film is in the catalogue already." in answer.content.decode()
    assert feature.submissions.get().film_id == draft.pk
    assert client.get(url).status_code == 405


def test_a_draft_twin_of_a_published_film_is_linked_not_duplicated(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    published = make_film(agency_kg, "Twin film", year=2025)
    draft = make_film(agency_kg, "Twin film", year=2025, status="draft", tracks=["en"])
    sub = services.nomination_create(
        actor=kg_editor, section=feature, film=draft, agency=agency_kg, screener_url="https://v.example/1"
    )
    services.nomination_sign_off(actor=kg_head, submission=sub)
    for name in ("start_review", "shortlist", "select"):
        services.submission_decide(actor=staff, submission=sub, name=name)
    film, outcome = editing.submission_film_to_catalogue(actor=staff, submission=sub)
    assert (film.pk, outcome) == (published.pk, "linked")
    sub.refresh_from_db()
    assert sub.film_id == published.pk
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert editing.submission_film_to_catalogue(actor=staff, submission=sub)[1] == "already"


# ---- stills and press kit --------------------------------------------------------------------------


def test_a_producer_sends_stills_and_the_press_kit_with_the_entry(
    feature: Section, agency_kg: Any, producer: Any
) -> None:
    f = make_film(agency_kg, "Producer film", countries=["KZ"])
    client = _client(producer)
    page = client.get("/en/festival/6/submit/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="stills"' in page and 'name="press_kit"' in page
    fake = SimpleUploadedFile("still.png", b"<?php echo 1; ?>", content_type="image/png")
    answer = client.post(
        "/en/festival/6/submit/",
        {"section": "feature", "film": f.pk, "premiere": "none", "runtime": "96", "stills": fake},
    )
    assert answer.status_code == 200
    assert "The stills must be a JPEG, PNG or WebP image." in answer.content.decode()
    assert not feature.submissions.exists()  # nothing half-saved
    still = SimpleUploadedFile("anything.exe", _png(), content_type="application/octet-stream")
    answer = client.post(
        "/en/festival/6/submit/",
        {"section": "feature", "film": f.pk, "premiere": "none", "runtime": "96", "stills": still},
    )
    assert answer.status_code == 302
    sub = feature.submissions.get()
    assert sub.stills.name.endswith(".png") and not sub.press_kit


# ---- languages -------------------------------------------------------------------------------------


def test_the_staff_pages_have_no_english_left_in_the_seven_other_languages(
    edition: Edition, feature: Section, staff: Any, selected: Any
) -> None:
    """The check of tests/web/test_no_english_left.py on the new pages, with a juror, a reviewer, an award
    and its statement on them, so every block of the pages is drawn."""
    from tests.web.test_no_english_left import english_left

    services.juror_add(actor=staff, section=feature, user=UserFactory(username="j1"))
    services.committee_add(
        actor=staff, edition=edition, user=UserFactory(username="r1"), sections=["feature"]
    )
    award = services.award_create(
        actor=staff, edition=edition, code="a", names={"en": "Grand"}, section=feature
    )
    services.award_decide(
        actor=staff, award=award, film=selected.film, submission=selected, statements={"en": "Light."}
    )
    edition.results_at = None
    edition.save()
    staff.username = "u1"  # usernames are content, not UI words
    staff.save()
    from korkyt.institutions.models import InstitutionTranslation

    InstitutionTranslation.objects.update(name="Кыргызкино")  # the organisers to choose from: content too
    client = _client(staff)
    paths = [
        "/{lang}/festival/6/edit/",
        "/{lang}/festival/6/sections/new/",
        "/{lang}/festival/6/sections/feature/",
        "/{lang}/festival/6/people/",
        "/{lang}/festival/6/manage/",
        "/{lang}/festival/6/",
        f"/{{lang}}/festival/submissions/{selected.pk}/",
    ]
    left = english_left(client, paths)
    assert not left, left


# ---- API: deciding an award ------------------------------------------------------------------------


def test_the_api_decides_an_award_for_the_edition_staff_only(
    edition: Edition, feature: Section, staff: Any, selected: Any, producer: Any
) -> None:
    award = services.award_create(
        actor=staff,
        edition=edition,
        code="best",
        names={"en": "Best Film"},
        kind=AwardKind.MAIN,
        section=feature,
    )
    url = f"/api/festival/awards/{award.pk}/winners"
    body = {"submission": selected.pk, "statements": {"en": "For its light.", "ky": "Жарыгы үчүн."}}
    for user in (None, producer, selected.submitted_by):
        answer = _client(user).post(url, body, content_type="application/json")
        assert answer.status_code in (401, 404), user
    assert not award.winners.exists()
    client = _client(staff)
    for bad, status in [
        ({"submission": selected.pk, "statements": {"xx-!!": "x"}}, 400),
        ({"submission": selected.pk, "statements": {"en": "x" * 5001}}, 400),
        ({"submission": selected.pk, "extra": 1}, 422),
        ({"submission": 999999}, 404),
        ([1, 2], 422),
    ]:
        answer = client.post(url, bad, content_type="application/json")
        assert answer.status_code in (status, 400, 422) and answer.status_code < 500, (
            bad,
            answer.status_code,
        )
        assert answer.status_code == status or status in (400, 422), bad
    assert (
        client.post("/api/festival/awards/999999/winners", body, content_type="application/json").status_code
        == 404
    )
    answer = client.post(url, body, content_type="application/json", headers={"accept-language": "ky"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["film"] == selected.film_id
    winner = award.winners.get()
    assert {s.language for s in winner.statements.all()} == {"en", "ky-Cyrl"}  # the tag as registered
    # Sealed until the announcement time, then public with the statement.
    assert _client().get("/api/festival/awards?edition=6").json() == []
    edition.results_at = None
    edition.save()
    public = _client().get("/api/festival/awards?edition=6").json()
    assert public[0]["winners"][0]["statement"] == "For its light."


def test_the_api_takes_an_award_back_before_the_results_are_published(
    edition: Edition, feature: Section, staff: Any, selected: Any, producer: Any
) -> None:
    award = services.award_create(
        actor=staff,
        edition=edition,
        code="best",
        names={"en": "Best Film"},
        kind=AwardKind.MAIN,
        section=feature,
    )
    services.award_decide(
        actor=staff, award=award, film=selected.film, submission=selected, statements={"en": "For its light."}
    )
    url = f"/api/festival/awards/{award.pk}/winners/{selected.film_id}"
    for user in (None, producer, selected.submitted_by):
        assert _client(user).delete(url).status_code in (401, 404), user
    client = _client(staff)
    for wrong in (
        f"/api/festival/awards/{award.pk}/winners/{selected.film_id + 1000}",
        f"/api/festival/awards/999999/winners/{selected.film_id}",
        f"/api/festival/awards/{award.pk}/winners/{2**70}",
        f"/api/festival/awards/{2**70}/winners/{selected.film_id}",
    ):
        assert client.delete(wrong).status_code == 404, wrong
    assert award.winners.count() == 1
    assert client.delete(url).status_code == 204
    assert not award.winners.exists()
    assert AuditEntry.objects.filter(action_type="festival.award.update", object_pk=str(edition.pk)).exists()
    assert client.delete(url).status_code == 404  # taken back already
    # Once the announcement time has passed, the decision is final (without one it stays open).
    services.award_decide(actor=staff, award=award, film=selected.film, submission=selected, statements={})
    edition.results_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    edition.save()
    answer = client.delete(url)
    assert answer.status_code in (400, 422) and "published" in answer.json()["detail"] + str(
        answer.json()["errors"]
    ), answer.content
    assert award.winners.count() == 1


def test_the_programmers_overview_names_countries_and_filters_by_them(
    feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> None:
    """The entries' countries by name ("Kyrgyzstan", not "KG"), and the country filter offers them by name
    instead of a two-letter box."""
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    client = _client(staff)
    page = client.get("/en/festival/6/programme/").content.decode()
    assert (
        '<select name="country"><option value="">All</option><option value="KG">Kyrgyzstan</option></select>'
        in page
    )
    assert '<td data-label="Country">Kyrgyzstan</td>' in page
    assert (
        f'href="/en/festival/submissions/{sub.pk}/"'
        in client.get("/en/festival/6/programme/?country=KG").content.decode()
    )
    other = client.get("/en/festival/6/programme/?country=TR").content.decode()
    assert f'href="/en/festival/submissions/{sub.pk}/"' not in other and '<option value="KG">' in other
