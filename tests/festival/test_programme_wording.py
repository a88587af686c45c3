"""The grid's conflicts and the proposal's outcome in the reader's language, with the films' titles (each
with its lang), the rooms' names and the festival's local times; the scheduling package keeps its English
words and ids for its CLI and benchmark, and gives the same facts as data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.festival.programme import services, wording
from korkyt.festival.programme.models import Screening
from korkyt.scheduling import REASON_CODES, check_solution

pytestmark = pytest.mark.django_db


@pytest.fixture
def clash(grid: Any, staff: Any) -> tuple[Any, Screening, Screening]:
    services.propose(edition_id=grid.pk, time_limit=5)
    a, b = Screening.objects.filter(edition=grid, kind="public").order_by("pk")[:2]
    services.move(actor=staff, screening=a, room=b.room, starts_at=b.starts_at)
    return grid, a, b


def test_the_checker_keeps_its_english_and_gives_the_facts(clash: Any) -> None:
    edition, a, b = clash
    found = check_solution(services.build_instance(edition, keep_locked=False), services.grid_output(edition))
    overlap = next(v for v in found if v.rule == "room overlap")
    assert "screening of" in overlap.message and "changeover" in overlap.message  # the CLI's words
    assert overlap.data["changeover"] == 15
    assert {overlap.data["screening"]["film"], overlap.data["other"]["film"]} == {
        str(a.submission_id),
        str(b.submission_id),
    }
    assert overlap.data["screening"]["room"] == str(b.room_id)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_conflicts_on_the_grid_speak_the_readers_language(clash: Any, staff: Any, language: str) -> None:
    edition, a, b = clash
    client = Client()
    client.force_login(staff)
    day = services.local(edition, b.starts_at).date().isoformat()
    with translation.override(language):
        html = client.get(reverse("festival:grid", args=[edition.number]), {"day": day}).content.decode()
        texts = services.conflicts(edition)
    assert texts
    block = html[html.index('class="warning"') :]
    block = block[: block.index("</div>")]
    for english in ("screening of", "starts before", "min changeover", "asks", "unplaced"):
        assert english not in block, english  # the checker's English with ids
    assert re.search(r'<span lang="ky[^"]*">(Aral|Kök|Tuz)</span>', block)  # titles with their lang
    assert str(b.room.name) in block
    local = services.local(edition, b.starts_at).strftime("%H:%M")
    assert local in block  # the festival's local time
    check = client.get(
        f"/{language}/festival/{edition.number}/grid/check",
        {"screening": a.pk, "room": b.room_id, "starts_at": services.local(edition, b.starts_at).isoformat()},
    ).content.decode()
    assert "screening of" not in check and 'lang="ky' in check


def test_the_proposals_outcome_in_words(
    grid: Any,
    staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_start(actor=staff, edition=grid)
    client = Client()
    client.force_login(staff)
    page = client.get(f"/kk/festival/{grid.number}/grid/job").content.decode()
    assert "optimal:" not in page and "feasible:" not in page
    with translation.override("en"):
        assert wording.proposal_summary({"status": "optimal", "placed": 20, "unplaced": 0}) == (
            "optimal schedule: 20 screenings placed."
        )
        assert "1 screening could not be placed" in wording.proposal_summary(
            {"status": "partial", "placed": 19, "unplaced": 1}
        )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_why_no_schedule_is_said_in_the_readers_language(
    grid: Any,
    staff: Any,
    language: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    grid.ends_on = grid.starts_on  # one day: the jury cannot see its three films before it deliberates
    grid.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_start(actor=staff, edition=grid)
    client = Client()
    client.force_login(staff)
    page = client.get(f"/{language}/festival/{grid.number}/grid/job").content.decode()
    block = page[page.index('class="error"') :]
    block = block[: block.index("</div>")]
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    assert items
    for english in ("jury", "needs", "screenings", "deliberat", "rules cannot", "film 1", " h "):
        assert english not in block, english  # the scheduler's English
    with translation.override(language):
        section = str(grid.sections.get(kind="feature").get_kind_display())
        hours = wording.duration_text(60)
    assert section in block  # the jury named by its section
    assert hours.split()[-1] in block  # durations in the reader's words


def test_every_reason_the_scheduler_gives_is_worded(grid: Any) -> None:
    names = wording._Names(grid)
    sample = {
        "film": "1",
        "films": 2,
        "screenings": 2,
        "runtime": 95,
        "screening": {"film": "1", "kind": "public", "room": "1", "starts_at": "2027-02-18T10:00"},
        "rooms": ["1"],
        "away": [["2027-02-18T10:00", "2027-02-18T12:00"]],
        "jury": "feature",
        "seconds": 10,
    }
    with translation.override("ru"):
        for code in REASON_CODES:
            text = wording.reason_text(names, code, sample)
            assert text, code
            assert "{" not in text and "%(" not in text, (code, text)
        assert wording.reason_text(names, "something new", sample) is None
    # A job stored before reasons existed keeps the scheduler's English.
    old = {"status": "infeasible", "explanation": ["film 7 runs 5 h"]}
    assert wording.explanation_texts(grid, old) == ["film 7 runs 5 h"]


def test_a_quick_schedule_note_is_not_shown_as_a_failure(grid: Any, staff: Any) -> None:
    from korkyt.core.jobs.services import job_create

    job = job_create(kind="festival.propose_schedule", subject=grid, total=3, created_by=staff)
    job.status = "done"
    job.result = {
        "status": "feasible",
        "placed": 12,
        "unplaced": 0,
        "explanation": ["CP-SAT found no schedule within 10 s; this is the greedy one"],
        "reasons": [{"code": "greedy-fallback", "data": {"seconds": 10}}],
    }
    job.save()
    client = Client()
    client.force_login(staff)
    page = client.get(f"/en/festival/{grid.number}/grid/job").content.decode()
    assert "No schedule satisfies" not in page and 'class="error"' not in page
    assert "quick first schedule" in page and "CP-SAT" not in page
    # the outcome is said once: not "Proposal: Done: feasible schedule: …"
    assert "Proposal · feasible schedule: 12 screenings placed." in page and "Done" not in page


def test_rooms_in_the_conflicts_carry_their_venues_language(clash: Any, staff: Any) -> None:
    """The clash check's fragment names the room as the grid's columns do: "venue · room" in the venue's
    language, not the page's."""
    edition, a, b = clash
    client = Client()
    client.force_login(staff)
    room = b.room
    tagged = f'<span lang="{room.venue.language}">{room.venue.name} · {room.name}</span>'
    check = client.get(
        f"/ru/festival/{edition.number}/grid/check",
        {"screening": a.pk, "room": b.room_id, "starts_at": services.local(edition, b.starts_at).isoformat()},
    ).content.decode()
    assert tagged in check
    day = services.local(edition, b.starts_at).date().isoformat()
    page = client.get(f"/ru/festival/{edition.number}/grid/", {"day": day}).content.decode()
    block = page[page.index('class="warning"') :]
    assert tagged in block[: block.index("</div>")]
    names = wording._Names(edition)
    with translation.override("ru"):
        text = wording.reason_text(names, "screen-time", {"screenings": 2, "rooms": [str(room.pk)]})
    assert tagged in str(text)
