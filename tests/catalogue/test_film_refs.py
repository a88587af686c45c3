"""A film named by a person typing (a festival entry's film): its number, the address of its page, or a title
as the catalogue writes it, in any script or case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from korkyt.catalogue.models import Film
from korkyt.catalogue.selectors import film_by_title
from tests.factories import InstitutionFactory, film

pytestmark = pytest.mark.django_db


def test_a_film_is_found_by_number_address_or_title_in_any_script_and_case() -> None:
    owner = InstitutionFactory()
    kyz = film(owner, ("Қыз Жібек", "kk-Cyrl"), ("Kyz-Zhibek", "en"))
    films = Film.objects.all()
    for typed in (
        str(kyz.pk),
        f"#{kyz.pk}",
        f"https://korkyt.example/kk/films/{kyz.pk}/",
        "Қыз Жібек",
        "қыз  жібек",  # case and spaces
        "KYZ-ZHIBEK",
        "qyz zhibek",  # the Latin title the catalogue generated
    ):
        assert film_by_title(films=films, text=typed) == kyz, typed


def test_an_unknown_shared_or_hidden_film_is_refused_saying_why() -> None:
    owner = InstitutionFactory()
    a = film(owner, ("Mother", "en"))
    b = film(owner, ("Mother", "en"), year=2010)
    hidden = film(owner, ("Secret cut", "en"), status="draft")
    films = Film.objects.exclude(pk=hidden.pk)
    with pytest.raises(ValidationError) as err:
        film_by_title(films=films, text="mother")
    assert f"#{a.pk} or #{b.pk}" in err.value.messages[0]
    for typed, says in (("Secret cut", "No film in the catalogue is called"), (str(hidden.pk), "number")):
        with pytest.raises(ValidationError) as err:
            film_by_title(films=films, text=typed)
        assert says in err.value.messages[0]


def test_a_person_is_found_by_number_or_name_and_nobody_is_added() -> None:
    from korkyt.catalogue.models import Person
    from korkyt.catalogue.selectors import person_named
    from tests.factories import person

    aktan = person(("Актан Арым Кубат", "ky-Cyrl"), ("Aktan Arym Kubat", "en"))
    people = Person.objects.all()
    for typed in (
        str(aktan.pk),
        f"#{aktan.pk}",
        f"/ru/people/{aktan.pk}/",
        "актан арым кубат",
        "AKTAN ARYM KUBAT",
    ):
        assert person_named(people=people, text=typed) == aktan, typed
    count = Person.objects.count()
    with pytest.raises(ValidationError) as err:
        person_named(people=people, text="Someone New")
    assert "Nobody in the catalogue is called “Someone New”" in err.value.messages[0]
    assert Person.objects.count() == count
