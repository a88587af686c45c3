"""What a memorandum produced, as the public reads it: every activity per area with its date, its title in the
viewer's language and a link to its public page (the film translated, not the workbench's job), on the
memorandum's activity page, its detail page and the home page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from korkyt.catalogue.models import FilmStatus
from korkyt.config.demo import SYSTEM
from korkyt.institutions import selectors
from korkyt.institutions.models import MemorandumActivity

pytestmark = pytest.mark.django_db


def test_activity_page_lists_each_activity_per_area_with_date_and_link(world, job):
    MemorandumActivity.objects.filter(memorandum=world["memo"]).update(happened_on=dt.date(2025, 3, 14))
    film = world["film"]
    html = Client().get(f"/kk/memoranda/{world['memo'].pk}/activities/").content.decode()
    assert f'href="/kk/films/{film.pk}/"' in html  # the film, not /localization/jobs/
    assert "/localization/jobs/" not in html
    assert "Дала әні" in html and 'datetime="2025-03-14"' in html
    areas = re.findall(r'<h2 id="area-([a-z_]+)"', html)
    assert "translation_dubbing" in areas and "joint_feature" in areas  # empty areas are listed too
    assert 'property="og:title"' in html


def test_activity_of_an_unpublished_film_is_not_linked(world, job):
    world["film"].status = FilmStatus.DRAFT
    world["film"].save(update_fields=["status"])
    areas = selectors.memorandum_activities(memorandum=world["memo"], user=SYSTEM, language="en")
    rows = [row for area in areas for row in area.rows]
    assert rows and all(row.url == "" for row in rows)
    public = selectors.memorandum_activities(memorandum=world["memo"], language="en")
    assert not [row for area in public for row in area.rows]  # signed out: counted, never named
    assert sum(area.count for area in public) == len(rows)


def test_a_job_of_a_draft_film_is_named_to_those_who_read_the_job_and_to_no_one_else(world, job):
    world["film"].status = FilmStatus.DRAFT
    world["film"].save(update_fields=["status"])

    def named(user):  # type: ignore[no-untyped-def]
        areas = selectors.memorandum_activities(memorandum=world["memo"], user=user, language="en")
        return [row.title.text for area in areas for row in area.rows]

    users = world["users"]
    assert named(users["kz_editor"]) and named(users["translator"])  # who ordered it, who translates it
    assert named(None) == []  # signed out: counted, never named
    # a published film's job is named to everyone, as before
    world["film"].status = FilmStatus.PUBLISHED
    world["film"].save(update_fields=["status"])
    assert named(None) == named(users["translator"])


def test_memorandum_and_home_pages_link_activities_to_their_pages(world, job):
    film = world["film"]
    detail = Client().get(f"/tr/memoranda/{world['memo'].pk}/").content.decode()
    assert f'href="/tr/memoranda/{world["memo"].pk}/activities/"' in detail
    assert f'href="/tr/films/{film.pk}/"' in detail
    home = Client().get("/tr/").content.decode()
    latest = home[home.index('id="latest-title"') :]
    assert f'href="/tr/films/{film.pk}/"' in latest
    assert "<li> · " not in latest  # no empty date


def test_activity_page_of_a_hidden_or_unknown_memorandum_is_404(world):
    assert Client().get("/en/memoranda/999999/activities/").status_code == 404


def test_activity_titles_carry_the_lang_of_their_text(world, job):
    """The film's title is Kazakh in Cyrillic whatever the page's language: it is marked so, and what the
    job adds ("Kazakh → Turkish") follows in the page's language, inside the same link."""
    film, memo = world["film"], world["memo"]
    for url in (f"/ky/memoranda/{memo.pk}/activities/", f"/ky/memoranda/{memo.pk}/", "/ky/"):
        html = Client().get(url).content.decode()
        link = re.search(rf'<a href="/ky/films/{film.pk}/">(.*?)</a>', html)
        assert link, url
        assert '<span lang="kk-Cyrl">Дала әні</span> · ' in link.group(1), link.group(1)
        assert "Түркчө" in link.group(1) or "түрк" in link.group(1).lower(), link.group(1)
    api = Client().get(f"/api/memoranda/{memo.pk}/report", headers={"Accept-Language": "en"}).json()
    row = api["latest"][0]
    assert (row["title"], row["title_lang"]) == ("Дала әні", "kk-Cyrl")
    assert row["detail"].endswith("→ Turkish")


def test_a_busy_area_shows_its_newest_and_pages_through_the_rest(world, job, monkeypatch):
    """An area with more activities than the page shows lists its newest and links to its own pages."""
    from korkyt.catalogue.models import Film, FilmTitle
    from korkyt.institutions import services as institutions
    from korkyt.institutions import views

    monkeypatch.setattr(views, "AREA_NEWEST", 3)
    monkeypatch.setattr(views, "AREA_PAGE_SIZE", 4)
    memo = world["memo"]
    for i in range(6):
        film = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=2024)
        FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
        institutions.activity_record(
            memorandum=memo, area="joint_feature", activity=film, happened_on=dt.date(2025, 1, 1 + i)
        )
    html = Client().get(f"/en/memoranda/{memo.pk}/activities/").content.decode()
    feature = html[html.index('id="area-joint_feature"') :].split("</section>")[0]
    assert re.findall(r"Dala \d", feature) == ["Dala 5", "Dala 4", "Dala 3"]  # the newest three
    assert "(6)" in feature and "All 6 activities in this area" in feature
    assert 'id="area-translation_dubbing"' in html  # the other areas are still there
    first = Client().get(f"/en/memoranda/{memo.pk}/activities/?area=joint_feature").content.decode()
    assert re.findall(r"Dala \d", first) == ["Dala 5", "Dala 4", "Dala 3", "Dala 2"]
    assert 'id="area-translation_dubbing"' not in first and "Page 1 of 2" in first
    second = Client().get(f"/en/memoranda/{memo.pk}/activities/?area=joint_feature&page=2").content.decode()
    assert re.findall(r"Dala \d", second) == ["Dala 1", "Dala 0"]
    assert Client().get(f"/en/memoranda/{memo.pk}/activities/?area=nope").status_code == 404
