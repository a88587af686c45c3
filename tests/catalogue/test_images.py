"""Posters and stills: checked by content, EXIF removed, thumbnails cached, broken images never a 500."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from korkyt.accounts.services import token_create
from korkyt.catalogue import images
from korkyt.config.demo import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film

pytestmark = pytest.mark.django_db


def _jpeg(width: int = 600, height: int = 900, exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), (200, 40, 40))
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x0112] = 6  # orientation: rotate 90°
        image.save(out, "JPEG", exif=data.tobytes())
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def _upload(data: bytes, name: str = "poster.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture
def kz_film():
    return film(InstitutionFactory(code="KZ-A", country="KZ"), ("Келін", "kk"), ("Kelin", "en"))


def test_upload_strips_exif_and_turns_upright(kz_film):
    row = images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(_jpeg(exif=True)))
    # orientation 6: the stored image is turned to 900 × 600, and no EXIF remains
    assert (row.width, row.height) == (900, 600)
    with row.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.size == (900, 600)
        assert not stored.getexif()
        assert b"SecretCam" not in row.file.open("rb").read()


def test_thumbnail_is_made_once_with_its_size(kz_film):
    row = images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(_jpeg()))
    thumb = images.thumbnail(row, "card")
    assert thumb is not None and (thumb.width, thumb.height) == (240, 360)
    path = Path(settings.MEDIA_ROOT) / "thumbs" / thumb.url.rsplit("/", 1)[1]
    assert Image.open(path).size == (240, 360)
    before = path.stat().st_mtime_ns
    path.write_bytes(path.read_bytes())  # touch: a second call must not write again
    marker = path.stat().st_mtime_ns
    assert images.thumbnail(row, "card") == thumb
    assert path.stat().st_mtime_ns == marker
    assert before <= marker
    # a small source is never enlarged
    assert images.thumb_size(100, 150, "page") == (100, 150)


@pytest.mark.parametrize(
    ("data", "code_text"),
    [
        (b"this is not an image at all", "not an image"),
        (_jpeg()[:200], "damaged"),
        (b"GIF89a" + b"\x00" * 50, "not an image"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error(kz_film, data, code_text):
    with pytest.raises(ValidationError) as info:
        images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(data))
    assert "file" in info.value.message_dict
    assert code_text in info.value.message_dict["file"][0]
    assert not kz_film.images.exists()


def test_huge_image_is_refused_before_decoding(kz_film, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    with pytest.raises(ValidationError) as info:
        images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(_jpeg(100, 100)))
    assert "100 × 100 pixels" in info.value.message_dict["file"][0]


def test_gif_format_is_named(kz_film):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError) as info:
        images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(out.getvalue(), "x.jpg"))
    assert "GIF" in info.value.message_dict["file"][0]


def test_only_editors_of_the_film_add_images(kz_film):
    stranger = MembershipFactory(institution=InstitutionFactory(code="AZ-B", country="AZ")).user
    with pytest.raises(PermissionDenied):
        images.film_image_add(actor=stranger, film=kz_film, upload=_upload(_jpeg()))


def test_broken_source_falls_back_to_the_title_card(kz_film, client: Client):
    row = images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(_jpeg()))
    with open(row.file.path, "wb") as fh:
        fh.write(b"\xff\xd8 broken on disk")
    html = client.get(f"/en/films/{kz_film.pk}/").content.decode()
    assert "title-card" in html
    assert '<span class="title-card-text" lang="kk-Cyrl">Келін</span>' in html
    assert client.get("/en/films/").status_code == 200


def test_pages_show_the_thumbnail_with_size_and_alt(kz_film, client: Client):
    images.film_image_add(actor=SYSTEM, film=kz_film, upload=_upload(_jpeg()))
    html = client.get(f"/en/films/{kz_film.pk}/").content.decode()
    tag = re.search(r'<img class="poster poster-page"[^>]*>', html)
    assert tag, html
    assert 'width="400" height="600"' in tag.group(0)
    assert 'alt="Poster of “Kelin”"' in tag.group(0)
    url = re.search(r'src="([^"]+)"', tag.group(0)).group(1)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    listing = client.get("/en/films/").content.decode()
    assert re.search(r'<img class="poster poster-card"[^>]*width="240" height="360"', listing)
    # alt text follows the interface language
    assert "Poster of" not in client.get(f"/ru/films/{kz_film.pk}/").content.decode()


def test_thumbnail_urls_outside_the_cache_answer_404(client: Client):
    assert client.get("/media/thumbs/..%2Fsecret.jpg").status_code == 404
    assert client.get("/media/thumbs/" + "a" * 64 + "-card.jpg").status_code == 404


def test_api_upload_and_delete(kz_film, client: Client):
    kz = kz_film.owner
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    token = token_create(user=editor, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    bad = client.post(f"/api/films/{kz_film.pk}/images", {"file": _upload(b"junk")}, **auth)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "file"
    ok = client.post(f"/api/films/{kz_film.pk}/images", {"file": _upload(_jpeg()), "kind": "still"}, **auth)
    assert ok.status_code == 201, ok.content
    body = ok.json()
    assert body["kind"] == "still" and set(body["thumbnails"]) == {"card", "page", "share"}
    assert client.post(f"/api/films/{kz_film.pk}/images", {"file": _upload(_jpeg())}).status_code == 401
    gone = client.delete(f"/api/films/{kz_film.pk}/images/{body['id']}", **auth)
    assert gone.status_code == 204
    assert not kz_film.images.exists()
