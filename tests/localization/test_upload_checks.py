"""Uploading a track: the film is the one asked for (checked by id, never a fallback), cues are never cut,
and one upload limit applies to subtitle files and memory imports alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.localization import services
from korkyt.localization.forms import TrackUploadForm
from korkyt.localization.models import SubtitleTrack
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def many_films(world, monkeypatch):
    """The editor's institution owns more films than the upload list shows (the list shows one here)."""
    monkeypatch.setattr(TrackUploadForm, "LISTED", 1)
    old = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=1970)
    FilmTitle.objects.create(film=old, text="Ескі фильм", language="kk-Cyrl")
    return {"listed": world["film"], "beyond": old}


def _upload(client: Client, film_id: object) -> object:
    return client.post(
        "/en/localization/tracks/new/",
        {"film": film_id, "language": "kk-Cyrl", "file": SimpleUploadedFile("a.srt", KK_SRT)},
    )


def test_a_film_beyond_the_listed_ones_gets_the_track(world, many_films):
    client = _client(world["users"]["kz_editor"])
    page = client.get(f"/en/localization/tracks/new/?film={many_films['beyond'].pk}").content.decode()
    assert (
        f'<option value="{many_films["beyond"].pk}" selected lang="kk-Cyrl">Ескі фильм (1970)</option>'
        in page
    )
    response = _upload(client, many_films["beyond"].pk)
    assert response.status_code == 302
    track = SubtitleTrack.objects.latest("pk")
    assert track.film == many_films["beyond"]


@pytest.mark.parametrize("film_id", ["other", "999999", "abc", ""])
def test_a_film_the_editor_may_not_upload_for_is_a_form_error_not_another_film(world, many_films, film_id):
    other = Film.objects.create(owner=world["tr"], status=FilmStatus.PUBLISHED, year=2020)
    before = SubtitleTrack.objects.count()
    response = _upload(_client(world["users"]["kz_editor"]), other.pk if film_id == "other" else film_id)
    assert response.status_code == 200
    assert response.context["form"].errors["film"]
    assert SubtitleTrack.objects.count() == before


def test_nothing_is_chosen_silently_when_the_asked_film_is_unknown(world, many_films):
    page = (
        _client(world["users"]["kz_editor"]).get("/en/localization/tracks/new/?film=999999").content.decode()
    )
    select = page[
        page.index('<select name="film"') : page.index("</select>", page.index('<select name="film"'))
    ]
    assert select.count("<option") == 2 and '<option value="">—</option>' in select
    assert " selected" not in select  # the browser shows the blank first option: nothing is chosen for you


def test_a_cue_over_2000_characters_is_refused_with_its_number(world):
    long_cue = "1\n00:00:01,000 --> 00:00:02,000\nСәлем\n\n2\n00:00:03,000 --> 00:00:04,000\n" + "ә" * 2001
    with pytest.raises(ValidationError) as info:
        services.track_upload(
            actor=world["users"]["kz_editor"],
            film=world["film"],
            language="kk",
            data=(long_cue + "\n").encode(),
        )
    message = info.value.message_dict["file"][0]
    assert "2,000 characters" in message and message.endswith(": 2.")
    assert not SubtitleTrack.objects.filter(file_name="").exists()


def test_one_upload_limit_for_tracks_and_memory_imports(world, settings):
    settings.KORKYT_MAX_UPLOAD_MB = 1
    big = KK_SRT + b"\n" * (1024 * 1024)
    with pytest.raises(ValidationError) as info:
        services.track_upload(actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=big)
    assert info.value.message_dict["file"] == ["Files over 1 MB are refused."]
    with pytest.raises(ValidationError) as info:
        services.memory_import(actor=world["users"]["kz_editor"], data=b"<tmx>" + b" " * (1024 * 1024))
    assert info.value.message_dict["file"] == ["Files over 1 MB are refused."]
    # the same limit, raised, lets a file over the subtitle library's own 10 MB default through to the reader
    settings.KORKYT_MAX_UPLOAD_MB = 12
    padded = KK_SRT + b"\n" * (11 * 1024 * 1024)
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=padded
    )
    assert track.cues.count() == 4
    page = _client(world["users"]["kz_editor"]).get("/en/localization/tracks/new/").content.decode()
    assert "up to 12 MB" in page


PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
EXE_HEAD = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_picture_renamed_srt_is_refused_by_the_page_and_nothing_is_saved(world):
    before = SubtitleTrack.objects.count()
    response = _client(world["users"]["kz_editor"]).post(
        "/en/localization/tracks/new/",
        {
            "film": world["film"].pk,
            "language": "kk-Cyrl",
            "file": SimpleUploadedFile(
                "film.srt", PNG_HEAD + b"\x00" * 64, content_type="application/x-subrip"
            ),
        },
    )
    assert response.status_code == 200
    assert "it looks like binary data, not a subtitle file" in " ".join(
        response.context["form"].errors["file"]
    )
    assert SubtitleTrack.objects.count() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("film.vtt", EXE_HEAD, "it looks like binary data, not a subtitle file"),
        ("film.srt", PDF_HEAD, "The format of this file could not be recognised."),
    ],
)
def test_a_program_or_a_pdf_renamed_as_subtitles_is_refused_by_the_api(world, name, data, message):
    from korkyt.accounts.services import token_create

    before = SubtitleTrack.objects.count()
    secret = token_create(user=world["users"]["kz_editor"], name="t")[1]
    response = Client().post(
        "/api/localization/tracks",
        {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile(name, data, "text/vtt")},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "file" and message in error["message"]
    assert SubtitleTrack.objects.count() == before


@pytest.mark.parametrize("film_id", ["²", "١", "99999999999999999999", "0"])
def test_the_upload_page_reads_the_asked_film_in_ascii_digits_only(world, many_films, film_id):
    """ "²" passes str.isdigit but not int: the page shows the usual list, not a server error."""
    client = _client(world["users"]["kz_editor"])
    response = client.get("/en/localization/tracks/new/", {"film": film_id})
    assert response.status_code == 200
    assert 'name="film"' in response.content.decode()
    if film_id != "١":  # Django's form field reads Arabic-Indic digits as the number they are
        response = _upload(client, film_id)
        assert response.status_code == 200 and response.context["form"].errors["film"]


NAN_TTML = (
    b'<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
    b'ttp:frameRate="nan"><body><div><p begin="00:00:01:05" end="00:00:02">x</p></div></body></tt>'
)


def test_a_ttml_file_with_a_frame_rate_that_is_not_a_number_is_refused_by_the_api_and_the_page(world):
    from korkyt.accounts.services import token_create

    before = SubtitleTrack.objects.count()
    secret = token_create(user=world["users"]["kz_editor"], name="t")[1]
    response = Client().post(
        "/api/localization/tracks",
        {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile("a.ttml", NAN_TTML)},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (
        error["field"] == "file" and "ttp:frameRate 'nan' is not a finite positive number" in error["message"]
    )
    response = _client(world["users"]["kz_editor"]).post(
        "/en/localization/tracks/new/",
        {"film": world["film"].pk, "language": "kk-Cyrl", "file": SimpleUploadedFile("a.ttml", NAN_TTML)},
    )
    assert response.status_code == 200
    assert "ttp:frameRate" in " ".join(response.context["form"].errors["file"])
    assert SubtitleTrack.objects.count() == before
