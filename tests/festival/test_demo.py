from __future__ import annotations

import pytest

from korkyt.config import demo
from korkyt.festival.models import AwardWinner, Edition, JuryMember, Review, Submission

pytestmark = pytest.mark.django_db


def test_demo_has_five_past_editions_with_winners_and_the_sixth_in_progress() -> None:
    demo.load(users_password="demo-password-1")
    assert list(Edition.objects.order_by("number").values_list("number", "city")) == [
        (1, "Istanbul"),
        (2, "Bursa"),
        (3, "Baku"),
        (4, "Ashgabat"),
        (5, "Aktau"),
        (6, "Aktau"),
    ]
    winners = {
        w.award.edition.number: w.film.titles.get(language="en").text for w in AwardWinner.objects.all()
    }
    assert winners == {1: "In Between Dying", 5: "Black, Red, Yellow"}
    sixth = Submission.objects.filter(section__edition__number=6)
    assert set(sixth.values_list("agency__code", flat=True)) >= {"KZ-SCSNC", "KG-DC", "UZ-CA"}
    assert sixth.filter(agency__code="KG-DC", nomination="nominated").count() == 1  # waits for sign-off
    assert sixth.filter(status="in_review").exists()
    assert Review.objects.filter(submitted_at__isnull=False).count() >= 1
    assert JuryMember.objects.filter(edition__number=6).count() == 3
    president = JuryMember.objects.get(edition__number=6, president=True)
    assert president.conflicts.filter(source="credit").count() == 1  # directed one selected film
    # the public jury names every juror (the president by the catalogue person, the others by account)
    from django.test import Client

    jury = Client().get("/kk/festival/6/").content.decode()
    shown = jury[jury.find("<h2>Қазылар") :][:900]
    assert "Әйгерім Сәдуақасова" in shown and "Elnur Hasanov" in shown and "juror-2" not in shown, shown
    assert sixth.filter(route="direct", status="ineligible").exists()
    count = Submission.objects.count()
    demo.load(users_password="demo-password-1")  # idempotent
    assert Submission.objects.count() == count and Edition.objects.count() == 6


def test_demo_sixth_edition_has_venues_and_rooms_to_schedule_its_selected_films() -> None:
    from korkyt.festival.programme import services as programme
    from korkyt.festival.programme.venues import rooms_of
    from korkyt.scheduling import parse_instance

    demo.load(users_password="demo-password-1")
    sixth = Edition.objects.get(number=6)
    assert sixth.venue_set.count() == 3
    rooms = rooms_of(sixth)
    assert len(rooms) == 5 and sum(r.seats for r in rooms) == 1376
    instance = parse_instance(programme.build_instance(sixth))
    assert instance.films  # the selected films
    result = programme.propose(edition_id=sixth.pk, time_limit=5)
    assert result["status"] in ("optimal", "feasible") and result["unplaced"] == 0
    assert programme.conflicts(sixth) == []


def test_the_accounts_setup_prints_are_the_demos() -> None:
    """Every account the sign-in screen names exists once the demo is loaded, with the password it says."""
    import re

    from korkyt.accounts.models import User
    from korkyt.config.commands import DEMO_ACCOUNTS

    demo.load(users_password="demo-password-1")
    listed = [re.sub(r"\([^)]*\)", "", line.split(":", 1)[1]) for line in DEMO_ACCOUNTS]  # not the notes
    named = {n for text in listed for n in re.findall(r"\b[a-z]+-[a-z0-9]+\b", text)}
    assert len(named) >= 25
    users = {u.username: u for u in User.objects.filter(username__in=named)}
    assert set(users) == named, named - set(users)
    assert all(u.check_password("demo-password-1") for u in users.values())
