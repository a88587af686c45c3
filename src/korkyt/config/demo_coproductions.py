"""Demo co-productions among the six countries, written for the project (not real productions):

- «Жел мен Қорқыт» — a Kazakh–Azerbaijani–Turkish animated feature that qualifies under Türkiye's 2019
  regulation (``tr-2019``), submitted to the three agencies, the Kazakh one has approved;
- «Көшпелі бұлақ» — a Kazakh–Turkish–Kyrgyz documentary whose Kyrgyz share is below the 5 % minimum:
  the page shows the advice (raise it);
- «Ipak yoʻli bolalari» — a Kazakh–Uzbek fiction feature under the Kazakhstan–Uzbekistan memorandum only:
  approved by both agencies, so counted in the memorandum's report; no instrument confers status.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.coproduction import services
from korkyt.coproduction.models import Project, ProjectText
from korkyt.institutions.models import Institution, Memorandum

PRODUCER = "producer-kz"
RATES_ON = dt.date(2026, 3, 1)
RATES = {
    "KZT": Decimal("505"),
    "AZN": Decimal("1.70"),
    "TRY": Decimal("40"),
    "KGS": Decimal("87.5"),
    "UZS": Decimal("12650"),
}

PROJECTS: list[dict[str, Any]] = [
    {
        "titles": [
            ("kk", "Жел мен Қорқыт", "Қобызшы бала даладағы желді іздеп, үш елдің ертегісін біріктіреді."),
            (
                "en",
                "Korkyt and the Wind",
                "A young kobyz player follows the steppe wind and joins the tales of three lands.",
            ),
            (
                "az",
                "Qorqud və külək",
                "Gənc qopuzçu çöl küləyinin ardınca gedib üç ölkənin nağıllarını birləşdirir.",
            ),
            (
                "tr",
                "Korkut ve Rüzgâr",
                "Genç bir kopuzcu bozkır rüzgârının peşine düşer ve üç ülkenin masallarını birleştirir.",
            ),
        ],
        "kind": "animation",
        "runtime_min": 82,
        "stage": "financing",
        "memorandum": ("KZ-SCSNC", "AZ-CA"),
        "partners": [
            ("Dala Animation", "KZ", "majority", [("national_fund", "606000000", "KZT", "confirmed")]),
            ("Xəzər Animasiya", "AZ", "minority", [("partner_equity", "143158", "AZN", "pending")]),
            ("Bozkır Çizgi", "TR", "minority", [("partner_equity", "16000000", "TRY", "confirmed")]),
        ],
        "elements": [
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
        ],
        "roles": [("KZ", 12), ("TR", 9), ("AZ", 5)],
        "submit": True,
        "approve": ["KZ"],
    },
    {
        "titles": [
            (
                "kk",
                "Көшпелі бұлақ",
                "Тянь-Шань баурайындағы бұлақ жыл сайын орнын ауыстырады; малшылар оның соңынан көшеді.",
            ),
            (
                "en",
                "The Wandering Spring",
                "A spring on the Tian Shan slopes moves every year; the herders move with it.",
            ),
            (
                "ky",
                "Көчмө булак",
                "Тянь-Шандын этегиндеги булак жыл сайын ордун которот; малчылар анын артынан көчөт.",
            ),
        ],
        "kind": "documentary",
        "runtime_min": 75,
        "stage": "development",
        "memorandum": ("KZ-SCSNC", "KG-DC"),
        "partners": [
            ("Almaty Doc", "KZ", "majority", [("partner_equity", "121200000", "KZT", "confirmed")]),
            ("Anadolu Belgesel", "TR", "minority", [("broadcaster", "2800000", "TRY", "confirmed")]),
            ("Ala-Too Films", "KG", "minority", [("partner_equity", "262500", "KGS", "pending")]),
        ],
        "elements": [
            ("director", "KZ"),
            ("director_of_photography", "KG"),
            ("editor", "TR"),
            ("shooting_location", "KG"),
        ],
        "roles": [],
        "submit": False,
        "approve": [],
    },
    {
        "titles": [
            (
                "uz",
                "Ipak yoʻli bolalari",
                "Samarqand va Turkistondagi ikki maktab bir yoz davomida xat almashadi.",
            ),
            (
                "kk",
                "Жібек жолының балалары",
                "Самарқан мен Түркістандағы екі мектеп бір жаз бойы хат алмасады.",
            ),
            (
                "en",
                "Children of the Silk Road",
                "Two schools, in Samarkand and Turkistan, trade letters for one summer.",
            ),
        ],
        "kind": "fiction",
        "runtime_min": 96,
        "stage": "development",
        "memorandum": ("KZ-SCSNC", "UZ-CA"),
        "partners": [
            ("Turkistan Pictures", "KZ", "majority", [("national_fund", "151500000", "KZT", "confirmed")]),
            ("Samarqand Film", "UZ", "minority", [("partner_equity", "2530000000", "UZS", "pending")]),
        ],
        "elements": [
            ("director", "UZ"),
            ("scriptwriter", "KZ"),
            ("composer", "KZ"),
            ("shooting_location", "UZ"),
        ],
        "roles": [("UZ", 20), ("KZ", 18)],
        "submit": True,
        "approve": ["KZ", "UZ"],
    },
]


def _memorandum(codes: tuple[str, str]) -> Memorandum | None:
    return (
        Memorandum.objects.filter(party_links__institution__code=codes[0])
        .filter(party_links__institution__code=codes[1])
        .order_by("pk")
        .first()
    )


def load_coproductions(password: str) -> int:
    """The demo producer and the three projects (skipped when a project with the same English title
    exists). Returns how many were created."""
    producer = User.objects.filter(username=PRODUCER).first()
    if producer is None:
        producer = account_services.user_create(
            username=PRODUCER, password=password, validate=False, language="kk"
        )
    created = 0
    today = dt.date.today()
    for data in PROJECTS:
        english = next(title for lang, title, _logline in data["titles"] if lang == "en")
        if ProjectText.objects.filter(language="en", title=english).exists():
            continue
        first_lang, first_title, first_logline = data["titles"][0]
        project = services.project_create(
            actor=producer,
            kind=data["kind"],
            title=first_title,
            language=first_lang,
            logline=first_logline,
            stage=data["stage"],
            currency="USD",
            runtime_min=data["runtime_min"],
            shooting_starts_on=today + dt.timedelta(days=150),
            memorandum=_memorandum(data["memorandum"]),
            is_published=True,
        )
        for lang, title, logline in data["titles"][1:]:
            services.project_set_text(
                actor=producer, project=project, language=lang, title=title, logline=logline
            )
        for name, country, role, sources in data["partners"]:
            partner = services.partner_add(
                actor=producer, project=project, name=name, country=country, role=role
            )
            for kind, amount, currency, status in sources:
                services.source_add(
                    actor=producer,
                    project=project,
                    partner=partner,
                    kind=kind,
                    amount=Decimal(amount),
                    currency=currency,
                    status=status,
                    rate=RATES.get(currency),
                    rate_on=RATES_ON,
                )
        for job, country in data["elements"]:
            services.element_set(actor=producer, project=project, job=job, country=country)
        for country, days in data["roles"]:
            services.element_set(actor=producer, project=project, job="role", country=country, days=days)
        if data["submit"]:
            services.project_submit(actor=producer, project=project)
            for country in data["approve"]:
                _approve(project, country)
        created += 1
    return created


def _approve(project: Project, country: str) -> None:
    review = project.reviews.get(country=country)
    agency: Institution = review.institution
    assignment = RoleAssignment.objects.active().on(agency).filter(role=Role.EDITOR).order_by("pk").first()
    editor = assignment.user if assignment is not None else None
    if editor is not None:
        services.review_decide(actor=editor, review=review, decision="approve")
