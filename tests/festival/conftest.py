from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from korkyt.accounts.models import Role
from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Edition, Section, Submission, SubmissionStatus
from korkyt.festival.programme import services as programme
from korkyt.festival.programme import venues
from tests.factories import InstitutionFactory, MembershipFactory, RoleAssignmentFactory, UserFactory, film

UTC = dt.UTC


def make_edition() -> Edition:
    """The 6th edition in Aktau, in 90 days, its call open with two deadlines."""
    edition = services.edition_create(
        actor=SYSTEM,
        number=6,
        city="Aktau",
        country="KZ",
        starts_on=dt.date.today() + dt.timedelta(days=90),
        ends_on=dt.date.today() + dt.timedelta(days=94),
        venues=["Aktau Drama Theatre"],
        results_at=dt.datetime.now(UTC) + dt.timedelta(days=94),
    )
    now = dt.datetime.now(UTC)
    services.call_open(
        actor=SYSTEM,
        edition=edition,
        opens_at=now - dt.timedelta(days=10),
        deadlines=[
            services.DeadlineData("early", now + dt.timedelta(days=5), 20),
            services.DeadlineData("regular", now + dt.timedelta(days=30), 40),
        ],
        waivers={"TURKSOY26": 5},
    )
    return edition


def make_feature(edition: Edition) -> Section:
    """The edition's feature section."""
    return services.section_create(
        actor=SYSTEM,
        edition=edition,
        kind="feature",
        year_from=2024,
        year_to=2026,
        runtime_min=60,
        runtime_max=240,
        jury_languages=["en", "ru"],
        max_per_country=2,
        criteria=[
            services.CriterionData("story", {"en": "Story"}, 2),
            services.CriterionData("craft", {"en": "Craft"}, 1),
        ],
    )


def make_agency_kg() -> Any:
    return InstitutionFactory(code="KG-DC", country="KG", native_language="ky")


def make_kg_editor(agency_kg: Any) -> Any:
    return MembershipFactory(user=UserFactory(username="editor-kg"), institution=agency_kg).user


def make_kg_head(agency_kg: Any) -> Any:
    return MembershipFactory(user=UserFactory(username="head-kg"), institution=agency_kg).user


def make_staff(edition: Edition) -> Any:
    return RoleAssignmentFactory(
        user=UserFactory(username="programmer"), role=Role.FESTIVAL_STAFF, scope=edition
    ).user


def make_producer() -> Any:
    return UserFactory(username="producer")


@pytest.fixture
def edition(db: Any) -> Edition:
    return make_edition()


@pytest.fixture
def feature(edition: Edition) -> Section:
    return make_feature(edition)


@pytest.fixture
def agency_kg(db: Any) -> Any:
    return make_agency_kg()


@pytest.fixture
def kg_editor(agency_kg: Any) -> Any:
    return make_kg_editor(agency_kg)


@pytest.fixture
def kg_head(agency_kg: Any) -> Any:
    return make_kg_head(agency_kg)


@pytest.fixture
def staff(edition: Edition) -> Any:
    return make_staff(edition)


@pytest.fixture
def producer(db: Any) -> Any:
    return make_producer()


def make_film(owner: Any, title: str = "Kara Kyzyl Sary", **fields: Any) -> Any:
    fields.setdefault("year", 2025)
    fields.setdefault("runtime", 96)
    fields.setdefault("countries", ["KG"])
    languages = fields.pop("tracks", ["en"])
    f = film(owner, (title, "ky"), **fields)
    for tag in languages:
        catalogue.track_create(actor=SYSTEM, film=f, kind="subtitles", language=tag, status="available")
    return f


def eligible_entry(section: Section, agency: Any, editor: Any, head: Any, title: str = "Film") -> Any:
    sub = services.nomination_create(
        actor=editor,
        section=section,
        film=make_film(agency, title),
        agency=agency,
        screener_url="https://vimeo.com/1",
        screener_password="pw",
    )
    services.nomination_sign_off(actor=head, submission=sub)
    sub.refresh_from_db()
    return sub


# ---- the programme's fixtures --------------------------------------------------------------------


@pytest.fixture
def grid(edition: Any, feature: Any, staff: Any, agency_kg: Any, kg_editor: Any, kg_head: Any) -> Any:
    """The edition with three selected films of the feature competition and one venue of two rooms."""
    feature.max_per_country = None
    feature.save()
    for title in ("Aral", "Kök", "Tuz"):
        eligible_entry(feature, agency_kg, kg_editor, kg_head, title)
    Submission.objects.filter(section=feature).update(status=SubmissionStatus.SELECTED)
    venue = venues.venue_create(actor=staff, edition=edition, name="Drama Theatre")
    venues.room_create(actor=staff, venue=venue, name="Big hall", seats=3, formats=["dcp"])
    venues.room_create(actor=staff, venue=venue, name="Small hall", seats=2, formats=["DCP", "ProRes"])
    return edition


@pytest.fixture
def published(grid: Any, staff: Any) -> Any:
    """The grid proposed and published."""
    programme.propose(edition_id=grid.pk, time_limit=5)
    programme.publish(actor=staff, edition=grid)
    return grid


@pytest.fixture
def english() -> Any:
    """The pages and messages in English (reverse() follows the active language, which another module may
    have left): ``pytest.mark.usefixtures("english")``."""
    from django.utils import translation

    with translation.override("en"):
        yield
