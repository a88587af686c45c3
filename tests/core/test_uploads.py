"""Media files are written whole or not at all: a full disk, a failing upload or a killed process leaves no
half file under a real name and no record pointing to one."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile

from korkyt.core.uploads import AtomicFileSystemStorage, is_partial, sweep_partial_files


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def small_disk(tmp_path: Path, settings: Any) -> Iterator[Path]:
    """A 256 KB tmpfs as the media folder (needs root and mount; skipped elsewhere, see the next test)."""
    root = tmp_path / "media"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(root)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    settings.MEDIA_ROOT = str(root)
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=False)


@pytest.mark.django_db
def test_a_full_disk_saves_neither_the_document_nor_a_half_file(small_disk: Path) -> None:
    from korkyt.config.demo import SYSTEM
    from korkyt.institutions.models import Memorandum
    from korkyt.institutions.services import memorandum_attach_document
    from tests.factories import InstitutionFactory, memorandum

    memo = memorandum(InstitutionFactory(), InstitutionFactory())
    big = SimpleUploadedFile("signed.pdf", b"%PDF-1.7\n" + b"x" * 1024 * 1024, content_type="application/pdf")

    with pytest.raises(OSError) as raised:
        memorandum_attach_document(actor=SYSTEM, memorandum=memo, document=big)

    assert raised.value.errno == errno.ENOSPC
    assert Memorandum.objects.get(pk=memo.pk).document.name == ""
    assert files(small_disk) == []  # not even the partial file
    # The space is free again: a document that fits is saved whole.
    small = SimpleUploadedFile("signed.pdf", b"%PDF-1.7\n" + b"y" * 1000, content_type="application/pdf")
    memorandum_attach_document(actor=SYSTEM, memorandum=memo, document=small)
    saved = Memorandum.objects.get(pk=memo.pk).document
    assert files(small_disk) == [saved.name]
    assert (small_disk / saved.name).read_bytes() == small.open().read()


class FailingContent(File):  # type: ignore[type-arg]
    """Content whose second chunk cannot be written: the disk fills up in the middle of the file."""

    def __init__(self) -> None:
        super().__init__(None, name="delivery.srt")
        self.size = 3 * 64 * 1024

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield b"1" * 64 * 1024
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_failing_mid_way_leaves_no_file(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError, match="No space left"):
        storage.save("deliveries/7/delivery.srt", FailingContent())
    assert files(tmp_path) == []
    assert not storage.exists("deliveries/7/delivery.srt")


def test_two_saves_of_one_name_keep_both_files(tmp_path: Path) -> None:
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("memoranda/doc.pdf", ContentFile(b"%PDF-first"))
    second = storage.save("memoranda/doc.pdf", ContentFile(b"%PDF-second"))
    assert first == "memoranda/doc.pdf" and second != first
    assert storage.open(first).read() == b"%PDF-first"
    assert storage.open(second).read() == b"%PDF-second"
    assert oct(os.stat(tmp_path / first).st_mode & 0o777) == oct(0o644)


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    import django
    from django.conf import settings
    settings.configure(MEDIA_ROOT=sys.argv[1])
    django.setup()
    from django.core.files.base import File
    from korkyt.core.uploads import AtomicFileSystemStorage

    class Slow(File):
        def __init__(self):
            super().__init__(None, name="track.srt")
        def chunks(self, chunk_size=None):
            yield b"a" * 4096
            print("half written", flush=True)
            time.sleep(60)
            yield b"b" * 4096

    AtomicFileSystemStorage(location=sys.argv[1]).save("tracks/track.srt", Slow())
    """
)


def test_a_killed_process_leaves_only_a_partial_file_that_is_swept(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)], stdout=subprocess.PIPE, env=env
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"half written\n"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()

    left = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(left) == 1 and is_partial(left[0])  # nothing under the real name
    assert not (tmp_path / "tracks" / "track.srt").exists()
    import datetime as dt

    assert sweep_partial_files(older_than=dt.timedelta(hours=1)) == 0  # a save may still be writing it
    assert sweep_partial_files(older_than=dt.timedelta(0)) == 1
    assert files(tmp_path) == []


@pytest.mark.parametrize(("language", "shown"), [("ru", "23,8"), ("en", "23.8"), ("tr", "23,8")])
def test_a_file_too_large_is_measured_as_the_language_writes_numbers(
    language: str, shown: str, settings: Any
) -> None:
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from korkyt.core.forms import validate_pdf_upload
    from korkyt.core.images.files import ImageError, read_upload

    settings.KORKYT_MAX_UPLOAD_MB = 20
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4")
    upload.size = int(23.8 * 1024 * 1024)
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            validate_pdf_upload(upload)
        with pytest.raises(ImageError) as image_refused:
            read_upload(upload)
    for message in (refused.value.messages[0], str(image_refused.value)):
        assert f"{shown} " in message and "20" in message, message
