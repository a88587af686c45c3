"""A track's video address: an http or https address that fits its column, checked alike when a track is
uploaded (page, API, service) and when the address is changed later; anything else is refused naming
``video_url``, never stored (``javascript:``) nor left to the database (an address too long for it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import SubtitleTrack
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db

TOO_LONG = "https://example.org/" + "a" * 600 + ".mp4"
REFUSED = ["javascript:alert(1)", "ftp://example.org/film.mp4", "film.mp4", TOO_LONG]


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("address", REFUSED)
def test_the_services_refuse_an_address_that_is_no_web_address_or_too_long(world, address):
    editor = world["users"]["kz_editor"]
    before = SubtitleTrack.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.track_upload(actor=editor, film=world["film"], language="kk", data=KK_SRT, video_url=address)
    assert list(exc.value.message_dict) == ["video_url"]
    assert SubtitleTrack.objects.count() == before
    with pytest.raises(ValidationError) as exc:
        services.track_update(actor=editor, track=world["track"], video_url=address)
    assert list(exc.value.message_dict) == ["video_url"]
    world["track"].refresh_from_db()
    assert world["track"].video_url == ""


def test_the_message_says_what_is_wrong_with_the_address(world):
    editor = world["users"]["kz_editor"]
    with pytest.raises(ValidationError) as exc:
        services.track_update(actor=editor, track=world["track"], video_url=TOO_LONG)
    assert exc.value.messages == ["The address is too long: at most 500 characters."]
    with pytest.raises(ValidationError) as exc:
        services.track_update(actor=editor, track=world["track"], video_url="javascript:alert(1)")
    assert exc.value.messages == ["Give an http or https address."]


def test_a_web_address_that_fits_is_kept_and_an_empty_one_clears_it(world):
    editor = world["users"]["kz_editor"]
    fits = "https://example.org/" + "a" * (500 - len("https://example.org/") - 4) + ".mp4"
    assert len(fits) == 500
    track = services.track_upload(
        actor=editor, film=world["film"], language="kk", data=KK_SRT, video_url=fits
    )
    assert track.video_url == fits
    services.track_update(actor=editor, track=track, video_url="")
    track.refresh_from_db()
    assert track.video_url == ""


@pytest.mark.parametrize("address", ["javascript:alert(1)", TOO_LONG])
def test_the_api_refuses_the_address_naming_the_field(world, address):
    from korkyt.accounts.services import token_create

    before = SubtitleTrack.objects.count()
    secret = token_create(user=world["users"]["kz_editor"], name="t")[1]
    response = Client().post(
        "/api/localization/tracks",
        {
            "film": world["film"].pk,
            "language": "kk-Cyrl",
            "file": SimpleUploadedFile("a.srt", KK_SRT),
            "video_url": address,
        },
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert error["field"] == "video_url" and error["message"]
    assert SubtitleTrack.objects.count() == before


def test_the_pages_refuse_the_address_with_a_reason(world):
    client = _client(world["users"]["kz_editor"])
    before = SubtitleTrack.objects.count()
    response = client.post(
        "/en/localization/tracks/new/",
        {
            "film": world["film"].pk,
            "language": "kk-Cyrl",
            "file": SimpleUploadedFile("a.srt", KK_SRT),
            "video_url": TOO_LONG,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["video_url"]
    assert SubtitleTrack.objects.count() == before
    url = f"/en/localization/tracks/{world['track'].pk}/"
    response = client.post(url, {"video_url": TOO_LONG}, follow=True)
    assert response.status_code == 200
    assert "The address is too long: at most 500 characters." in response.content.decode()
    world["track"].refresh_from_db()
    assert world["track"].video_url == ""
