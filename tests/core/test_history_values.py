"""The history page shows stored values as people read them: a JSON list as its values, yes/no in the
reader's language, and a change recorded on an object for a field of the row it owns one to one (an
event's seats are its bookable's) under that field's name."""

from __future__ import annotations

import itertools

import pytest
from django.db.models import Model
from django.utils import translation


def test_json_values_read_as_lists_not_as_json():
    from korkyt.catalogue.models import Person
    from korkyt.core.audit.present import _value

    sources = Person._meta.get_field("source_urls")
    assert _value(sources, "[]", {}) == ""
    assert _value(sources, "{}", {}) == ""
    assert _value(sources, "null", {}) == ""
    assert _value(sources, '["a", "b"]', {}) == "a, b"
    assert _value(sources, '{"x": 1}', {}) == "x: 1"
    assert _value(sources, "not json", {}) == "not json"


@pytest.mark.django_db
def test_a_list_changed_on_a_person_shows_its_values():
    from korkyt.catalogue.models import Person
    from korkyt.core.audit.present import history_rows
    from korkyt.core.models import AuditEntry
    from tests.factories import person

    someone = person(("Ермек Тұрсынов", "kk"))
    someone.source_urls = ["https://a.example", "https://b.example"]
    someone.save()
    entries = AuditEntry.objects.filter(content_type__model="person", object_pk=str(someone.pk))
    with translation.override("uz"):
        changes = [c for row in history_rows(entries, someone) for c in row.changes]
        heading = str(Person._meta.get_field("source_urls").verbose_name)
    assert heading != "sources"
    assert [(c.field, c.before, c.after) for c in changes if c.field == heading] == [
        (heading, "", "https://a.example, https://b.example")
    ]


def test_yes_and_no_are_in_the_readers_language():
    from korkyt.core.audit.present import _value
    from korkyt.localization.models import GlossaryTerm

    forbidden = GlossaryTerm._meta.get_field("forbidden")
    with translation.override("ru"):
        assert _value(forbidden, "True", {}) == "да"
        assert _value(forbidden, "False", {}) == "нет"


@pytest.mark.django_db
def test_seats_changed_on_an_event_are_named_by_its_bookables_fields():
    """``events.event.update`` records the event's bookable's fields (capacity …) on the event."""
    from korkyt.core.audit.present import _changes
    from korkyt.core.models import AuditAction, AuditEntry
    from korkyt.events.models import Event

    entry = AuditEntry(
        content_type_id=_content_type(Event),
        object_pk="1",
        action=AuditAction.EVENT,
        action_type="events.event.update",
        changes={"capacity": ["20", "30"]},
    )
    with translation.override("en"):
        assert [(c.field, c.before, c.after) for c in _changes(entry, {})] == [("seats", "20", "30")]
    with translation.override("ru"):
        assert _changes(entry, {})[0].field != "capacity"


def _content_type(model: type[Model]) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk  # type: ignore[no-any-return]


@pytest.mark.django_db
def test_language_tags_read_as_language_names_and_a_titles_tag_moves_to_its_kind():
    """A film title added in Kazakh (Cyrillic): its language change reads "Казахский (кириллица)"-like, not
    "kk-Cyrl", and the row is "Дала әні" of the kind "film title, Kazakh (Cyrillic)", not "Дала әні [kk-Cyrl]"."""
    from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
    from korkyt.core.audit.present import history_rows
    from korkyt.core.models import AuditEntry
    from korkyt.core.templatetags.languages import language_name
    from tests.factories import InstitutionFactory

    film = Film.objects.create(owner=InstitutionFactory(code="KZ-H"), status=FilmStatus.PUBLISHED, year=2024)
    FilmTitle.objects.create(film=film, text="Дала әні", language="kk-Cyrl")
    entries = AuditEntry.objects.filter(content_type__model="filmtitle")
    assert entries.exists()
    with translation.override("ru"):
        rows = history_rows(entries, film)
        name = language_name("kk-Cyrl")
        heading = str(FilmTitle._meta.get_field("language").verbose_name)
    assert name != "kk-Cyrl"
    (row,) = rows
    assert row.subject == "Дала әні" and row.subject_lang == "kk-Cyrl"
    assert row.subject_kind.endswith(f", {name}")
    assert (heading, "", name) in [(c.field, c.before, c.after) for c in row.changes]


def test_a_list_of_language_tags_reads_as_names():
    from korkyt.core.audit.present import _language_names

    with translation.override("en"):
        assert _language_names("en, ru") == "English, Russian"
        assert _language_names("") == ""
        assert _language_names("xx-Unknown") == "xx-Unknown"


@pytest.mark.django_db
def test_institutions_added_to_a_list_are_named_and_a_bracketed_tag_moves_to_the_kind():
    """An event's organisers are recorded as the institutions' codes ("KZ-HV"): the page names them while they
    exist. A co-production's text row says "Title (kk-Cyrl)" of itself: its tag moves to its kind too."""
    from korkyt.core.audit.present import _changes, history_rows
    from korkyt.core.models import AuditAction, AuditEntry
    from korkyt.events.models import Event
    from korkyt.institutions.models import Institution
    from tests.factories import InstitutionFactory

    InstitutionFactory(code="KZ-HV")
    entry = AuditEntry(
        content_type_id=_content_type(Event),
        object_pk="1",
        action=AuditAction.UPDATE,
        changes={"organisers": {"type": "m2m", "operation": "add", "objects": ["KZ-HV", "XX-GONE"]}},
    )
    with translation.override("en"):
        (change,) = _changes(entry, {})
    assert change.after == "Institution KZ-HV, XX-GONE"  # a deleted one as it was recorded
    assert Institution.objects.filter(code="KZ-HV").exists()

    from korkyt.coproduction.models import ProjectText

    text = AuditEntry(
        content_type_id=_content_type(ProjectText),
        object_pk="999999",
        action=AuditAction.CREATE,
        object_repr="Жібек жолы (kk-Cyrl)",
        changes={"language": ["None", "kk-Cyrl"]},
    )
    text.save()
    with translation.override("en"):
        (row,) = history_rows([text], Institution.objects.get(code="KZ-HV"))
    assert row.subject == "Жібек жолы" and row.subject_kind.endswith(", Kazakh (Cyrillic)")


@pytest.mark.django_db
def test_the_accounts_a_page_of_history_names_are_read_in_one_query():
    """A page naming many accounts (a job's assignees changed again and again) reads them at once: the number
    of queries does not grow with the number of accounts named."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.core.audit.present import history_rows
    from korkyt.core.models import AuditAction, AuditEntry
    from korkyt.localization.models import TranslationJob
    from tests.factories import UserFactory

    def entries(n: int) -> list[AuditEntry]:
        users = [UserFactory(username=f"named-{n}-{i}") for i in range(n)]
        made = [
            AuditEntry.objects.create(
                content_type_id=_content_type(TranslationJob),
                object_pk="1",
                action=AuditAction.UPDATE,
                object_repr="a job",
                changes={"assignee": [str(before.pk), str(after.pk)]},
            ).pk
            for before, after in itertools.pairwise(users)
        ]
        return list(
            AuditEntry.objects.filter(pk__in=made).select_related("actor", "content_type")
        )  # as pages do

    root = UserFactory(username="history-root")

    def queries(rows: list[AuditEntry]) -> tuple[int, list[str]]:
        with translation.override("en"), CaptureQueriesContext(connection) as captured:
            shown = history_rows(rows, root)
        return len(captured), [c.after for row in shown for c in row.changes]

    few, _ = queries(entries(3))
    many, names = queries(entries(12))
    assert "named-12-11" in names  # the accounts are named
    assert many == few, (few, many)


@pytest.mark.django_db
def test_a_roles_scope_is_named_by_its_row_not_its_id():
    """A role granted on an institution: the entry stores the scope as a content type and an id ("6"); the
    history names the institution."""
    from korkyt.accounts.models import Role, RoleAssignment
    from korkyt.accounts.services import role_grant
    from korkyt.core.audit.present import history_rows
    from korkyt.core.models import AuditEntry
    from korkyt.core.permissions import SYSTEM
    from tests.factories import InstitutionFactory, UserFactory

    agency = InstitutionFactory(code="UZ-CA")
    holder = UserFactory(username="editor-x")
    assignment = role_grant(actor=SYSTEM, user=holder, role=Role.EDITOR, scope=agency)
    entry = (
        AuditEntry.objects.filter(content_type_id=_content_type(RoleAssignment), object_pk=str(assignment.pk))
        .select_related("content_type")
        .get()
    )
    from korkyt.core.titles import title_of

    with translation.override("en"):
        changes = {c.field: c.after for row in history_rows([entry], agency) for c in row.changes}
        name = title_of(agency).text
    assert str(agency.pk) not in changes.values(), changes  # the id is not shown
    assert name in changes.values(), changes


@pytest.mark.django_db
def test_a_films_history_names_its_credits_in_the_same_number_of_queries_however_many():
    """A film's history lists its credits by who they credit (a person's or a company's name): the names are
    read with the rows, not once per entry."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from korkyt.accounts.models import User
    from korkyt.catalogue.models import Company, CompanyName, Credit, PersonName
    from tests.factories import InstitutionFactory, film, person

    the_film = film(InstitutionFactory(code="KZ-HIST"), ("Dala", "en"))
    client = Client()
    client.force_login(User.objects.create_superuser("history-admin", "h@example.org", "a-long-pass-123"))
    url = f"/en/history/catalogue.film/{the_film.pk}"
    made = 0

    def credits(n: int) -> None:
        nonlocal made
        for i in range(made, made + n):
            someone = person((f"Person {i}", "en"))
            PersonName.objects.filter(person=someone).update(text=f"Person {i}")
            Credit.objects.create(film=the_film, person=someone, role="actor", billing_order=i)
            company = Company.objects.create()
            CompanyName.objects.create(company=company, name=f"Company {i}", language="en")
            Credit.objects.create(film=the_film, company=company, role="distributor")
        made += n

    def queries() -> tuple[int, str]:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200
        return len(captured), page.content.decode()

    credits(3)
    few, _ = queries()
    credits(9)
    many, body = queries()
    assert "Actor: Person 11" in body and "Distributor: Company 11" in body  # named by their live rows
    assert many == few, (few, many)
