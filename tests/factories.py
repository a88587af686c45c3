"""factory_boy factories for the platform's records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType

from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.institutions.models import (
    CooperationArea,
    Institution,
    InstitutionTranslation,
    Memorandum,
    MemorandumParty,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"XX-I{n}")
    kind = "national_agency"
    country = "KZ"
    native_language = "kk-Cyrl"
    is_public = True
    name = factory.RelatedFactory(
        "tests.factories.InstitutionTranslationFactory",
        factory_related_name="institution",
        name=factory.LazyAttribute(lambda o: f"Institution {o.factory_parent.code}"),
    )


class InstitutionTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionTranslation

    language = "en"
    name = "An institution"


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """A role held on any object (``scope``), in force unless given a window."""

    class Meta:
        model = RoleAssignment
        exclude = ("scope",)

    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR
    scope = factory.SubFactory(InstitutionFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.scope))
    object_id = factory.LazyAttribute(lambda o: o.scope.pk)


class MembershipFactory(RoleAssignmentFactory):
    """A role held on an institution (``institution=``): the institution-scoped view of a role assignment.
    The row made keeps ``.institution`` for the tests' convenience."""

    class Meta:
        exclude = ("scope",)

    institution = factory.SubFactory(InstitutionFactory)
    scope = factory.SelfAttribute("institution")

    @classmethod
    def _create(cls, model_class: type[RoleAssignment], *args: Any, **kwargs: Any) -> RoleAssignment:
        institution = kwargs.pop("institution")
        row = super()._create(model_class, *args, **kwargs)
        row.institution = institution  # type: ignore[attr-defined]
        return row


def memorandum(
    *parties: Institution,
    status: str = "signed",
    areas: tuple[str, ...] = ("joint_feature",),
    signed_on: dt.date | None = dt.date(2025, 10, 1),
) -> Memorandum:
    memo = Memorandum.objects.create(status=status, signed_on=signed_on)
    for position, party in enumerate(parties):
        MemorandumParty.objects.create(memorandum=memo, institution=party, position=position)
    memo.areas.set(CooperationArea.objects.filter(code__in=areas))
    return memo


def film(owner: Institution, *titles: tuple[str, str], status: str = "published", **fields):  # type: ignore[no-untyped-def]
    """A film entered through the service (so titles are transliterated and the search index is filled)."""
    from korkyt.catalogue import services
    from korkyt.config.demo import SYSTEM

    fields.setdefault("year", 2000)
    return services.film_create(
        actor=SYSTEM,
        owner=owner,
        titles=[{"text": text, "language": tag} for text, tag in titles]
        or [{"text": "Film", "language": "en"}],
        status=status,
        **fields,
    )


def person(*names: tuple[str, str], owner: Institution | None = None):  # type: ignore[no-untyped-def]
    from korkyt.catalogue import services
    from korkyt.config.demo import SYSTEM

    return services.person_create(
        actor=SYSTEM, names=[{"text": text, "language": tag} for text, tag in names], owner=owner
    )
