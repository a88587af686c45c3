"""get_visible_or_404: what the viewer may not see, and ids no row can have, are a 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from korkyt.core.http import get_visible_or_404
from korkyt.core.pagination import MAX_ID
from korkyt.institutions import selectors
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_visible_row_is_returned():
    institution = InstitutionFactory()
    assert get_visible_or_404(Institution.objects.all(), pk=institution.pk) == institution
    assert get_visible_or_404(Institution.objects.all(), code=institution.code) == institution


def test_a_row_outside_the_viewers_queryset_is_not_found():
    private = InstitutionFactory(is_public=False)
    with pytest.raises(Http404):
        get_visible_or_404(selectors.institution_list(user=AnonymousUser()), pk=private.pk)
    member = MembershipFactory(institution=private).user
    assert get_visible_or_404(selectors.institution_list(user=member), pk=private.pk) == private


@pytest.mark.parametrize("lookup", ["pk", "id", "institution_id", "institution__pk"])
@pytest.mark.parametrize("value", [MAX_ID + 1, 2**70, 0, -1])
def test_ids_no_row_can_have_are_not_found_without_asking_the_database(
    lookup, value, django_assert_num_queries
):
    with django_assert_num_queries(0), pytest.raises(Http404):
        get_visible_or_404(Institution.objects.all(), **{lookup: value})


def test_a_missing_id_is_not_found():
    with pytest.raises(Http404):
        get_visible_or_404(Institution.objects.all(), pk=MAX_ID)


def test_pages_and_api_answer_404_for_ids_past_any_row(client):
    huge = 2**64
    assert client.get(f"/en/films/{huge}/").status_code == 404
    assert client.get(f"/api/memoranda/{huge}").status_code == 404
    assert client.get(f"/api/films/{huge}").status_code == 404
