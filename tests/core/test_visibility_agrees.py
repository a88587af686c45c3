"""For every model with visibility rules, "visible in the list" and "may view the object" agree for every
kind of person: the rules' view permission is derived from the selectors' one filter, and these property
tests check it on generated objects (public or private, draft or signed, owned by one agency or another)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korkyt.accounts.models import Role
from korkyt.catalogue import selectors as catalogue
from korkyt.catalogue.models import Film, FilmStatus, Track, TrackKind
from korkyt.institutions import selectors as institutions
from korkyt.institutions.models import Institution, MemorandumStatus
from korkyt.localization import selectors as localization
from korkyt.localization.models import SubtitleTrack, TranslationJob
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def people() -> dict[str, Any]:
    a = InstitutionFactory(code="KZ-A", country="KZ")
    b = InstitutionFactory(code="AZ-B", country="AZ")
    ended = timezone.now() - dt.timedelta(days=1)
    return {
        "a": a,
        "b": b,
        "roles": {
            "anonymous": AnonymousUser(),
            "signed_in": UserFactory(username="nobody"),
            "editor_a": MembershipFactory(user=UserFactory(username="ed_a"), institution=a).user,
            "editor_b": MembershipFactory(user=UserFactory(username="ed_b"), institution=b).user,
            "translator_a": MembershipFactory(
                user=UserFactory(username="tr_a"), institution=a, role=Role.TRANSLATOR
            ).user,
            "reviewer_b": MembershipFactory(
                user=UserFactory(username="rv_b"), institution=b, role=Role.REVIEWER
            ).user,
            "expired_editor_a": MembershipFactory(
                user=UserFactory(username="old_a"),
                institution=a,
                valid_from=ended - dt.timedelta(days=30),
                valid_until=ended,
            ).user,
            "inactive_editor_a": MembershipFactory(
                user=UserFactory(username="gone_a", is_active=False), institution=a
            ).user,
            "admin": UserFactory(username="root", is_superuser=True, is_staff=True),
        },
    }


def _agree(people: dict[str, Any], perm: str, obj: Any, visible: Callable[[Any], Any]) -> None:
    for name, user in people["roles"].items():
        listed = visible(user).filter(pk=obj.pk).exists()
        may_view = user.has_perm(perm, obj)
        assert listed == may_view, f"{name}: listed={listed} may_view={may_view} for {perm} {obj.pk}"


def _rolled_back(check: Callable[[], None]) -> None:
    """Each generated example in its own savepoint, so examples do not see each other's rows."""
    sid = transaction.savepoint()
    try:
        check()
    finally:
        transaction.savepoint_rollback(sid)


owners = st.sampled_from(["a", "b"])


def _film(people: dict[str, Any], owner: str, published: bool) -> Film:
    status = FilmStatus.PUBLISHED if published else FilmStatus.DRAFT
    return Film.objects.create(owner=people[owner], status=status, year=2020)


def test_institution_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(public=st.booleans(), owner=owners)
    def check(public: bool, owner: str) -> None:
        def run() -> None:
            institution: Institution = people[owner]
            Institution.objects.filter(pk=institution.pk).update(is_public=public)
            institution.refresh_from_db()
            _agree(people, "institutions.view_institution", institution, institutions.institution_visible)

        _rolled_back(run)

    check()


def test_memorandum_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(
        status=st.sampled_from(MemorandumStatus.values),
        parties=st.sets(owners, min_size=1),
        outsider=st.booleans(),
    )
    def check(status: str, parties: set[str], outsider: bool) -> None:
        def run() -> None:
            others = [InstitutionFactory(code="TR-X", country="TR")] if outsider else []
            memo = memorandum(*[people[p] for p in sorted(parties)], *others, status=status)
            _agree(people, "institutions.view_memorandum", memo, institutions.memorandum_visible)

        _rolled_back(run)

    check()


def test_film_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(owner=owners, published=st.booleans())
    def check(owner: str, published: bool) -> None:
        def run() -> None:
            film = _film(people, owner, published)
            _agree(people, "catalogue.view_film", film, catalogue.film_visible)

        _rolled_back(run)

    check()


def test_catalogue_track_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(owner=owners, published=st.booleans(), kind=st.sampled_from(TrackKind.values))
    def check(owner: str, published: bool, kind: str) -> None:
        def run() -> None:
            track = Track.objects.create(film=_film(people, owner, published), kind=kind, language="kk")
            _agree(people, "catalogue.view_track", track, catalogue.track_visible)

        _rolled_back(run)

    check()


def _source(people: dict[str, Any], owner: str, published: bool) -> SubtitleTrack:
    return SubtitleTrack.objects.create(film=_film(people, owner, published), language="kk", format="srt")


def _job(people: dict[str, Any], source: SubtitleTrack, assignee: str | None, reviewer: str | None) -> Any:
    roles = people["roles"]
    return TranslationJob.objects.create(
        source=source,
        film=source.film,
        institution=source.film.owner,
        source_language="kk",
        target_language="az",
        assignee=roles[assignee] if assignee else None,
        reviewer=roles[reviewer] if reviewer else None,
    )


people_or_nobody = st.sampled_from([None, "translator_a", "reviewer_b", "signed_in", "editor_b"])


def test_translation_job_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(owner=owners, published=st.booleans(), assignee=people_or_nobody, reviewer=people_or_nobody)
    def check(owner: str, published: bool, assignee: str | None, reviewer: str | None) -> None:
        def run() -> None:
            job = _job(people, _source(people, owner, published), assignee, reviewer)
            _agree(people, "localization.view_job", job, localization.job_visible)

        _rolled_back(run)

    check()


def test_subtitle_track_listed_exactly_when_viewable(people: dict[str, Any]) -> None:
    @PROPERTY
    @given(
        owner=owners,
        published=st.booleans(),
        jobs=st.lists(st.tuples(people_or_nobody, people_or_nobody), max_size=2),
    )
    def check(owner: str, published: bool, jobs: list[tuple[str | None, str | None]]) -> None:
        def run() -> None:
            source = _source(people, owner, published)
            for assignee, reviewer in jobs:
                _job(people, source, assignee, reviewer)
            _agree(people, "localization.view_track", source, localization.track_visible)

        _rolled_back(run)

    check()
