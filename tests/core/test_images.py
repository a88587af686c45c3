"""Images of films, people and institutions (korkyt.core.images): checked by content, EXIF removed,
thumbnails cached, alt text per language, broken images never a 500."""

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
from korkyt.config.demo import SYSTEM
from korkyt.core.images import files as images
from korkyt.core.images.services import image_add, image_alt_set
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person

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
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg(exif=True)))
    # orientation 6: the stored image is turned to 900 × 600, and no EXIF remains
    assert (row.width, row.height) == (900, 600)
    with row.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.size == (900, 600)
        assert not stored.getexif()
        assert b"SecretCam" not in row.file.open("rb").read()


THUMB_URL = re.compile(r"^/media/thumbs/([0-9a-f]{2})/([0-9a-f]{2})/\1\2[0-9a-f]{28}\.jpg$")


def _thumb_file(url: str) -> Path:
    assert THUMB_URL.match(url), url
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def test_thumbnail_is_made_once_with_its_size(kz_film, monkeypatch):
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    thumb = images.thumbnail(row, "card")
    assert thumb is not None and (thumb.width, thumb.height) == (240, 360)
    path = _thumb_file(thumb.url)  # sorl-thumbnail's thumbs/xx/yy/<hash>.jpg on the media storage
    made = Image.open(path)
    assert made.size == (240, 360) and made.format == "JPEG" and made.info.get("progressive")
    # every size fits its box, keeps the proportions, and the stored size says so without opening a file
    for size, (box_w, box_h) in images.SIZES.items():
        other = images.thumbnail(row, size)
        assert other is not None and Image.open(_thumb_file(other.url)).size == (other.width, other.height)
        assert other.width <= box_w and other.height <= box_h
    assert images.thumbnail(row, "share").width == 600  # 600 × 900: never enlarged to 800 × 1200
    # a second call neither writes nor opens the source: sorl's key-value store remembers the thumbnail
    marker = path.stat().st_mtime_ns
    monkeypatch.setattr(type(row.file), "open", lambda *a, **k: pytest.fail("the source was opened"))
    assert images.thumbnail(row, "card") == thumb
    assert path.stat().st_mtime_ns == marker
    # a small source is never enlarged
    assert images.thumb_size(100, 150, "page") == (100, 150)


def test_deleting_an_image_removes_its_thumbnails(kz_film, django_capture_on_commit_callbacks):
    from korkyt.core.images.services import image_delete

    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg(500, 700)))
    paths = [_thumb_file(images.thumbnail(row, size).url) for size in images.SIZES]
    assert all(path.is_file() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(actor=SYSTEM, image=row)
    assert not any(path.exists() for path in paths)


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
        image_add(actor=SYSTEM, owner=kz_film, upload=_upload(data))
    assert "file" in info.value.message_dict
    assert code_text in info.value.message_dict["file"][0]
    assert not kz_film.images.exists()


def test_huge_image_is_refused_before_decoding(kz_film, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    with pytest.raises(ValidationError) as info:
        image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg(100, 100)))
    assert "100 × 100 pixels" in info.value.message_dict["file"][0]


def test_an_image_past_the_decoders_own_limit_is_refused_as_too_large(kz_film, monkeypatch):
    """A 30000 × 30000 PNG (2.6 MB) passes the decoder's own bomb limit, which stops it before our count
    of its pixels: it was refused as "not an image that can be read"."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 100 × 100 is more than twice as many
    with pytest.raises(ValidationError) as info:
        image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg(100, 100)))
    message = info.value.message_dict["file"][0]
    assert "not an image" not in message
    assert "at most 40 million pixels" in message
    assert not kz_film.images.exists()


def test_gif_format_is_named(kz_film):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError) as info:
        image_add(actor=SYSTEM, owner=kz_film, upload=_upload(out.getvalue(), "x.jpg"))
    assert "GIF" in info.value.message_dict["file"][0]


def test_only_editors_of_the_film_add_images(kz_film):
    stranger = MembershipFactory(institution=InstitutionFactory(code="AZ-B", country="AZ")).user
    with pytest.raises(PermissionDenied):
        image_add(actor=stranger, owner=kz_film, upload=_upload(_jpeg()))


def test_broken_source_falls_back_to_the_title_card(kz_film, client: Client, recwarn):
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    with open(row.file.path, "wb") as fh:
        fh.write(b"\xff\xd8 broken on disk")
    html = client.get(f"/en/films/{kz_film.pk}/").content.decode()
    assert "title-card" in html
    assert '<span class="title-card-text" lang="kk-Cyrl">Келін</span>' in html
    assert client.get("/en/films/").status_code == 200
    assert not _future_warnings(recwarn)


def _future_warnings(recwarn: pytest.WarningsRecorder) -> list[str]:
    """The FutureWarnings given (a library's default about to change: sorl-thumbnail's ``raise_errors``).
    Recorded, not turned into errors: ``thumbnail`` catches every error of a broken source."""
    return [str(w.message) for w in recwarn if issubclass(w.category, FutureWarning)]


def test_an_unreadable_source_makes_no_thumbnail_and_logs_why(kz_film, caplog, recwarn):
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    with open(row.file.path, "wb") as fh:
        fh.write(b"\xff\xd8 broken on disk")
    with caplog.at_level("WARNING", logger=images.log.name):
        assert images.thumbnail(row, "card") is None
    assert any(f"no thumbnail for image {row.pk}" in r.getMessage() for r in caplog.records)
    assert not _future_warnings(recwarn)


def test_pages_show_the_thumbnail_with_size_and_alt(kz_film, client: Client):
    image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    html = client.get(f"/en/films/{kz_film.pk}/").content.decode()
    tag = re.search(r'<img class="picture picture-page poster"[^>]*>', html)
    assert tag, html
    assert 'width="400" height="600"' in tag.group(0)
    assert 'alt="Poster of “Kelin”"' in tag.group(0)
    url = re.search(r'src="([^"]+)"', tag.group(0)).group(1)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (400, 600)
    listing = client.get("/en/films/").content.decode()
    assert re.search(r'<img class="picture picture-card poster"[^>]*width="240" height="360"', listing)
    # alt text follows the interface language
    assert "Poster of" not in client.get(f"/ru/films/{kz_film.pk}/").content.decode()


def test_thumbnail_urls_outside_the_cache_answer_404(client: Client):
    secret = Path(settings.MEDIA_ROOT) / "secret.jpg"
    secret.write_bytes(_jpeg(10, 10))
    assert client.get("/media/thumbs/..%2Fsecret.jpg").status_code == 404
    assert client.get("/media/thumbs/../secret.jpg").status_code == 404
    assert client.get("/media/thumbs/ab/cd/abcd" + "0" * 28 + ".jpg").status_code == 404  # not made
    assert client.get("/media/thumbs/ab/cd/" + "0" * 32 + ".jpg").status_code == 404  # not sorl's layout
    assert client.get("/media/secret.jpg").status_code == 404


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
    assert body["kind"] == "still" and set(body["thumbnails"]) == {"small", "card", "page", "share"}
    assert client.post(f"/api/films/{kz_film.pk}/images", {"file": _upload(_jpeg())}).status_code == 401
    gone = client.delete(f"/api/films/{kz_film.pk}/images/{body['id']}", **auth)
    assert gone.status_code == 204
    assert not kz_film.images.exists()


def _png(width: int = 300, height: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 120, 110, 255)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def kz_editor(kz_film):
    return MembershipFactory(user=UserFactory(username="kz-ed"), institution=kz_film.owner).user


def test_alt_text_is_kept_per_language_and_shown_with_its_lang(kz_film, client: Client):
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()), language="kk", alt="Келін, афиша")
    image_alt_set(actor=SYSTEM, image=row, language="tr", text="Kelin filminin afişi")
    turkish = client.get(f"/tr/films/{kz_film.pk}/").content.decode()
    tag = re.search(r'<img class="picture picture-page poster"[^>]*>', turkish).group(0)
    assert 'alt="Kelin filminin afişi"' in tag and 'lang="tr"' in tag
    # Kyrgyz has none: the fallback chain (English, then the original) gives the Kazakh text, marked as such
    kyrgyz = client.get(f"/ky/films/{kz_film.pk}/").content.decode()
    tag = re.search(r'<img class="picture picture-page poster"[^>]*>', kyrgyz).group(0)
    assert 'alt="Келін, афиша"' in tag and 'lang="kk-Cyrl"' in tag
    # an empty text removes that language's description
    image_alt_set(actor=SYSTEM, image=row, language="tr", text="  ")
    assert sorted(row.alts.values_list("language", flat=True)) == ["kk-Cyrl"]


def test_alt_text_errors_name_the_field(kz_film):
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    with pytest.raises(ValidationError) as info:
        image_alt_set(actor=SYSTEM, image=row, language="xx", text="a")
    assert "language" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        image_alt_set(actor=SYSTEM, image=row, language="en", text="a" * 301)
    assert "alt" in info.value.message_dict


def test_kind_must_suit_the_record(kz_film):
    with pytest.raises(ValidationError) as info:
        image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()), kind="logo")
    assert "kind" in info.value.message_dict
    assert not kz_film.images.exists()


def test_thumbnails_offer_a_double_density_source(kz_film, client: Client):
    image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg(1200, 1800)))
    listing = client.get("/en/films/").content.decode()
    tag = re.search(r'<img class="picture picture-card poster"[^>]*>', listing).group(0)
    found = re.search(r'srcset="(/media/thumbs/[0-9a-f/]+\.jpg) 1x, (/media/thumbs/[0-9a-f/]+\.jpg) 2x"', tag)
    assert found, tag
    assert Image.open(_thumb_file(found.group(1))).size == (240, 360)
    assert Image.open(_thumb_file(found.group(2))).size == (400, 600)


def test_editor_adds_a_portrait_on_the_web_and_credits_show_it(kz_film, kz_editor, client: Client):
    from korkyt.catalogue.services import credit_create

    director = person(("Ермек Тұрсынов", "kk"), ("Ermek Tursunov", "en"), owner=kz_film.owner)
    credit_create(actor=SYSTEM, film=kz_film, role="director", person=director)
    client.force_login(kz_editor)
    url = f"/en/staff/people/{director.pk}/images/"
    page = client.get(url)
    assert page.status_code == 200 and "Add an image" in page.content.decode()
    bad = client.post(
        url, {"action": "upload", "file": _upload(b"junk"), "kind": "portrait", "language": "en"}
    )
    assert bad.status_code == 400 and "not an image" in bad.content.decode()
    done = client.post(
        url,
        {
            "action": "upload",
            "file": _upload(_jpeg(400, 400)),
            "kind": "portrait",
            "language": "en",
            "alt": "Ermek",
        },
    )
    assert done.status_code == 302
    row = director.images.get()
    assert row.kind == "portrait" and row.alts.get().text == "Ermek"
    client.post(url, {"action": "alt", "image": row.pk, "language": "ru", "text": "Ермек Турсунов"})
    assert row.alts.get(language="ru").text == "Ермек Турсунов"
    person_page = client.get(f"/ru/people/{director.pk}/").content.decode()
    assert re.search(r'<img class="picture picture-page"[^>]*alt="Ермек Турсунов" lang="ru"', person_page)
    film_page = client.get(f"/en/films/{kz_film.pk}/").content.decode()
    face = re.search(r'<span class="credit-face"><img class="picture picture-small"[^>]*>', film_page)
    assert face and 'alt=""' in face.group(0)  # the name follows: a screen reader says it once
    client.post(url, {"action": "delete", "image": row.pk})
    assert not director.images.exists()


def test_image_pages_are_for_the_records_editors_only(kz_film, client: Client):
    url = f"/en/staff/films/{kz_film.pk}/images/"
    assert client.get(url).status_code == 302  # to sign in
    az = InstitutionFactory(code="AZ-C", country="AZ")
    stranger = MembershipFactory(institution=az).user
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "upload", "file": _upload(_jpeg())}).status_code == 403
    assert not kz_film.images.exists()
    hidden = InstitutionFactory(code="KZ-PRIV", country="KZ", is_public=False)
    assert client.get(f"/en/staff/institutions/{hidden.code}/images/").status_code == 404
    # an image of another record cannot be removed through this one's page
    other = film(az, ("Nabat", "az"))
    theirs = image_add(actor=SYSTEM, owner=other, upload=_upload(_jpeg()))
    client.force_login(MembershipFactory(institution=kz_film.owner).user)
    assert client.post(url, {"action": "delete", "image": theirs.pk}).status_code == 404
    assert other.images.count() == 1


@pytest.mark.parametrize("bad", ["abc", "", "1.5", "-1", "0", "²", "99999999999999999999"])
def test_an_image_named_by_something_that_is_no_id_is_not_found(kz_film, bad, client: Client):
    """The image a form names is read as an id (core.http.id_from): anything else is a 404, as an
    unknown image is, never a server error; nothing changes."""
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    client.force_login(MembershipFactory(institution=kz_film.owner).user)
    url = f"/en/staff/films/{kz_film.pk}/images/"
    for action in ({"action": "alt", "language": "en", "text": "Kelin"}, {"action": "delete"}):
        assert client.post(url, {**action, "image": bad}).status_code == 404, action
    assert kz_film.images.get() == row and not row.alts.exists()


def test_institution_logo_on_its_page_and_through_the_api(kz_film, kz_editor, client: Client):
    kz = kz_film.owner
    token = token_create(user=kz_editor, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    made = client.post(
        f"/api/institutions/{kz.code}/images",
        {"file": _upload(_png(), "logo.png"), "alt": "KZ", "language": "en"},
        **auth,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["kind"] == "logo" and body["alt"] == {"en": "KZ"}
    put = client.put(
        f"/api/institutions/{kz.code}/images/{body['id']}/alt",
        {"language": "kk", "text": "ҚР логотипі"},
        content_type="application/json",
        **auth,
    )
    assert put.status_code == 200 and put.json()["alt"] == {"en": "KZ", "kk-Cyrl": "ҚР логотипі"}
    page = client.get(f"/kk/institutions/{kz.code}/").content.decode()
    assert re.search(
        r'<div class="logo"><img class="picture picture-card"[^>]*alt="ҚР логотипі" lang="kk-Cyrl"', page
    )
    assert client.get("/en/institutions/").status_code == 200
    wrong = client.post(
        f"/api/institutions/{kz.code}/images", {"file": _upload(_jpeg()), "kind": "poster"}, **auth
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "kind"


def test_people_images_through_the_api(kz_film, kz_editor, client: Client):
    someone = person(("Айсұлу", "kk"), owner=kz_film.owner)
    token = token_create(user=kz_editor, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    made = client.post(f"/api/people/{someone.pk}/images", {"file": _upload(_jpeg())}, **auth)
    assert made.status_code == 201 and made.json()["kind"] == "portrait"
    assert [i["id"] for i in client.get(f"/api/people/{someone.pk}/images").json()] == [made.json()["id"]]


def test_demo_data_ships_no_images():
    from korkyt.config.demo import load
    from korkyt.core.models import Image as ImageRow

    load()
    assert ImageRow.objects.count() == 0


def test_api_image_input_errors_name_their_field(kz_film, kz_editor, client: Client):
    token = token_create(user=kz_editor, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    missing = client.post(f"/api/films/{kz_film.pk}/images", {"kind": "poster"}, **auth)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    row = image_add(actor=SYSTEM, owner=kz_film, upload=_upload(_jpeg()))
    url = f"/api/films/{kz_film.pk}/images/{row.pk}/alt"
    typo = client.put(url, {"language": "en", "txet": "x"}, content_type="application/json", **auth)
    assert typo.status_code == 422 and "txet" in typo.content.decode()
    listed = client.put(url, [], content_type="application/json", **auth)
    assert listed.status_code == 422
    assert not row.alts.exists()
