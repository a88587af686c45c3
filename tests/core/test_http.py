"""get_visible_or_404: what the viewer may not see, and ids no row can have, are a 404; numbers read from
text (decimal_from: finite ones only); local_next: a way back on this site only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect

from korkyt.core.http import decimal_from, get_visible_or_404, local_next
from korkyt.core.pagination import MAX_ID
from korkyt.institutions import selectors
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1500", Decimal("1500")),
        (" 2.50 ", Decimal("2.50")),
        ("-3", Decimal("-3")),
        ("1e3", Decimal("1000")),
        (7, Decimal(7)),
        (8.5, Decimal("8.5")),
        (Decimal("9.9"), Decimal("9.9")),
    ],
)
def test_decimal_from_reads_a_finite_number(raw, number):
    assert decimal_from(raw) == number


@pytest.mark.parametrize(
    "raw",
    [
        *("NaN", "nan", "-NaN", "sNaN", "Infinity", "-inf", float("nan"), float("inf"), Decimal("NaN")),
        *("", " ", "abc", "1,5", "1" * 51, None, True, [1], b"1"),
    ],
)
def test_decimal_from_refuses_what_is_no_finite_number(raw):
    assert decimal_from(raw) is None


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


@pytest.mark.parametrize("value", [2**63, 2**64 - 1, -(2**63) - 1])
def test_a_relation_or_number_past_its_columns_range_is_not_found_without_asking_the_database(
    value, django_assert_num_queries
):
    from korkyt.festival.models import Assignment, Edition

    # submission=… names a relation (its target's id column), number=… an integer column
    with django_assert_num_queries(0), pytest.raises(Http404):
        get_visible_or_404(Assignment.objects.all(), submission=value, reviewer=1)
    with django_assert_num_queries(0), pytest.raises(Http404):
        get_visible_or_404(Edition.objects.all(), number=value)


def test_a_review_for_a_submission_past_64_bits_is_a_404_in_the_api(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    answer = client.put(
        f"/api/festival/reviews/{2**63}", {"scores": {}, "comment": ""}, content_type="application/json"
    )
    assert answer.status_code in (401, 404), answer.content


def test_a_missing_id_is_not_found():
    with pytest.raises(Http404):
        get_visible_or_404(Institution.objects.all(), pk=MAX_ID)


def test_pages_and_api_answer_404_for_ids_past_any_row(client):
    huge = 2**64
    assert client.get(f"/en/films/{huge}/").status_code == 404
    assert client.get(f"/api/memoranda/{huge}").status_code == 404
    assert client.get(f"/api/films/{huge}").status_code == 404


# private_download: byte ranges -------------------------------------------------------------------------

DATA = bytes(range(256)) * 4  # 1,024 bytes


def _send(rf, range_header=None, **extra):
    import io

    from korkyt.core.http import private_download

    headers = {"HTTP_RANGE": range_header} if range_header is not None else {}
    request = rf.get("/file", **headers, **extra)
    return private_download(io.BytesIO(DATA), "clip.mp4", "video/mp4", request=request, inline=True)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023), ("bytes=1000-5000", 1000, 1023),
     ("bytes=0-0", 0, 0), ("bytes=-5000", 0, 1023)],
)  # fmt: skip
def test_a_satisfiable_range_is_sent_as_206_partial_content(rf, header, first, last):
    response = _send(rf, header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/1024"
    assert response["Content-Length"] == str(last - first + 1)
    assert _body(response) == DATA[first : last + 1]
    assert response["Accept-Ranges"] == "bytes" and response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith("inline")


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_416_with_the_size(rf, header):
    response = _send(rf, header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


@pytest.mark.parametrize(
    "header", [None, "", "bytes=abc", "items=0-1", "bytes=0-1,5-9", "bytes=9-1", "bytes=-"]
)
def test_no_range_or_one_to_ignore_sends_the_whole_file(rf, header):
    response = _send(rf, header)
    assert response.status_code == 200
    assert _body(response) == DATA and response["Content-Length"] == "1024"
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    "header",
    [
        "bytes=" + "9" * 5000 + "-",  # past Python's int() digit limit
        "bytes=-" + "9" * 5000,
        "bytes=0-" + "9" * 5000,
        "bytes=" + "1" * 20 + "-",  # past any file size a server could hold
        "bytes=\u0660-\u0669",  # Arabic-Indic digits: int() would read them
        "bytes=\uff10-\uff19",  # fullwidth digits
    ],
)
def test_a_range_with_numbers_too_long_or_not_ascii_is_ignored(rf, header):
    response = _send(rf, header)
    assert response.status_code == 200
    assert _body(response) == DATA and response["Content-Length"] == "1024"


def test_the_file_is_closed_when_the_answer_cannot_be_made(rf):
    import io

    from korkyt.core.http import private_download

    class Unseekable(io.BytesIO):
        size = len(DATA)

        def seek(self, *args, **kwargs):
            raise OSError("cannot seek")

    file = Unseekable(DATA)
    with pytest.raises(OSError):
        private_download(file, "clip.mp4", "video/mp4", request=rf.get("/file", HTTP_RANGE="bytes=0-9"))
    assert file.closed


def test_a_range_with_if_range_sends_the_whole_file(rf):
    response = _send(rf, "bytes=0-9", HTTP_IF_RANGE='"abc"')
    assert response.status_code == 200 and _body(response) == DATA


def test_without_the_request_the_file_is_an_attachment_as_before():
    import io

    from korkyt.core.http import private_download

    response = private_download(io.BytesIO(DATA), "notes.pdf", "application/pdf")
    assert response.status_code == 200 and "Accept-Ranges" not in response
    assert response["Content-Disposition"].startswith("attachment") and _body(response) == DATA


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        ("0042", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 30, None),
        ("0", None),
        ("", None),
        ("-3", None),
        (" 4", None),
        ("4.0", None),
        ("²", None),  # isdigit() says yes, int() refuses
        ("١٢", None),  # Arabic-Indic digits: int() would read 12
        (None, None),
        (7, None),
    ],
)
def test_an_id_given_as_text_is_ascii_digits_within_what_a_row_can_have(raw, expected):
    from korkyt.core.http import id_from

    assert id_from(raw) == expected


def test_a_whole_number_given_as_text():
    from korkyt.core.http import whole_number

    assert [whole_number(v) for v in ("0", "360", "²", "1" * 10, "-1", None)] == [
        0,
        360,
        None,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/events/3/", "/en/events/3/"),
        ("/en/programme/?day=2027-02-21&venue=1#s-4", "/en/programme/?day=2027-02-21&venue=1#s-4"),
        ("http://testserver/en/", "http://testserver/en/"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("http://testserver.evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("²", ""),  # relative: redirect() would look it up as a view's name
        ("99999999999999999999", ""),
        ("page", ""),
        ("", ""),
        (None, ""),
        (["/en/"], ""),
    ],
)
def test_local_next_keeps_only_a_way_back_on_this_site(rf: Any, url: object, expected: str) -> None:
    assert local_next(rf.get("/"), url) == expected
    if expected:
        assert redirect(expected).url == expected  # and redirect() takes it as it is
