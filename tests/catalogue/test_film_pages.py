"""Editors add a film and change its main facts from the pages (as `POST /api/films` and
`PATCH /api/films/{id}` do): every mistake is named on its field, nothing is half-saved, and only the
editors of the owning institution (and administrators) may."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.catalogue.models import Film, FilmTitle
from korkyt.core.models import AuditEntry
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film

pytestmark = pytest.mark.django_db

NEW = "/en/staff/films/new/"


def _data(**over: object) -> dict[str, object]:
    return {
        "owner": "KZ-FILM",
        "title": "Жаужүрек мың бала",
        "title_language": "kk-Cyrl",
        "kind": "feature",
        "status": "published",
        "year": "2012",
        "runtime": "120",
        "majority_country": "KZ",
        "other_countries": "Azerbaijan, kz",
        "original_languages": ["kk-Cyrl", "ru"],
        "synopsis_language": "en",
        "synopsis": "The boys of a village stand against an invading army.",
        **over,
    }


def test_an_editor_adds_a_film_of_their_institution(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    InstitutionFactory(code="AZ-OTHER")  # not theirs: not offered
    staff = editor.get("/en/staff/").content.decode()
    assert f'href="{NEW}"' in staff
    form = editor.get(NEW).content.decode()
    assert 'value="KZ-FILM"' in form and "AZ-OTHER" not in form
    # the owner by its name, marked with its language, not "name (KZ-FILM)"
    assert re.search(r'<option value="KZ-FILM" lang="[a-z-A-Z]+"[^>]*>[^<(]+</option>', form), form
    answer = editor.post(NEW, _data())
    assert answer.status_code == 302
    made = Film.objects.get()
    assert answer["Location"] == f"/en/films/{made.pk}/"
    assert (made.owner, made.kind, made.status, made.year, made.runtime) == (
        kz,
        "feature",
        "published",
        2012,
        120,
    )
    assert made.original_languages == ["kk-Cyrl", "ru"]
    assert [(str(c.country), c.role) for c in made.countries.order_by("position")] == [
        ("KZ", "majority"),
        ("AZ", "minority"),
    ]
    original = made.titles.get(generated=False)
    assert (original.text, original.language, original.kind) == ("Жаужүрек мың бала", "kk-Cyrl", "original")
    assert made.titles.filter(generated=True).exists()  # transliterated like any title
    assert made.synopses.get().text.startswith("The boys")
    page = Client().get(answer["Location"]).content.decode()  # published: the public sees it
    assert "Жаужүрек мың бала" in page
    assert AuditEntry.objects.filter(content_type__model="film", object_id=str(made.pk)).exists()


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"year": "1700"}, "year", "The year must be between"),
        ({"year": "twenty"}, "year", "Enter a whole number."),
        ({"runtime": "0"}, "runtime", "greater than or equal to 1"),
        ({"owner": "AZ-OTHER"}, "owner", "Select a valid choice."),
        ({"majority_country": "XX"}, "majority_country", "Select a valid choice."),
    ],
)
def test_each_mistake_is_named_on_its_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    editor: Client, kz, over: dict[str, str], field: str, message: str
) -> None:
    InstitutionFactory(code="AZ-OTHER")
    answer = editor.post(NEW, _data(**over))
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert not Film.objects.exists()


def test_a_service_error_lands_on_its_field(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    assert editor.post(NEW, _data(title="bad\x00title")).status_code == 400  # refused before the form
    long_title = "x" * 301
    answer = editor.post(NEW, _data(title=long_title))
    assert answer.status_code == 200 and "title" in answer.context["form"].errors
    answer = editor.post(NEW, _data(title="   "))
    assert answer.status_code == 200 and "title" in answer.context["form"].errors
    assert not Film.objects.exists()


def test_nobody_else_may_add_or_change_a_film(kz) -> None:  # type: ignore[no-untyped-def]
    made = film(kz, ("Film", "en"))
    outsider = Client()
    outsider.force_login(
        MembershipFactory(user=UserFactory(username="az"), institution=InstitutionFactory(code="AZ-X")).user
    )
    visitor = Client()
    plain = Client()
    plain.force_login(UserFactory(username="plain"))
    assert visitor.get(NEW).status_code == 302  # to sign in
    assert plain.get(NEW).status_code == 403
    edit = f"/en/staff/films/{made.pk}/edit/"
    assert outsider.get(edit).status_code == 403
    assert outsider.post(edit, _data(owner="AZ-X")).status_code == 403
    assert plain.get(edit).status_code == 403
    assert "/edit/" not in outsider.get(f"/en/films/{made.pk}/").content.decode()
    assert Film.objects.get().titles.get(generated=False).text == "Film"


def test_an_editor_changes_a_film_and_its_original_title(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    made = film(kz, ("Old title", "en"), ("Другое", "ru"), runtime=90)
    edit = f"/en/staff/films/{made.pk}/edit/"
    assert f'href="{edit}"' in editor.get(f"/en/films/{made.pk}/").content.decode()
    form = editor.get(edit)
    assert form.status_code == 200
    assert form.context["form"].initial["title"] == "Old title"
    assert form.context["form"].initial["runtime"] == 90
    (tag,) = re.findall(r'<input[^>]*name="title"[^>]*>', form.content.decode())
    assert 'lang="en"' in tag  # the title's own language, not the page's
    answer = editor.post(edit, _data(title="New title", title_language="en", synopsis=""))
    assert answer.status_code == 302
    made.refresh_from_db()
    assert (made.runtime, made.year, made.status) == (120, 2012, "published")
    entered = sorted(made.titles.filter(generated=False).values_list("text", "kind"))
    assert entered == [("New title", "original"), ("Другое", "original")] or entered == [
        ("New title", "original"),
        ("Другое", "alternative"),
    ]
    assert not FilmTitle.objects.filter(text="Old title").exists()  # nor its transliterations
    # the other producing countries read by name on the form, as typed (not a list of every country)
    again = editor.get(edit.replace("/en/", "/ru/")).content.decode()
    assert re.search(r'<input[^>]*name="other_countries"[^>]*value="Азербайджан"', again)
    refused = editor.post(edit, _data(other_countries="Azerbaijan, Narnia"))
    assert refused.context["form"].errors["other_countries"] == ["Unknown country “Narnia”."]
    assert [c.country.code for c in made.countries.all()] == ["KZ", "AZ"]


def test_a_failed_change_leaves_the_film_as_it_was(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    made = film(kz, ("Old title", "en"), ("Another", "en"), runtime=90)
    edit = f"/en/staff/films/{made.pk}/edit/"
    # the facts are valid, the title clashes with the film's other title: neither is saved
    answer = editor.post(edit, _data(title="Another", title_language="en", runtime="100"))
    assert answer.status_code == 200
    assert "already has this title" in " ".join(answer.context["form"].errors["title"])
    made.refresh_from_db()
    assert made.runtime == 90
    assert set(made.titles.filter(generated=False).values_list("text", flat=True)) == {"Old title", "Another"}


def test_an_editor_adds_and_removes_credits_by_name_or_number(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    from korkyt.catalogue.models import Company, Credit, Person
    from tests.factories import person

    made = film(kz, ("Film", "en"))
    known = person(("Ақан Сатаев", "kk-Cyrl"))
    url = f"/en/staff/films/{made.pk}/credits/"
    assert f'href="{url}"' in editor.get(f"/en/films/{made.pk}/").content.decode()
    page = editor.get(url).content.decode()
    assert "No credits yet." in page
    # a person of the catalogue, by name (any case)
    assert editor.post(url, {"action": "add", "role": "director", "name": "ақан сатаев"}).status_code == 302
    # someone new: added to the catalogue, owned by the film's institution, the name in the language given
    answer = editor.post(
        url,
        {
            "action": "add",
            "role": "actor",
            "name": "Асель Садвакасова",
            "language": "kk-Cyrl",
            "character": "Ана",
            "billing_order": "1",
        },
    )
    assert answer.status_code == 302
    new = Person.objects.get(names__text="Асель Садвакасова")
    assert new.owner == kz and new.names.get(generated=False).language == "kk-Cyrl"
    # by number, and a company for a company's role (new: added too)
    assert editor.post(url, {"action": "add", "role": "producer", "name": f"#{known.pk}"}).status_code == 302
    assert (
        editor.post(url, {"action": "add", "role": "production_company", "name": "Sataifilm"}).status_code
        == 302
    )
    company = Company.objects.get(names__name="Sataifilm")
    assert company.owner == kz
    credits = {
        (c.role, c.person_id, c.company_id, c.character, c.billing_order)
        for c in Credit.objects.filter(film=made)
    }
    assert credits == {
        ("director", known.pk, None, "", None),
        ("actor", new.pk, None, "Ана", 1),
        ("producer", known.pk, None, "", None),
        ("production_company", None, company.pk, "", None),
    }
    page = editor.get(url).content.decode()
    assert 'lang="kk-Cyrl">Асель Садвакасова</a>' in page
    # the film's page shows them
    assert "Асель Садвакасова" in Client().get(f"/en/films/{made.pk}/").content.decode()
    # remove one
    director = Credit.objects.get(film=made, role="director")
    assert editor.post(url, {"action": "remove", "credit": str(director.pk)}).status_code == 302
    assert not Credit.objects.filter(pk=director.pk).exists()
    assert Person.objects.filter(pk=known.pk).exists()  # the person stays in the catalogue
    # a credit that is gone, or an id that is no number, changes nothing and says so
    answer = editor.post(url, {"action": "remove", "credit": "１２"}, follow=True)
    assert answer.status_code == 200 and "no longer on the film" in answer.content.decode()
    assert Credit.objects.filter(film=made).count() == 3


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "director", "name": ""}, "name", "This field is required."),
        ({"role": "boss", "name": "X"}, "role", "Select a valid choice."),
        ({"role": "director", "name": "#999999"}, "name", "Nobody with the number #999999"),
        ({"role": "director", "name": "Twin"}, "name", "Several people in the catalogue are called"),
        ({"role": "director", "name": "New One", "character": "Hero"}, "character", "Only an actor plays"),
        (
            {"role": "director", "name": "New One", "language": "zz-Qqqq"},
            "language",
            "Select a valid choice.",
        ),
        (
            {"role": "actor", "name": "New One", "billing_order": "0"},
            "billing_order",
            "greater than or equal to 1",
        ),
        ({"role": "actor", "name": "Known", "character": "Hero"}, "name", "already has this credit"),
    ],
)
def test_each_credit_mistake_is_named_and_nothing_is_added(  # type: ignore[no-untyped-def]
    editor: Client, kz, data: dict[str, str], field: str, message: str
) -> None:
    from korkyt.catalogue import services
    from korkyt.catalogue.models import Credit, Person
    from korkyt.config.demo import SYSTEM
    from tests.factories import person

    made = film(kz, ("Film", "en"))
    person(("Twin", "en"))
    person(("Twin", "en"))
    known = person(("Known", "en"))
    services.credit_create(actor=SYSTEM, film=made, role="actor", person=known, character="Hero")
    people = Person.objects.count()
    answer = editor.post(f"/en/staff/films/{made.pk}/credits/", {"action": "add", **data})
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert Person.objects.count() == people  # nobody new half-added
    assert Credit.objects.filter(film=made).count() == 1


def test_only_the_films_editors_see_its_credits_page(kz) -> None:  # type: ignore[no-untyped-def]
    made = film(kz, ("Film", "en"))
    outsider = Client()
    outsider.force_login(
        MembershipFactory(user=UserFactory(username="az2"), institution=InstitutionFactory(code="AZ-Y")).user
    )
    url = f"/en/staff/films/{made.pk}/credits/"
    assert outsider.get(url).status_code == 403
    assert outsider.post(url, {"action": "add", "role": "director", "name": "X"}).status_code == 403
    assert Client().get(url).status_code == 302


def _names(**rows: object) -> dict[str, object]:
    data: dict[str, object] = {"names-TOTAL_FORMS": "3", "names-INITIAL_FORMS": "1"}
    data.update(rows)
    return data


def test_an_editor_changes_a_persons_names_and_years(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    from korkyt.catalogue.models import Person
    from tests.factories import person

    someone = person(("Шәкен Айманов", "kk-Cyrl"), owner=kz)
    url = f"/en/staff/people/{someone.pk}/edit/"
    assert f'href="{url}"' in editor.get(f"/en/people/{someone.pk}/").content.decode()
    page = editor.get(url)
    assert page.status_code == 200
    (tag,) = re.findall(r'<input[^>]*name="names-0-text"[^>]*>', page.content.decode())
    assert 'lang="kk-Cyrl"' in tag and "Шәкен Айманов" in tag
    answer = editor.post(
        url,
        _names(
            **{"names-0-text": "Шәкен Айманов", "names-0-language": "kk-Cyrl"},
            **{"names-1-text": "Shaken Aimanov", "names-1-language": "en"},
            birth_year="1914",
            death_year="1970",
            wikidata_id="Q4164530",
        ),
    )
    assert answer.status_code == 302, answer.context and answer.context["form"].errors
    someone = Person.objects.get(pk=someone.pk)
    assert (someone.birth_year, someone.death_year, someone.wikidata_id) == (1914, 1970, "Q4164530")
    entered = sorted(someone.names.filter(generated=False).values_list("language", "text"))
    assert entered == [("en", "Shaken Aimanov"), ("kk-Cyrl", "Шәкен Айманов")]
    assert someone.names.filter(generated=True, source__language="kk-Cyrl").exists()  # transliterated
    # a name taken off
    answer = editor.post(
        url,
        {
            "names-TOTAL_FORMS": "2",
            "names-INITIAL_FORMS": "2",
            "names-0-text": "Shaken Aimanov",
            "names-0-language": "en",
            "names-0-DELETE": "on",
            "names-1-text": "Шәкен Айманов",
            "names-1-language": "kk-Cyrl",
        },
    )
    assert answer.status_code == 302
    assert list(someone.names.filter(generated=False).values_list("text", flat=True)) == ["Шәкен Айманов"]


def test_person_mistakes_are_named_and_nothing_changes(editor: Client, kz) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import person

    someone = person(("Old Name", "en"), owner=kz)
    url = f"/en/staff/people/{someone.pk}/edit/"
    # every name removed
    answer = editor.post(url, _names(**{"names-0-text": "Old Name", "names-0-DELETE": "on"}))
    assert answer.status_code == 200 and "at least one name" in answer.content.decode()
    # a year out of range, on its field
    answer = editor.post(url, _names(**{"names-0-text": "New Name"}, birth_year="1200"))
    assert answer.status_code == 200 and "birth_year" in answer.context["form"].errors
    # a name too long, on its row
    answer = editor.post(url, _names(**{"names-0-text": "x" * 201}))
    assert answer.status_code == 200 and answer.context["names"].forms[0].errors
    someone.refresh_from_db()
    assert list(someone.names.filter(generated=False).values_list("text", flat=True)) == ["Old Name"]
    assert someone.birth_year is None


def test_only_the_persons_editors_may_change_them(kz) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import person

    someone = person(("Someone", "en"), owner=kz)
    outsider = Client()
    outsider.force_login(
        MembershipFactory(user=UserFactory(username="az3"), institution=InstitutionFactory(code="AZ-Z")).user
    )
    url = f"/en/staff/people/{someone.pk}/edit/"
    assert outsider.get(url).status_code == 403
    assert outsider.post(url, _names(**{"names-0-text": "Hacked"})).status_code == 403
    assert f'href="{url}"' not in outsider.get(f"/en/people/{someone.pk}/").content.decode()
    assert Client().get(url).status_code == 302
    assert someone.names.filter(text="Hacked").count() == 0
