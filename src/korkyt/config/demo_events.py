"""The demo's events, written for the project (not real events): a master class in Aktau, a dubbing workshop
in Baku chosen by application review, an online seminar on co-production; their titles, descriptions and
registration questions in the eight interface languages; a few registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, User
from korkyt.config.demo import LoadReport
from korkyt.core.permissions import SYSTEM
from korkyt.institutions.models import Institution, Memorandum

# Three events written for the demo. Times are local to the venue.
DEMO_EVENTS: list[dict[str, Any]] = [
    {
        "key": "aktau-sound",
        "kind": "master_class",
        "titles": {
            "en": "Sound for the steppe: a master class in film sound design",
            "kk": "Дала дыбысы: фильм дыбыс дизайны бойынша шеберлік сыныбы",
            "ru": "Звук степи: мастер-класс по звуковому дизайну фильма",
            "az": "Çölün səsi: film səs dizaynı üzrə ustad dərsi",
            "ky": "Талаанын үнү: кинонун үн дизайны боюнча мастер-класс",
            "tk": "Sähranyň sesi: film ses dizaýny boýunça ussatlyk sapagy",
            "tr": "Bozkırın sesi: film ses tasarımı ustalık sınıfı",
            "uz": "Dasht ovozi: film ovoz dizayni boʻyicha mahorat darsi",
        },
        "descriptions": {
            "en": "Two days of recording, editing and mixing the sound of a short scene, for sound "
            "engineers and directors of the member countries.",
            "kk": "Қысқа сахнаның дыбысын жазу, өңдеу және араластыру бойынша екі күндік сабақ.",
            "ru": "Два дня записи, монтажа и сведения звука короткой сцены.",
            "az": "Üzv ölkələrin səs mühəndisləri və rejissorları üçün qısa səhnənin səsinin yazılması, "
            "montajı və miksinqi üzrə iki gün.",
            "ky": "Мүчө өлкөлөрдүн үн инженерлери жана режиссёрлору үчүн кыска сахнанын үнүн жазуу, "
            "монтаждоо жана аралаштыруу боюнча эки күн.",
            "tk": "Agza ýurtlaryň ses inženerleri we režissýorlary üçin gysga sahnanyň sesini ýazmak, "
            "gurnamak we garyşdyrmak boýunça iki gün.",
            "tr": "Üye ülkelerin ses mühendisleri ve yönetmenleri için kısa bir sahnenin sesini kaydetme, "
            "kurgulama ve miksleme üzerine iki gün.",
            "uz": "Aʼzo mamlakatlarning ovoz muhandislari va rejissyorlari uchun qisqa sahna ovozini yozish, "
            "montaj qilish va aralashtirish boʻyicha ikki kun.",
        },
        "venue": "Aktau, House of Culture",
        "address": "14th microdistrict, Aktau, Kazakhstan",
        "map_url": "https://www.openstreetmap.org/search?query=Aktau",
        "time_zone": "Asia/Aqtau",
        "days": [(dt.date(2027, 5, 12), 10, 13), (dt.date(2027, 5, 13), 10, 13)],
        "capacity": 30,
        "per_country_limit": 5,
        "mode": "automatic",
        "organiser": "KZ-SCSNC",
        "area": "master_classes",
        "instruction": ["kk", "ru"],
        "interpretation": ["en", "tr"],
    },
    {
        "key": "baku-dubbing",
        "kind": "workshop",
        "titles": {
            "en": "Dubbing between Turkic languages: a workshop",
            "az": "Türk dilləri arasında dublyaj: emalatxana",
            "ru": "Дубляж между тюркскими языками: мастерская",
            "kk": "Түркі тілдері арасындағы дубляж: шеберхана",
            "ky": "Түрк тилдеринин ортосундагы дубляж: устакана",
            "tk": "Türki diller arasynda dublýaž: ussahana",
            "tr": "Türk dilleri arasında dublaj: atölye",
            "uz": "Turkiy tillar oʻrtasida dublyaj: ustaxona",
        },
        "descriptions": {
            "en": "Script adaptation, lip sync and voice casting. Applicants send a short portfolio; "
            "the organisers select twelve participants.",
            "az": "Ssenari uyğunlaşdırılması, dodaq sinxronu və səs seçimi.",
            "ru": "Адаптация сценария, синхрон по губам и подбор голосов. Кандидаты присылают короткое "
            "портфолио; организаторы отбирают двенадцать участников.",
            "kk": "Сценарийді бейімдеу, ерін синхроны және дауыс таңдау. Үміткерлер қысқа портфолио "
            "жібереді; ұйымдастырушылар он екі қатысушыны іріктейді.",
            "ky": "Сценарийди ыңгайлаштыруу, эрин синхрону жана үн тандоо. Талапкерлер кыска портфолио "
            "жөнөтүшөт; уюштуруучулар он эки катышуучуну тандашат.",
            "tk": "Ssenariýany uýgunlaşdyrmak, dodak sinhrony we ses saýlamak. Dalaşgärler gysga portfolio "
            "iberýärler; guramaçylar on iki gatnaşyjyny saýlaýarlar.",
            "tr": "Senaryo uyarlaması, dudak senkronu ve ses seçimi. Adaylar kısa bir portfolyo gönderir; "
            "düzenleyiciler on iki katılımcı seçer.",
            "uz": "Ssenariyni moslashtirish, lab sinxroni va ovoz tanlash. Nomzodlar qisqa portfolio "
            "yuboradi; tashkilotchilar oʻn ikki ishtirokchini tanlaydi.",
        },
        "venue": "Baku, Azerbaijanfilm studio",
        "address": "Baku, Azerbaijan",
        "map_url": "https://www.openstreetmap.org/search?query=Baku",
        "time_zone": "Asia/Baku",
        "days": [(dt.date(2027, 6, 3), 11, 17)],
        "capacity": 12,
        "per_country_limit": None,
        "mode": "review",
        "organiser": "AZ-CA",
        "area": "translation_dubbing",
        "instruction": ["az"],
        "interpretation": ["ru"],
    },
    {
        "key": "online-coproduction",
        "kind": "seminar",
        "titles": {
            "en": "Co-producing under the memoranda: an online seminar",
            "tr": "Mutabakat zaptları çerçevesinde ortak yapım: çevrimiçi seminer",
            "ru": "Копродукция в рамках меморандумов: онлайн-семинар",
            "kk": "Меморандумдар аясындағы бірлескен өндіріс: онлайн семинар",
            "az": "Memorandumlar çərçivəsində birgə istehsal: onlayn seminar",
            "ky": "Меморандумдардын алкагында биргелешкен өндүрүш: онлайн семинар",
            "tk": "Memorandumlar çäginde bilelikdäki önümçilik: onlaýn seminar",
            "uz": "Memorandumlar doirasida hamkorlikda ishlab chiqarish: onlayn seminar",
        },
        "descriptions": {
            "en": "How the treaties and national rules treat a regional co-production.",
            "tr": "Antlaşmalar ve ulusal kurallar bölgesel bir ortak yapımı nasıl ele alır.",
            "ru": "Как договоры и национальные правила относятся к региональной копродукции.",
            "kk": "Келісімдер мен ұлттық ережелер аймақтық бірлескен өндірісті қалай қарастырады.",
            "az": "Müqavilələr və milli qaydalar regional birgə istehsala necə yanaşır.",
            "ky": "Келишимдер жана улуттук эрежелер аймактык биргелешкен өндүрүшкө кантип карайт.",
            "tk": "Şertnamalar we milli düzgünler sebitleýin bilelikdäki önümçilige nähili garaýar.",
            "uz": "Shartnomalar va milliy qoidalar mintaqaviy hamkorlikdagi ishlab chiqarishga "
            "qanday qaraydi.",
        },
        "online_url": "https://meet.example.org/korkyt-coproduction",
        "time_zone": "Europe/Istanbul",
        "days": [(dt.date(2027, 4, 20), 14, 16)],
        "capacity": None,
        "per_country_limit": None,
        "mode": "automatic",
        "organiser": "TR-SGM",
        "area": "seminars",
        "instruction": ["tr"],
        "interpretation": ["ru"],
    },
]
# The demo events' registration questions in the other interface languages.
DEMO_COUNTRY = {
    "ru": "Страна",
    "kk": "Ел",
    "az": "Ölkə",
    "ky": "Өлкө",
    "tk": "Ýurt",
    "tr": "Ülke",
    "uz": "Mamlakat",
}
DEMO_WORK = {
    "ru": "Над чем вы сейчас работаете?",
    "kk": "Қазір немен жұмыс істеп жүрсіз?",
    "az": "Hazırda nə üzərində işləyirsiniz?",
    "ky": "Азыр эмне менен иштеп жатасыз?",
    "tk": "Häzir näme bilen işleýärsiňiz?",
    "tr": "Şu anda ne üzerinde çalışıyorsunuz?",
    "uz": "Hozir nima ustida ishlayapsiz?",
}
DEMO_CONSENT = {
    "ru": "Я согласен на обработку моих ответов.",
    "kk": "Жауаптарымның өңделуіне келісемін.",
    "az": "Cavablarımın emalına razıyam.",
    "ky": "Жоопторумдун иштетилишине макулмун.",
    "tk": "Jogaplarymyň işlenmegine razy.",
    "tr": "Yanıtlarımın işlenmesini kabul ediyorum.",
    "uz": "Javoblarimni qayta ishlashga roziman.",
}
# Demo participants: six Turkmen producers for the Aktau master class (the sixth waits), others elsewhere.
DEMO_PARTICIPANTS = [(f"producer-tm{i}", "TM", "aktau-sound") for i in range(1, 7)] + [
    ("producer-kg", "KG", "aktau-sound"),
    ("producer-kg", "KG", "baku-dubbing"),
    ("producer-uz", "UZ", "baku-dubbing"),
    ("producer-uz", "UZ", "online-coproduction"),
]

# Each demo participant's interface language, by their country: the language of their mail.
PARTICIPANT_LANGUAGE = {"TM": "tk", "KG": "ky", "UZ": "uz"}


def load_events(report: LoadReport, password: str) -> None:
    """The three demo events, published under their organisers' memoranda, and a few registrations."""
    import zoneinfo

    from django.contrib.contenttypes.models import ContentType

    from korkyt.events import services as events
    from korkyt.events.models import EventTranslation, Question
    from korkyt.institutions.models import CooperationArea

    created: dict[str, Any] = {}
    for spec in DEMO_EVENTS:
        existing = EventTranslation.objects.filter(language="en", title=spec["titles"]["en"]).first()
        if existing is not None:
            created[str(spec["key"])] = existing.event
            continue
        organiser = Institution.objects.get(code=spec["organiser"])
        editor = User.objects.filter(
            role_assignments__role=Role.EDITOR,
            role_assignments__content_type=ContentType.objects.get_for_model(Institution),
            role_assignments__object_id=organiser.pk,
        ).first()
        tz = zoneinfo.ZoneInfo(str(spec["time_zone"]))
        memo = Memorandum.objects.filter(party_links__institution=organiser, areas__code=spec["area"]).first()
        event = events.event_create(
            actor=editor or SYSTEM,
            kind=str(spec["kind"]),
            titles=spec["titles"],
            descriptions=spec["descriptions"],
            organisers=[organiser],
            sessions=[
                events.SessionData(
                    starts_at=dt.datetime.combine(day, dt.time(start), tz),
                    ends_at=dt.datetime.combine(day, dt.time(end), tz),
                )
                for day, start, end in spec["days"]
            ],
            questions=[
                events.QuestionData(kind="country", label="Country", required=True, labels=DEMO_COUNTRY),
                events.QuestionData(kind="long_text", label="What do you work on now?", labels=DEMO_WORK),
                events.QuestionData(
                    kind="consent",
                    label="I agree to the processing of my answers.",
                    required=True,
                    labels=DEMO_CONSENT,
                ),
            ],
            capacity=spec["capacity"],
            per_country_limit=spec["per_country_limit"],
            mode=str(spec["mode"]),
            venue=str(spec.get("venue", "")),
            address=str(spec.get("address", "")),
            map_url=str(spec.get("map_url", "")),
            online_url=str(spec.get("online_url", "")),
            time_zone=str(spec["time_zone"]),
            instruction_languages=spec["instruction"],
            interpretation_languages=spec["interpretation"],
            memorandum=memo,
            area=CooperationArea.objects.get(code=spec["area"]) if memo else None,
        )
        events.event_transition(actor=editor or SYSTEM, event=event, name="publish")
        created[str(spec["key"])] = event
        report.events_created += 1
    for username, country, key in DEMO_PARTICIPANTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            # An address (reserved for examples, RFC 2606): their mail is written to var/mail/ in `make run`.
            user = account_services.user_create(
                username=username,
                password=password,
                validate=False,
                email=f"{username}@example.org",
                language=PARTICIPANT_LANGUAGE[country],  # their mail comes in it
            )
            report.users_created.append(username)
        event = created[key]
        if event.bookable.registrations.filter(user=user).exists():
            continue
        questions = {q.kind: str(q.pk) for q in Question.objects.filter(event=event)}
        events.registration_create(
            actor=user,
            event=event,
            answers={questions["country"]: country, questions["consent"]: True},
        )
