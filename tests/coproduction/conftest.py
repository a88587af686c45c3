from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from korkyt.accounts.models import Role
from korkyt.coproduction import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum


def make_agencies():  # type: ignore[no-untyped-def]
    """The national agencies of KZ, AZ, TR and UZ, by country."""
    return {
        c: InstitutionFactory(code=f"{c}-AGENCY", country=c, kind="national_agency")
        for c in ("KZ", "AZ", "TR", "UZ")
    }


def make_people(agencies):  # type: ignore[no-untyped-def]
    """The producers, a stranger, an admin and the agencies' people, by name."""
    return {
        "producer": UserFactory(username="producer"),
        "coproducer": UserFactory(username="coproducer"),
        "stranger": UserFactory(username="stranger"),
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "kz_agency": MembershipFactory(
            user=UserFactory(username="kz_agency"), institution=agencies["KZ"]
        ).user,
        "az_agency": MembershipFactory(
            user=UserFactory(username="az_agency"), institution=agencies["AZ"]
        ).user,
        "tr_agency": MembershipFactory(
            user=UserFactory(username="tr_agency"), institution=agencies["TR"]
        ).user,
        "uz_agency": MembershipFactory(
            user=UserFactory(username="uz_agency"), institution=agencies["UZ"]
        ).user,
        "kz_translator": MembershipFactory(
            user=UserFactory(username="kz_translator"), institution=agencies["KZ"], role=Role.TRANSLATOR
        ).user,
    }


@pytest.fixture
def agencies(db):
    return make_agencies()


@pytest.fixture
def people(agencies):
    return make_people(agencies)


@pytest.fixture
def memo(agencies):
    return memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_feature", "joint_animation"))


def animated_project(producer, memo=None):  # type: ignore[no-untyped-def]
    """The Kazakh–Azerbaijani–Turkish animated feature of docs/examples, before the advice: the
    Azerbaijani partner brings too little."""
    project = services.project_create(
        actor=producer,
        kind="animation",
        title="Қорқыт пен жел",
        language="kk",
        logline="Three studios draw the wind of the steppe.",
        currency="USD",
        runtime_min=82,
        budget=Decimal("1700000"),
        shooting_starts_on=dt.date.today() + dt.timedelta(days=120),
        memorandum=memo,
    )
    kz = services.partner_add(
        actor=producer, project=project, country="KZ", name="Steppe Animation", role="majority"
    )
    az = services.partner_add(actor=producer, project=project, country="AZ", name="Baku Drawings")
    tr = services.partner_add(actor=producer, project=project, country="TR", name="Istanbul Çizgi")
    on = dt.date(2026, 3, 1)
    services.source_add(
        actor=producer,
        project=project,
        partner=kz,
        kind="national_fund",
        amount=Decimal("606000000"),
        currency="KZT",
        status="confirmed",
        rate=Decimal("505"),
        rate_on=on,
    )
    services.source_add(
        actor=producer,
        project=project,
        partner=az,
        kind="partner_equity",
        amount=Decimal("50000"),
        currency="AZN",
        rate=Decimal("1.70"),
        rate_on=on,
    )
    services.source_add(
        actor=producer,
        project=project,
        partner=tr,
        kind="partner_equity",
        amount=Decimal("16000000"),
        currency="TRY",
        rate=Decimal("40"),
        rate_on=on,
    )
    for job, country in (
        ("director", "KZ"),
        ("scriptwriter", "KZ"),
        ("composer", "TR"),
        ("director_of_photography", "KZ"),
        ("sound", "AZ"),
        ("editor", "KZ"),
        ("production_designer", "KZ"),
        ("shooting_location", "KZ"),
        ("vfx_location", "TR"),
        ("post_production_location", "TR"),
    ):
        services.element_set(actor=producer, project=project, job=job, country=country)
    for country, days in (("KZ", 12), ("TR", 9), ("AZ", 5)):
        services.element_set(actor=producer, project=project, job="role", country=country, days=days)
    return project
