"""Service helpers: permissions, field errors gathered into one ValidationError, partial updates."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import (
    UNSET,
    Errors,
    add_error,
    clean_tag,
    clean_web_address,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.models import Institution, InstitutionTranslation
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_require_perm_refuses_anonymous_and_no_one():
    with pytest.raises(PermissionDenied):
        require_perm(AnonymousUser(), "institutions.add_institution")
    with pytest.raises(PermissionDenied):
        require_perm(None, "institutions.add_institution")


def test_require_perm_lets_the_holder_and_the_platform_through():
    membership = MembershipFactory()
    require_perm(membership.user, "institutions.change_institution", membership.institution)
    require_perm(SYSTEM, "institutions.add_institution")
    with pytest.raises(PermissionDenied):
        require_perm(UserFactory(), "institutions.change_institution", membership.institution)


def test_errors_of_several_fields_are_raised_once_naming_each_field():
    errors: Errors = {}
    add_error(errors, "title", "too long")
    add_error(errors, "titles[2].language", "unknown")
    add_error(errors, "title", "blank")
    with pytest.raises(ValidationError) as caught:
        raise_errors(errors)
    assert caught.value.message_dict == {"title": ["too long", "blank"], "titles[2].language": ["unknown"]}


def test_no_errors_raise_nothing():
    raise_errors({})


def test_full_clean_into_adds_the_models_own_errors_by_field():
    errors: Errors = {}
    full_clean_into(Institution(code="bad code", kind="studio", country="KZ"), errors)
    assert "code" in errors
    assert "kind" not in errors and "country" not in errors


def test_full_clean_into_checks_uniqueness_only_when_asked():
    institution = InstitutionFactory()
    twin = Institution(code=institution.code, kind="studio", country="KZ")
    relaxed: Errors = {}
    full_clean_into(twin, relaxed)
    assert "code" not in relaxed
    strict: Errors = {}
    full_clean_into(twin, strict, validate_unique=True)
    assert "code" in strict


def test_full_clean_into_leaves_excluded_fields_alone():
    errors: Errors = {}
    full_clean_into(InstitutionTranslation(language="xx", name="A"), errors, exclude=["institution"])
    assert list(errors) == ["language"]


def test_clean_tag_normalises_or_names_the_field():
    errors: Errors = {}
    assert clean_tag("KK", "language", errors) == "kk-Cyrl"
    assert clean_tag("uz_latn", "language", errors) == "uz-Latn"
    assert errors == {}
    assert clean_tag("klingon", "titles[0].language", errors) is None
    assert list(errors) == ["titles[0].language"]
    assert "klingon" in errors["titles[0].language"][0]


def test_clean_tag_takes_another_normaliser():
    errors: Errors = {}
    assert clean_tag("x", "language", errors, normalize=lambda tag: "en") == "en"


def test_given_keeps_what_the_caller_gave_including_none():
    assert given(kind="studio", website=None, country=UNSET) == {"kind": "studio", "website": None}


@pytest.mark.parametrize(
    ("value", "kept", "message"),
    [
        (" https://example.org/a.mp4 ", "https://example.org/a.mp4", None),
        ("http://example.org/" + "a" * 31, "http://example.org/" + "a" * 31, None),
        ("", "", None),
        ("javascript:alert(1)", None, "Give an http or https address."),
        ("ftp://example.org/a.mp4", None, "Give an http or https address."),
        ("http://example.org/" + "a" * 32, None, "The address is too long: at most 50 characters."),
    ],
)
def test_clean_web_address_keeps_http_and_https_that_fit_else_names_the_field(value, kept, message):
    errors: Errors = {}
    cleaned = clean_web_address(value, "video_url", errors, max_length=50)
    if message is None:
        assert errors == {} and cleaned == kept
    else:
        assert errors == {"video_url": [message]}
