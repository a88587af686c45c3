"""The festival's demo: the five past editions of the Korkyt Ata Turkic World Film Festival with their
known winners (demo_data/festival_editions.csv, with sources), and a 6th edition in progress written for
the demonstration (its dates, sections, entries, reviews and jury are not announced facts): sections, an
open call, nominations from the six national agencies, a committee of reviewers with some reviews, and a
jury. Idempotent: an edition that exists is left as it is."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, User
from korkyt.catalogue.models import Film, FilmTitle
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import AwardKind, Edition, Submission
from korkyt.institutions.models import Institution

DATA = Path(__file__).resolve().parent / "demo_data" / "festival_editions.csv"
AKTAU = dt.timezone(dt.timedelta(hours=5))

# The known winners of past editions (from the CSV's notes): edition → (award code, names, English title).
PAST_WINNERS = {
    1: (
        "best-film",
        {
            "en": "Best Film",
            "tr": "En İyi Film",
            "ru": "Лучший фильм",
            "kk-Cyrl": "Үздік фильм",
            "az-Latn": "Ən yaxşı film",
            "ky-Cyrl": "Эң мыкты фильм",
            "tk-Latn": "Iň gowy film",
            "uz-Latn": "Eng yaxshi film",
        },
        "In Between Dying",
    ),
    5: (
        "best-feature",
        {
            "en": "Best Feature Film",
            "kk-Cyrl": "Үздік көркем фильм",
            "ru": "Лучший игровой фильм",
            "tr": "En İyi Uzun Metraj Kurmaca Film",
            "az-Latn": "Ən yaxşı bədii film",
            "ky-Cyrl": "Эң мыкты көркөм фильм",
            "tk-Latn": "Iň gowy çeper film",
            "uz-Latn": "Eng yaxshi badiiy film",
        },
        "Black, Red, Yellow",
    ),
}
AGENCIES = ["KZ-SCSNC", "AZ-CA", "KG-DC", "TM-TF", "TR-SGM", "UZ-CA"]
EDITOR_OF = {
    "KZ-SCSNC": "editor-kz",
    "AZ-CA": "editor-az",
    "KG-DC": "editor-kg",
    "TM-TF": "editor-tm",
    "TR-SGM": "editor-tr",
    "UZ-CA": "editor-uz",
}
HEAD_OF = {code: name.replace("editor-", "head-") for code, name in EDITOR_OF.items()}
REVIEWERS = ["reviewer-tr", "reviewer-az", "screener-1", "screener-2"]
JURORS = ["juror-1", "juror-2", "juror-3"]
#: The names the other two demo jurors give on their accounts (the public jury lists them by name; the
#: first is a director from the catalogue). They are invented for the demonstration edition.
JUROR_NAMES = {
    "juror-2": {
        "kk-Cyrl": "Әйгерім Сәдуақасова",
        "kk-Latn": "Äigerım Säduaqasova",
        "en": "Aigerim Saduakassova",
    },
    "juror-3": {"az-Latn": "Elnur Həsənov", "ru": "Эльнур Гасанов", "en": "Elnur Hasanov"},
}
SCREENER_PASSWORD = "demo-screener"  # noqa: S105  (the demo screeners are not real)


CRITERION_LANGUAGES = ("en", "ru", "kk", "az", "ky", "tk", "tr", "uz")
CRITERIA = [
    (
        "story",
        2,
        (
            "Story and script",
            "Сюжет и сценарий",
            "Сюжет және сценарий",
            "Süjet və ssenari",
            "Сюжет жана сценарий",
            "Süžet we ssenariý",
            "Hikâye ve senaryo",
            "Syujet va ssenariy",
        ),
    ),
    (
        "direction",
        2,
        (
            "Direction",
            "Режиссура",
            "Режиссура",
            "Rejissorluq",
            "Режиссура",
            "Režissýorluk",
            "Yönetmenlik",
            "Rejissyorlik",
        ),
    ),
    (
        "craft",
        1,
        (
            "Image and sound",
            "Изображение и звук",
            "Бейне және дыбыс",
            "Təsvir və səs",
            "Сүрөт жана үн",
            "Şekil we ses",
            "Görüntü ve ses",
            "Tasvir va ovoz",
        ),
    ),
]


def _film(english: str) -> Film | None:
    title = FilmTitle.objects.filter(text=english, language="en").select_related("film").first()
    return title.film if title else None


def _user(username: str, password: str, created: list[str], language: str = "en") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = account_services.user_create(
            username=username, password=password, validate=False, language=language
        )
        created.append(username)
    return user


def load_past_editions() -> int:
    made = 0
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        number = int(row["edition"])
        if Edition.objects.filter(number=number).exists():
            continue
        organisers = Institution.objects.filter(country=row["country"], kind="national_agency")
        edition = services.edition_create(
            actor=SYSTEM,
            number=number,
            city=row["city"],
            country=row["country"],
            starts_on=dt.date.fromisoformat(row["starts_on"]),
            ends_on=dt.date.fromisoformat(row["ends_on"]),
            organisers=list(organisers),
            notes=row["notes"],
            source_url=row["source_url"],
        )
        made += 1
        if number in PAST_WINNERS:
            code, names, english = PAST_WINNERS[number]
            award = services.award_create(
                actor=SYSTEM, edition=edition, code=code, names=names, kind=AwardKind.MAIN
            )
            film = _film(english)
            if film is not None:
                services.award_decide(actor=SYSTEM, award=award, film=film)
    return made


def _agency_films(agency: Institution, limit: int) -> list[Film]:
    return list(
        Film.objects.filter(countries__country=agency.country, year__gte=2015, status="published")
        .order_by("-year", "pk")
        .distinct()[:limit]
    )


def _closing(now: dt.datetime, days: int) -> dt.datetime:
    """The end (23:59, Aktau time) of the day ``days`` after ``now``."""
    day = (now + dt.timedelta(days=days)).astimezone(AKTAU).date()
    return dt.datetime.combine(day, dt.time(23, 59), AKTAU)


def load_current_edition(password: str, created: list[str]) -> Edition | None:
    if Edition.objects.filter(number=6).exists():
        return None
    staff = _user("festival-staff", password, created)
    now = timezone.now()
    opening = (
        (now + dt.timedelta(days=75)).astimezone(AKTAU).date()
    )  # always ahead: the demo stays in progress
    edition = services.edition_create(
        actor=SYSTEM,
        number=6,
        city="Aktau",
        country="KZ",
        starts_on=opening,
        ends_on=opening + dt.timedelta(days=4),
        venues=["Ақтау драма театры"],
        language=VENUES_LANGUAGE,
        organisers=list(Institution.objects.filter(code="KZ-SCSNC")),
        results_at=dt.datetime.combine(opening + dt.timedelta(days=4), dt.time(19, 0), AKTAU),
        notes="Демонстрациялық фестиваль жылы: оның күндері (демо жүктелгеннен кейін 75 күн өткен соң), "
        "өтінімдері, рецензиялары мен қазылар алқасы демо үшін жазылған.",
    )
    account_services.role_grant(actor=SYSTEM, user=staff, role=Role.EDITION_MANAGER, scope=edition)
    criteria = [  # labelled in the eight interface languages: each reviewer reads the form in theirs
        services.CriterionData(code, dict(zip(CRITERION_LANGUAGES, labels, strict=True)), weight)
        for code, weight, labels in CRITERIA
    ]
    feature = services.section_create(
        actor=staff,
        edition=edition,
        kind="feature",
        year_from=2019,
        year_to=2026,
        runtime_min=60,
        runtime_max=240,
        jury_languages=["en", "ru"],
        max_per_country=2,
        premiere="none",
        criteria=criteria,
    )
    services.section_create(
        actor=staff,
        edition=edition,
        kind="documentary",
        year_from=2019,
        year_to=2026,
        runtime_min=40,
        jury_languages=["en", "ru"],
        max_per_country=2,
        criteria=criteria,
    )
    panorama = services.section_create(
        actor=staff,
        edition=edition,
        kind="panorama",
        direct_allowed=False,
        max_per_country=2,
        reviews_per_entry=2,
        criteria=criteria,
    )
    services.call_open(
        actor=staff,
        edition=edition,
        opens_at=now - dt.timedelta(days=30),
        deadlines=[  # at 23:59 in Aktau, as festivals close their calls
            services.DeadlineData(tier, _closing(now, days), fee)
            for tier, days, fee in (("early", 14, 0), ("regular", 45, 30), ("late", 60, 60))
        ],
        waivers={"TURKSOY-2026": 20},
    )
    ct = ContentType.objects.get_for_model(Institution)
    for code in AGENCIES:
        agency = Institution.objects.filter(code=code).first()
        if agency is None:
            continue
        editor = User.objects.filter(username=EDITOR_OF[code]).first()
        if editor is None:
            continue
        head = _user(HEAD_OF[code], password, created, language=editor.language)
        if not head.role_assignments.filter(role=Role.EDITOR, content_type=ct, object_id=agency.pk).exists():
            account_services.role_grant(actor=SYSTEM, user=head, role=Role.EDITOR, scope=agency)
        for i, film in enumerate(_agency_films(agency, 3)):
            section = feature if i < 2 else panorama
            sub = services.nomination_create(
                actor=editor,
                section=section,
                film=film,
                agency=agency,
                runtime=95,
                screener_url=f"https://screeners.example.org/korkyt6/{film.pk}",
                screener_password=SCREENER_PASSWORD,
            )
            if code == "KG-DC" and i == 1:
                continue  # the Kyrgyz agency's second nomination waits for its head's sign-off
            services.nomination_sign_off(actor=head, submission=sub)
    # Feature entries wait for their English or Russian subtitles: the programmers admit them meanwhile.
    for sub in Submission.objects.filter(section__edition=edition, status="ineligible"):
        if {r["code"] for r in sub.eligibility} == {"languages"}:
            services.submission_decide(
                actor=staff,
                submission=sub,
                name="admit",
                note="Subtitles ordered in the localization workbench",
            )
    for sub in Submission.objects.filter(section__edition=edition, status="eligible"):
        services.submission_decide(actor=staff, submission=sub, name="start_review")
    reviewers = [_user(name, password, created) for name in REVIEWERS]
    for user in reviewers:
        services.committee_add(
            actor=staff, edition=edition, user=user, sections=["feature", "documentary", "panorama"]
        )
    services.reviewers_assign(actor=staff, edition=edition)
    first = reviewers[0]
    for n, assignment in enumerate(
        first.festival_assignments.select_related("submission__section").order_by("pk")[:4]
    ):
        services.review_save(
            actor=first,
            assignment=assignment,
            scores={"story": 6 + n % 4, "direction": 7, "craft": 5 + n % 3},
            comment="Demo review.",
            submit=n < 3,
        )
    # A producer's direct entry of an old film: refused, with the reasons and how to fix them.
    producer = User.objects.filter(username="producer-kg").first()
    old = (
        Film.objects.filter(countries__country="KG", year__lt=2000, status="published")
        .order_by("year")
        .first()
    )
    if producer is not None and old is not None:
        direct = services.submission_create(actor=producer, section=feature, film=old, runtime=38)
        services.submission_submit(actor=producer, submission=direct)
    # The programmers select feature entries; the jury watches and scores them. The first juror is the
    # director of one selected film in the catalogue: recused from it, and the scores stay sealed until
    # that juror has scored the others.
    chosen = list(Submission.objects.filter(section=feature, status="in_review").order_by("pk")[:5])
    for sub in chosen:
        services.submission_decide(actor=staff, submission=sub, name="select")
    director = None
    if chosen:
        credit = chosen[0].film.credits.filter(role="director", person__isnull=False).first()
        director = credit.person if credit else None
    jurors = [_user(name, password, created) for name in JURORS]
    for user in jurors:
        if not user.names.exists():
            for language, full_name in JUROR_NAMES.get(user.username, {}).items():
                account_services.user_name_set(user=user, language=language, full_name=full_name)
    members = [
        services.juror_add(
            actor=staff, section=feature, user=user, president=i == 0, person=director if i == 0 else None
        )
        for i, user in enumerate(jurors)
    ]
    for n, member in enumerate(members[1:]):
        for k, sub in enumerate(chosen):
            services.jury_mark_seen(actor=member.user, juror=member, submission=sub)
            services.jury_score(actor=member.user, juror=member, submission=sub, score=5 + (k * (n + 2)) % 5)
    for code, names, kind in (
        ("best-feature", PAST_WINNERS[5][1], AwardKind.MAIN),
        (
            "best-director",
            {
                "en": "Best Director",
                "kk-Cyrl": "Үздік режиссёр",
                "ru": "Лучший режиссёр",
                "tr": "En İyi Yönetmen",
                "az-Latn": "Ən yaxşı rejissor",
                "ky-Cyrl": "Эң мыкты режиссёр",
                "tk-Latn": "Iň gowy režissýor",
                "uz-Latn": "Eng yaxshi rejissyor",
            },
            AwardKind.AWARD,
        ),
        (
            "special-mention",
            {
                "en": "Special Mention",
                "ru": "Специальное упоминание",
                "kk-Cyrl": "Арнайы атап өту",
                "tr": "Özel Mansiyon",
                "az-Latn": "Xüsusi qeyd",
                "ky-Cyrl": "Атайын белгилөө",
                "tk-Latn": "Ýörite bellik",
                "uz-Latn": "Maxsus eʼtirof",
            },
            AwardKind.MENTION,
        ),
    ):
        services.award_create(
            actor=staff, edition=edition, code=code, names=names, kind=kind, section=feature
        )
    load_venues(edition, staff)
    return edition


#: The 6th edition's venues in Aktau and their rooms, named in Kazakh as on the spot (VENUES_LANGUAGE):
#: (venue, address, [(room, seats, formats, subtitles)]).
VENUES_LANGUAGE = "kk-Cyrl"
AKTAU_VENUES = [
    (
        "Ақтау драма театры",
        "14-шағын аудан, Ақтау",
        [("Үлкен сахна", 620, ["DCP"], True), ("Камералық зал", 140, ["DCP", "PRORES"], True)],
    ),
    (
        "Kinopark Aktau",
        "Aktau City Mall, 13-шағын аудан",
        [("1-зал", 220, ["DCP"], True), ("3-зал", 96, ["DCP"], True)],
    ),
    (
        "Есенов университеті",
        "32-шағын аудан, Ақтау",
        [("Мәжіліс залы", 300, ["DCP", "PRORES", "H264"], False)],
    ),
]


def load_venues(edition: Edition, staff: User) -> int:
    """The demo edition's venues and rooms (idempotent: a venue that exists is left as it is)."""
    from korkyt.festival.programme import venues as programme

    made = 0
    for name, address, rooms in AKTAU_VENUES:
        if edition.venue_set.filter(name=name).exists():
            continue
        venue = programme.venue_create(
            actor=staff, edition=edition, name=name, address=address, language=VENUES_LANGUAGE
        )
        for room, seats, formats, subtitles in rooms:
            programme.room_create(
                actor=staff, venue=venue, name=room, seats=seats, formats=formats, subtitles=subtitles
            )
        made += 1
    return made


def load_festival(password: str, created: list[str]) -> int:
    """Load the festival demo; returns the editions created."""
    made = load_past_editions()
    if load_current_edition(password, created) is not None:
        made += 1
    return made
