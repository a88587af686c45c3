"""The festival's tables read on a phone: each is a ``row-cards`` table, whose rows the stylesheet turns into
cards at phone width, and every data cell names its column in ``data-label`` (the text shown before the
value on a phone), the same words as the column's heading, so a new column without its label fails here.
The screening grid's timetable has its own phone layout and is left out."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from korkyt.festival import services
from korkyt.festival.models import AwardKind
from korkyt.festival.programme import services as programme
from korkyt.festival.programme import tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry, make_film
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def season(
    edition: Any, feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any
) -> dict[str, Any]:
    """An edition under way: a film reviewed, selected, seen and scored by the jury and awarded; a second
    nomination waiting for its head's sign-off; the results announced."""
    entry = eligible_entry(feature, agency_kg, kg_editor, kg_head, "Aral")
    services.submission_decide(actor=staff, submission=entry, name="start_review")
    reviewer = UserFactory(username="rev-a")
    assignment = services.assignment_create(actor=staff, submission=entry, reviewer=reviewer)
    services.review_save(
        actor=reviewer, assignment=assignment, scores={"story": 8, "craft": 6}, comment="Fine", submit=True
    )
    services.submission_decide(actor=staff, submission=entry, name="select")
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-a"))
    services.jury_mark_seen(actor=juror.user, juror=juror, submission=entry)
    services.jury_score(actor=juror.user, juror=juror, submission=entry, score="8.5")
    award = services.award_create(
        actor=staff, edition=edition, code="best", names={"en": "Best Feature Film"}, kind=AwardKind.MAIN
    )
    services.award_decide(actor=staff, award=award, film=entry.film, submission=entry)
    edition.results_at = None
    edition.save()
    services.nomination_create(
        actor=kg_editor,
        section=feature,
        film=make_film(agency_kg, "Kök"),
        agency=agency_kg,
        screener_url="https://vimeo.com/2",
    )
    return {"entry": entry, "reviewer": reviewer, "juror": juror.user}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_festival_table_turns_into_cards_labelled_by_its_headings(
    season: dict[str, Any], staff: Any, kg_head: Any, language: str
) -> None:
    entry = season["entry"]
    pages = [
        (staff, "festival/palmares/"),
        (staff, "festival/6/call/feature/"),
        (staff, "festival/6/deadlines/"),  # the deadline tiers and the waiver codes
        (staff, "festival/6/sections/feature/"),
        (staff, "festival/6/programme/"),
        (staff, "festival/6/awards/"),
        (staff, f"festival/submissions/{entry.pk}/"),
        (staff, "festival/6/deliberation/feature/"),
        (kg_head, "festival/6/nominations/"),
        (season["reviewer"], "festival/reviews/"),
        (season["juror"], "festival/jury/"),
    ]
    labels = set()
    for user, path in pages:
        tables = tables_of(_as(user), f"/{language}/{path}")
        assert tables and all(table.rows for table in tables), path
        assert_cards_with_labels(tables)
        labels |= {cell.label for table in tables for row in table.rows for cell in row}
    with translation.override(language):
        expected = {gettext("Section"), gettext("Winners"), gettext("Fee (EUR)"), gettext("by Schulze")}
    assert expected <= labels
    if language != "en":
        assert not {"Section", "Winners", "Fee (EUR)", "by Schulze"} & labels


@pytest.fixture
def on_sale(grid: Any, staff: Any) -> Screening:
    """The first public screening of the published grid, with a ticket booked online and two sold at the box
    office (one nameless, one unpaid)."""
    programme.propose(edition_id=grid.pk, time_limit=5)
    programme.publish(actor=staff, edition=grid)
    screening = Screening.objects.filter(edition=grid, kind="public").order_by("starts_at", "pk").first()
    assert screening is not None
    tickets.book(screening=screening, user=UserFactory(first_name="Aida"))
    tickets.box_office_sale(actor=staff, screening=screening, seats=1, paid=False, name="Нурлан", email="")
    tickets.box_office_sale(actor=staff, screening=screening, seats=1, paid=True, name="", email="")
    return screening


@pytest.mark.parametrize("language", ["en", "ky"])
def test_the_check_in_tickets_turn_into_cards_and_the_grid_keeps_its_own_timetable(
    on_sale: Screening, staff: Any, language: str
) -> None:
    client = _as(staff)
    checkin = tables_of(client, f"/{language}/festival/screenings/{on_sale.pk}/checkin/")
    assert len(checkin) == 1 and len(checkin[0].rows) == 3
    assert_cards_with_labels(checkin)
    grid_tables = tables_of(client, f"/{language}/festival/6/grid/")
    assert [table.classes for table in grid_tables] == [{"timetable"}]
    assert_cards_with_labels([table for table in grid_tables if "timetable" not in table.classes])


def test_the_stylesheet_makes_a_row_header_the_title_and_labels_the_first_cell_of_a_table_without_one() -> (
    None
):
    path = finders.find("core/korkyt.css")
    assert path
    with open(path, encoding="utf-8") as css:
        text = css.read()
    assert "table.row-cards > tbody th { display:block;" in text  # the deadline tiers
    assert "table.row-cards.no-title td[data-label]:first-child::before { content:attr(data-label);" in text
