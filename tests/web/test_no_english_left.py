"""No English left: every public and staff page, rendered in each of the seven other interface languages,
shows no English UI word that the English rendering of the same page shows.

Visible text and the texts people read from attributes (title, placeholder, aria-label, alt, the value of a
button) are compared; content that carries its own ``lang`` (titles, names, the language menu's own names),
code and preformatted text are left out. A word counts when it is in ``ENGLISH`` (UI words that are not also
words of Russian, Kazakh, Azerbaijani, Kyrgyz, Turkmen, Turkish or Uzbek: "film", "video", "memorandum",
"import" and Turkish "not" are) and the
English page shows it too, so a Turkish word that happens to look English is not reported unless the English
page uses it in the same place.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from korkyt.localization import services
from tests.festival.conftest import agency_kg, edition, feature, grid, kg_editor, kg_head, staff  # noqa: F401
from tests.localization.conftest import KK_SRT, job, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "kk", "az", "ky", "tk", "tr", "uz")
ENGLISH = frozenset(
    """
    the and of to for with your you this that these those is are was were be been has have yet any
    available planned progress job jobs track tracks upload uploaded search sign save saved order ordered
    coverage review reviewer reviewers translator translators edit delete add new all none draft published
    language languages version versions error errors warning warnings page next previous subtitles films
    people institutions institution memoranda events home help about download findings cue cues
    current withdrawn held reason details show hide more less change clear filters results result found
    nothing there here from by which when where who what how cancel submit approve approved return
    returned waiting untranslated translated translation translations transliteration script scripts
    country countries year years kind role roles credits director producer synopsis title titles name
    names profile account password email sign-in sign-out signed register registration participants
    deadline assigned assignee memory glossary terms preview address work my our their its
    """.split()  # noqa: SIM905
)
SKIP_TAGS = {"script", "style", "code", "kbd", "pre", "samp", "template", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRS = ("title", "placeholder", "aria-label", "alt")


class _Text(HTMLParser):
    """Visible text and read attributes outside elements with their own ``lang`` or skipped tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it (or an ancestor) left out?
        self.parts: list[str] = []
        self.in_body = False

    def _skipped(self) -> bool:
        return bool(self.stack and self.stack[-1])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            return
        if tag == "body":
            self.in_body = True
        skip = self._skipped() or tag in SKIP_TAGS or ("lang" in values) or values.get("translate") == "no"
        if not skip and self.in_body:
            self.parts.extend(str(values[a]) for a in READ_ATTRS if values.get(a))
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.parts.append(str(values["value"]))
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack and tag != "html":
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_body and not self._skipped():
            self.parts.append(data)


def english_words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    words = re.findall(r"[^\W\d_][\w'ʻ‘’-]*", " ".join(parser.parts))
    return {w.lower() for w in words if w.isascii() and w.lower() in ENGLISH}


def english_left(client: Client, paths: list[str], ignore: frozenset[str] = frozenset()) -> list[str]:
    """For each page (``"/{lang}/…"``), the English UI words of its English page (but ``ignore``) still
    on it in each of the seven other languages, as ``"page: words"``; each page must answer 200 with
    its language on ``<html>``, and the English one show words the check knows."""
    left = []
    for path in paths:
        first = client.get(path.format(lang="en"))
        assert first.status_code == 200, path
        english = english_words(first.content.decode()) - ignore
        assert english, f"{path}: the English page shows UI words the check knows"
        for lang in LANGUAGES:
            page = client.get(path.format(lang=lang))
            html = page.content.decode()
            assert page.status_code == 200 and f'<html lang="{lang}"' in html, path.format(lang=lang)
            if found := english_words(html) & english:
                left.append(f"{path.format(lang=lang)}: {sorted(found)}")
    return left


@pytest.fixture
def festival_staff_pages(grid, staff):  # noqa: F811 (the fixtures imported above)
    """(user, path) of the festival's staff pages: the programme grid and a screening's check-in, with a
    proposed grid, a priced section, a reservation to pay and box-office sales so the pages show their
    payment states and the sale form."""
    from django.db import transaction

    from korkyt.events import booking
    from korkyt.events.models import Registration
    from korkyt.festival.programme import services as programme
    from korkyt.festival.programme import tickets
    from korkyt.festival.programme.models import Screening
    from tests.factories import UserFactory

    programme.propose(edition_id=grid.pk, time_limit=5)
    tickets.policy_set(
        actor=staff,
        edition=grid,
        per_person=2,
        per_day=None,
        held_release_min=30,
        currency="KZT",
        section_prices={"feature": "1500"},
    )
    programme.publish(actor=staff, edition=grid)
    screening = Screening.objects.filter(edition=grid, kind="public").order_by("starts_at", "pk").first()
    with transaction.atomic():
        booking.resize(bookable_id=screening.bookable_id, capacity=10)
        tickets.book(user=UserFactory(username="v1"), screening=screening, seats=2)
    # walk-ins sold at the box office: one without a name (to pay), one named (paid)
    tickets.box_office_sale(actor=staff, screening=screening, seats=1, paid=False)
    tickets.box_office_sale(actor=staff, screening=screening, seats=2, paid=True, name="Aigerim")
    assert Registration.objects.filter(bookable=screening.bookable_id).exists()
    day = screening.starts_at.date().isoformat()
    return [
        (staff, f"/{{lang}}/festival/{grid.number}/grid/"),
        (staff, f"/{{lang}}/festival/{grid.number}/grid/?day={day}"),
        (staff, f"/{{lang}}/festival/screenings/{screening.pk}/checkin/"),
    ]


@pytest.fixture
def pages(world, job, festival_staff_pages):  # noqa: F811 (the fixtures imported above)
    """(user, path) of every page the world can show, public and staff."""
    film, track, memo = world["film"], world["track"], world["memo"]
    held = services.track_upload(
        actor=world["users"]["kz_editor"],
        film=film,
        language="ru",
        data=KK_SRT.replace(b"00:00:04,000 --> 00:00:06,500", b"00:00:03,000 --> 00:00:02,500"),
        file_name="fayl.srt",
    )
    job.mt_note = (
        "No machine-translation engine is configured: the MT step was skipped."  # as the task stores it
    )
    job.save(update_fields=["mt_note"])
    from korkyt.catalogue.models import Person, PersonName
    from korkyt.localization.dubbing import casting
    from korkyt.localization.dubbing import services as dubbing

    dub = dubbing.dubbing_order(
        actor=world["users"]["kz_editor"],
        film=film,
        target_language="kk",
        source_track=track,
        adapter=world["users"]["translator"],
        director=world["users"]["reviewer"],
        enqueue=False,
    )
    voice = Person.objects.create()
    PersonName.objects.create(person=voice, text="Әйгерім Сейітова", language="kk-Cyrl")
    casting.voice_profile_save(
        actor=world["users"]["reviewer"], job=dub, person=voice, languages="kk", voice="female", range="high",
        age_min=20, age_max=40, notes="",
    )  # fmt: skip
    # a producer's roles page with an invitation waiting, and the invitation as its recipient reads it
    from korkyt.accounts.invitations import invitation_create
    from korkyt.coproduction import services as coproduction
    from tests.factories import UserFactory

    producer = UserFactory(username="u-producer", email="u-producer@example.org")
    project = coproduction.project_create(actor=producer, kind="fiction", title="Дала желі", language="kk")
    world["users"]["kz_editor"].email = "kz-editor@example.org"
    world["users"]["kz_editor"].save(update_fields=["email"])
    invited = invitation_create(actor=producer, scope=project, email="kz-editor@example.org", role="producer")
    for number, user in enumerate(world["users"].values()):  # usernames are content, not UI words
        user.username = f"u{number}"
        user.save(update_fields=["username"])
    public = [
        "/{lang}/",
        "/{lang}/films/",
        f"/{{lang}}/films/{film.pk}/",
        "/{lang}/institutions/",
        f"/{{lang}}/institutions/{world['kz'].code}/",
        "/{lang}/memoranda/",
        f"/{{lang}}/memoranda/{memo.pk}/",
        f"/{{lang}}/memoranda/{memo.pk}/activities/",
        f"/{{lang}}/memoranda/{memo.pk}/activities/?area=translation_dubbing",
        "/{lang}/search/?q=дала",
        "/{lang}/search/?q=zzzzqqq",
        "/{lang}/localization/coverage/",
        f"/{{lang}}/localization/films/{film.pk}/",
        "/{lang}/events/",
        "/{lang}/coproductions/",
        "/{lang}/accounts/login/",
        "/{lang}/accounts/signup/",
    ]
    editor_pages = [
        "/{lang}/staff/",
        "/{lang}/staff/tokens/",
        "/{lang}/staff/films/",
        "/{lang}/localization/",
        "/{lang}/localization/tracks/new/",
        f"/{{lang}}/localization/tracks/{track.pk}/",
        f"/{{lang}}/localization/tracks/{held.pk}/",
        f"/{{lang}}/localization/jobs/{job.pk}/",
        "/{lang}/localization/memory/",
        "/{lang}/accounts/profile/",
        "/{lang}/festival/my-programme/",
        f"/{{lang}}/staff/films/{film.pk}/images/",
        f"/{{lang}}/staff/institutions/{world['kz'].code}/images/",
        f"/{{lang}}/staff/memoranda/{memo.pk}/edit/",
        f"/{{lang}}/accounts/invitations/received/{invited.pk}/",
    ]
    work = ["/{lang}/staff/", f"/{{lang}}/localization/jobs/{job.pk}/"]
    director = [
        f"/{{lang}}/localization/dubbing/{dub.pk}/casting/",
        f"/{{lang}}/localization/dubbing/{dub.pk}/casting/?language=az",
    ]
    return (
        [(None, p) for p in public]
        + [(world["users"]["kz_editor"], p) for p in editor_pages]
        + [(world["users"]["translator"], p) for p in work]
        + [(world["users"]["reviewer"], p) for p in work + director]
        + [(world["users"]["admin"], "/{lang}/staff/institutions/new/")]
        + [(producer, f"/{{lang}}/accounts/roles/coproduction.project/{project.pk}/")]
        + festival_staff_pages
    )


def _render(user, path: str) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(path, follow=True)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


#: The pages are checked in this many parts (every PARTS-th page each), so test workers share them out.
PARTS = 4


def title_markup(html: str) -> str | None:
    """The page's ``<title>`` when it holds markup (a template that included a part into its title block),
    else None: a title is text, and a browser shows a tag in it as it is."""
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    title = found.group(1) if found else ""
    return title if "<" in title or ">" in title or not title.strip() else None


class _FilterBars(HTMLParser):
    """Labels standing alone in a filter bar (``form.filters``): a ``<label for>`` that is the form's own
    child wraps apart from its control on a phone ("Kind [—] Status" / "[—] Filter"); each label and its
    control share a wrapper (``<div>``), or the label holds the control."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.form_depth: int | None = None
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in VOID:
            return
        self.depth += 1
        if tag == "form" and "filters" in (values.get("class") or "").split():
            self.form_depth = self.depth
        elif tag == "label" and self.form_depth == self.depth - 1 and values.get("for"):
            self.loose.append(str(values["for"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "form" and self.form_depth == self.depth:
            self.form_depth = None
        self.depth -= 1


def loose_filter_labels(html: str) -> list[str]:
    parser = _FilterBars()
    parser.feed(html)
    return parser.loose


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_in_every_language_has_no_english_left(pages, part):
    left: list[str] = []
    bad_titles: list[str] = []
    bad_filters: list[str] = []
    for user, template in pages[part::PARTS]:
        who = user.username if user else "public"
        html = _render(user, template.format(lang="en"))
        english = english_words(html)
        if loose := loose_filter_labels(html):
            bad_filters.append(f"{template.format(lang='en')} ({who}): {', '.join(loose)}")
        for lang in ("en", *LANGUAGES):
            page = html if lang == "en" else _render(user, template.format(lang=lang))
            found = english_words(page) & english if lang != "en" else set()
            if found:
                left.append(f"{template.format(lang=lang)} ({who}): {', '.join(sorted(found))}")
            if (title := title_markup(page)) is not None:
                bad_titles.append(f"{template.format(lang=lang)} ({who}): {title[:80]!r}")
    assert not left, "English left on pages:\n" + "\n".join(left)
    assert not bad_titles, "A page title that is not plain text:\n" + "\n".join(bad_titles)
    assert not bad_filters, "A filter bar's label apart from its control:\n" + "\n".join(bad_filters)


def test_the_filter_bar_check_sees_a_loose_label_and_passes_wrapped_ones():
    loose = '<form class="filters"><label for="k">Kind</label><select id="k"></select></form>'
    wrapped = '<form class="filters"><div><label for="k">Kind</label><select id="k"></select></div></form>'
    holding = (
        '<form class="filters"><label>Day <select name="day"></select></label><input type="hidden"></form>'
    )
    assert loose_filter_labels(loose) == ["k"]
    assert loose_filter_labels(wrapped) == [] and loose_filter_labels(holding) == []
    assert loose_filter_labels('<form><label for="k">Kind</label></form>') == []


def test_the_title_check_sees_markup_and_an_empty_title():
    assert title_markup("<title>Фильмы · Korkyt</title>") is None
    assert title_markup('<title>Memory<section id="imports"><h2>Imports</h2></section></title>') is not None
    assert title_markup("<title> </title>") is not None


def test_the_check_sees_an_untranslated_word_and_not_content_in_its_own_language():
    assert english_words("<body><p>Тапсырыс · Upload a track</p></body>") == {"upload", "track"}
    assert english_words('<body><h1 lang="en">The Sky of My Childhood</h1><code>the</code></body>') == set()
    assert english_words('<body><input placeholder="Search films"></body>') == {"search", "films"}
