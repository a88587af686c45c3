"""The demo dataset: the network's institutions and the memoranda signed in Aktau (October 2025).

Facts with their sources, from the CSV files in demo_data/. Loading is idempotent: records are found by
their natural keys (institution code; memorandum parties + signing date) and updated, never duplicated.
"""

from __future__ import annotations

import csv
import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, User
from korkyt.core.languages import normalize_tag
from korkyt.core.permissions import SYSTEM
from korkyt.institutions import services
from korkyt.institutions.models import Institution, Memorandum

DATA_DIR = Path(__file__).resolve().parent / "demo_data"

# Kinds used in the CSV that the model names differently.
KIND_ALIASES = {"national_studio": "studio", "international_organization": "international_organization"}


__all__ = ["SYSTEM", "ensure_admin", "load"]


@dataclass
class LoadReport:
    institutions_created: int = 0
    institutions_updated: int = 0
    memoranda_created: int = 0
    memoranda_unchanged: int = 0
    films_created: int = 0
    films_unchanged: int = 0
    people_created: int = 0
    localization_jobs: int = 0
    events_created: int = 0
    coproductions_created: int = 0
    festival_editions_created: int = 0
    users_created: list[str] = field(default_factory=list)


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _month_date(value: str) -> tuple[dt.date | None, str]:
    value = value.strip()
    if not value:
        return None, "day"
    parts = value.split("-")
    if len(parts) == 1:
        return dt.date(int(parts[0]), 1, 1), "year"
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1), "month"
    return dt.date.fromisoformat(value), "day"


def _more_names(data_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Names in further languages (institution_names.csv: the Kazakh agency's in Kazakh), by code."""
    names: dict[str, list[dict[str, str]]] = {}
    if (data_dir / "institution_names.csv").exists():
        for row in _rows("institution_names.csv", data_dir):
            names.setdefault(row["code"], []).append({"language": row["language"], "name": row["name"]})
    return names


def load_institutions(report: LoadReport, data_dir: Path) -> None:
    more = _more_names(data_dir)
    for row in _rows("institutions.csv", data_dir):
        texts = [{"language": "en", "name": row["name_en"]}]
        native = row["native_language"]
        if row["name_native"].strip() and native != "en":
            texts.append({"language": native, "name": row["name_native"]})
        given = {normalize_tag(t["language"]) for t in texts}
        texts += [t for t in more.get(row["code"], []) if normalize_tag(t["language"]) not in given]
        kind = KIND_ALIASES.get(row["kind"], row["kind"])
        existing = Institution.objects.filter(code=row["code"]).first()
        if existing is None:
            services.institution_create(
                actor=SYSTEM,
                code=row["code"],
                kind=kind,
                country=row["country"],
                translations=texts,
                native_language=native,
                source_url=row["source_url"],
            )
            report.institutions_created += 1
        else:
            # Keep what editors wrote; only fill texts that are missing and refresh the source.
            have = {t.language for t in existing.translations.all()}
            missing = [t for t in texts if normalize_tag(t["language"]) not in have]
            services.institution_update(
                actor=SYSTEM, institution=existing, translations=missing, source_url=row["source_url"]
            )
            report.institutions_updated += 1


def load_memoranda(report: LoadReport, data_dir: Path) -> None:
    for row in _rows("memoranda.csv", data_dir):
        parties = [code.strip() for code in row["parties"].split("|") if code.strip()]
        signed_on, precision = _month_date(row["signed_on"])
        candidates = Memorandum.objects.filter(signed_on=signed_on, party_links__institution__code=parties[0])
        if any(
            sorted(link.institution.code for link in m.party_links.select_related("institution"))
            == sorted(parties)
            for m in candidates
        ):
            report.memoranda_unchanged += 1
            continue
        services.memorandum_create(
            actor=SYSTEM,
            parties=parties,
            areas=[a for a in row["areas"].split("|") if a],
            signed_on=signed_on,
            signed_on_precision=precision,
            # the place per language: ``signed_at`` is English, ``signed_at_<tag>`` the other languages known
            translations=[
                {"language": key.removeprefix("signed_at_") if key != "signed_at" else "en", "place": value}
                for key, value in row.items()
                if key.startswith("signed_at") and value
            ],
            framework=row["framework"] or None,
            status="signed",
            source_url=row["source_url"],
        )
        report.memoranda_created += 1


def load_films(report: LoadReport, data_dir: Path) -> None:
    """The demo films with their directors as people and their countries; owner = the national film body
    of the first country that has one. Films already there (same original title, year, director) stay."""
    from korkyt.catalogue import transfer
    from korkyt.catalogue.models import Film
    from korkyt.catalogue.services import duplicate_of

    new_rows: list[dict[str, str]] = []
    for row in _rows("films.csv", data_dir):
        year = int(row["year"]) if row["year"].strip().isdigit() else None
        directors = [d for d in row["directors"].split("|") if d.strip()]
        if duplicate_of(
            films=Film.objects.all(),
            original_title=row["original_title"].strip(),
            year=year,
            directors=directors,
        ):
            report.films_unchanged += 1
        else:
            new_rows.append(row)
    result = transfer.import_rows(new_rows, actor=SYSTEM, strict=True)
    if result.errors:
        first = result.errors[0]
        raise ValueError(f"films.csv: {first.field}: {first.message}")
    report.films_created += len(result.created)
    report.people_created += result.people_created


# One demo editor per institution: username → institution code.
DEMO_EDITORS = {
    "editor-kz": "KZ-SCSNC",
    "editor-az": "AZ-CA",
    "editor-kg": "KG-DC",
    "editor-tm": "TM-TF",
    "editor-tr": "TR-SGM",
    "editor-uz": "UZ-CA",
    "editor-turksoy": "TURKSOY",
}
DEMO_LANGUAGE = {
    "editor-kz": "kk",
    "editor-az": "az",
    "editor-kg": "ky",
    "editor-tm": "tk",
    "editor-tr": "tr",
    "editor-uz": "uz",
    "editor-turksoy": "tr",
}


def load_users(report: LoadReport, password: str) -> None:
    for username, code in DEMO_EDITORS.items():
        institution = Institution.objects.filter(code=code).first()
        if institution is None:
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                username=username, password=password, validate=False, language=DEMO_LANGUAGE[username]
            )
            report.users_created.append(username)
        account_services.role_grant(actor=SYSTEM, user=user, role=Role.EDITOR, scope=institution)


# Demo translators and reviewers: username → (institution code, role).
DEMO_LOCALIZERS = {
    "translator-tr": ("TR-SGM", Role.TRANSLATOR),
    "reviewer-tr": ("TR-SGM", Role.REVIEWER),
    "translator-az": ("AZ-CA", Role.TRANSLATOR),
    "reviewer-az": ("AZ-CA", Role.REVIEWER),
}
# Two short sample tracks written for the demo (not the films' dialogue) and the films they are shown on.
SAMPLE_TRACKS = {
    "korkyt-sample.kk-Cyrl.srt": ("Қыз Жібек", "kk-Cyrl"),
    "korkyt-sample.tr.srt": ("Susuz Yaz", "tr"),
}
SAMPLE_FILES = {
    "korkyt-sample.kk-Cyrl.srt": "steppe-morning.kk-Cyrl.srt",
    "korkyt-sample.tr.srt": "mountain-road.tr.srt",
}
# The approved demo job (Turkish sample → Azerbaijani) and the one in progress (Kazakh sample → Azerbaijani).
SAMPLE_AZ_FROM_TR = [
    "Səhər tezdən yola çıxacağıq.",
    "Azuqəni hazırladın?",
    "Bəli, çörək və pendir aldım.",
    "Dağın arxasında bir kənd var.",
    "Orada bir gecə qalarıq.",
    "Hava qaralmadan çatmalıyıq.",
]
SAMPLE_AZ_FROM_KK = ["Dan yeri sökülür.", "Ana, mən çölə çıxıram.", "Atları suvarıb gəl."]


def load_localization(report: LoadReport, password: str, data_dir: Path) -> None:
    """Demo translators and reviewers, the two sample tracks, a glossary entry, one approved job and one
    in progress. Skipped for a film that already has its sample track."""
    from korkyt.catalogue.models import Film
    from korkyt.localization import services as l10n
    from korkyt.localization.models import GlossaryConcept, SubtitleTrack

    users: dict[str, User] = {}
    for username, (code, role) in DEMO_LOCALIZERS.items():
        institution = Institution.objects.filter(code=code).first()
        if institution is None:
            return
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                username=username, password=password, validate=False, language=code.split("-")[0].lower()
            )
            report.users_created.append(username)
        account_services.role_grant(actor=SYSTEM, user=user, role=role, scope=institution)
        users[username] = user
    if not GlossaryConcept.objects.filter(code="korkyt-ata").exists():
        concept = l10n.concept_create(
            actor=SYSTEM,
            terms=[
                {"language": "kk-Cyrl", "text": "Қорқыт Ата"},
                {"language": "kk-Latn", "text": "Qorqyt Ata"},
                {"language": "tr", "text": "Korkut Ata"},
                {"language": "az-Latn", "text": "Qorqud Ata"},
                {"language": "ru", "text": "Коркыт-Ата"},
            ],
            definition="The legendary bard of the Oghuz, player of the kobyz.",
        )
        concept.code = "korkyt-ata"
        concept.save(update_fields=["code"])
    tracks: dict[str, SubtitleTrack] = {}
    for name, (title, language) in SAMPLE_TRACKS.items():
        film = Film.objects.filter(titles__text=title, titles__generated=False).first()
        if film is None:
            return
        track = SubtitleTrack.objects.filter(film=film, file_name=name).first()
        if track is not None:
            return  # already loaded
        data = (data_dir / "subtitles" / SAMPLE_FILES[name]).read_bytes()
        tracks[name] = l10n.track_upload(
            actor=SYSTEM, film=film, language=language, data=data, file_name=name
        )
    memo_az = (
        Memorandum.objects.filter(party_links__institution__code="TR-SGM", areas__code=l10n.AREA)
        .filter(party_links__institution__code="AZ-CA")
        .first()
    )
    done = l10n.job_order(
        actor=SYSTEM,
        source=tracks["korkyt-sample.tr.srt"],
        target_language="az-Latn",
        assignee=users["translator-az"],
        reviewer=users["reviewer-az"],
        memorandum=memo_az,
        enqueue=False,
    )
    l10n.job_prepare(job_id=done.pk)
    for cue, text in zip(done.cues.order_by("position"), SAMPLE_AZ_FROM_TR, strict=False):
        l10n.cue_save(actor=users["translator-az"], cue=cue, text=text, submit=True)
    l10n.job_approve_waiting(actor=users["reviewer-az"], job=done)
    l10n.job_approve(actor=users["reviewer-az"], job=done)
    memo_kz_az = (
        Memorandum.objects.filter(party_links__institution__code="KZ-SCSNC", areas__code=l10n.AREA)
        .filter(party_links__institution__code="AZ-CA")
        .first()
    )
    open_job = l10n.job_order(
        actor=SYSTEM,
        source=tracks["korkyt-sample.kk-Cyrl.srt"],
        target_language="az-Latn",
        assignee=users["translator-az"],
        reviewer=users["reviewer-az"],
        memorandum=memo_kz_az,
        enqueue=False,
    )
    l10n.job_prepare(job_id=open_job.pk)
    for index, (cue, text) in enumerate(
        zip(open_job.cues.order_by("position"), SAMPLE_AZ_FROM_KK, strict=False)
    ):
        l10n.cue_save(actor=users["translator-az"], cue=cue, text=text, submit=index < 2)
    for job in (done, open_job):
        if job.background_id:
            from korkyt.core.jobs import services as jobs

            jobs.job_claim(job_id=job.background_id)
            jobs.job_finish(job_id=job.background_id, message="demo")
    report.localization_jobs += 2
    load_dubbing(done, users, memo_az)


# The demo dubbing job: the approved Turkish → Azerbaijani sample dubbed into Azerbaijani. The sample is a
# dialogue of two travellers written for the demo; the voice actors are demo people, not real actors.
DEMO_CHARACTERS = ("Səfər", "Nuray")
DEMO_VOICE_ACTORS = ("Demo səs aktyoru 1", "Demo səs aktyoru 2")


def load_dubbing(translation: Any, users: dict[str, User], memorandum: Any) -> None:
    """A dubbing job from ``translation`` (approved), its two characters cast, and a temp voice track queued
    for the worker (``make run`` renders it; nothing is spoken here)."""
    from korkyt.catalogue import services as catalogue
    from korkyt.catalogue.models import Person
    from korkyt.localization.dubbing import services as dubbing
    from korkyt.localization.dubbing.models import VoiceProfile

    az = Institution.objects.filter(code="AZ-CA").first()
    job = dubbing.dubbing_order(
        actor=SYSTEM,
        film=translation.film,
        target_language=translation.target_language,
        source_job=translation,
        adapter=users["translator-az"],
        director=users["reviewer-az"],
        studio_institution=az,
        memorandum=memorandum,
        enqueue=False,
    )
    characters = [dubbing.character_create(actor=SYSTEM, job=job, name=name) for name in DEMO_CHARACTERS]
    for index, line in enumerate(job.lines.order_by("cue__position")):
        dubbing.line_set_character(actor=SYSTEM, line=line, character=characters[index % 2])
    for character, name, voice in zip(characters, DEMO_VOICE_ACTORS, ("male", "female"), strict=True):
        person = Person.objects.filter(names__text=name).first()
        if person is None:  # through the catalogue's services, so the name search finds them
            person = catalogue.person_create(
                actor=SYSTEM, names=[{"text": name, "language": "az-Latn"}], owner=az
            )
        # described as voice actors, so that the casting search finds them
        VoiceProfile.objects.get_or_create(
            person=person, defaults={"languages": " az tr ", "voice": voice, "age_min": 20, "age_max": 45}
        )
        dubbing.character_cast(actor=SYSTEM, character=character, person=person)
    dubbing.output_request(actor=SYSTEM, job=job, kind="temp_track", fmt="wav")


def load(*, data_dir: Path | None = None, users_password: str | None = None) -> LoadReport:
    """Load (or refresh) the demo dataset. With ``users_password``, also the demo editor accounts."""
    report = LoadReport()
    data_dir = data_dir or DATA_DIR
    with transaction.atomic():
        load_institutions(report, data_dir)
        load_memoranda(report, data_dir)
        load_films(report, data_dir)
        if users_password:
            load_users(report, users_password)
            load_localization(report, users_password, data_dir)
            from korkyt.config.demo_events import load_events

            load_events(report, users_password)
            from korkyt.config.demo_coproductions import load_coproductions

            report.coproductions_created = load_coproductions(users_password)
            from korkyt.config.demo_festival import load_festival

            report.festival_editions_created = load_festival(users_password, report.users_created)
    return report


def ensure_admin(*, username: str = "admin", password: str | None = None) -> tuple[User, str | None]:
    """Create the platform administrator if missing. Returns (user, password to print or None).

    The password is ``password`` when given (KORKYT_ADMIN_PASSWORD; it also resets an existing admin's
    password); otherwise a generated one, kept in var/admin-password so that later runs can print it again.
    """
    store = Path(settings.VAR_DIR) / "admin-password"
    user = User.objects.filter(username=username).first()
    if password:
        if user is None:
            user = account_services.user_create(
                username=username, password=password, is_superuser=True, validate=False
            )
        else:
            account_services.user_set_password(user=user, password=password)
        return user, password
    if user is None:
        generated = secrets.token_urlsafe(12)
        user = account_services.user_create(
            username=username, password=generated, is_superuser=True, validate=False
        )
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(generated, encoding="utf-8")
        store.chmod(0o600)
        return user, generated
    if store.exists():
        stored = store.read_text(encoding="utf-8").strip()
        if user.check_password(stored):
            return user, stored
    return user, None
