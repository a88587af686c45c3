"""The catalogue rows a search result is shown from: every title of a film and every name of a person, with
the film's year or the person's birth year. One statement for both, used on its own (``results.present``)
or inside the first statement of a search (``shortlist.first``), so that a search with few answers reads
what it shows in the same round trip."""

from __future__ import annotations

from django.db import connection

from korkyt.catalogue.models import Film, FilmTitle, Person, PersonName

# kind ("film"/"person"), film or person id, year, text, language tag, title kind, generated, scheme, position
NameRow = tuple[str, int, int | None, str, str, str, bool, str, int]

_FILM_COLUMNS = "'film', t.film_id, f.year, t.text, t.language, t.kind, t.generated, t.scheme, t.position"
_PERSON_COLUMNS = (
    "'person', n.person_id, p.birth_year, n.text, n.language, '', n.generated, n.scheme, n.position"
)


def names_sql(films: str | None, people: str | None) -> str:
    """The titles of the films whose ids ``films`` gives and the names of the people whose ids ``people``
    gives (each SQL: placeholders or a subquery; None: none of them)."""
    quote = connection.ops.quote_name
    parts = []
    if films:
        title, film = quote(FilmTitle._meta.db_table), quote(Film._meta.db_table)
        join = f"{title} t JOIN {film} f ON f.id = t.film_id"
        parts.append(f"SELECT {_FILM_COLUMNS} FROM {join} WHERE t.film_id IN ({films})")  # noqa: S608
    if people:
        name, person = quote(PersonName._meta.db_table), quote(Person._meta.db_table)
        join = f"{name} n JOIN {person} p ON p.id = n.person_id"
        parts.append(f"SELECT {_PERSON_COLUMNS} FROM {join} WHERE n.person_id IN ({people})")  # noqa: S608
    return " UNION ALL ".join(parts)
