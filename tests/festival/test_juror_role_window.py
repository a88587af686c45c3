"""A juror's powers need both their seat on the section's jury and the juror role on the edition in force
now: a role revoked, ended or not yet started grants nothing (the films and screeners, the jury page,
viewing and scores, the deliberation, My work). The public jury is the record and still names them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, RoleAssignment
from korkyt.festival import selectors, services
from korkyt.festival.models import JuryVote
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db

HOW = ["revoked", "ended", "not_started"]


@pytest.fixture
def selected(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any, staff: Any) -> Any:
    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    services.submission_decide(actor=staff, submission=sub, name="start_review")
    services.submission_decide(actor=staff, submission=sub, name="select")
    sub.refresh_from_db()
    return sub


@pytest.fixture
def juror(feature: Any, staff: Any) -> Any:
    return services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-x"))


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _role(user: Any) -> Any:
    return RoleAssignment.objects.filter(user=user, role=Role.JUROR)


def _take_away(how: str, juror: Any, edition: Any) -> None:
    now = timezone.now()
    if how == "revoked":  # a platform administrator takes the juror role away
        admin = UserFactory(username="root", is_superuser=True, is_staff=True)
        account_services.role_revoke(actor=admin, user=juror.user, role=Role.JUROR, scope=edition)
        assert not _role(juror.user).exists()
    elif how == "ended":
        _role(juror.user).update(valid_until=now - dt.timedelta(days=1))
    else:  # the role starts tomorrow
        _role(juror.user).update(valid_from=now + dt.timedelta(days=1))


def test_a_juror_in_force_has_the_jury_s_powers(juror: Any, selected: Any, edition: Any) -> None:
    c = _client(juror.user)
    body = c.get(f"/api/festival/submissions/{selected.pk}").json()
    assert body["screener_password"] == "pw"
    assert c.get("/en/festival/jury/").status_code == 200
    c.post(f"/en/festival/submissions/{selected.pk}/jury", {"action": "seen"})
    c.post(f"/en/festival/submissions/{selected.pk}/jury", {"action": "score", "score": "9"})
    assert JuryVote.objects.get(juror=juror).score == 9
    assert c.get("/en/festival/6/deliberation/feature/").status_code == 200
    assert [j.pk for j in selectors.work_of(juror.user)["jury"]] == [juror.pk]


@pytest.mark.parametrize("how", HOW)
def test_a_juror_without_the_role_in_force_has_none(
    how: str, juror: Any, selected: Any, edition: Any, staff: Any
) -> None:
    _take_away(how, juror, edition)
    c = _client(juror.user)
    assert c.get(f"/api/festival/submissions/{selected.pk}").status_code == 404
    assert selected.pk not in [s["id"] for s in c.get("/api/festival/submissions").json()["results"]]
    assert c.get("/en/festival/jury/").status_code == 404
    assert c.get(f"/en/festival/submissions/{selected.pk}/").status_code == 404
    assert c.post(f"/en/festival/submissions/{selected.pk}/jury", {"action": "seen"}).status_code == 404
    assert c.get("/en/festival/6/deliberation/feature/").status_code == 404
    assert not JuryVote.objects.filter(juror=juror).exists()
    user = type(juror.user).objects.get(pk=juror.user_id)
    assert not selectors.may_read_screener(user, selected)
    assert selectors.work_of(user)["jury"] == []
    # the services refuse too, whoever calls them
    for call in (
        lambda: services.jury_mark_seen(actor=user, juror=juror, submission=selected),
        lambda: services.jury_score(actor=user, juror=juror, submission=selected, score=9),
        lambda: services.conflict_declare(actor=user, juror=juror, submission=selected, reason="friend"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not JuryVote.objects.filter(juror=juror).exists()
    # the edition's staff still declare a conflict for them
    services.conflict_declare(actor=staff, juror=juror, submission=selected, reason="friend")


@pytest.mark.parametrize("how", ["revoked", "ended"])
def test_appointing_the_juror_again_gives_the_role_back(
    how: str, juror: Any, selected: Any, edition: Any, feature: Any, staff: Any
) -> None:
    _take_away(how, juror, edition)
    again = services.juror_add(actor=staff, section=feature, user=juror.user)
    assert again.pk == juror.pk
    assert _role(juror.user).active().count() == 1
    c = _client(juror.user)
    assert c.get(f"/api/festival/submissions/{selected.pk}").json()["screener_password"] == "pw"
    assert c.get("/en/festival/jury/").status_code == 200


def test_the_public_jury_still_names_a_juror_whose_role_ended(juror: Any, edition: Any) -> None:
    _take_away("ended", juror, edition)
    api = Client().get("/api/festival/jury?edition=6").json()
    assert [j["id"] for j in api] == [juror.pk]


def test_the_jury_reads_cost_no_more_queries_for_more_juries(
    django_assert_max_num_queries: Any, juror: Any, selected: Any, edition: Any, staff: Any
) -> None:
    user = type(juror.user).objects.get(pk=juror.user_id)
    with django_assert_max_num_queries(3):  # the roles, the submissions, the content type at most
        assert list(selectors.submission_visible(user).values_list("pk", flat=True)) == [selected.pk]
