"""Keep the index in step with the catalogue: the catalogue services send these signals inside their
transaction, so an edit and its index rows commit (or roll back) together."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from korkyt.catalogue.signals import (
    catalogue_reloaded,
    film_changed,
    film_deleted,
    person_changed,
    person_deleted,
)
from korkyt.search import services


@receiver(film_changed)
def _film_changed(sender: Any, film: Any, **kwargs: Any) -> None:
    services.index_films([film.pk])


@receiver(film_deleted)
def _film_deleted(sender: Any, film_id: int, **kwargs: Any) -> None:
    services.unindex_film(film_id)


@receiver(person_changed)
def _person_changed(sender: Any, person: Any, **kwargs: Any) -> None:
    services.index_people([person.pk])
    # films crediting this person carry the name as a director entry
    from korkyt.catalogue.models import Credit, CreditRole

    film_ids = list(
        Credit.objects.filter(person=person, role=CreditRole.DIRECTOR).values_list("film_id", flat=True)
    )
    if film_ids:
        services.index_films(film_ids)


@receiver(person_deleted)
def _person_deleted(sender: Any, person_id: int, **kwargs: Any) -> None:
    services.unindex_person(person_id)


@receiver(catalogue_reloaded)
def _reloaded(sender: Any, **kwargs: Any) -> int:
    return services.rebuild()
