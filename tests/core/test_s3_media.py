"""Media on an S3-protocol object store (django-storages), against a local S3 server this test starts
(moto's server mode on a loopback port): configured by the KORKYT_MEDIA_S3_* variables only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import Client, override_settings

from korkyt.accounts.services import token_create
from korkyt.config import env
from korkyt.core import health
from tests.core.test_images import _jpeg, _upload
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film

boto3 = pytest.importorskip("boto3")
pytest.importorskip("storages")
pytest.importorskip("moto.server")

BUCKET = "korkyt-media"
KEYS = {"KORKYT_MEDIA_S3_ACCESS_KEY": "testing", "KORKYT_MEDIA_S3_SECRET_KEY": "testing-secret"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("the local S3 server did not start")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture
def s3_media(s3_server, monkeypatch):
    """The settings' media storage as KORKYT_MEDIA_S3_* make it, on a fresh bucket."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing-secret",
    )
    for bucket in client.list_buckets()["Buckets"]:
        for item in client.list_objects_v2(Bucket=bucket["Name"]).get("Contents", []):
            client.delete_object(Bucket=bucket["Name"], Key=item["Key"])
        client.delete_bucket(Bucket=bucket["Name"])
    client.create_bucket(Bucket=BUCKET)
    variables = {
        "KORKYT_MEDIA_S3_BUCKET": BUCKET,
        "KORKYT_MEDIA_S3_ENDPOINT": s3_server,
        "KORKYT_MEDIA_S3_REGION": "us-east-1",
        "KORKYT_MEDIA_S3_PREFIX": "site1/",
        "KORKYT_MEDIA_S3_ADDRESSING": "path",
        **KEYS,
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    from django.conf import settings
    from django.utils.functional import empty
    from sorl.thumbnail import default as sorl
    from sorl.thumbnail.images import get_or_create_storage

    def forget_storage() -> (
        None
    ):  # sorl-thumbnail keeps its storage instances for the process: take the bucket's
        sorl.storage._wrapped = empty
        get_or_create_storage.cache_clear()

    configured = {**settings.STORAGES, "default": env.media_storage()}
    forget_storage()
    try:
        with override_settings(STORAGES=configured):
            yield client
    finally:
        forget_storage()


def _keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_storage_round_trip_in_the_bucket(s3_media):
    assert type(storages["default"]).__name__ == "S3Storage"
    name = default_storage.save("documents/memo.pdf", ContentFile(b"%PDF-1.4 first"))
    again = default_storage.save("documents/memo.pdf", ContentFile(b"%PDF-1.4 second"))
    assert name == "documents/memo.pdf" and again != name  # never overwritten, as on disk
    assert _keys(s3_media) == sorted([f"site1/{name}", f"site1/{again}"])
    with default_storage.open(name) as fh:
        assert fh.read() == b"%PDF-1.4 first"
    url = default_storage.url(name)
    assert "X-Amz-Signature=" in url or "Signature=" in url  # signed, expiring
    default_storage.delete(again)
    assert _keys(s3_media) == [f"site1/{name}"]
    health.check_media()  # /readyz's media check asks the bucket


@pytest.mark.django_db
def test_an_uploaded_poster_and_its_thumbnails_live_in_the_bucket(
    s3_media, tmp_path, django_capture_on_commit_callbacks
):
    kz_film = film(InstitutionFactory(code="KZ-S3", country="KZ"), ("Келін", "kk"), ("Kelin", "en"))
    editor = MembershipFactory(user=UserFactory(username="ed-s3"), institution=kz_film.owner).user
    token = token_create(user=editor, name="t")[1]
    client = Client()
    with override_settings(MEDIA_ROOT=tmp_path):  # nothing may land on the local disk
        created = client.post(
            f"/api/films/{kz_film.pk}/images",
            {"file": _upload(_jpeg()), "kind": "poster"},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert created.status_code == 201, created.content
        row = kz_film.images.get()
        stored = s3_media.get_object(Bucket=BUCKET, Key=f"site1/{row.file.name}")["Body"].read()
        assert stored.startswith(b"\xff\xd8")  # the JPEG, re-saved without metadata
        # the four thumbnails (made for the API's answer) are in the bucket under thumbs/, at the addresses given
        thumbs = created.json()["thumbnails"]
        assert sorted(_keys(s3_media)) == sorted(
            [f"site1/{row.file.name}"] + [f"site1/{url.removeprefix('/media/')}" for url in thumbs.values()]
        )
        assert all(url.startswith("/media/thumbs/") for url in thumbs.values())
        assert not list(Path(tmp_path).rglob("*.*"))  # nothing of it on the local disk
        page = client.get(f"/en/films/{kz_film.pk}/")
        assert page.status_code == 200
        shown = [url for url in thumbs.values() if url in page.content.decode()]
        assert shown, "the film page shows none of the poster's thumbnails"
        served = client.get(thumbs["card"])  # Django serves it from the bucket
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        body = b"".join(served.streaming_content)
        assert body == s3_media.get_object(Bucket=BUCKET, Key="site1/" + thumbs["card"][7:])["Body"].read()
        with django_capture_on_commit_callbacks(execute=True):
            deleted = client.delete(
                f"/api/films/{kz_film.pk}/images/{row.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
            )
        assert deleted.status_code == 204
        assert _keys(s3_media) == []  # the poster and its thumbnails are gone from the bucket


def test_configuration_errors_are_clear(monkeypatch):
    monkeypatch.delenv("KORKYT_MEDIA_S3_BUCKET", raising=False)
    assert env.media_storage() == {"BACKEND": "korkyt.core.uploads.AtomicFileSystemStorage"}
    monkeypatch.setenv("KORKYT_MEDIA_S3_BUCKET", "b")
    monkeypatch.setenv("KORKYT_MEDIA_S3_ACCESS_KEY", "only-one")
    monkeypatch.delenv("KORKYT_MEDIA_S3_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="both"):
        env.media_storage()
    monkeypatch.delenv("KORKYT_MEDIA_S3_ACCESS_KEY")
    monkeypatch.setenv("KORKYT_MEDIA_S3_ADDRESSING", "sideways")
    with pytest.raises(ImproperlyConfigured, match="auto, path or virtual"):
        env.media_storage()
