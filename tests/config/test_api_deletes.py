"""Every ``DELETE`` of the API tried on the records of the whole demo (festival, events, co-productions,
localization), one at a time: a record others still refer to (``on_delete=PROTECT``) is refused with a
4xx naming why, never a server error. The fuzzing of tests/config/test_api_fuzz.py reaches the deletes
with ids it makes up; this reaches them with the records that are held."""

from __future__ import annotations

import json

import pytest

from korkyt.config.openapi import schema_json


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The whole demo and an administrator's token, loaded once for the module inside a transaction that
    is rolled back at its end."""
    from django.db import transaction

    from korkyt.accounts.services import token_create, user_create
    from korkyt.config.demo import load

    with django_db_blocker.unblock(), transaction.atomic():
        load(users_password="a-long-demo-password-1")
        admin = user_create(username="delete-admin", password=None, is_superuser=True)
        yield {"Authorization": f"Bearer {token_create(user=admin, name='deletes')[1]}"}
        transaction.set_rollback(True)


def _delete_targets() -> list[tuple[str, list[str]]]:
    """Every ``DELETE`` of the API with the paths of records of the demo to try it on: every film,
    institution, memorandum, company and project (the ones others refer to among them), and a sample of
    the rest. Each path pattern of the schema must be listed here (a new delete is not forgotten)."""
    from korkyt.accounts.models import ApiToken
    from korkyt.catalogue.models import Company, Credit, Film, FilmTitle, Person, Track
    from korkyt.coproduction.models import Element, FinancingSource, Partner, Project, ProjectDocument
    from korkyt.core.models import Image
    from korkyt.events.models import Registration
    from korkyt.festival.models import AwardWinner
    from korkyt.institutions.models import Institution, Memorandum

    def images(model: str) -> list[str]:
        rows = Image.objects.filter(owner_type__model=model).values_list("owner_id", "pk")[:10]
        return [f"{owner}/images/{pk}" for owner, pk in rows]

    sample = 25
    return [
        ("/api/companies/{company_id}", [str(pk) for pk in Company.objects.values_list("pk", flat=True)]),
        ("/api/coproductions/{project_id}", [str(pk) for pk in Project.objects.values_list("pk", flat=True)]),
        (
            "/api/coproductions/{project_id}/documents/{document_id}",
            [
                f"{p}/documents/{d}"
                for p, d in ProjectDocument.objects.values_list("project_id", "pk")[:sample]
            ],
        ),
        (
            "/api/coproductions/{project_id}/elements/{element_id}",
            [f"{p}/elements/{e}" for p, e in Element.objects.values_list("project_id", "pk")[:sample]],
        ),
        (
            "/api/coproductions/{project_id}/financing/{source_id}",
            [
                f"{p}/financing/{s}"
                for p, s in FinancingSource.objects.values_list("project_id", "pk")[:sample]
            ],
        ),
        (
            "/api/coproductions/{project_id}/partners/{partner_id}",
            [f"{p}/partners/{s}" for p, s in Partner.objects.values_list("project_id", "pk")],
        ),
        (
            "/api/credits/{credit_id}",
            [str(pk) for pk in Credit.objects.values_list("pk", flat=True)[:sample]],
        ),
        (
            "/api/festival/awards/{award_id}/winners/{film_id}",
            [f"{a}/winners/{f}" for a, f in AwardWinner.objects.values_list("award_id", "film_id")[:sample]],
        ),
        ("/api/films/{film_id}", [str(pk) for pk in Film.objects.values_list("pk", flat=True)]),
        (
            "/api/films/{film_id}/titles/{title_id}",
            [f"{f}/titles/{t}" for f, t in FilmTitle.objects.values_list("film_id", "pk")[:sample]],
        ),
        ("/api/films/{owner_id}/images/{image_id}", images("film")),
        ("/api/institutions/{code}", list(Institution.objects.values_list("code", flat=True))),
        ("/api/institutions/{owner_id}/images/{image_id}", images("institution")),
        (
            "/api/memoranda/{memorandum_id}",
            [str(pk) for pk in Memorandum.objects.values_list("pk", flat=True)],
        ),
        ("/api/people/{owner_id}/images/{image_id}", images("person")),
        (
            "/api/people/{person_id}",
            [str(pk) for pk in Person.objects.order_by("-pk").values_list("pk", flat=True)[:sample]],
        ),
        (
            "/api/registrations/{registration_id}",
            [str(pk) for pk in Registration.objects.values_list("pk", flat=True)[:sample]],
        ),
        ("/api/tokens/{token_id}", [str(pk) for pk in ApiToken.objects.values_list("pk", flat=True)]),
        ("/api/tracks/{track_id}", [str(pk) for pk in Track.objects.values_list("pk", flat=True)[:sample]]),
    ]


@pytest.mark.django_db
def test_no_delete_of_a_demo_record_answers_with_a_server_error(full_demo, client):  # type: ignore[no-untyped-def]
    """Each record of the demo deleted through the API, one at a time from the whole demo (each delete is
    rolled back): a record others still refer to is refused with a 4xx naming why, never a 500."""
    import re

    from django.db import transaction

    targets = _delete_targets()
    patterns = {p for p, ops in json.loads(schema_json())["paths"].items() if "delete" in ops}
    assert patterns == {p for p, _ids in targets}, "a DELETE of the API is not tried here"
    answers: dict[int, int] = {}
    for pattern, ids in targets:
        for tail in ids:
            path = re.sub(r"\{\w+\}.*$", tail, pattern, count=1)
            with transaction.atomic():
                response = client.delete(path, headers=full_demo)
                transaction.set_rollback(True)
            assert response.status_code < 500, f"DELETE {path}: {response.content[:300]!r}"
            if response.status_code >= 400:
                assert set(response.json()) == {"detail", "code", "errors"}, path
            answers[response.status_code] = answers.get(response.status_code, 0) + 1
    assert answers.get(204, 0) > 100 and answers.get(422, 0) >= 1, (
        answers
    )  # most go; the ones held are refused
